"""/project idea|scope|show|list|join|find-team|cancel|team|milestone|ship|pause|resume|abandon|
leave, /portfolio, and the admins' overview."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.features.projects import texts
from bot.features.projects.market import MARKET
from bot.features.projects.model import (
    SCOPE_STEPS,
    Project,
    ProjectSize,
    ProjectStatus,
)
from bot.features.projects.progress import (
    label,
    milestone_lines,
    mine,
    must_be,
    named,
    team_ids,
    tick,
)
from bot.features.proposals import (
    accept_question,
    match_soon,
    pending_question,
    register,
    stop_offer,
    withdraw_request,
)
from bot.features.proposals.direct import ask_named
from bot.features.proposals.model import RequestStatus
from bot.options import Boolean, ChannelOption, Choice, Integer, MemberOption, Text, Topics
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, PrivateSpace, UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import counted

commands = Catalogue()
commands.group("project", help=texts.GROUP_HELP)
commands.group("admin", help=ADMIN_HELP)
register(commands, MARKET)
commands.setting(ChannelOption("showcase_channel", "Channel where shipped projects are shown"), "")

STALLED_AFTER = timedelta(weeks=4)
OPEN_OR_PAUSED = (ProjectStatus.OPEN, ProjectStatus.PAUSED)
WAITING = (RequestStatus.OPEN, RequestStatus.PROPOSED)
# Signs that an answer names where the data comes from.
DATA_WORDS = re.compile(
    r"\b(data|dataset|datasets|api|apis|csv|kaggle|scrap\w*|corpus|logs?|survey|collect\w*|"
    r"records|benchmark|huggingface|database|sensor\w*|images|labels?)\b",
    re.IGNORECASE,
)
MEASURABLE = re.compile(r"\d")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")
LINK = re.compile(r"^https?://\S+\.\S+$")

PROJECT = Text("project", "Which project (its title or #number; default: yours)", max_length=80)


# --- starting and scoping -----------------------------------------------------------------------


@commands.command(
    "project idea",
    help="Start a project: name it and the problem it solves",
    options=(
        Text("title", "A short name for it", required=True, max_length=80),
        Text(
            "problem",
            "The concrete problem it solves (not just “use AI”)",
            required=True,
            max_length=600,
            multiline=True,
        ),
        Topics("topics", "Topics the project is about"),
        Topics("looking_for", "Skills you'd like teammates to bring"),
        Choice(
            "size", "How big: weekend, month or quarter (default month)", choices=tuple(ProjectSize)
        ),
        Integer("capacity", "Teammates besides you (0-6, default 2)", min_value=0, max_value=6),
        Boolean("private", "Only the team sees it (default: the community can)"),
    ),
)
async def idea(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    current = await uow.projects.offer(ctx.community_id, me)
    if current is not None:
        raise UserError(texts.ALREADY_BUILDING.format(title=current.title))
    size = ProjectSize(args["size"] or ProjectSize.MONTH)
    capacity = 2 if args["capacity"] is None else args["capacity"]
    project = await uow.projects.add_project(
        ctx.community_id,
        me,
        args["title"],
        args["problem"],
        size,
        args["topics"] or (),
        args["looking_for"] or (),
        capacity,
        bool(args["private"]),
        ctx.now,
    )
    lines = [texts.IDEA_SAVED.format(title=project.title)]
    lines.append(texts.TAKING_TEAMMATES.format(capacity=capacity) if capacity else texts.SOLO)
    if capacity and not (project.looking_for or project.topics):
        lines.append(texts.SAY_WHAT_YOU_NEED)  # suggestions match on what the team lacks
    shipped = await uow.projects.projects(ctx.community_id, (ProjectStatus.SHIPPED,), member_id=me)
    if size is ProjectSize.QUARTER and not shipped:
        lines.append(texts.FIRST_QUARTER)
    if capacity:
        await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text="\n\n".join(lines), private=True)


def milestones_in(text: str) -> list[str]:
    """One milestone a line (or `;`-separated), bullets and numbers taken off."""
    if text.strip().casefold() in (texts.NOT_SURE, "-", "?"):
        return []
    parts = [part for line in text.splitlines() for part in line.split(";")]
    return [cleaned for part in parts if (cleaned := BULLET.sub("", part).strip())][:20]


def gaps(answers: Mapping[str, str], milestones: list[str]) -> list[str]:
    """Kind notes on what a plan is missing: measurable milestones, a data source."""
    found = []
    if not any(MEASURABLE.search(m) for m in milestones):
        found.append(texts.GAP_MEASURABLE)
    if not DATA_WORDS.search(answers.get("feasibility", "") + " " + answers.get("resources", "")):
        found.append(texts.GAP_DATA)
    return found


@commands.command(
    "project scope",
    help="Plan a project step by step: solutions, feasibility, value, milestones, resources",
    options=(
        *(
            Text(step.name, step.label, required=True, max_length=1000, multiline=True)
            for step in SCOPE_STEPS
        ),
        PROJECT,
    ),
)
async def scope(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await mine(ctx, uow, args["project"], OPEN_OR_PAUSED)
    answers = {step.name: args[step.name] for step in SCOPE_STEPS}
    milestones = milestones_in(answers["milestones"])
    await uow.projects.save_project(replace(project, scope=answers, updated_at=ctx.now))
    await uow.projects.set_milestones(ctx.community_id, project.id, milestones)
    count = (
        texts.SCOPE_MILESTONES.format(milestones=counted(len(milestones), "milestone"))
        if milestones
        else ""
    )
    lines = [texts.SCOPE_SAVED.format(title=project.title, milestones=count)]
    lines += gaps(answers, milestones)
    return Reply(text="\n\n".join(lines), private=True)


@commands.command(
    "project show",
    help="A project's problem, plan, milestones and team",
    options=(PROJECT,),
)
async def show(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if args["project"]:
        project = await named(ctx, uow, args["project"])
    else:
        project = await mine(ctx, uow, None, OPEN_OR_PAUSED)
    team = await team_ids(uow, project)
    fields = [Field(texts.SHOW_PROBLEM, project.problem)]
    milestones = await uow.projects.milestones(project.id)
    for step in SCOPE_STEPS:
        listed = step.name == "milestones" and milestones  # shown ticked, below
        if project.scope.get(step.name) and not listed:
            fields.append(Field(step.label, project.scope[step.name]))
    if milestones:
        fields.append(Field(texts.SHOW_MILESTONES, milestone_lines(milestones)))
    fields.append(Field(texts.SHOW_TEAM, ", ".join(mention(m) for m in team), inline=True))
    if project.is_open and project.active:
        free = (await uow.projects.free_places([project.id])).get(project.id, 0)
        fields.append(Field(texts.SHOW_PLACES, str(free), inline=True))
    title = f"{project.title} · {project.size} · {project.status}"
    return Reply(title=title, fields=tuple(fields), private=True)


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


# --- milestones -----------------------------------------------------------------------------------


@commands.command(
    "project milestone",
    help="Tick a milestone done, or add one",
    options=(
        PROJECT,
        Text("done", "The milestone done: its number, or the start of its text", max_length=200),
        Text("add", "A new milestone, with a bar you can measure", max_length=200),
    ),
)
async def milestone(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await mine(ctx, uow, args["project"])
    if not args["done"] and not args["add"]:
        raise UserError(texts.MILESTONE_WHAT)
    if args["add"]:
        milestones = await uow.projects.milestones(project.id)
        texts_now = [m.text for m in milestones] + [args["add"]]
        await uow.projects.set_milestones(ctx.community_id, project.id, texts_now)
        await uow.projects.save_project(replace(project, updated_at=ctx.now))
        return Reply(
            text=texts.MILESTONE_ADDED.format(number=len(texts_now), text=args["add"]),
            private=True,
        )
    return Reply(text=await tick(ctx, uow, project, args["done"]), private=True)


# --- shipping, pausing, closing ------------------------------------------------------------------


async def _stop_taking(
    ctx: Context, uow: UnitOfWork, project: Project, team_note: str | None
) -> bool:
    """The project takes nobody new: questions waiting on its lead move on, asks to join it
    end with a kind note; the rest of the team hears `team_note`. Whether anyone was told."""
    back = []
    asking = await uow.projects.requests_for(project.id, WAITING)  # asked or about to be
    offer = await uow.projects.offer(ctx.community_id, project.owner_id)
    if offer is not None and offer.id == project.id:
        back = await stop_offer(MARKET, uow, offer, ctx.now)  # the lead's questions close
    for request in asking:
        now_is = await uow.projects.request(request.id)
        if now_is is not None and now_is.status in WAITING:
            await withdraw_request(MARKET, uow, now_is, ctx.now)
        note = Reply(text=texts.JOIN_CLOSED.format(title=project.title))
        key = f"team-join-closed:{request.id}"
        await queue_dm(uow, ctx.community_id, request.member_id, key, note, ctx.now)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, *back)
    others = [m for m in await team_ids(uow, project) if m != ctx.actor.id]
    if team_note:
        for member_id in others:
            key = f"team-closed:{project.id}:{ctx.now.isoformat()}:{member_id}"
            await queue_dm(uow, ctx.community_id, member_id, key, Reply(text=team_note), ctx.now)
    return bool(others)


@commands.command(
    "project ship",
    help="Mark a project shipped and show it to the community",
    options=(
        Text("link", "Where people can see it (https://…)", required=True, max_length=300),
        Text(
            "summary",
            "What it does and what you learned, in a few lines",
            required=True,
            max_length=600,
            multiline=True,
        ),
        PROJECT,
    ),
)
async def ship(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    link = args["link"].strip()
    if not LINK.match(link):
        raise UserError(texts.BAD_LINK)
    project = await mine(ctx, uow, args["project"], OPEN_OR_PAUSED)
    shipped = replace(
        project,
        status=ProjectStatus.SHIPPED,
        link=link,
        summary=args["summary"],
        shipped_at=ctx.now,
        updated_at=ctx.now,
        active=False,
    )
    team_note = texts.SHIPPED_TEAM.format(title=project.title, link=link)
    await _stop_taking(ctx, uow, project, team_note)
    await uow.projects.save_project(shipped)
    channel = ctx.settings["showcase_channel"]
    where = ""
    if channel and not project.private:
        team = await team_ids(uow, project)
        post = texts.SHIP_POST.format(
            team=", ".join(mention(m) for m in team),
            title=project.title,
            summary=args["summary"],
            link=link,
        )
        await queue(
            uow,
            ctx.community_id,
            f"team-shipped:{project.id}",
            ChannelPost(channel),
            Reply(text=post),
            ctx.now,
        )
        where = texts.SHIPPED_WHERE.format(channel=channel_mention(channel))
    return Reply(text=texts.SHIPPED.format(title=project.title, where=where), private=True)


async def _close(ctx: Context, uow: UnitOfWork, name: str | None, status: ProjectStatus) -> Reply:
    project = await mine(ctx, uow, name, OPEN_OR_PAUSED, lead_only=True)
    if status is ProjectStatus.PAUSED:
        must_be(project, ProjectStatus.OPEN)
    note = texts.TEAM_PAUSED if status is ProjectStatus.PAUSED else texts.TEAM_ABANDONED
    told = await _stop_taking(
        ctx, uow, project, note.format(owner=mention(project.owner_id), title=project.title)
    )
    await uow.projects.save_project(
        replace(project, status=status, active=False, updated_at=ctx.now)
    )
    freed = texts.FREED if told else ""
    done = texts.PAUSED if status is ProjectStatus.PAUSED else texts.ABANDONED
    return Reply(text=done.format(title=project.title, freed=freed).strip(), private=True)


@commands.command("project pause", help="Put your project on hold for now", options=(PROJECT,))
async def pause(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    return await _close(ctx, uow, args["project"], ProjectStatus.PAUSED)


@commands.command("project abandon", help="Close your project for good, kindly", options=(PROJECT,))
async def abandon(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    return await _close(ctx, uow, args["project"], ProjectStatus.ABANDONED)


@commands.command("project resume", help="Pick a paused project up again", options=(PROJECT,))
async def resume(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    current = await uow.projects.offer(ctx.community_id, me)
    if current is not None:
        raise UserError(texts.ALREADY_BUILDING.format(title=current.title))
    paused = [
        p
        for p in await uow.projects.projects(ctx.community_id, (ProjectStatus.PAUSED,))
        if p.owner_id == me
    ]
    if args["project"]:
        chosen = await named(ctx, uow, args["project"])
        paused = [p for p in paused if p.id == chosen.id]
    if not paused:
        raise UserError(texts.NOTHING_PAUSED)
    project = replace(
        paused[-1],
        status=ProjectStatus.OPEN,
        active=paused[-1].capacity > 0,
        expired_in_a_row=0,
        updated_at=ctx.now,
    )
    await uow.projects.save_project(project)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.RESUMED.format(title=project.title), private=True)


# --- portfolio and the admins' view ----------------------------------------------------------


@commands.command(
    "portfolio",
    help="A member's shipped projects, oldest first, so you can see how they grew",
    options=(MemberOption("member", "Whose (default: yours)"),),
)
async def portfolio(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    whose = args["member"] or me
    shipped = await uow.projects.projects(
        ctx.community_id, (ProjectStatus.SHIPPED,), member_id=whose
    )
    teams = await uow.projects.teams([p.id for p in shipped])
    # A private project shows only to someone on its team.
    shown = [p for p in shipped if not p.private or me in {t.member_id for t in teams[p.id]}]
    shown.sort(key=lambda p: (p.shipped_at or p.updated_at, p.id))
    if not shown:
        if whose == me:
            return Reply(text=texts.PORTFOLIO_EMPTY_YOU, private=True)
        return Reply(text=texts.PORTFOLIO_EMPTY.format(who=mention(whose)), private=True)
    lines = []
    for number, project in enumerate(shown, 1):
        others = [t.member_id for t in teams[project.id] if t.member_id != whose]
        lines.append(
            texts.PORTFOLIO_LINE.format(
                number=number,
                title=project.title,
                size=project.size,
                when=f"{(project.shipped_at or project.updated_at):%b %Y}",
                topics=f" · {', '.join(project.topics)}" if project.topics else "",
                team=texts.WITH_TEAM.format(names=", ".join(mention(m) for m in others))
                if others
                else "",
                summary=project.summary or "",
                link=project.link or "",
            ).rstrip()
        )
    return Reply(
        title=texts.PORTFOLIO_TITLE,
        text="\n".join([texts.PORTFOLIO_WHOSE.format(who=mention(whose)), *lines]),
        private=True,
    )


@commands.command(
    "admin projects",
    help="Projects being built, shipped and stalled, and who waits for a team",
    permission=Permission.ADMIN,
)
async def overview(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    projects = await uow.projects.projects(ctx.community_id)
    if not projects:
        return Reply(text=texts.ADMIN_NONE, private=True)
    by_status = Counter(p.status for p in projects)
    waiting = await uow.projects.requests(ctx.community_id, WAITING)
    lines = [
        texts.ADMIN_LINE.format(
            open=by_status[ProjectStatus.OPEN],
            taking=sum(1 for p in projects if p.is_open and p.active),
            shipped=by_status[ProjectStatus.SHIPPED],
            paused=by_status[ProjectStatus.PAUSED],
            abandoned=by_status[ProjectStatus.ABANDONED],
            waiting=len({r.member_id for r in waiting}),
        )
    ]
    stalled = [p for p in projects if p.is_open and p.updated_at <= ctx.now - STALLED_AFTER]
    if stalled:
        lines.append(texts.ADMIN_STALLED.format(titles=", ".join(label(p) for p in stalled)))
    return Reply(title=texts.ADMIN_TITLE, text="\n".join(lines), private=True)
