"""/project milestone|ship|pause|abandon|resume and /portfolio: a project's progress to the day
it ships, and the record it leaves."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.projects import texts
from bot.features.projects.commands import OPEN_OR_PAUSED, PROJECT, WAITING
from bot.features.projects.market import MARKET
from bot.features.projects.model import (
    Project,
    ProjectStatus,
)
from bot.features.projects.progress import (
    mine,
    must_be,
    named,
    team_ids,
    tick,
)
from bot.features.proposals import (
    match_soon,
    stop_offer,
    withdraw_request,
)
from bot.options import MemberOption, Text
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, UnitOfWork
from bot.replies import Reply, mention

commands = Catalogue()
commands.group("project", help=texts.GROUP_HELP)

LINK = re.compile(r"^https?://\S+\.\S+$")


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


# --- portfolio ----------------------------------------------------------


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
