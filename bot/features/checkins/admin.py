"""/admin checkins setup|missing|pause|resume|stats: an organiser's part in the weekly check-ins."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.features.checkins import texts
from bot.features.checkins.commands import schedule_of
from bot.features.checkins.model import (
    default_schedule,
    week_label,
)
from bot.features.checkins.summary import chart_title, numbers, participation_chart, recent_weeks
from bot.options import (
    WEEKDAYS,
    Boolean,
    ChannelOption,
    Duration,
    Integer,
    TimeOfDay,
    TimezoneOption,
    Weekday,
    format_duration,
)
from bot.ports import UnitOfWork
from bot.replies import Attachment, Field, Reply, mention
from bot.texts import counted
from bot.timefmt import local_time

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)
commands.group("admin", "checkins", help="Set up and review the weekly learning check-ins")


@commands.command(
    "admin checkins setup",
    help="Where and when the weekly check-in opens; later, change any part of it",
    options=(
        ChannelOption("channel", "The channel for the weekly thread"),
        Weekday("weekday", "The day the week opens"),
        TimeOfDay("time", "The local time it opens"),
        TimezoneOption("timezone", "The time zone of that time"),
        Duration(
            "remind_before",
            "How long before the week closes to remind (default 24h)",
            minimum=timedelta(hours=1),
            maximum=timedelta(days=6),
        ),
        Boolean("enabled", "Switch check-ins on or off (default on)"),
    ),
    permission=Permission.ADMIN,
)
async def setup(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    saved = await uow.checkins.schedule(ctx.community_id)
    first_time = ("channel", "weekday", "time", "timezone")
    if saved is None and any(args[name] is None for name in first_time):
        missing = ", ".join(f"`{name}`" for name in first_time if args[name] is None)
        raise UserError(texts.SETUP_NEEDS.format(missing=missing))
    base = saved or default_schedule(ctx.community_id)
    given = {
        field: args[option]
        for field, option in (
            ("channel_id", "channel"),
            ("weekday", "weekday"),
            ("time_of_day", "time"),
            ("timezone", "timezone"),
            ("remind_before", "remind_before"),
            ("enabled", "enabled"),
        )
        if args[option] is not None
    }
    schedule = dataclasses.replace(base, **given)
    if saved is not None:
        # The week in progress keeps its check-ins and closes once, at the new schedule's next
        # opening; no older week ever opens again.
        schedule = saved.changed_to(schedule, ctx.now)
        assert schedule.floor is not None
        await uow.checkins.move_close(
            ctx.community_id, schedule.floor, schedule.closes_at(schedule.floor)
        )
    await uow.checkins.save_schedule(schedule, ctx.now)
    weekday = WEEKDAYS[schedule.weekday].capitalize()
    time_text = schedule.time_of_day.strftime("%H:%M")
    if not schedule.enabled:
        state = texts.SETUP_OFF
    elif saved is not None and schedule.floor is not None:
        closes = local_time(schedule.closes_at(schedule.floor), schedule.timezone)
        state = texts.SETUP_CHANGED.format(closes=closes)
    else:
        state = texts.SETUP_ON.format(weekday=weekday, time=time_text)
    return Reply(
        text=texts.SETUP_SAVED.format(
            channel=channel_mention(schedule.channel_id or ""),
            weekday=weekday,
            time=time_text,
            timezone=schedule.timezone,
            remind=format_duration(schedule.remind_before),
            state=state,
        ),
        private=True,
    )


@commands.command(
    "admin checkins missing",
    help="Who taking part hasn't checked in this week yet",
    permission=Permission.ADMIN,
)
async def missing(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    week = (await schedule_of(ctx, uow)).week_of(ctx.now)
    done = {e.member_id for e in await uow.checkins.week_checkins(ctx.community_id, week)}
    waiting = [
        p for p in await uow.checkins.participants(ctx.community_id) if p.member_id not in done
    ]
    people = await uow.members.many(ctx.community_id, [p.member_id for p in waiting])
    away = [p for p in waiting if p.member_id in people and people[p.member_id].is_paused(ctx.now)]
    to_name = [p for p in waiting if p not in away and p.public]
    unnamed = len(waiting) - len(away) - len(to_name)
    if not waiting:
        return Reply(text=texts.NONE_MISSING.format(label=week_label(week)), private=True)
    lines = [mention(p.member_id) for p in to_name[:50]]
    if len(to_name) > 50:
        lines.append(f"and {len(to_name) - 50} more")
    if unnamed:
        lines.append(texts.MISSING_UNNAMED.format(count=unnamed))
    if away:
        lines.append(texts.MISSING_AWAY.format(count=counted(len(away), "member")))
    title = texts.MISSING_TITLE.format(label=week_label(week), count=len(waiting) - len(away))
    return Reply(title=title, text="\n".join(lines), private=True)


async def _switch(ctx: Context, uow: UnitOfWork, enabled: bool) -> Reply:
    saved = await uow.checkins.schedule(ctx.community_id)
    if saved is None:
        raise UserError(texts.NOT_SET_UP)
    if saved.enabled == enabled:
        return Reply(text=texts.ALREADY_ON if enabled else texts.ALREADY_OFF, private=True)
    await uow.checkins.save_schedule(dataclasses.replace(saved, enabled=enabled), ctx.now)
    return Reply(text=texts.RESUMED if enabled else texts.SETUP_OFF, private=True)


@commands.command(
    "admin checkins pause",
    help="Switch the weekly check-ins off, keeping their schedule",
    permission=Permission.ADMIN,
)
async def pause(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    return await _switch(ctx, uow, enabled=False)


@commands.command(
    "admin checkins resume",
    help="Switch the weekly check-ins back on, on their saved schedule",
    permission=Permission.ADMIN,
)
async def resume(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    return await _switch(ctx, uow, enabled=True)


@commands.command(
    "admin checkins stats",
    help="Check-in figures and a chart for recent weeks",
    options=(
        Integer("weeks", "How many weeks (default 12)", min_value=1, max_value=52),
        Integer(
            "weeks_ago",
            "How many weeks ago the range ends (default 0: this week)",
            min_value=0,
            max_value=520,
        ),
    ),
    permission=Permission.ADMIN,
)
async def stats(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    schedule = await schedule_of(ctx, uow)
    last = schedule.week_of(ctx.now) - timedelta(weeks=args["weeks_ago"] or 0)
    weeks = recent_weeks(last, args["weeks"] or 12)
    counts = await uow.checkins.participation(ctx.community_id, weeks)
    entries = []
    for week in weeks:
        entries += await uow.checkins.week_checkins(ctx.community_id, week)
    figures = numbers(entries, ctx.vocabulary)
    chart = await asyncio.to_thread(participation_chart, counts, chart_title(weeks))
    lines = [f"{week_label(w).capitalize()}: {counts[w]}" for w in weeks]
    return Reply(
        title=f"Check-ins over {counted(len(weeks), 'week')}",
        text="\n".join(lines),
        fields=(
            Field("Check-ins", str(sum(counts.values())), inline=True),
            Field("Minutes", str(figures.minutes), inline=True),
            Field("Tiny habits kept", str(figures.goals_kept), inline=True),
            Field("Topics mentioned most", ", ".join(figures.top_topics) or "—"),
        ),
        attachments=(Attachment("checkins.png", chart, "Members checking in per week"),),
        private=True,
    )
