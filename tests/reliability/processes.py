"""What runs inside the reliability tests' child processes: the real core, faked only at the edge.

Each child builds the same App `liftup run` builds, on the store URL it is given, with a
messenger that appends one line per send to a file of its own (O_APPEND writes survive kill -9:
a line written is a message the platform received). The tests read those files back to count
who received what, and how often.
"""

from __future__ import annotations

import asyncio
import json
import os
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.bootstrap.app import build_app, serve
from bot.clock import ManualClock, SystemClock
from bot.config import Config
from bot.ports import Delivery
from bot.scheduler import run_due_work
from bot.sending import current_progress
from storage import open_store

PLATFORM = "test"


class FileMessenger:
    """A platform that records every message it accepts as a JSON line in `path`."""

    def __init__(self, path: Path, worker: str, latency: float = 0.0) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.worker = worker
        self.latency = latency
        self._count = 0

    def _record(self, kind: str, target: str, text: str, title: str | None = None) -> Delivery:
        self._count += 1
        # The nonce liftup's Discord messenger would send with this message (Discord drops a
        # second message with the same nonce within a few minutes).
        progress = current_progress()
        line = json.dumps(
            {
                "worker": self.worker,
                "kind": kind,
                "target": target,
                "text": text,
                "title": title,
                "nonce": progress.nonce("message") if progress else None,
            }
        )
        os.write(self._fd, (line + "\n").encode())
        return Delivery.delivered(f"{self.worker}-{self._count}")

    async def _wait(self) -> None:
        if self.latency:
            await asyncio.sleep(self.latency)

    async def send_dm(self, member_id, reply, community_id=None):
        await self._wait()
        return self._record("dm", member_id, reply.text)

    async def post(self, channel_id, reply, thread_id=None, community_id=None):
        await self._wait()
        return self._record("post", thread_id or channel_id, reply.text, reply.title)

    async def open_thread(self, channel_id, title, reply, community_id=None):
        await self._wait()
        return self._record("thread", channel_id, title)

    async def open_private_space(self, member_ids, title, reply, community_id=None):
        await self._wait()
        return self._record("private", ",".join(member_ids), title)


class FilePlatform:
    """The Platform an adapter's `create` returns, with no connection to hold."""

    def __init__(self, messenger: FileMessenger) -> None:
        self.messenger = messenger

    async def run(self, dispatcher) -> None:
        await asyncio.Event().wait()

    async def run_outbound(self) -> None:
        await asyncio.Event().wait()


def read_sends(folder: Path) -> list[dict]:
    sends = []
    for path in sorted(folder.glob("sends-*.jsonl")):
        sends += [json.loads(line) for line in path.read_text().splitlines() if line]
    return sends


def config_for(url: str, rate: float, lease_seconds: float) -> Config:
    config = Config()
    return replace(
        config,
        storage=replace(config.storage, url=url),
        # Set directly, past the config file's 10-second floor, so a test waits out a lease fast.
        outbox=replace(config.outbox, rate_per_second=rate, lease_seconds=lease_seconds),
    )


def outbox_worker(url: str, folder: str, name: str, rate: float, lease_seconds: float) -> None:
    """`liftup run --role worker`, as it serves: the outbox sender and the ticks, until killed."""

    async def main() -> None:
        config = config_for(url, rate, lease_seconds)
        store = await open_store(url)
        platform = FilePlatform(FileMessenger(Path(folder) / f"sends-{name}.jsonl", name, 0.001))
        app = build_app(config, store, SystemClock(), {PLATFORM: platform.messenger})
        await serve(app, "worker", {PLATFORM: platform}, tick_seconds=3600)

    asyncio.run(main())


def ticking_process(
    url: str, folder: str, name: str, start: datetime, steps: int, step: timedelta, barrier
) -> None:
    """Tick through `steps` moments in lockstep with the other processes (the barrier), sending
    whatever each tick queues, as a worker does after every tick."""

    async def main() -> None:
        config = config_for(url, 1000.0, 30)
        store = await open_store(url)
        clock = ManualClock(start)
        messenger = FileMessenger(Path(folder) / f"sends-{name}.jsonl", name)
        app = build_app(config, store, clock, {PLATFORM: messenger})
        try:
            for i in range(steps):
                await asyncio.to_thread(barrier.wait)  # every process ticks the same moment
                await run_due_work(app.runtime, clock.now())
                await app.drain()
                if i + 1 < steps:
                    clock.advance(step)
        finally:
            await app.close()

    asyncio.run(main())
