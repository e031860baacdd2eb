"""Interaction latency through a platform adapter and its loopback emulator.

python -m bench.adapters --platform discord --commands 2000
python -m bench.adapters --platform slack --commands 2000
last line: adapter platform=P n=N p50_ms=A p99_ms=B errors=E
Discord: interactions go out 100 at a time, each timed from the gateway event to the bot's
answer. Slack (HTTP mode): 100 signed slash commands in flight, each timed to its ack.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordPlatform, point_at
from adapters.discord.settings import DISCORD
from adapters.slack.settings import SLACK
from bot.bootstrap.app import build_app
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
    config = DISCORD.replaced(
        config, enabled=True, dev_guild_id=GUILD_ID, token_env="LIFTUP_BENCH_DISCORD_TOKEN"
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


async def slack_latencies(total: int, in_flight: int) -> tuple[list[float], int]:
    import aiohttp
    from aiohttp import web
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack import SlackPlatform
    from tests.e2e.slack_emulator import SECRET, TEAM_ID, SlackEmulator, signed

    emulator = SlackEmulator()
    await emulator.start()
    os.environ["LIFTUP_BENCH_SLACK_SECRET"] = SECRET
    config = Config()
    config = SLACK.replaced(
        config, enabled=True, mode="http", signing_secret_env="LIFTUP_BENCH_SLACK_SECRET"
    )
    platform = SlackPlatform(config, client=AsyncWebClient(token="x", base_url=emulator.base_url))
    latencies: list[float] = []
    errors = 0
    with tempfile.TemporaryDirectory() as folder:
        store = await SqliteStore.open(str(Path(folder) / "bench.db"))
        app = build_app(config, store, SystemClock(), {"slack": platform.messenger})
        platform.attach(app.dispatcher)
        runner = web.AppRunner(platform.web_app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        gate = asyncio.Semaphore(in_flight)

        async def one(session: aiohttp.ClientSession, i: int) -> None:
            nonlocal errors
            name, options = COMMANDS[i % len(COMMANDS)]
            top, _, rest = name.partition(" ")
            text = " ".join([rest, *(f"{k}:{v}" for k, v in options.items())]).strip()
            body = urlencode(
                {
                    "command": f"/{top}",
                    "text": text,
                    "team_id": TEAM_ID,
                    "user_id": f"U{i % 400}",
                    "user_name": f"m{i % 400}",
                    "channel_id": "C1",
                    "trigger_id": f"t{i}",
                    "response_url": emulator.response_url(str(i)),
                }
            )
            headers = {"Content-Type": "application/x-www-form-urlencoded", **signed(body)}
            async with gate:
                started = time.perf_counter()
                async with session.post(
                    f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
                ) as response:
                    await response.read()
                    if response.status != 200:
                        errors += 1
                        return
                latencies.append((time.perf_counter() - started) * 1000)

        try:
            async with aiohttp.ClientSession() as session:
                await asyncio.gather(*(one(session, i) for i in range(total)))
            # Acknowledged commands go on working; let them finish before closing the store.
            await emulator.wait_for(lambda: len(emulator.responses) >= total - errors, 120)
        finally:
            await runner.cleanup()
            await store.close()
            await emulator.stop()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=("discord", "slack"), default="discord")
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=100)
    args = parser.parse_args()
    measure = discord_latencies if args.platform == "discord" else slack_latencies
    latencies, errors = asyncio.run(measure(args.commands, args.in_flight))
    latencies.sort()
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    print(
        f"adapter platform={args.platform} n={args.commands} p50_ms={p50:.1f} "
        f"p99_ms={p99:.1f} errors={errors}"
    )


if __name__ == "__main__":
    main()
