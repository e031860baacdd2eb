"""The listener: reads messages in opted-in channels and answers doubt kindly, crisis safely."""

from __future__ import annotations

import dataclasses
import random

from bot.commands import Catalogue
from bot.context import ChannelMessage, Context
from bot.features.encouragement import texts
from bot.features.encouragement.detector import Reading, read_message
from bot.features.encouragement.model import Listener
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, UnitOfWork
from bot.replies import Reply, mention

commands = Catalogue()


def channel_key(channel: str) -> str:
    return channel.strip().removeprefix("#").casefold()


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
        return texts.NEXT_WINS.format(count=wins)
    member = await uow.checkins.member(ctx.community_id, ctx.actor.id)
    if member is not None and member.streak.current:
        return texts.NEXT_STREAK.format(weeks=member.streak.current)
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
    channels = {channel_key(c) for c in ctx.settings["encouragement_channels"]}
    return channel_key(message.channel_id) in channels


async def _crisis(ctx: Context, uow: UnitOfWork, message: ChannelMessage, listener: Listener):
    moderators = ctx.settings["moderator_channel"]
    text = texts.CRISIS_TEXT.format(resources=ctx.settings["support_resources"])
    if moderators:
        text += texts.CRISIS_MODERATOR
    # Crisis help reaches the member even if they paused DMs or switched the listener off.
    await queue_dm(
        uow,
        ctx.community_id,
        ctx.actor.id,
        f"crisis:{message.message_id}",
        Reply(text=text),
        ctx.now,
        even_if_paused=True,
        urgent=True,  # never behind a week's reminders
    )
    if moderators:
        alert = texts.CRISIS_ALERT.format(
            member=mention(ctx.actor.id),
            channel=f"#{channel_key(message.channel_id)}",
            link=message.link or f"message {message.message_id}",
        )
        await queue(
            uow,
            ctx.community_id,
            f"crisis-alert:{message.message_id}",
            ChannelPost(moderators),
            Reply(text=alert),
            ctx.now,
            urgent=True,
        )
    await uow.encouragement.save_listener(
        dataclasses.replace(listener, crisis_replies=listener.crisis_replies + 1)
    )


@commands.listener
async def listen(ctx: Context, uow: UnitOfWork, message: ChannelMessage) -> Reply | None:
    if not _watched(ctx, message):
        return None
    reading = read_message(message.text)
    if reading not in (Reading.CRISIS, Reading.SELF_DOUBT):
        return None
    listener = await uow.encouragement.listener(ctx.community_id, ctx.actor.id)
    if reading is Reading.CRISIS:
        await _crisis(ctx, uow, message, listener)  # no cooldown, no opt-out, no cheer
        return None
    if not listener.listen or ctx.member.is_paused(ctx.now):
        return None
    cooldown = ctx.settings["encouragement_cooldown"]
    if listener.last_reply_at and ctx.now - listener.last_reply_at < cooldown:
        return None
    reply, listener = await encouragement(ctx, uow, listener)
    listener = dataclasses.replace(listener, last_reply_at=ctx.now, replies=listener.replies + 1)
    await uow.encouragement.save_listener(listener)
    key = f"encourage:{message.message_id}"
    if ctx.settings["encouragement_mode"] == "thread":
        destination = ChannelPost(
            message.channel_id, thread_id=message.thread_id or message.message_id
        )
        await queue(uow, ctx.community_id, key, destination, reply, ctx.now)
    else:
        await queue_dm(uow, ctx.community_id, ctx.actor.id, key, reply, ctx.now)
    return None
