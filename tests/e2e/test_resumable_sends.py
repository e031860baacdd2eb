"""Part of issue 14: a message made of several platform calls survives a failure between them,
and a resend after a crash doesn't reach anyone twice. The real discord.py talks to the loopback
Discord; the outbox sends as it does in production. (Slack's case is in test_slack.py.)"""

from __future__ import annotations

from datetime import timedelta

from bot.delivery import send
from bot.outbox import queue
from bot.ports import ChannelPost, NewThread, PrivateSpace
from bot.replies import Reply
from bot.sending import SendProgress, finished, sending
from tests.e2e.discord_emulator import CHANNEL_ID, GUILD_ID

DISCORD = f"discord:{GUILD_ID}"


async def _queue(app, community: str, destination, reply: Reply, key: str = "m1") -> None:
    async with app.runtime.store.unit() as uow:
        await queue(uow, community, key, destination, reply, app.runtime.clock.now())


async def _retry_later(world) -> None:
    world.clock.advance(timedelta(minutes=10))
    report = await world.app.drain()
    assert report.delivered == 1


def _threads(emulator) -> list:
    return [c for c in emulator.calls if c.method == "POST" and c.path.endswith("/threads")]


async def test_a_discord_thread_whose_first_post_failed_is_not_opened_twice(discord_world):
    world = discord_world
    world.emulator.fail_next.append(("POST", "channels/*/messages"))
    await _queue(
        world.app, DISCORD, NewThread(CHANNEL_ID, "Learning check-in — week 48"), Reply("Hi")
    )
    first = await world.app.drain()
    assert first.retried == 1 and len(_threads(world.emulator)) == 1
    await _retry_later(world)
    assert len(_threads(world.emulator)) == 1
    assert len(world.emulator.created) == 1  # one opening message, in the one thread
    assert world.emulator.created[0]["channel_id"] != CHANNEL_ID


async def test_a_private_space_resumes_after_a_failed_post(discord_world):
    world = discord_world
    world.emulator.fail_next.append(("POST", "channels/*/messages"))
    await _queue(world.app, DISCORD, PrivateSpace(("4001", "4002"), "Ada meets Sam"), Reply("Hi"))
    assert (await world.app.drain()).retried == 1
    await _retry_later(world)
    assert len(_threads(world.emulator)) == 1 and len(world.emulator.created) == 1


async def test_a_discord_resend_after_a_crash_is_dropped_by_its_nonce(discord_world):
    """A worker sent a message and died before recording it; when its lease ends another worker
    sends it again. Discord sees the same nonce and creates nothing new."""
    world = discord_world
    await _queue(world.app, DISCORD, ChannelPost(CHANNEL_ID), Reply("Week in review"))
    async with world.app.runtime.store.unit() as uow:
        [row] = await uow.outbox.claim(world.clock.now(), 10, ["discord"], timedelta(minutes=2))
    token = sending(SendProgress(row.id))
    try:  # the worker that died: sent, never recorded
        await send(world.platform.messenger, row.destination, row.reply, row.community_id)
    finally:
        finished(token)
    world.clock.advance(timedelta(minutes=3))
    assert (await world.app.drain()).delivered == 1
    posts = world.emulator.messages_to(CHANNEL_ID)
    assert len(posts) == 2 and posts[0].body["nonce"] == posts[1].body["nonce"]
    assert len(world.emulator.created) == 1
