"""Privacy: export everything held about you, erase it, or pause all DMs and matching."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.hooks import Away
from bot.options import Duration, format_duration
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Attachment, Button, ButtonStyle, Reply
from bot.runtime import Runtime
from bot.timefmt import local_time

commands = Catalogue()
commands.group("privacy", help="Export or delete your data, or pause the bot for a while")

CONFIRM_WINDOW = timedelta(minutes=15)

EXPORT_TEXT = (
    "Here is everything I hold about you in this community, as JSON. Only you can see this message."
)
DELETE_ASK = (
    "This erases your profile and everything else I hold about you in this community. "
    "It can't be undone. Are you sure?"
)
DELETED = "Done. I've erased everything I held about you here ({count} records). Take care!"
KEPT = "Okay, nothing was deleted."
STALE_CONFIRM = "That confirmation has expired. Run `/privacy delete` again if you still want to."
NOT_YOURS = "Only the member who asked can answer this."
PAUSED = (
    "Paused until {until}. I won't DM you or include you in matching until then. "
    "Commands still work, and `/privacy resume` ends the pause early."
)
RESUMED = "Welcome back! DMs and matching are on again."
NOT_PAUSED = "You aren't paused, so there's nothing to resume."
PAUSE_ENDED = (
    "Your pause has ended, so DMs and matching are back on. "
    "Need longer? `/privacy pause duration:2w`."
)


@commands.command("privacy export", help="Get all the data I hold about you, privately, as JSON")
async def export_data(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    data = {
        name: await repo.export_member(ctx.community_id, ctx.actor.id)
        for name, repo in uow.member_data().items()
    }
    document = {
        "community": ctx.community_id,
        "member": ctx.actor.id,
        "exported_at": ctx.now.isoformat(),
        "data": data,
    }
    body = json.dumps(document, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(
        text=EXPORT_TEXT,
        attachments=(Attachment("liftup-export.json", body, "Your liftup data"),),
        private=True,
    )


@commands.command("privacy delete", help="Erase everything I hold about you here (asks first)")
async def ask_delete(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    ticket = f"{ctx.actor.id}|{int(ctx.now.timestamp())}"
    return Reply(
        text=DELETE_ASK,
        buttons=(
            Button("Yes, delete my data", "privacy-delete", ticket, ButtonStyle.DANGER),
            Button("Keep my data", "privacy-keep", ticket),
        ),
        private=True,
    )


def _check_ticket(ctx: Context, ticket: str) -> None:
    member_id, _, issued = ticket.rpartition("|")
    if member_id != ctx.actor.id:
        raise UserError(NOT_YOURS)
    if not issued.isdigit() or ctx.now - datetime.fromtimestamp(int(issued), UTC) > CONFIRM_WINDOW:
        raise UserError(STALE_CONFIRM)


@commands.action("privacy-delete")
async def confirm_delete(ctx: Context, uow: UnitOfWork, ticket: str) -> Reply:
    _check_ticket(ctx, ticket)
    for free_the_others in ctx.catalogue.away_hooks:
        await free_the_others(ctx, uow, Away.ERASED)
    count = 0
    for repo in uow.member_data().values():
        count += await repo.erase_member(ctx.community_id, ctx.actor.id)
    return Reply(text=DELETED.format(count=count), private=True)


@commands.action("privacy-keep")
async def keep_data(ctx: Context, uow: UnitOfWork, ticket: str) -> Reply:
    member_id = ticket.rpartition("|")[0]
    if member_id != ctx.actor.id:
        raise UserError(NOT_YOURS)
    return Reply(text=KEPT, private=True)


@commands.command(
    "privacy pause",
    help="Stop all DMs and matching for a while",
    options=(
        Duration(
            "duration",
            "How long to pause, like 2w or 10d (default 2w)",
            minimum=timedelta(days=1),
            maximum=timedelta(weeks=26),
        ),
    ),
)
async def pause(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    length: timedelta = args["duration"] or timedelta(weeks=2)
    until = ctx.now + length
    await uow.members.set_paused_until(ctx.community_id, ctx.actor.id, until)
    for free_the_others in ctx.catalogue.away_hooks:
        await free_the_others(ctx, uow, Away.PAUSED)
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    when = local_time(until, profile.timezone if profile else None)
    return Reply(
        text=PAUSED.format(until=f"{when}, {format_duration(length)} from now"), private=True
    )


@commands.command("privacy resume", help="End your pause now")
async def resume(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if not ctx.member.is_paused(ctx.now):
        return Reply(text=NOT_PAUSED, private=True)
    await uow.members.set_paused_until(ctx.community_id, ctx.actor.id, None)
    return Reply(text=RESUMED, private=True)


@commands.due("pause-ended")
async def tell_pause_ended(runtime: Runtime, now: datetime) -> int:
    """Clear pauses that ran out and tell each member once."""
    async with runtime.store.unit() as uow:
        ended = await uow.members.pauses_ended(now)
        for member in ended:
            until = member.paused_until or now
            await uow.members.set_paused_until(member.community_id, member.id, None)
            await queue_dm(
                uow,
                member.community_id,
                member.id,
                f"pause-ended:{member.id}:{int(until.timestamp())}",
                Reply(text=PAUSE_ENDED),
                now,
            )
    return len(ended)
