"""/project join|find-team|cancel|team|leave and the accept button: teams found consent-first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.projects import texts
from bot.features.projects.commands import OPEN_OR_PAUSED, PROJECT, WAITING
from bot.features.projects.market import MARKET
from bot.features.projects.model import (
    SCOPE_STEPS,
    Project,
    ProjectStatus,
)
from bot.features.projects.progress import (
    label,
    milestone_lines,
    mine,
    must_be,
    named,
    team_ids,
)
from bot.features.proposals import (
    accept_question,
    match_soon,
    pending_question,
    withdraw_request,
)
from bot.features.proposals.direct import ask_named
from bot.options import Integer, Text, Topics
from bot.outbox import queue, queue_dm
from bot.ports import PrivateSpace, UnitOfWork
from bot.replies import Reply, mention
from bot.texts import counted

commands = Catalogue()
commands.group("project", help=texts.GROUP_HELP)


# --- teams ----------------------------------------------------------------------------------------


@commands.command(
    "project list",
    help="Open projects looking for teammates",
    options=(Topics("topic", "Only projects about these topics"),),
)
async def list_projects(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    wanted = set(args["topic"] or ())
    projects = [p for p in await uow.projects.offers(ctx.community_id) if not p.private]
    if wanted:
        projects = [p for p in projects if wanted & set(p.topics + p.looking_for)]
    free = await uow.projects.free_places([p.id for p in projects])
    projects = [p for p in projects if free.get(p.id, 0) > 0]
    if not projects:
        where = f" about {', '.join(sorted(wanted))}" if wanted else ""
        return Reply(text=texts.LIST_EMPTY.format(topic=where), private=True)
    lines = [
        texts.LIST_LINE.format(
            title=label(p),
            size=p.size,
            owner=mention(p.owner_id),
            places=counted(free[p.id], "free place"),
            looking=", ".join(p.looking_for or p.topics) or texts.ANY_SKILLS,
        )
        for p in projects[:25]
    ]
    lines.append(texts.LIST_HINT.format(title=projects[0].title))
    return Reply(title=texts.LIST_TITLE, text="\n".join(lines), private=True)


async def _brings(ctx: Context, uow: UnitOfWork, given: Sequence[str] | None) -> tuple[str, ...]:
    if given:
        return tuple(given)
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    return tuple(profile.topics_known) if profile else ()


@commands.command(
    "project join",
    help="Ask a project's lead whether you can join the team",
    options=(
        Text("project", "The project's title or #number", required=True, max_length=80),
        Text("note", "A note for its lead: why you'd like to join", max_length=500),
    ),
)
async def join(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await named(ctx, uow, args["project"])
    me, title = ctx.actor.id, project.title
    if project.owner_id == me:
        raise UserError(texts.JOIN_OWN.format(title=title))
    if me in await team_ids(uow, project):
        raise UserError(texts.JOIN_ALREADY.format(title=title))
    must_be(project, ProjectStatus.OPEN)
    if not project.active:
        raise UserError(texts.JOIN_NOT_TAKING.format(title=title))
    if any(r.member_id == me for r in await uow.projects.requests_for(project.id, WAITING)):
        raise UserError(texts.JOIN_PENDING.format(title=title))
    if (await uow.projects.free_places([project.id])).get(project.id, 0) <= 0:
        raise UserError(texts.JOIN_FULL.format(title=title))
    request = await uow.projects.add_request(
        ctx.community_id,
        me,
        args["note"] or texts.NO_NOTE,
        await _brings(ctx, uow, None),
        project.id,
        ctx.now,
    )
    await ask_named(MARKET, uow, request, project.owner_id, ctx.settings, ctx.now)
    return Reply(
        text=texts.JOIN_ASKED.format(owner=mention(project.owner_id), title=title), private=True
    )


@commands.command(
    "project find-team",
    help="Be suggested to teams that need what you know",
    options=(
        Topics("topics", "What you'd bring (default: the topics you know, from your profile)"),
        Text("note", "A note for the teams' leads", max_length=500),
    ),
)
async def find_team(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    for request in await uow.projects.requests(ctx.community_id, WAITING, member_id=me):
        if request.project_id is None:
            raise UserError(texts.FIND_ALREADY.format(topics=", ".join(request.topics)))
    topics = await _brings(ctx, uow, args["topics"])
    if not topics:
        raise UserError(texts.FIND_NEED_TOPICS)
    request = await uow.projects.add_request(
        ctx.community_id, me, args["note"] or texts.NO_NOTE, topics, None, ctx.now
    )
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, request)
    return Reply(text=texts.FIND_SAVED.format(topics=", ".join(topics)), private=True)


@commands.command("project cancel", help="Stop asking to join teams")
async def cancel(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    waiting = await uow.projects.requests(ctx.community_id, WAITING, member_id=ctx.actor.id)
    if not waiting:
        raise UserError(texts.NOTHING_TO_CANCEL)
    for request in waiting:
        await withdraw_request(MARKET, uow, request, ctx.now)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.CANCELLED, private=True)


@commands.command(
    "project team",
    help="Change how many teammates your project takes, and the skills it looks for",
    options=(
        PROJECT,
        Integer("capacity", "Teammates besides you (0-6)", min_value=0, max_value=6),
        Topics("looking_for", "Skills you'd like teammates to bring"),
    ),
)
async def team(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await mine(ctx, uow, args["project"], lead_only=True)
    capacity = project.capacity if args["capacity"] is None else args["capacity"]
    looking = tuple(args["looking_for"]) if args["looking_for"] else project.looking_for
    changed = replace(
        project,
        capacity=capacity,
        looking_for=looking,
        active=capacity > 0,
        expired_in_a_row=0,
        confirmed_at=ctx.now,
        updated_at=ctx.now,
    )
    await uow.projects.save_project(changed)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    text = texts.TAKING_TEAMMATES.format(capacity=capacity) if capacity else texts.SOLO
    return Reply(text=text, private=True)


@commands.action("team-accept")
async def accept(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    question = await pending_question(MARKET, ctx, uow, payload)
    await accept_question(MARKET, uow, question, ctx.now)
    project = await uow.projects.project(question.project_id)
    assert project is not None
    await uow.projects.add_teammate(ctx.community_id, project.id, question.joiner_id, ctx.now)
    await uow.projects.save_project(replace(project, updated_at=ctx.now))
    await open_team_space(uow, project, ctx.now)
    await queue_dm(
        uow,
        ctx.community_id,
        question.joiner_id,
        f"team-joined:{question.id}",
        Reply(text=texts.JOINED.format(title=project.title)),
        ctx.now,
    )
    return Reply(text=texts.ACCEPTED.format(joiner=mention(question.joiner_id)), private=True)


async def open_team_space(uow: UnitOfWork, project: Project, now: datetime) -> None:
    """A private space for the whole team as it is now, with the plan and milestones."""
    team = await team_ids(uow, project)
    answers = "\n".join(
        f"**{step.label}**: {project.scope[step.name]}"
        for step in SCOPE_STEPS
        if project.scope.get(step.name) and step.name != "milestones"
    )
    milestones = await uow.projects.milestones(project.id)
    if milestones:
        answers += f"\n**{texts.SHOW_MILESTONES}**:\n{milestone_lines(milestones)}"
    plan = texts.SPACE_PLAN.format(answers=answers) if answers else texts.SPACE_NO_PLAN
    reply = Reply(
        text=texts.SPACE_TEXT.format(
            team=", ".join(mention(m) for m in team),
            title=project.title,
            problem=project.problem,
            plan=plan,
        )
    )
    await queue(
        uow,
        project.community_id,
        f"team-space:{project.id}:{len(team)}:{now.isoformat()}",
        PrivateSpace(tuple(team), texts.SPACE_TITLE.format(title=project.title)),
        reply,
        now,
    )


@commands.command("project leave", help="Leave a project team you're on", options=(PROJECT,))
async def leave(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await mine(ctx, uow, args["project"], OPEN_OR_PAUSED)
    if project.owner_id == ctx.actor.id:
        raise UserError(texts.OWNER_CANT_LEAVE.format(title=project.title))
    await uow.projects.remove_teammate(project.id, ctx.actor.id)
    await uow.projects.save_project(replace(project, updated_at=ctx.now))
    for member_id in await team_ids(uow, project):
        key = f"team-left:{project.id}:{ctx.actor.id}:{ctx.now.isoformat()}:{member_id}"
        note = Reply(text=texts.TEAMMATE_LEFT.format(title=project.title))
        await queue_dm(uow, ctx.community_id, member_id, key, note, ctx.now)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.LEFT_TEAM.format(title=project.title), private=True)
