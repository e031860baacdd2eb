"""/admin buddies setup|pause|resume|stats: an organiser's part in study buddies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.features.buddies import texts
from bot.features.buddies.commands import round_time
from bot.features.buddies.model import BuddySchedule, Cadence
from bot.options import (
    WEEKDAYS,
    ChannelOption,
    Choice,
    TimeOfDay,
    TimezoneOption,
    Weekday,
)
from bot.ports import UnitOfWork
from bot.replies import Field, Reply
from bot.texts import counted

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)
commands.group("admin", "buddies", help="Set up, pause and review study buddies")


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
            when=round_time(schedule, schedule.first_day),
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
    return Reply(
        text=texts.RESUMED.format(when=round_time(schedule, schedule.first_day)), private=True
    )


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
        + (f"next {round_time(schedule, day)}" if day else texts.STATUS_PAUSED.lower())
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
