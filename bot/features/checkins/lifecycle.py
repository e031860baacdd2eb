"""The week's rhythm, driven by ticks: open the thread, remind at a waking hour, sum up."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.commands import Catalogue
from bot.features.buddies.rounds import week_in_buddies
from bot.features.buddies.texts import WEEK_FIELD as BUDDIES_FIELD
from bot.features.checkins import texts
from bot.features.checkins.model import CheckIn, CheckinMember, Week, week_label
from bot.features.checkins.summary import (
    chart_title,
    numbers,
    participation_chart,
    recent_weeks,
)
from bot.features.projects.progress import week_in_projects
from bot.features.projects.texts import WEEK_FIELD as PROJECTS_FIELD
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, NewThread
from bot.replies import Attachment, Field, Reply, mention
from bot.runtime import Runtime
from bot.taxonomy import Vocabulary
from bot.timefmt import local_time

commands = Catalogue()

WAKING_FROM, WAKING_UNTIL = 8, 21  # reminders only between 08:00 and 21:00 in the member's zone
CHART_WEEKS = 12


def thread_key(week: date) -> str:
    return f"checkin-thread:{week.isoformat()}"


# Declared first so that on a tick the old week's summary comes before the new week's thread.
@commands.due("checkin-close-week")
async def close_weeks(runtime: Runtime, now: datetime) -> int:
    """When a week ends, post its summary with a participation chart, once."""
    closed = 0
    async with runtime.store.unit(read_only=True) as uow:
        ending = await uow.checkins.weeks_to_close(now)
    for record in ending:
        async with runtime.store.unit(read_only=True) as uow:
            settings = await runtime.settings_for(uow, record.community_id)
            entries = await uow.checkins.week_checkins(record.community_id, record.week)
            weeks = recent_weeks(record.week, CHART_WEEKS)
            counts = await uow.checkins.participation(record.community_id, weeks)
            people = await uow.checkins.members(record.community_id, [e.member_id for e in entries])
            earlier = record.week - timedelta(days=7)
            first = await uow.checkins.week(record.community_id, earlier) is None
            projects = await week_in_projects(
                uow, record.community_id, record.opened_at, record.closes_at
            )
            buddies = await week_in_buddies(
                uow, record.community_id, record.opened_at, record.closes_at
            )
        # Rendering takes a moment: do it off the event loop and outside any transaction.
        chart = await asyncio.to_thread(participation_chart, counts, chart_title(weeks))
        reply = _summary(record.week, entries, counts, people, settings.vocabulary(), chart, first)
        if projects:
            reply = replace(reply, fields=(*reply.fields, Field(PROJECTS_FIELD, projects)))
        if buddies:
            reply = replace(reply, fields=(*reply.fields, Field(BUDDIES_FIELD, buddies)))
        async with runtime.store.unit() as uow:
            await queue(
                uow,
                record.community_id,
                f"checkin-summary:{record.week.isoformat()}",
                ChannelPost(record.channel_id),
                reply,
                now,
            )
            await uow.checkins.mark_closed(record.community_id, record.week, now)
        closed += 1
    return closed


@commands.due("checkin-open-week")
async def open_weeks(runtime: Runtime, now: datetime) -> int:
    """Open this week's thread once. Down at opening time? It opens on return, same week only."""
    opened = 0
    async with runtime.store.unit() as uow:
        for schedule in await uow.checkins.schedules():
            if not schedule.channel_id:
                continue
            week = schedule.week_of(now)
            if now >= schedule.closes_at(week) - schedule.remind_before:
                continue  # too late to open this week usefully: the next one will open on time
            if await uow.checkins.week(schedule.community_id, week) is not None:
                continue
            record = Week(
                schedule.community_id,
                week,
                schedule.channel_id,
                schedule.opens_at(week),
                schedule.closes_at(week),
            )
            if not await uow.checkins.open_week(record):
                continue
            settings = await runtime.settings_for(uow, schedule.community_id)
            last = await uow.checkins.week_checkins(schedule.community_id, week - timedelta(7))
            text = texts.THREAD_PROMPT
            if last:
                figures = numbers(last, settings.vocabulary())
                topics = (
                    texts.LAST_WEEK_TOPICS.format(topics=", ".join(figures.top_topics))
                    if figures.top_topics
                    else ""
                )
                text += "\n\n" + texts.LAST_WEEK.format(count=figures.checked_in, topics=topics)
            await queue(
                uow,
                schedule.community_id,
                thread_key(week),
                NewThread(schedule.channel_id, texts.THREAD_TITLE.format(label=week_label(week))),
                Reply(text=text),
                now,
            )
            opened += 1
    return opened


