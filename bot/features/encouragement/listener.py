"""The listener: reads messages in opted-in channels and answers doubt kindly, crisis safely."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta
from functools import lru_cache

from bot.channels import channel_mention
from bot.commands import Catalogue
from bot.context import ChannelMessage, Context
from bot.features.encouragement import texts
from bot.features.encouragement.detector import Reading, read_message
from bot.features.encouragement.model import Listener
from bot.models import OutboxMessage, OutboxStatus
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, ThreadReply, UnitOfWork
from bot.replies import Field, Reply, mention
from bot.runtime import Runtime
from bot.texts import counted

commands = Catalogue()

# `crisis_watch`: crisis language in the chosen channels only, or in every channel I can read.
CRISIS_WATCH = ("listened", "all")
# The moderators' alert waits this long at most for the member's private message to go out,
# so it can say whether it did; if it's still unknown by then, the alert says that instead.
ALERT_WAITS_FOR_DM = timedelta(seconds=30)
CRISIS_DM = "crisis:"
CRISIS_ALERT = "crisis-alert:"


def pick_from_pool(listener: Listener, rng: random.Random) -> tuple[int, Listener]:
    """A message this member hasn't seen since the pool last ran out."""
    unused = [i for i in range(len(texts.POOL)) if i not in listener.pool_used]
    if not unused:
        unused, listener = list(range(len(texts.POOL))), dataclasses.replace(listener, pool_used=())
    choice = rng.choice(unused)
    return choice, dataclasses.replace(listener, pool_used=(*listener.pool_used, choice))


async def next_step(ctx: Context, uow: UnitOfWork) -> str:
    """One concrete step, from what the member already has: wins, a streak, a mentor, or none."""
    wins = await uow.encouragement.win_count(ctx.community_id, ctx.actor.id)
    if wins:
        return texts.NEXT_WINS.format(count=counted(wins, "win"))
    member = await uow.checkins.member(ctx.community_id, ctx.actor.id)
    if member is not None and member.streak.current:
        return texts.NEXT_STREAK.format(weeks=counted(member.streak.current, "week"))
    mentored = await uow.mentoring.mentorships(ctx.community_id, member_id=ctx.actor.id)
    asked = await uow.mentoring.open_request(ctx.community_id, ctx.actor.id)
    if not mentored and asked is None:
        return texts.NEXT_MENTOR
    return texts.NEXT_POST


async def encouragement(
    ctx: Context, uow: UnitOfWork, listener: Listener
) -> tuple[Reply, Listener]:
    """A message from the pool plus a next step; the caller decides where it goes."""
    seed = f"{ctx.community_id}:{ctx.actor.id}:{listener.replies}:{ctx.now.isoformat()}"
    index, listener = pick_from_pool(listener, random.Random(seed))
    text = f"{texts.POOL[index]}\n\n{await next_step(ctx, uow)}"
    return Reply(title=texts.TITLE, text=text), listener


def _watched(ctx: Context, message: ChannelMessage) -> bool:
    """Ids on both sides: settings hold the ids the adapter resolved, messages carry theirs."""
    return message.channel_id in set(ctx.settings["encouragement_channels"])


def _alert(ctx: Context, message: ChannelMessage, reading: Reading) -> Reply:
    template = texts.WORRIED_ALERT if reading is Reading.CRISIS_OTHER else texts.CRISIS_ALERT
    text = template.format(
        member=mention(ctx.actor.id),
        channel=channel_mention(message.channel_id),
        link=message.link or f"message {message.message_id}",
    )
    return Reply(text=text, fields=(Field(texts.ALERT_DM_FIELD, texts.ALERT_DM_PENDING),))


async def _crisis(
    ctx: Context, uow: UnitOfWork, message: ChannelMessage, listener: Listener, reading: Reading
) -> None:
    moderators = ctx.settings["moderator_channel"]
    resources = ctx.settings["support_resources"]
    if reading is Reading.CRISIS_OTHER:
        text = texts.WORRIED_TEXT.format(resources=resources)
    else:
        text = texts.CRISIS_TEXT.format(resources=resources)
    if moderators:
        text += texts.CRISIS_MODERATOR
    # Crisis help reaches the member even if they paused DMs or switched the listener off.
    await queue_dm(
        uow,
        ctx.community_id,
        ctx.actor.id,
        f"{CRISIS_DM}{message.message_id}",
        Reply(text=text),
        ctx.now,
        even_if_paused=True,
        urgent=True,  # never behind a week's reminders
    )
    if moderators:
        # Held until the private message's fate is known (see `alert_with_dm_outcome`).
        await queue(
            uow,
            ctx.community_id,
            f"{CRISIS_ALERT}{message.message_id}",
            ChannelPost(moderators),
            _alert(ctx, message, reading),
            ctx.now,
            urgent=True,
            not_before=ctx.now + ALERT_WAITS_FOR_DM,
        )
    await uow.encouragement.save_listener(
        dataclasses.replace(listener, crisis_replies=listener.crisis_replies + 1)
    )


