"""Ticks: due jobs run from the database, failures stay isolated, and APScheduler ticks."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.commands import Catalogue
from bot.context import Actor, Invocation
from bot.runtime import Runtime
from bot.scheduler import run_due_work, start_ticking


async def test_failing_job_is_isolated(store, clock, caplog):
    catalogue = Catalogue()
    ran = []

    @catalogue.due("broken")
    async def broken(runtime, now):
        raise RuntimeError("bad data")

    @catalogue.due("fine")
    async def fine(runtime, now):
        ran.append(now)
        return 1

    runtime = Runtime(store=store, clock=clock, catalogue=catalogue)
    assert await run_due_work(runtime) == {"broken": -1, "fine": 1}
    assert ran == [clock.now()]
    assert "due job broken failed" in caplog.text
    assert runtime.outbox_signal.is_set()


async def test_apscheduler_ticks_in_the_running_loop(store, clock):
    catalogue = Catalogue()
    ticked = asyncio.Event()
    count = []

    @catalogue.due("count")
    async def counter(runtime, now):
        count.append(now)
        if len(count) >= 2:
            ticked.set()
        return 0

    scheduler = start_ticking(Runtime(store=store, clock=clock, catalogue=catalogue), 0.05)
    try:
        await asyncio.wait_for(ticked.wait(), timeout=10)
    finally:
        scheduler.shutdown(wait=False)
    assert len(count) >= 2


async def test_pause_end_is_announced_once(app, messenger, clock):
    ada = Actor("u1", "Ada")
    await app.dispatcher.invoke(Invocation("test:a", ada, "privacy pause", {"duration": "1d"}))
    await app.tick()
    await app.drain()
    assert messenger.sent == []  # still paused
    clock.advance(timedelta(days=1))
    for _ in range(3):  # repeated and doubled ticks change nothing
        await app.tick()
        await app.drain()
    assert [(s.kind, s.target) for s in messenger.sent] == [("dm", "u1")]
    assert "pause has ended" in messenger.sent[0].reply.text
    reply = await app.dispatcher.invoke(Invocation("test:a", ada, "profile show"))
    assert "Paused" not in str(reply.fields)
