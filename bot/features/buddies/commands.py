"""/buddies join|leave|skip|status and the did-you-meet buttons (the admins' part: admin.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.buddies import texts
from bot.features.buddies.model import Buddy, BuddySchedule, Group, Met
from bot.features.buddies.rounds import let_group_know
from bot.options import (
    Text,
    Topics,
)
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.timefmt import local_time

commands = Catalogue()
commands.group("buddies", help="Study buddies: be introduced to a peer every week or two")

HISTORY_SHOWN = 5


def round_time(schedule: BuddySchedule | None, day: date | None) -> str:
    """When the round of `day` opens, in the schedule's own time zone."""
    assert schedule is not None and day is not None
    return local_time(schedule.opens_at(day), schedule.timezone)


def _next_line(schedule: BuddySchedule | None, ctx: Context) -> str:
    if schedule is None:
        return texts.NOT_SCHEDULED
    day = schedule.next_round(ctx.now)
    if day is None:
        return texts.PAUSED_ROUNDS
    return texts.NEXT_ROUND.format(when=round_time(schedule, day))


@commands.command(
    "buddies join",
    help="Take part in study buddies, or change what you'd like to learn together",
    options=(
        Topics("topics", "What you'd like to study with someone (default: your profile's)"),
        Text(
            "note",
            "A line for your buddies, e.g. 'working through fast.ai, evenings'",
            max_length=300,
        ),
    ),
)
async def join(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    saved = await uow.buddies.buddy(ctx.community_id, me)
    # Without topics of their own, a round uses their profile's learning topics as they are then.
    topics = tuple(args["topics"] or ()) or (saved.topics if saved else ())
    note = args["note"] if args["note"] is not None else saved.note if saved else None
    buddy = Buddy(ctx.community_id, me, saved.joined_at if saved else ctx.now, topics, note)
    if saved is not None:
        buddy = replace(buddy, skip_day=saved.skip_day)
    await uow.buddies.save_buddy(buddy)
    when = _next_line(await uow.buddies.schedule(ctx.community_id), ctx)
    template = texts.UPDATED if saved else texts.JOINED
    return Reply(text=template.format(when=when), private=True)


@commands.command("buddies leave", help="Stop taking part in study buddies")
async def leave(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    if not await uow.buddies.remove_buddy(ctx.community_id, me):
        raise UserError(texts.NOT_IN)
    text = texts.LEFT
    group = await uow.buddies.current_group(ctx.community_id, me, ctx.now)
    if group is not None:
        others = await let_group_know(uow, group, me, ctx.now)
        if others:
            text += texts.LEFT_MID_ROUND.format(group=", ".join(map(mention, others)))
    return Reply(text=text, private=True)


@commands.command("buddies skip", help="Sit out the next round only")
async def skip(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    buddy = await uow.buddies.buddy(ctx.community_id, ctx.actor.id)
    if buddy is None:
        raise UserError(texts.NOT_IN)
    schedule = await uow.buddies.schedule(ctx.community_id)
    day = schedule.next_round(ctx.now) if schedule else None
    if day is None:
        raise UserError(texts.SKIP_NOTHING)
    when = round_time(schedule, day)
    if buddy.skip_day == day:
        raise UserError(texts.ALREADY_SKIPPING.format(when=when))
    await uow.buddies.save_buddy(replace(buddy, skip_day=day))
    return Reply(text=texts.SKIPPING.format(when=when), private=True)


def _others(group: Group, me: str) -> str:
    return ", ".join(mention(m) for m in group.member_ids if m != me)


@commands.command("buddies status", help="Your next round, your buddy now, and recent ones")
async def status(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    buddy = await uow.buddies.buddy(ctx.community_id, me)
    if buddy is None:
        raise UserError(texts.NOT_IN)
    schedule = await uow.buddies.schedule(ctx.community_id)
    day = schedule.next_round(ctx.now) if schedule else None
    if schedule is None:
        upcoming = texts.STATUS_NO_SCHEDULE
    elif day is None:
        upcoming = texts.STATUS_PAUSED
    elif buddy.skip_day == day:
        upcoming = texts.STATUS_SKIPPING.format(when=round_time(schedule, day))
    else:
        upcoming = round_time(schedule, day)
    now = await uow.buddies.current_group(ctx.community_id, me, ctx.now)
    topics = buddy.topics
    if not topics:
        profile = await uow.profiles.get(ctx.community_id, me)
        topics = tuple(profile.topics_learning) if profile else ()
    fields = [
        Field(texts.STATUS_TOPICS, ", ".join(topics) or texts.NO_TOPICS),
        Field(texts.STATUS_NEXT, upcoming, inline=True),
        Field(texts.STATUS_NOW, _others(now, me) if now else texts.STATUS_NONE_NOW, inline=True),
    ]
    if buddy.note:
        fields.insert(1, Field(texts.STATUS_NOTE, buddy.note))
    past = await uow.buddies.history(ctx.community_id, me, HISTORY_SHOWN + 1)
    past = [g for g in past if now is None or g.id != now.id][:HISTORY_SHOWN]
    if past:
        rounds = {r.id: r for r in await uow.buddies.rounds(ctx.community_id, 50)}
        lines = [
            f"{rounds[g.round_id].day:%d %b}: {_others(g, me) or '(they have left)'}"
            + (" ✅" if g.met else "")
            for g in past
            if g.round_id in rounds
        ]
        fields.append(Field(texts.STATUS_HISTORY, "\n".join(lines)))
    return Reply(title=texts.STATUS_TITLE, fields=tuple(fields), private=True)


@commands.action("buddies-met")
async def answer_met(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    """Payload `group|answer`: one member's answer to "did you meet?"."""
    group_id, _, answer = payload.partition("|")
    group = await uow.buddies.group(int(group_id)) if group_id.isdigit() else None
    if group is None or ctx.actor.id not in group.member_ids:
        raise UserError(texts.NOT_YOUR_GROUP)
    round_ = await uow.buddies.round(group.round_id)
    if round_ is None or round_.ends_at <= ctx.now:
        raise UserError(texts.ROUND_OVER)
    try:
        met = Met(answer)
    except ValueError:
        raise UserError(texts.NOT_YOUR_GROUP) from None
    await uow.buddies.answer(group.id, ctx.actor.id, met, ctx.now)
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    ends = local_time(round_.ends_at, profile.timezone if profile else None)
    thanks = {
        Met.YES: texts.THANKS_YES,
        Met.NOT_YET: texts.THANKS_NOT_YET.format(ends=ends),
        Met.NO: texts.THANKS_NO,
    }[met]
    return Reply(text=thanks, private=True)


# --- admins ---------------------------------------------------------------------------------
