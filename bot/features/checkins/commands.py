"""/checkin, /streak, /checkins history|board|settings|join|leave (the admins' part: admin.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from bot.commands import Catalogue
from bot.context import ChannelMessage, Context
from bot.features.checkins import texts
from bot.features.checkins.model import (
    CheckIn,
    CheckinMember,
    Schedule,
    default_schedule,
    week_label,
)
from bot.features.projects.progress import project_progress
from bot.hooks import Away
from bot.options import (
    Boolean,
    Integer,
    MemberOption,
    Text,
)
from bot.outbox import queue
from bot.ports import Reaction, UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import counted

commands = Catalogue()
commands.group("checkins", help="Your check-in history and preferences")


async def schedule_of(ctx: Context, uow: UnitOfWork) -> Schedule:
    async def load() -> Schedule:
        saved = await uow.checkins.schedule(ctx.community_id)
        return saved or default_schedule(ctx.community_id)

    return await ctx.cache.get(ctx.community_id, "checkin-schedule", load)


async def checkin_member(ctx: Context, uow: UnitOfWork) -> CheckinMember:
    """The actor's check-in record, or a fresh one (not saved) if they have none yet."""
    saved = await uow.checkins.member(ctx.community_id, ctx.actor.id)
    return saved or CheckinMember(ctx.community_id, ctx.actor.id)


def _streak_line(member: CheckinMember) -> str:
    streak = member.streak
    freezes = (
        texts.FREEZES.format(count=counted(streak.freezes, "freeze")) if streak.freezes else ""
    )
    return texts.STREAK_LINE.format(current=counted(streak.current, "week"), freezes=freezes)


async def record_checkin(
    ctx: Context, uow: UnitOfWork, entry: CheckIn
) -> tuple[bool, CheckinMember]:
    """Save the entry and move the streak on; shared by /checkin and thread replies."""
    first = await uow.checkins.save_checkin(entry, ctx.now)
    member = await checkin_member(ctx, uow)
    if first or not member.participating:  # checking in is how most members join
        streak = member.streak.after(entry.week, member.held) if first else member.streak
        member = dataclasses.replace(member, streak=streak, participating=True)
        await uow.checkins.save_member(member)
    return first, member


