"""/buddies join|leave|skip|status, the did-you-meet buttons, and /admin buddies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.features.buddies import texts
from bot.features.buddies.model import Buddy, BuddySchedule, Cadence, Group, Met
from bot.features.buddies.rounds import let_group_know
from bot.options import (
    WEEKDAYS,
    ChannelOption,
    Choice,
    Text,
    TimeOfDay,
    TimezoneOption,
    Topics,
    Weekday,
)
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import counted
from bot.timefmt import local_time

commands = Catalogue()
commands.group("buddies", help="Study buddies: be introduced to a peer every week or two")
commands.group("admin", help=ADMIN_HELP)
commands.group("admin", "buddies", help="Set up, pause and review study buddies")

HISTORY_SHOWN = 5


def _when(schedule: BuddySchedule | None, day: date | None) -> str:
    assert schedule is not None and day is not None
    return local_time(schedule.opens_at(day), schedule.timezone)


def _next_line(schedule: BuddySchedule | None, ctx: Context) -> str:
    if schedule is None:
        return texts.NOT_SCHEDULED
    day = schedule.next_round(ctx.now)
    if day is None:
        return texts.PAUSED_ROUNDS
    return texts.NEXT_ROUND.format(when=_when(schedule, day))


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
    when = _when(schedule, day)
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
        upcoming = texts.STATUS_SKIPPING.format(when=_when(schedule, day))
    else:
        upcoming = _when(schedule, day)
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


@commands.command(
    "admin buddies setup",
    help="Where and when study buddies rounds start; later, change any part of it",
    options=(
        ChannelOption("channel", "The channel where each round is announced"),
        Choice("cadence", "How often a round starts", choices=("weekly", "biweekly")),
        Weekday("weekday", "The day a round starts"),
        TimeOfDay("time", "The local time it starts"),
        TimezoneOption("timezone", "The time zone of that time"),
        Choice("group_size", "Pairs or threes (default pairs)", choices=("2", "3")),
    ),
    permission=Permission.ADMIN,
)
async def setup(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    saved = await uow.buddies.schedule(ctx.community_id)
    first_time = ("channel", "cadence", "weekday", "time", "timezone")
    if saved is None and any(args[name] is None for name in first_time):
        missing = ", ".join(f"`{name}`" for name in first_time if args[name] is None)
        raise UserError(texts.SETUP_NEEDS.format(missing=missing))
    base = saved or BuddySchedule(ctx.community_id, args["channel"])
    given: dict[str, Any] = {
        field: convert(args[option])
        for field, option, convert in (
            ("channel_id", "channel", str),
            ("cadence", "cadence", Cadence),
            ("weekday", "weekday", int),
            ("time_of_day", "time", lambda t: t),
            ("timezone", "timezone", str),
            ("group_size", "group_size", int),
        )
        if args[option] is not None
    }
    # A round in progress runs its course; the changed schedule starts at its next opening.
    schedule = replace(base, **given).starting_from(ctx.now)
    await uow.buddies.save_schedule(schedule, ctx.now)
    assert schedule.first_day is not None
    return Reply(
        text=texts.SETUP_SAVED.format(
            cadence=schedule.cadence.value,
            size=texts.SIZES[schedule.group_size],
            weekday=WEEKDAYS[schedule.weekday].capitalize(),
            time=schedule.time_of_day.strftime("%H:%M"),
            timezone=schedule.timezone,
            channel=channel_mention(schedule.channel_id),
            when=_when(schedule, schedule.first_day),
        ),
        private=True,
    )


async def _saved_schedule(ctx: Context, uow: UnitOfWork) -> BuddySchedule:
    schedule = await uow.buddies.schedule(ctx.community_id)
    if schedule is None:
        raise UserError(texts.NOT_SET_UP)
    return schedule


@commands.command(
    "admin buddies pause", help="Open no new rounds until resumed", permission=Permission.ADMIN
)
async def pause(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    schedule = await _saved_schedule(ctx, uow)
    if schedule.paused:
        raise UserError(texts.ALREADY_PAUSED)
    await uow.buddies.save_schedule(replace(schedule, paused=True), ctx.now)
    return Reply(text=texts.PAUSED, private=True)


@commands.command(
    "admin buddies resume", help="Open rounds again on the schedule", permission=Permission.ADMIN
)
async def resume(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    schedule = await _saved_schedule(ctx, uow)
    if not schedule.paused:
        raise UserError(texts.NOT_PAUSED)
    schedule = replace(schedule, paused=False).starting_from(ctx.now)
    await uow.buddies.save_schedule(schedule, ctx.now)
    return Reply(text=texts.RESUMED.format(when=_when(schedule, schedule.first_day)), private=True)


@commands.command(
    "admin buddies stats",
    help="Who takes part, and how many groups met in recent rounds",
    permission=Permission.ADMIN,
)
async def stats(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    schedule = await _saved_schedule(ctx, uow)
    taking_part = await uow.buddies.buddies(ctx.community_id)
    day = schedule.next_round(ctx.now)
    skipping = sum(1 for b in taking_part if day and b.skip_day == day)
    plan = (
        f"{schedule.cadence.value.capitalize()}, {texts.SIZES[schedule.group_size]}, "
        f"{WEEKDAYS[schedule.weekday].capitalize()}s {schedule.time_of_day:%H:%M} "
        f"({schedule.timezone}) in {channel_mention(schedule.channel_id)}; "
        + (f"next {_when(schedule, day)}" if day else texts.STATUS_PAUSED.lower())
    )
    people = counted(len(taking_part), "member")
    if skipping:
        people += f" ({skipping} sitting out the next round)"
    rounds = await uow.buddies.figures(ctx.community_id, 6)
    lines = [
        texts.STATS_ROUND.format(
            day=f"{r.day:%a %d %b}",
            groups=counted(r.groups, "group"),
            met=r.met,
            answered=r.answered,
        )
        for r in rounds
    ]
    return Reply(
        title=texts.STATS_TITLE,
        fields=(
            Field(texts.STATS_SCHEDULE, plan),
            Field(texts.STATS_PEOPLE, people, inline=True),
            Field(texts.STATS_ROUNDS, "\n".join(lines) or texts.STATS_NO_ROUNDS),
        ),
        private=True,
    )
