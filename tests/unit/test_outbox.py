"""The outbox: delivered once, retried with backoff, failures recorded and shown to admins."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.context import Actor, Invocation
from bot.outbox import queue
from bot.pacing import LATE_TOLERANCE, PACING_MARGIN, SharedPacer
from bot.ports import ChannelPost, Delivery, DirectMessage, UndeliverableReason
from bot.replies import Reply
from bot.sender import OutboxSender, backoff
from tests.fakes import FakeMessenger, table_rows

A = "test:alpha"


async def enqueue_dm(app, member: str, text: str = "hello", key: str | None = None) -> bool:
    now = app.runtime.clock.now()
    async with app.runtime.store.unit() as uow:
        await uow.communities.ensure(A, now)
        return await queue(
            uow, A, key or f"k:{member}:{text}", DirectMessage(member), Reply(text), now
        )


async def statuses(app) -> list[tuple[str, str, int]]:
    rows = (await table_rows(app.runtime.store))["outbox"]
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
    assert notice.target == "mods" and "<@u1>" in notice.reply.text
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
        await uow.communities.set_setting(A, "admin_channel", "<#mods>", now)
        await queue(uow, A, "x", ChannelPost("mods"), Reply("hi"), now)
    assert (await app.drain()).failed == 1
    assert [s for s in await statuses(app)] == [("x", "failed", 1)]


async def test_paused_members_get_no_dms(app, messenger, clock):
    async with app.runtime.store.unit() as uow:
        await uow.communities.ensure(A, clock.now())
        await uow.members.upsert(A, "u1", "Ada", clock.now())
        await uow.members.set_paused_until(A, "u1", clock.now() + timedelta(days=1))
    assert not await enqueue_dm(app, "u1", "nudge")
    assert (await app.drain()).attempted == 0


async def test_a_restarted_sender_sends_nothing_twice(app, messenger):
    for member in ("u1", "u2"):
        await enqueue_dm(app, member)
    await app.drain()
    assert len(messenger.sent) == 2
    # A fresh sender (a restarted process) finds nothing left to send.
    restarted = OutboxSender(app.runtime, {"test": messenger})
    assert (await restarted.drain()).attempted == 0
    assert len(messenger.sent) == 2


async def test_a_dead_claimers_messages_go_out_once_its_lease_ends(app, messenger, clock):
    for member in ("u1", "u2"):
        await enqueue_dm(app, member)
    async with app.runtime.store.unit() as uow:  # a process claims both, then dies unsent
        claimed = await uow.outbox.claim(clock.now(), 10, ["test"], app.sender.lease)
    assert len(claimed) == 2
    assert (await app.drain()).attempted == 0  # still leased to the dead process
    clock.advance(app.sender.lease)
    assert (await app.drain()).delivered == 2
    assert sorted(s.target for s in messenger.sent) == ["u1", "u2"]


class StuckMessenger(FakeMessenger):
    """Its first DM never finishes, like a platform call hanging while the process stops."""

    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()

    async def send_dm(self, member_id, reply, community_id=None):
        self.started.set()
        await asyncio.Event().wait()


async def test_a_stopping_sender_hands_back_what_it_has_not_sent(app, messenger):
    for i in range(5):
        await enqueue_dm(app, f"u{i}")
    stuck = StuckMessenger()
    stopping = OutboxSender(app.runtime, {"test": stuck}, rate_per_second=1000, in_flight=1)
    draining = asyncio.create_task(stopping.drain())
    await stuck.started.wait()
    draining.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await draining
    # Nobody waits out the lease: all five are handed back and due now.
    assert (await app.drain()).delivered == 5
    assert sorted(s.target for s in messenger.sent) == [f"u{i}" for i in range(5)]


def pacer_on_fake_time(store, rate: float, now: list[float], *, oversleep=None):
    """A pacer whose wall clock is `now[0]`; sleeping moves that clock (by `oversleep` more)."""
    oversleep = oversleep or itertools.repeat(0.0)

    async def fake_sleep(seconds: float) -> None:
        now[0] += seconds + next(oversleep)

    return SharedPacer(store, rate, wall_clock=lambda: now[0], sleep=fake_sleep)


def busiest_second(times: list[float]) -> int:
    # (a microsecond's slack for float sums at the window's edge)
    return max(sum(1 for t in times if start <= t < start + 1.0 - 1e-6) for start in times)


async def test_pacer_spaces_sends_evenly(store):
    now = [1000.0]
    pacer = pacer_on_fake_time(store, 10, now)
    await pacer.reserve("test", 30)
    sent = []
    for _ in range(30):
        await pacer.turn("test")
        sent.append(now[0])
    gaps = {round(b - a, 6) for a, b in itertools.pairwise(sent)}
    assert gaps == {round(PACING_MARGIN / 10, 6)}
    assert busiest_second(sent) <= 10


async def test_pacers_in_two_processes_share_one_rate(store):
    now = [1000.0]
    first, second = pacer_on_fake_time(store, 10, now), pacer_on_fake_time(store, 10, now)
    sent = []
    for _ in range(4):  # each "process" claims a batch of 7 in turn and sends it
        for pacer in (first, second):
            await pacer.reserve("test", 7)
        for pacer in (first, second):
            for _ in range(7):
                await pacer.turn("test")
                sent.append(now[0])
    assert len(sent) == 56 and busiest_second(sorted(sent)) <= 10


async def test_a_late_event_loop_skips_send_times_instead_of_bunching(store):
    now = [1000.0]
    # Every other sleep overshoots by three times the tolerance, as on an overloaded machine.
    late = itertools.cycle([3 * LATE_TOLERANCE, 0.0])
    pacer = pacer_on_fake_time(store, 10, now, oversleep=late)
    await pacer.reserve("test", 20)
    sent = []
    for _ in range(20):
        await pacer.turn("test")
        sent.append(now[0])
    assert busiest_second(sent) <= 10
    assert sent[-1] - sent[0] > 19 * PACING_MARGIN / 10  # late times were skipped, not used


async def test_slow_rates_space_single_sends(store):
    now = [1000.0]
    pacer = pacer_on_fake_time(store, 0.5, now)
    for _ in range(3):
        await pacer.turn("test")
    assert now[0] - 1000.0 == pytest.approx(4 * PACING_MARGIN)  # one every two seconds, plus margin


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


class RefusesToRecordOnce:
    """A store whose first `mark_delivered` fails like a locked SQLite database would."""

    def __init__(self, store) -> None:
        self.store = store
        self.refused = 0

    def __getattr__(self, name):
        return getattr(self.store, name)

    def unit(self, **kwargs):
        outer = self

        @contextlib.asynccontextmanager
        async def unit():
            async with outer.store.unit(**kwargs) as uow:
                original = uow.outbox.mark_delivered

                async def mark_delivered(*args, **kw):
                    if not outer.refused:
                        outer.refused += 1
                        raise RuntimeError("database is locked")
                    return await original(*args, **kw)

                uow.outbox.mark_delivered = mark_delivered
                yield uow

        return unit()


async def test_one_failed_record_sends_nothing_twice(app, messenger, clock):
    for member in ("u1", "u2", "u3"):
        await enqueue_dm(app, member)
    flaky = RefusesToRecordOnce(app.runtime.store)
    sender = OutboxSender(replace(app.runtime, store=flaky), {"test": messenger})
    report = await sender.drain()
    assert flaky.refused == 1 and report.delivered == 3
    clock.advance(sender.lease * 2)  # long after any lease: nothing is left to send again
    assert (await sender.drain()).attempted == 0
    assert sorted(s.target for s in messenger.sent) == ["u1", "u2", "u3"]
    assert {status for _, status, _ in await statuses(app)} == {"delivered"}
