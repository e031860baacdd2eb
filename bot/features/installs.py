"""A community's platform adding or removing liftup (Slack's "Add to Slack" and uninstall),
and what liftup keeps meanwhile.

Whoever installs liftup is welcomed with the first steps and told what happens to the data
if liftup is ever removed. A workspace that removes it keeps its data for KEEP_AFTER_LEAVING,
so a reinstall carries on where it stopped (and is told so), after which housekeeping erases
it. Organisers who want it gone sooner erase it themselves with /admin erase-community.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.options import Text
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Reply
from bot.runtime import Runtime

log = logging.getLogger(__name__)

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)

KEEP_AFTER_LEAVING = timedelta(days=30)
CONFIRM_WORD = "erase"

WELCOME = (
    "Thanks for adding liftup! Your workspace is now a community of its own. A few first "
    "steps for an organiser:\n"
    "• `/admin checkins setup` opens a weekly check-in thread in the channel you choose\n"
    "• `/admin encouragement` lets me offer a kind word (and real help in a crisis) where "
    "members talk\n"
    "• `/admin settings` shows everything else you can tune\n"
    "Members can start with `/profile set`, `/mentor request` or `/checkin`; `/help` lists it "
    "all.\n"
    "If you ever remove liftup, what it keeps for your community waits {days} days in case "
    "you come back, then is erased. `/admin erase-community` erases it at once."
)
WELCOME_BACK = (
    "Welcome back! liftup is installed again and your community is as you left it: profiles, "
    "check-ins, streaks, mentoring and settings are all still here. To start fresh instead, "
    "an admin can run `/admin erase-community confirm:erase`."
)
ERASE_CONFIRM = (
    "This erases everything liftup keeps for this community: every profile, check-in, streak, "
    "mentorship, interview, message waiting to go out and setting. It can't be undone, and "
    "members aren't told. If that's what you want, run `/admin erase-community confirm:erase`."
)
ERASED = (
    "Done: everything liftup kept for this community is erased ({rows} records). liftup is "
    "still installed and starts fresh from here; remove it from the workspace if you're done."
)


async def welcome_installer(runtime: Runtime, community_id: str, installer_id: str) -> None:
    now = runtime.clock.now()
    async with runtime.store.unit() as uow:
        returning = community_id in await uow.communities.ids()
        await uow.communities.ensure(community_id, now)
        await uow.communities.mark_back(community_id)
        days = KEEP_AFTER_LEAVING.days
        await queue_dm(
            uow,
            community_id,
            installer_id,
            f"installed:{now.isoformat()}",
            Reply(text=WELCOME_BACK if returning else WELCOME.format(days=days), private=True),
            now,
            even_if_paused=True,
        )
    runtime.outbox_ready()
    log.info("%s installed liftup (%s)", community_id, "again" if returning else "first time")


async def workspace_left(runtime: Runtime, community_id: str) -> None:
    """The platform removed liftup: the data waits for a reinstall. Messages for the
    community end as `not-installed` meanwhile, with no one to tell."""
    async with runtime.store.unit() as uow:
        await uow.communities.mark_left(community_id, runtime.clock.now())
    log.info("%s removed liftup; its data waits %s", community_id, KEEP_AFTER_LEAVING)


@commands.due("erase-departed")
async def erase_departed(runtime: Runtime, now: datetime) -> int:
    """Communities that removed liftup and didn't come back within KEEP_AFTER_LEAVING."""
    async with runtime.store.unit() as uow:
        departed = await uow.communities.left_before(now - KEEP_AFTER_LEAVING)
        for community_id in departed:
            rows = await uow.communities.erase(community_id, keep_row=False)
            log.info("erased %s (%d rows): it removed liftup and didn't return", community_id, rows)
    for community_id in departed:
        runtime.known_communities.discard(community_id)
        runtime.cache.forget(community_id)
    return len(departed)


@commands.command(
    "admin erase-community",
    help="Erase everything liftup keeps for this community",
    options=(
        Text(
            "confirm",
            f"Type {CONFIRM_WORD} to confirm; this can't be undone",
            max_length=20,
        ),
    ),
    permission=Permission.ADMIN,
)
async def erase_community(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if (args.get("confirm") or "").strip().casefold() != CONFIRM_WORD:
        raise UserError(ERASE_CONFIRM)
    rows = await uow.communities.erase(ctx.community_id, keep_row=True)
    log.info("an admin erased %s (%d rows)", ctx.community_id, rows)
    return Reply(text=ERASED.format(rows=rows), private=True)
