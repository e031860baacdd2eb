"""Interaction latency through a platform adapter and its loopback emulator.

python -m bench.adapters --platform discord --commands 2000
last line: adapter platform=discord n=N p50_ms=A p99_ms=B errors=E
Interactions go out 100 at a time; each is timed from the gateway event to the bot's answer.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordPlatform, point_at
from bot.app import build_app
from bot.clock import SystemClock
from bot.config import Config
from storage.sqlite import SqliteStore
from tests.e2e.conftest import command_data
from tests.e2e.discord_emulator import GUILD_ID, DiscordEmulator

COMMANDS = (
    ("profile set", {"timezone": "Europe/Berlin", "phase": "projects"}),
    ("profile show", {}),
    ("topics", {}),
    ("streak", {}),
)


async def discord_latencies(total: int, in_flight: int) -> tuple[list[float], int]:
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    emulator = DiscordEmulator()
    await emulator.start()
    point_at(emulator.api_base, emulator.gateway_url)
    os.environ["LIFTUP_BENCH_DISCORD_TOKEN"] = "bench"
    config = Config()
    config = replace(
        config,
        discord=replace(
            config.discord,
            enabled=True,
            dev_guild_id=GUILD_ID,
            token_env="LIFTUP_BENCH_DISCORD_TOKEN",
        ),
    )
    platform = DiscordPlatform(config, guild_ready_timeout=0.1)
    with tempfile.TemporaryDirectory() as folder:
        store = await SqliteStore.open(str(Path(folder) / "bench.db"))
        app = build_app(config, store, SystemClock(), {"discord": platform.messenger})
        runner = asyncio.create_task(platform.run(app.dispatcher))
        await asyncio.wait_for(platform.synced.wait(), 30)
        latencies: list[float] = []
        errors = 0
        try:
            for start in range(0, total, in_flight):
                sent: dict[str, float] = {}
                for i in range(start, min(total, start + in_flight)):
                    name, options = COMMANDS[i % len(COMMANDS)]
                    payload = emulator.interaction(
                        2, command_data(name, options), f"{5000 + i % 400}", f"m{i % 400}"
                    )
                    sent[payload["id"]] = time.perf_counter()
                    await emulator.dispatch("INTERACTION_CREATE", payload)
                deadline = time.perf_counter() + 10
                while not all(i in emulator.answered_at for i in sent):
                    emulator.callback_event.clear()
                    left = deadline - time.perf_counter()
                    if left <= 0:
                        break
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(emulator.callback_event.wait(), left)
                for interaction_id, at in sent.items():
                    answered = emulator.answered_at.get(interaction_id)
                    if answered is None:
                        errors += 1
                    else:
                        latencies.append((answered - at) * 1000)
        finally:
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            await store.close()
            await emulator.stop()
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=("discord",), default="discord")
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=100)
    args = parser.parse_args()
    latencies, errors = asyncio.run(discord_latencies(args.commands, args.in_flight))
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    print(
        f"adapter platform={args.platform} n={args.commands} p50_ms={p50:.1f} "
        f"p99_ms={p99:.1f} errors={errors}"
    )


if __name__ == "__main__":
    main()
