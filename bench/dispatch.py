"""How fast the core turns invocations into replies on SQLite, with the outbox draining meanwhile.

python -m bench.dispatch --commands 5000 --concurrency 50
last line: dispatch n=N concurrency=C per_s=P p50_ms=A p99_ms=B seconds=T peak_mb=M
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bot.bootstrap.app import build_app
from bot.config import Config
from bot.context import Actor, Invocation
from storage.sqlite import SqliteStore
from tests.fakes import FakeMessenger, fixed_clock

ZONES = ("Europe/Berlin", "Asia/Kolkata", "America/New_York", "Africa/Lagos")


def invocation(i: int) -> Invocation:
    actor = Actor(f"m{i % 2000}", f"Member {i % 2000}")
    if i % 4 == 3:
        return Invocation("bench:one", actor, "profile show", {}, "general", f"k{i}")
    options = {
        "timezone": ZONES[i % len(ZONES)],
        "phase": ("learning", "projects", "job-search")[i % 3],
        "topics_known": "python, linear algebra, pytorch",
        "bio": f"Member {i} learning deep learning one evening at a time.",
    }
    return Invocation("bench:one", actor, "profile set", options, "general", f"k{i}")


async def main(commands: int, concurrency: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        store = await SqliteStore.open(str(Path(folder) / "bench.db"))
        messenger = FakeMessenger()
        app = build_app(Config(), store, fixed_clock(), {"bench": messenger})
        latencies: list[float] = []
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(commands):
            queue.put_nowait(i)

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                started = time.perf_counter()
                reply = await app.dispatcher.invoke(invocation(i))
                latencies.append(time.perf_counter() - started)
                if "went wrong" in reply.text:
                    raise RuntimeError(reply.text)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
        await app.close()
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"dispatch n={commands} concurrency={concurrency} per_s={commands / seconds:.0f} "
        f"p50_ms={p50:.2f} p99_ms={p99:.2f} seconds={seconds:.2f} peak_mb={peak_mb:.0f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    print(asyncio.run(main(args.commands, args.concurrency)))
