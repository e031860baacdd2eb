"""A week of check-ins for a big community on SQLite, against a platform that enforces a rate.

python -m bench.checkins --members 50000 --rate 1000
last line: checkins members=N checkins_per_s=C reminders=R sent_per_s=P refused=F seconds=S
peak_mb=M (one line)
Half the members check in through the dispatcher; the rest get a reminder through the outbox
and a fake messenger that refuses, like a 429, anything beyond --rate messages in any second.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from collections import deque
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.context import Actor, Invocation
from bot.ports import Delivery
from storage.sqlite import SqliteStore
from tests.fakes import FakeMessenger

COMMUNITY = "bench:week"
OPENS = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday


class RateLimitedPlatform(FakeMessenger):
    """Refuses what goes beyond `rate` in any rolling second, and counts the refusals."""

    def __init__(self, rate: int) -> None:
        super().__init__()
        self.rate, self.recent, self.refused = rate, deque(), 0

    def _outcome(self, sent):
        now = time.monotonic()
        while self.recent and now - self.recent[0] >= 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.rate:
            self.refused += 1
            return Delivery.retry(1.0)
        self.recent.append(now)
        return super()._outcome(sent)


async def seed_members(store: SqliteStore, count: int) -> None:
    async with store.unit() as uow:
        await uow.communities.ensure(COMMUNITY, OPENS)
        for i in range(count):
            await uow.members.upsert(COMMUNITY, f"m{i}", f"Member {i}", OPENS)


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


async def main(members: int, rate: int, concurrency: int) -> str:
    started_all = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        store = await SqliteStore.open(str(Path(folder) / "bench.db"))
        config = Config()
        config = replace(config, outbox=replace(config.outbox, rate_per_second=float(rate)))
        clock = ManualClock(OPENS - timedelta(minutes=1))
        platform = RateLimitedPlatform(rate)
        app = build_app(config, store, clock, {"bench": platform})
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
        clock.advance(timedelta(days=6))  # Sunday 09:01: inside the reminder window, awake
        queued_at = time.perf_counter()
        done = await app.tick()
        queue_seconds = time.perf_counter() - queued_at
        reminders = done.get("checkin-reminders", 0)
        sent_before = len(platform.sent)
        drain_started = time.perf_counter()
        await app.drain()
        send_seconds = time.perf_counter() - drain_started
        sent = len(platform.sent) - sent_before
        clock.advance(timedelta(days=1))
        await app.tick()  # the week closes: summary and chart
        await app.drain()
        await app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"checked in {checked_in} in {checkin_seconds:.1f} s; queued {reminders} reminders in "
        f"{queue_seconds:.1f} s; delivered {sent} in {send_seconds:.1f} s"
    )
    return (
        f"checkins members={members} checkins_per_s={checked_in / checkin_seconds:.0f} "
        f"reminders={reminders} sent_per_s={sent / send_seconds:.0f} refused={platform.refused} "
        f"seconds={time.perf_counter() - started_all:.1f} peak_mb={peak_mb:.0f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    print(asyncio.run(main(args.members, args.rate, args.concurrency)))
