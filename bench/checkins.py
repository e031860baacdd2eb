"""A week of check-ins for a big community, against a platform that enforces a rate.

python -m bench.checkins --members 50000 --rate 1000
python -m bench.checkins --members 100000 --rate 2000 --store postgresql://… --workers 3
last line: checkins members=N checkins_per_s=C reminders=R sent_per_s=P refused=F seconds=S
peak_mb=M (one line)

Half the members check in through the dispatcher; the rest get a reminder through the outbox.
`--workers` processes then drain it together, as `liftup run --role worker` does, through one
fake platform they share that refuses, like a 429, anything beyond --rate messages in any
rolling second, counted across all of them. Without --store it runs on a temporary SQLite file;
on PostgreSQL it works in a schema of its own and drops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.context import Actor, Invocation
from bot.features.checkins.model import CheckinMember
from bot.ports import Delivery, Store
from storage import open_store
from tests.fakes import FakeMessenger
from tests.postgres_server import fresh_schema

COMMUNITY = "bench:week"
OPENS = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
REMINDING = OPENS + timedelta(days=6, minutes=1)  # Sunday 09:01: inside the reminder window


class SharedRateWindow:
    """The platform's view, shared by every process: the last `rate` accepted send times.

    A send is refused when `rate` sends were accepted within the last second; CLOCK_MONOTONIC
    is one clock for all processes on this machine.
    """

    def __init__(self, ctx, rate: int) -> None:
        self.rate = rate
        self.times = ctx.RawArray("d", [-1e9] * rate)
        self.next = ctx.RawValue("i", 0)
        self.accepted = ctx.RawValue("q", 0)
        self.refused = ctx.RawValue("q", 0)
        self.lock = ctx.Lock()

    def admit(self) -> bool:
        with self.lock:
            now = time.monotonic()
            if now - self.times[self.next.value] < 1.0:
                self.refused.value += 1
                return False
            self.times[self.next.value] = now
            self.next.value = (self.next.value + 1) % self.rate
            self.accepted.value += 1
            return True


class RateLimitedPlatform(FakeMessenger):
    """A FakeMessenger behind the shared window: refusals come back as Retry-After 1 s."""

    def __init__(self, window: SharedRateWindow) -> None:
        super().__init__()
        self.window = window

    def _outcome(self, sent):
        if not self.window.admit():
            return Delivery.retry(1.0)
        self.sent.clear()  # only the count matters here; 100k replies would just fill memory
        return super()._outcome(sent)


def bench_config(rate: int) -> Config:
    config = Config()
    return replace(config, outbox=replace(config.outbox, rate_per_second=float(rate)))


async def seed_members(store: Store, count: int) -> None:
    async with store.unit() as uow:
        await uow.communities.ensure(COMMUNITY, OPENS)
        for i in range(count):
            await uow.members.upsert(COMMUNITY, f"m{i}", f"Member {i}", OPENS)
            # Everyone has joined the check-ins: reminders go to participants only.
            await uow.checkins.save_member(CheckinMember(COMMUNITY, f"m{i}", participating=True))


async def check_in_half(app, members: int, concurrency: int) -> float:
    pending = iter(range(0, members, 2))

    async def worker() -> None:
        for i in pending:
            reply = await app.dispatcher.invoke(
                Invocation(
                    COMMUNITY,
                    Actor(f"m{i}", f"Member {i}"),
                    "checkin",
                    {"learned": f"Worked through PyTorch tutorial {i % 7}", "minutes": "45"},
                    "learning",
                    f"interaction-{i}",
                )
            )
            if not reply.text.startswith("Checked in"):
                raise RuntimeError(reply.text)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


def drain_worker(url: str, rate: int, window: SharedRateWindow, ready, go) -> None:
    """One `--role worker` process: the real sender on the shared store, until nothing is due."""

    async def main() -> None:
        store = await open_store(url)
        app = build_app(
            bench_config(rate),
            store,
            ManualClock(REMINDING),
            {"bench": RateLimitedPlatform(window)},
        )
        try:
            ready.wait()
            go.wait()
            await app.drain()
        finally:
            await app.close()

    asyncio.run(main())


async def drain_in_processes(url: str, rate: int, workers: int, window, ctx) -> float:
    ready, go = ctx.Barrier(workers + 1), ctx.Event()
    processes = [
        ctx.Process(target=drain_worker, args=(url, rate, window, ready, go))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    await asyncio.to_thread(ready.wait)  # every worker has its store open
    started = time.perf_counter()
    go.set()
    for process in processes:
        await asyncio.to_thread(process.join)
    if any(process.exitcode != 0 for process in processes):
        raise RuntimeError("a worker failed")
    return time.perf_counter() - started


async def drop_schema(url: str, name: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"DROP SCHEMA {name} CASCADE")
    finally:
        await conn.close()


async def week(url: str, members: int, rate: int, concurrency: int, workers: int) -> str:
    started_all = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    window = SharedRateWindow(ctx, rate)
    store = await open_store(url)
    clock = ManualClock(OPENS - timedelta(minutes=1))
    app = build_app(bench_config(rate), store, clock, {"bench": RateLimitedPlatform(window)})
    try:
        await seed_members(store, members)
        admin = Actor("admin", "Admin", is_admin=True)
        options = {
            "channel": "#learning",
            "weekday": "monday",
            "time": "09:00",
            "timezone": "UTC",
            "remind_before": "24h",
        }
        await app.dispatcher.invoke(Invocation(COMMUNITY, admin, "admin checkins setup", options))
        clock.advance(timedelta(minutes=2))
        await app.tick()  # the week opens
        await app.drain()
        checkin_seconds = await check_in_half(app, members, concurrency)
        checked_in = (members + 1) // 2
        clock.advance(REMINDING - clock.now())
        queued_at = time.perf_counter()
        done = await app.tick()
        queue_seconds = time.perf_counter() - queued_at
        reminders = done.get("checkin-reminders", 0)
        sent_before = window.accepted.value
        if workers == 1:
            drain_started = time.perf_counter()
            await app.drain()
            send_seconds = time.perf_counter() - drain_started
        else:
            send_seconds = await drain_in_processes(url, rate, workers, window, ctx)
        sent = window.accepted.value - sent_before
        clock.advance(timedelta(days=1))
        await app.tick()  # the week closes: summary and chart
        await app.drain()
    finally:
        await app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"checked in {checked_in} in {checkin_seconds:.1f} s; queued {reminders} reminders in "
        f"{queue_seconds:.1f} s; {workers} worker(s) delivered {sent} in {send_seconds:.1f} s"
    )
    return (
        f"checkins members={members} checkins_per_s={checked_in / checkin_seconds:.0f} "
        f"reminders={reminders} sent_per_s={sent / send_seconds:.0f} "
        f"refused={window.refused.value} seconds={time.perf_counter() - started_all:.1f} "
        f"peak_mb={peak_mb:.0f}"
    )


async def main(store: str | None, members: int, rate: int, concurrency: int, workers: int) -> str:
    if store is None:
        with tempfile.TemporaryDirectory() as folder:
            return await week(
                f"sqlite:///{Path(folder) / 'bench.db'}", members, rate, concurrency, workers
            )
    if store.startswith("sqlite"):
        return await week(store, members, rate, concurrency, workers)
    url = await fresh_schema(store)
    schema = url.rpartition("search_path=")[2]
    try:
        return await week(url, members, rate, concurrency, workers)
    finally:
        await drop_schema(store, schema)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--store", help="a storage URL (default: a temporary SQLite file)")
    parser.add_argument("--workers", type=int, default=1, help="processes draining the outbox")
    args = parser.parse_args()
    print(asyncio.run(main(args.store, args.members, args.rate, args.concurrency, args.workers)))