def _awake(now: datetime, zone: str) -> bool:
    return WAKING_FROM <= now.astimezone(ZoneInfo(zone)).hour < WAKING_UNTIL


def reminder_time(record: Week, window: timedelta, zone: str) -> datetime:
    """When a member in `zone` hears this week's reminder: the first waking hour inside the
    window before the close; when the window falls in their night, the last waking hour before
    it; and right after the week opens if nothing fits. Never skipped."""
    start = record.closes_at - window
    hour = timedelta(hours=1)
    moment = start
    while moment < record.closes_at:
        if _awake(moment, zone):
            return moment
        moment = moment.replace(minute=0, second=0, microsecond=0) + hour
    moment = start.replace(minute=0, second=0, microsecond=0) - hour
    while moment >= record.opened_at:
        if _awake(moment, zone):
            return moment
        moment -= hour
    return record.opened_at


EARLIEST_REMINDER = timedelta(hours=WAKING_FROM + 24 - WAKING_UNTIL)  # the longest night


@commands.due("checkin-reminders")
async def remind(runtime: Runtime, now: datetime) -> int:
    """One DM before the week closes to each participant who wants it, while they're awake."""
    sent = 0
    async with runtime.store.unit() as uow:
        for schedule in await uow.checkins.schedules():
            week = schedule.week_of(now)
            record = await uow.checkins.week(schedule.community_id, week)
            window = schedule.remind_before
            if record is None or now < record.closes_at - window - EARLIEST_REMINDER:
                continue
            when: dict[str, datetime] = {}  # one answer per time zone
            due = []
            for member_id, zone in await uow.checkins.to_remind(schedule.community_id, week, now):
                zone = zone or schedule.timezone
                if zone not in when:
                    when[zone] = reminder_time(record, window, zone)
                if now >= when[zone]:
                    due.append((member_id, zone))
            for member_id, zone in due:
                closes = local_time(record.closes_at, zone)
                await queue_dm(
                    uow,
                    schedule.community_id,
                    member_id,
                    f"checkin-reminder:{week.isoformat()}:{member_id}",
                    Reply(text=texts.REMINDER.format(closes=closes)),
                    now,
                    even_if_paused=True,  # to_remind has already left paused members out
                )
            await uow.checkins.mark_reminded(schedule.community_id, [m for m, _ in due], week)
            sent += len(due)
    return sent


def _summary(
    week: date,
    entries: Sequence[CheckIn],
    counts: Mapping[date, int],
    people: Mapping[str, CheckinMember],
    vocabulary: Vocabulary,
    chart: bytes,
    first: bool,
) -> Reply:
    label = week_label(week)
    if not entries:
        return Reply(
            title=texts.SUMMARY_TITLE.format(label=label),
            text=texts.SUMMARY_EMPTY,
            attachments=(Attachment("checkins.png", chart, "Members checking in per week"),),
        )
    figures = numbers(entries, vocabulary)
    checked_in = str(figures.checked_in)
    if not first:  # a first week has nothing to compare with
        change = figures.checked_in - counts.get(week - timedelta(7), 0)
        checked_in += f" ({'+' if change >= 0 else ''}{change} on last week)"
    fields = [
        Field("Checked in", checked_in, inline=True),
        Field("Minutes", str(figures.minutes), inline=True),
        Field("Tiny habits kept", str(figures.goals_kept), inline=True),
    ]
    if figures.top_topics:
        fields.append(Field("Most mentioned", ", ".join(figures.top_topics)))
    named, quiet = [], 0
    for member_id, member in people.items():
        if member.streak.last_week == week and member.streak.milestone:
            if member.public:
                named.append(f"{mention(member_id)} ({member.streak.current} weeks)")
            else:
                quiet += 1
    if named or quiet:
        text = ", ".join(named)
        if quiet:
            text += f"{' and ' if named else ''}{quiet} more who prefer not to be named"
        fields.append(Field("Milestones", text))
    return Reply(
        title=texts.SUMMARY_TITLE.format(label=label),
        text="Thank you to everyone who showed up this week. " + texts.BOARD_MENTION,
        fields=tuple(fields),
        attachments=(Attachment("checkins.png", chart, "Members checking in per week"),),
    )
