"""A workspace adding or removing liftup (Slack's "Add to Slack"): whoever installed it is
welcomed with the first steps, and a workspace that comes back is told its community is as it
left it."""

from __future__ import annotations

import logging

from bot.outbox import queue_dm
from bot.replies import Reply
from bot.runtime import Runtime

log = logging.getLogger(__name__)

WELCOME = (
    "Thanks for adding liftup! Your workspace is now a community of its own. A few first "
    "steps for an organiser:\n"
    "• `/admin checkins setup` opens a weekly check-in thread in the channel you choose\n"
    "• `/admin encouragement` lets me offer a kind word (and real help in a crisis) where "
    "members talk\n"
    "• `/admin settings` shows everything else you can tune\n"
    "Members can start with `/profile set`, `/mentor request` or `/checkin`; `/help` lists it all."
)
WELCOME_BACK = (
    "Welcome back! liftup is installed again, and your community is as you left it: profiles, "
    "check-ins, streaks, mentoring and settings are all still here. `/admin settings` shows "
    "where things stand; `/help` lists every command."
)


async def welcome_installer(runtime: Runtime, community_id: str, installer_id: str) -> None:
    now = runtime.clock.now()
    async with runtime.store.unit() as uow:
        returning = community_id in await uow.communities.ids()
        await uow.communities.ensure(community_id, now)
        await queue_dm(
            uow,
            community_id,
            installer_id,
            f"installed:{now.isoformat()}",
            Reply(text=WELCOME_BACK if returning else WELCOME, private=True),
            now,
            even_if_paused=True,
        )
    runtime.outbox_ready()
    log.info("%s installed liftup (%s)", community_id, "again" if returning else "first time")


async def workspace_left(runtime: Runtime, community_id: str) -> None:
    """Nothing of the community is erased: a reinstall carries on where it stopped. Messages
    for it end as `not-installed` without anyone to tell."""
    log.info("%s removed liftup; its data is kept until it is erased", community_id)