@commands.command(
    "checkin",
    help="Say what you learned this week, and the tiny habit you'll keep next week",
    options=(
        Text(
            "learned", "What you learned this week", required=True, max_length=1000, multiline=True
        ),
        Integer("minutes", "Roughly how many minutes you spent", min_value=0, max_value=10080),
        Text(
            "next",
            "Your tiny habit for next week, e.g. 10 minutes of a lecture a day",
            max_length=200,
        ),
        Text(
            "blocker", "Anything in your way (only you and admins' totals see it)", max_length=500
        ),
        Boolean("kept_goal", "Did you keep last week's tiny habit?"),
        Text("project", "A project you worked on (its title or #number)", max_length=80),
        Text("milestone", "A project milestone you finished (its number or text)", max_length=200),
    ),
)
async def checkin(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    schedule = await schedule_of(ctx, uow)
    week = schedule.week_of(ctx.now)
    entry = CheckIn(
        ctx.community_id,
        ctx.actor.id,
        week,
        args["learned"],
        args["minutes"],
        args["next"],
        args["blocker"],
        args["kept_goal"],
    )
    first, member = await record_checkin(ctx, uow, entry)
    template = texts.CHECKED_IN if first else texts.UPDATED
    text = template.format(label=week_label(week), streak=_streak_line(member))
    if first and member.streak.milestone:
        text += texts.MILESTONE.format(weeks=member.streak.current)
    elif first and member.streak.current % 4 == 0:
        text += texts.FREEZE_EARNED
    if args["next"]:
        text += texts.NEXT_SAVED.format(next=args["next"])
    if args["project"] or args["milestone"]:
        text += await project_progress(ctx, uow, args["project"], args["milestone"])
    return Reply(text=text, private=True)


async def _in_this_weeks_thread(ctx: Context, uow: UnitOfWork, message: ChannelMessage) -> bool:
    if message.thread_id is None or not message.text.strip():
        return False
    schedule = await schedule_of(ctx, uow)
    if not schedule.channel_id:
        return False  # no weekly thread in this community
    week = schedule.week_of(ctx.now)
    thread = await uow.outbox.reference(ctx.community_id, f"checkin-thread:{week.isoformat()}")
    return thread == message.thread_id


@commands.listener(wants=_in_this_weeks_thread)
async def thread_reply(ctx: Context, uow: UnitOfWork, message: ChannelMessage) -> Reply | None:
    """A participant's first reply in this week's thread, with no check-in yet, is their
    check-in (its text as `learned`), acknowledged with ✅ on the message. Every other reply is
    conversation: it never overwrites a check-in, and "Nice one!" from a visitor isn't one."""
    if not await _in_this_weeks_thread(ctx, uow, message):
        return None
    member = await uow.checkins.member(ctx.community_id, ctx.actor.id)
    week = (await schedule_of(ctx, uow)).week_of(ctx.now)
    if member is None or not member.participating:
        return None
    if await uow.checkins.checkin(ctx.community_id, ctx.actor.id, week) is not None:
        return None
    learned = message.text.strip()[:1000]
    await record_checkin(
        ctx, uow, CheckIn(ctx.community_id, ctx.actor.id, week, learned, via="thread")
    )
    counted_here = Reaction(message.channel_id, message.message_id, "✅", message.thread_id)
    key = f"checkin-ack:{week.isoformat()}:{ctx.actor.id}"
    await queue(uow, ctx.community_id, key, counted_here, Reply(), ctx.now)
    return None


@commands.command(
    "streak",
    help="Your weekly streak, or another member's",
    options=(MemberOption("member", "Whose streak (leave empty for yours)"),),
)
async def streak(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member_id = args["member"] or ctx.actor.id
    member = await uow.checkins.member(ctx.community_id, member_id)
    who = "Your" if member_id == ctx.actor.id else mention(member_id) + "'s"
    if member_id != ctx.actor.id and member is not None and not member.public:
        return Reply(text=texts.STREAK_PRIVATE.format(who=mention(member_id)), private=True)
    if member is None or member.streak.last_week is None:
        if member_id != ctx.actor.id:
            return Reply(text=texts.NO_CHECKINS_THEM.format(who=mention(member_id)), private=True)
        return Reply(text=texts.NO_CHECKINS, private=True)
    schedule = await schedule_of(ctx, uow)
    now_streak = member.streak.as_of(schedule.week_of(ctx.now), member.held)
    recent = await uow.checkins.history(ctx.community_id, member_id, 13)
    kept = sum(1 for e in recent if e.kept_goal)
    return Reply(
        text=f"{who} streak",
        fields=(
            Field("Current", counted(now_streak.current, "week"), inline=True),
            Field("Longest", counted(now_streak.longest, "week"), inline=True),
            Field("Freezes banked", str(now_streak.freezes), inline=True),
            Field("Tiny habits kept, last 13 weeks", str(kept), inline=True),
        ),
        private=True,
    )


@commands.command(
    "checkins history",
    help="Your recent check-ins",
    options=(Integer("weeks", "How many weeks back (default 8)", min_value=1, max_value=52),),
)
async def history(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    entries = await uow.checkins.history(ctx.community_id, ctx.actor.id, args["weeks"] or 8)
    if not entries:
        return Reply(text=texts.NO_HISTORY, private=True)
    fields = []
    for entry in entries:
        details = [entry.learned]
        if entry.minutes:
            details.append(f"{entry.minutes} min")
        if entry.next_goal:
            details.append(f"next: {entry.next_goal}")
        if entry.kept_goal is not None:
            details.append(
                "kept last week's habit" if entry.kept_goal else "missed last week's habit"
            )
        fields.append(Field(week_label(entry.week).capitalize(), " · ".join(details)))
    return Reply(title="Your check-ins", fields=tuple(fields), private=True)


@commands.command("checkins board", help="Current streaks of members who chose to show theirs")
async def board(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    week = (await schedule_of(ctx, uow)).week_of(ctx.now)
    shown = []
    for member in await uow.checkins.on_board(ctx.community_id):
        current = member.streak.as_of(week, member.held).current  # a lapsed one isn't shown
        if current:
            shown.append(f"{mention(member.member_id)}: {counted(current, 'week')}")
    if not shown:
        return Reply(text=texts.BOARD_EMPTY, private=True)
    return Reply(
        title=texts.BOARD_TITLE, text="\n".join(shown[:25]) + texts.BOARD_JOIN, private=True
    )


@commands.command(
    "checkins settings",
    help="Reminders on or off, and whether summaries may name you",
    options=(
        Boolean("reminders", "A DM before the week closes if you haven't checked in"),
        Boolean("public", "Whether summaries, /streak and the streak board may show you"),
    ),
)
async def settings(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = await checkin_member(ctx, uow)
    changes = {k: args[k] for k in ("reminders", "public") if args[k] is not None}
    if args["public"] is not None:
        changes["public_chosen"] = True
    if changes:
        member = dataclasses.replace(member, **changes)
        await uow.checkins.save_member(member)
    template = texts.SETTINGS_SAVED if changes else texts.SETTINGS_SHOWN
    return Reply(
        text=template.format(
            reminders="on" if member.reminders else "off",
            public="yes" if member.public else "no (you're counted, not named)",
            board="yes" if member.on_board else "no (`public:on` adds you)",
        ),
        private=True,
    )


@commands.on_away
async def hold_the_streak(ctx: Context, uow: UnitOfWork, away: Away) -> None:
    """A pause keeps a streak as it is: the weeks it covers neither break nor extend it."""
    if away is not Away.PAUSED:
        return
    member = await uow.checkins.member(ctx.community_id, ctx.actor.id)
    paused = await uow.members.get(ctx.community_id, ctx.actor.id)
    if member is None or paused is None or paused.paused_until is None:
        return
    schedule = await schedule_of(ctx, uow)
    held = (schedule.week_of(ctx.now), schedule.week_of(paused.paused_until))
    await uow.checkins.save_member(dataclasses.replace(member, held=held))


@commands.command("checkins join", help="Take part in the weekly check-ins, with a reminder")
async def join(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = await checkin_member(ctx, uow)
    if member.participating:
        return Reply(text=texts.ALREADY_IN, private=True)
    await uow.checkins.save_member(dataclasses.replace(member, participating=True))
    return Reply(text=texts.JOINED, private=True)


@commands.command(
    "checkins leave", help="Stop taking part: no reminders; your history and streak stay"
)
async def leave(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = await checkin_member(ctx, uow)
    if not member.participating:
        return Reply(text=texts.NOT_IN, private=True)
    await uow.checkins.save_member(dataclasses.replace(member, participating=False))
    return Reply(text=texts.LEFT, private=True)