@commands.after_delivery(CRISIS_DM)
async def alert_with_dm_outcome(
    runtime: Runtime, uow: UnitOfWork, dm: OutboxMessage, failure: str | None, now: datetime
) -> None:
    """The moderators' alert says truthfully whether the member got the private message."""
    message_id = dm.key.removeprefix(CRISIS_DM)
    if failure is None:
        status = texts.ALERT_DM_DELIVERED
    else:
        status = texts.ALERT_DM_FAILED.format(reason=texts.DM_FAILURES.get(failure, failure))
    alert = await uow.outbox.queued(dm.community_id, f"{CRISIS_ALERT}{message_id}")
    if alert is None:
        return  # this community has no moderator channel
    fields = (Field(texts.ALERT_DM_FIELD, status),)
    revised = dataclasses.replace(alert.reply, fields=fields)
    if await uow.outbox.revise(dm.community_id, alert.key, revised, now):
        return
    if alert.status is OutboxStatus.DELIVERED:
        # The alert already went out saying the outcome was unknown: follow it up.
        update = texts.ALERT_UPDATE.format(member=mention(dm.recipient_id or ""), status=status)
        await queue(
            uow,
            dm.community_id,
            f"crisis-alert-update:{message_id}",
            alert.destination,
            Reply(text=update),
            now,
            urgent=True,
        )


def _wants_crisis_watch_everywhere(ctx: Context) -> bool:
    return ctx.settings["crisis_watch"] == "all"


@lru_cache(maxsize=256)
def _reading_of(text: str) -> Reading:
    """Read once: deciding whether to act and acting both ask about the same message."""
    return read_message(text)


def _what_to_answer(ctx: Context, message: ChannelMessage) -> Reading | None:
    """Crisis where the listener watches for it, self-doubt only in the chosen channels."""
    watched = _watched(ctx, message)
    if not watched and not _wants_crisis_watch_everywhere(ctx):
        return None
    reading = _reading_of(message.text)
    if reading.is_crisis or (watched and reading is Reading.SELF_DOUBT):
        return reading
    return None


async def _would_answer(ctx: Context, uow: UnitOfWork, message: ChannelMessage) -> bool:
    reading = _what_to_answer(ctx, message)
    if reading is None:
        return False
    return reading.is_crisis or await _encourageable(ctx, uow) is not None


async def _encourageable(ctx: Context, uow: UnitOfWork) -> Listener | None:
    """The member's listener state, when they may be encouraged now: not opted out, not
    paused, and not answered within the cooldown."""
    listener = await uow.encouragement.listener(ctx.community_id, ctx.actor.id)
    if not listener.listen or ctx.member.is_paused(ctx.now):
        return None
    cooldown = ctx.settings["encouragement_cooldown"]
    if listener.last_reply_at and ctx.now - listener.last_reply_at < cooldown:
        return None
    return listener


@commands.listener(wants=_would_answer)
async def listen(ctx: Context, uow: UnitOfWork, message: ChannelMessage) -> Reply | None:
    reading = _what_to_answer(ctx, message)
    if reading is None:
        return None
    if reading.is_crisis:
        own = await uow.encouragement.listener(ctx.community_id, ctx.actor.id)
        await _crisis(ctx, uow, message, own, reading)  # no cooldown, no opt-out, no cheer
        return None
    listener = await _encourageable(ctx, uow)
    if listener is None:
        return None
    reply, listener = await encouragement(ctx, uow, listener)
    listener = dataclasses.replace(listener, last_reply_at=ctx.now, replies=listener.replies + 1)
    await uow.encouragement.save_listener(listener)
    key = f"encourage:{message.message_id}"
    if ctx.settings["encouragement_mode"] == "thread":
        destination = (
            ChannelPost(message.channel_id, thread_id=message.thread_id)
            if message.thread_id
            else ThreadReply(message.channel_id, message.message_id, texts.THREAD_TITLE)
        )
        await queue(uow, ctx.community_id, key, destination, reply, ctx.now)
    else:
        await queue_dm(uow, ctx.community_id, ctx.actor.id, key, reply, ctx.now)
    return None
