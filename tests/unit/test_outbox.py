"""The outbox: delivered once, retried with backoff, failures recorded and shown to admins."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import pytest

from bot.context import Actor, Invocation
from bot.outbox import WINDOW_MARGIN, OutboxSender, RateLimiter, backoff, queue
from bot.ports import ChannelPost, Delivery, DirectMessage, UndeliverableReason
from bot.replies import Reply

A = "test:alpha"


async def enqueue_dm(app, member: str, text: str = "hello", key: str | None = None) -> bool:
    now = app.runtime.clock.now()
    async with app.runtime.store.unit() as uow:
        await uow.communities.ensure(A, now)
        return await queue(
            uow, A, key or f"k:{member}:{text}", DirectMessage(member), Reply(text), now
        )


async def statuses(app) -> list[tuple[str, str, int]]:
    rows = (await app.runtime.store.table_rows())["outbox"]
    # id, community, platform, key, destination, reply, recipient, status, attempts, ...
    return [(row[3], row[7], row[8]) for row in rows]


async def test_delivers_each_message_once(app, messenger):
    await enqueue_dm(app, "u1")
    assert not await enqueue_dm(app, "u1")  # same key: not queued twice
    first = await app.drain()
    second = await app.drain()
    assert (first.delivered, second.attempted) == (1, 0)
    assert messenger.texts("dm") == ["hello"]
    assert await statuses(app) == [("k:u1:hello", "delivered", 1)]


async def test_rate_limited_message_waits_then_goes(app, messenger, clock):
    messenger.script = [Delivery.retry(30)]
    await enqueue_dm(app, "u1")
    report = await app.drain()
    assert report.retried == 1 and messenger.sent == []
    clock.advance(timedelta(seconds=29))
    assert (await app.drain()).attempted == 0  # Retry-After is respected
    clock.advance(timedelta(seconds=1))
    assert (await app.drain()).delivered == 1
    assert messenger.texts() == ["hello"]


async def test_messenger_crash_is_retried_with_backoff(app, messenger, clock):
    messenger.script = [ConnectionError("socket closed")]
    await enqueue_dm(app, "u1")
    assert (await app.drain()).retried == 1
    clock.advance(backoff(1))
    assert (await app.drain()).delivered == 1


async def test_gives_up_after_max_attempts_and_records_it(app, messenger, clock):
    app.sender.max_attempts = 3
    messenger.script = [Delivery.retry(1)] * 3
    await enqueue_dm(app, "u1")
    for _ in range(3):
        await app.drain()
        clock.advance(timedelta(hours=1))
    assert await statuses(app) == [("k:u1:hello", "failed", 3)]


async def test_closed_dms_are_recorded_and_admins_told(app, messenger):
    await app.dispatcher.invoke(
        Invocation(
            A, Actor("boss", "Boss", True), "admin set", {"key": "admin_channel", "value": "#mods"}
        )
    )
    messenger.dms_closed.add("u1")
    await enqueue_dm(app, "u1")
    report = await app.drain()
    assert report.failed == 1 and report.delivered == 1  # the failure, then the admin notice
    [notice] = [s for s in messenger.sent if s.kind == "post"]
    assert notice.target == "#mods" and "<@u1>" in notice.reply.text
    assert "DMs are closed" in notice.reply.text
    reply = await app.dispatcher.invoke(
        Invocation(A, Actor("boss", "Boss", True), "admin deliveries")
    )
    assert "<@u1> by direct message: their DMs are closed" in reply.text


async def test_failure_without_admin_channel_is_only_recorded(app, messenger):
    messenger.dms_closed.add("u1")
    await enqueue_dm(app, "u1")
    assert (await app.drain()).failed == 1
    assert messenger.sent == []


async def test_failed_admin_notice_does_not_loop(app, messenger):
    messenger.script = [Delivery.undeliverable(UndeliverableReason.NO_PERMISSION)]
    now = app.runtime.clock.now()
    async with app.runtime.store.unit() as uow:
        await uow.communities.ensure(A, now)
        await uow.communities.set_setting(A, "admin_channel", "#mods", now)
        await queue(uow, A, "x", ChannelPost("#mods"), Reply("hi"), now)
    assert (await app.drain()).failed == 1
    assert [s for s in await statuses(app)] == [("x", "failed", 1)]


async def test_paused_members_get_no_dms(app, messenger, clock):
    async with app.runtime.store.unit() as uow:
        await uow.communities.ensure(A, clock.now())
        await uow.members.upsert(A, "u1", "Ada", clock.now())
        await uow.members.set_paused_until(A, "u1", clock.now() + timedelta(days=1))
    assert not await enqueue_dm(app, "u1", "nudge")
    assert (await app.drain()).attempted == 0


async def test_a_crash_between_send_and_mark_resends_only_that_message(app, messenger, store):
    """Delivered rows are never sent again; a row whose send was interrupted goes once more."""
    for member in ("u1", "u2"):
        await enqueue_dm(app, member)
    await app.drain()
    assert len(messenger.sent) == 2
    # A fresh sender (a restarted process) finds nothing left to send.
    restarted = OutboxSender(app.runtime, {"test": messenger})
    assert (await restarted.drain()).attempted == 0
    assert len(messenger.sent) == 2


def limiter_on_fake_time(rate: float, now: list[float]) -> RateLimiter:
    """A limiter whose clock is `now[0]` and whose sleeps move that clock, not the real one."""

    async def fake_sleep(seconds: float) -> None:
        now[0] += seconds

    return RateLimiter(rate, monotonic=lambda: now[0], sleep=fake_sleep)


async def test_rate_limiter_spaces_sends():
    now = [0.0]

    limiter = limiter_on_fake_time(10, now)
    for _ in range(30):
        await limiter.take()
    # 10 go at once, the next 20 need two more windows (a second and a 2% margin each).
    assert now[0] == pytest.approx(2 * WINDOW_MARGIN)


def test_backoff_grows_and_is_capped():
    assert backoff(1) == timedelta(seconds=5)
    assert backoff(2) == timedelta(seconds=10)
    assert backoff(30) == timedelta(hours=1)


async def test_running_sender_wakes_when_a_command_queues_a_message(app, messenger, clock):
    """The background sender needs no poll to notice work: a commit wakes it."""
    app.sender.poll_seconds = 3600  # a poll would never come in time; only the wake-up can
    sender = asyncio.create_task(app.sender.run())
    try:
        ada = Actor("u1", "Ada")
        await app.dispatcher.invoke(Invocation(A, ada, "privacy pause", {"duration": "1d"}))
        clock.advance(timedelta(days=1))
        await app.tick()  # the pause ends: a DM is queued and the sender is woken
        for _ in range(200):
            if messenger.sent:
                break
            await asyncio.sleep(0.01)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
    assert [s.kind for s in messenger.sent] == ["dm"]


async def test_no_rolling_second_ever_holds_more_than_the_rate():
    now = [0.0]
    sent: list[float] = []

    limiter = limiter_on_fake_time(10, now)
    for i in range(35):
        now[0] += 0.013 * (i % 3)  # sends arrive unevenly
        await limiter.take()
        sent.append(now[0])
    for start in sent:  # (a microsecond's slack for float sums at the window's edge)
        assert sum(1 for t in sent if start <= t < start + 1.0 - 1e-6) <= 10


async def test_slow_rates_space_single_sends():
    now = [0.0]

    limiter = limiter_on_fake_time(0.5, now)
    for _ in range(3):
        await limiter.take()
    assert now[0] == pytest.approx(4 * WINDOW_MARGIN)  # one every two seconds, plus margin
