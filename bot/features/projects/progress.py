"""Which project a member means, its milestones ticked, and what projects did in a week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.context import Context
from bot.errors import UserError
from bot.features.projects import texts
from bot.features.projects.model import Milestone, Project, ProjectStatus
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Reply, mention
from bot.texts import counted


def label(project: Project) -> str:
    return f"{project.title} (#{project.id})"


async def team_ids(uow: UnitOfWork, project: Project) -> list[str]:
    return [t.member_id for t in await uow.projects.team(project.id)]


async def named(ctx: Context, uow: UnitOfWork, name: str) -> Project:
    """A project by `#12`, its exact title, or the start of one; private ones for their team."""
    wanted = name.strip().removeprefix("#")
    projects = await uow.projects.projects(ctx.community_id)
    mine = {p.id for p in await uow.projects.projects(ctx.community_id, member_id=ctx.actor.id)}
    visible = [p for p in projects if not p.private or p.id in mine]
    found = [p for p in visible if wanted.isdigit() and p.id == int(wanted)]
    found = found or [p for p in visible if p.title.casefold() == wanted.casefold()]
    found = found or [p for p in visible if p.title.casefold().startswith(wanted.casefold())]
    open_first = sorted(found, key=lambda p: (p.status is not ProjectStatus.OPEN, -p.id))
    if not open_first:
        raise UserError(texts.NO_SUCH_PROJECT.format(name=f"“{name.strip()}”"))
    return open_first[0]


async def mine(
    ctx: Context,
    uow: UnitOfWork,
    name: str | None,
    statuses: Sequence[ProjectStatus] = (ProjectStatus.OPEN,),
    *,
    lead_only: bool = False,
) -> Project:
    """The project a team command means: the one named, or the only one of `statuses` the
    member is on (or leads)."""
    me = ctx.actor.id
    if name:
        project = await named(ctx, uow, name)
        team = await team_ids(uow, project)
        if lead_only and project.owner_id != me:
            raise UserError(texts.OWNER_ONLY.format(owner=mention(project.owner_id)))
        if me not in team:
            raise UserError(texts.TEAM_ONLY.format(title=project.title))
        return project
    candidates = await uow.projects.projects(ctx.community_id, statuses, member_id=me)
    if lead_only:
        candidates = [p for p in candidates if p.owner_id == me]
    if not candidates:
        raise UserError(texts.NO_PROJECT)
    if len(candidates) > 1:
        titles = ", ".join(f"“{p.title}”" for p in candidates)
        raise UserError(texts.WHICH_PROJECT.format(titles=titles))
    return candidates[0]


def must_be(project: Project, *statuses: ProjectStatus) -> None:
    if project.status not in statuses:
        raise UserError(texts.NOT_OPEN.format(title=project.title, status=project.status))


def milestone_lines(milestones: Sequence[Milestone]) -> str:
    return "\n".join(f"{'✅' if m.done_at else '▫️'} {m.position}. {m.text}" for m in milestones)


async def tick(ctx: Context, uow: UnitOfWork, project: Project, which: str) -> str:
    """Tick the milestone `which` names (its number, or the start of its text); the rest of
    the team hears of it. What to tell whoever ticked it."""
    milestones = await uow.projects.milestones(project.id)
    if not milestones:
        raise UserError(texts.MILESTONE_NONE.format(title=project.title))
    wanted = which.strip().removeprefix("#")
    chosen = [m for m in milestones if wanted.isdigit() and m.position == int(wanted)] or [
        m for m in milestones if m.text.casefold().startswith(wanted.casefold())
    ]
    if not chosen:
        raise UserError(
            texts.MILESTONE_UNKNOWN.format(
                which=f"“{wanted}”", title=project.title, listing=milestone_lines(milestones)
            )
        )
    ticked = chosen[0]
    if ticked.done_at:
        raise UserError(texts.MILESTONE_ALREADY.format(text=ticked.text))
    await uow.projects.tick_milestone(ticked.id, ctx.actor.id, ctx.now)
    await uow.projects.save_project(replace(project, updated_at=ctx.now))
    note = texts.TEAM_TICKED.format(
        who=mention(ctx.actor.id), title=project.title, text=ticked.text
    )
    for member_id in await team_ids(uow, project):
        if member_id != ctx.actor.id:
            key = f"team-ticked:{ticked.id}:{member_id}"
            await queue_dm(uow, ctx.community_id, member_id, key, Reply(text=note), ctx.now)
    left = sum(1 for m in milestones if not m.done_at and m.id != ticked.id)
    after = texts.MILESTONES_LEFT.format(count=left) if left else texts.ALL_MILESTONES
    return texts.MILESTONE_DONE.format(text=ticked.text, left=after)


async def project_progress(
    ctx: Context, uow: UnitOfWork, project_name: str | None, milestone: str | None
) -> str:
    """A check-in about a project: the milestone it finished is ticked, or the next one named
    to keep the week's focus. What to add to the check-in's reply."""
    project = await mine(ctx, uow, project_name)
    if milestone:
        ticked = await tick(ctx, uow, project, milestone)
        return texts.CHECKIN_TICKED.format(title=project.title, ticked=ticked)
    left = [m for m in await uow.projects.milestones(project.id) if not m.done_at]
    if not left:
        return texts.CHECKIN_NO_MILESTONE.format(title=project.title)
    return texts.CHECKIN_NEXT.format(title=project.title, text=left[0].text)


async def week_in_projects(
    uow: UnitOfWork, community_id: str, start: datetime, end: datetime
) -> str | None:
    """For the weekly summary: milestones ticked and projects shipped between `start` and
    `end`. Private projects are counted, never named."""
    ticked = await uow.projects.ticked_between(community_id, start, end)
    shipped = [
        p
        for p in await uow.projects.projects(community_id, (ProjectStatus.SHIPPED,))
        if p.shipped_at is not None and start <= p.shipped_at < end
    ]
    if not ticked and not shipped:
        return None
    parts = []
    if ticked:
        teams = len({m.project_id for m in ticked})
        parts.append(
            texts.WEEK_TICKED.format(
                milestones=counted(len(ticked), "milestone"), teams=counted(teams, "team")
            )
        )
    if shipped:
        named = [f"**{p.title}**" for p in shipped if not p.private]
        quiet = len(shipped) - len(named)
        text = ", ".join(named) + (f" and {quiet} private" if quiet and named else "")
        parts.append(texts.WEEK_SHIPPED.format(projects=text or f"{quiet} private"))
    return "; ".join(parts)
