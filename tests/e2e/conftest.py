"""The real discord.py against the loopback emulator, with the real core behind it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordPlatform, point_at
from adapters.discord.settings import DISCORD
from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.core import App
from storage.sqlite import SqliteStore
from tests.e2e.discord_emulator import GUILD_ID, DiscordEmulator
from tests.fakes import fixed_clock


@dataclass
class DiscordWorld:
    emulator: DiscordEmulator
    platform: DiscordPlatform
    app: App
    clock: ManualClock

    async def interact(
        self,
        kind: int,
        data: dict,
        user_id: str = "1001",
        name: str = "Ada",
        admin: bool = False,
        message: dict | None = None,
        within: float = 5.0,
        guild_id: str = GUILD_ID,
    ):
        """Push an interaction and wait for the bot's callback (or follow-up) to arrive."""
        payload = self.emulator.interaction(kind, data, user_id, name, admin, message, guild_id)
        before = len(self.emulator.calls)
        await self.emulator.dispatch("INTERACTION_CREATE", payload)

        def answers():
            return [
                c
                for c in self.emulator.calls[before:]
                if c.path.startswith(("interactions/", "webhooks/"))
            ]

        def answered():
            # A deferral ("thinking…", type 5) is answered for real by a follow-up.
            found = answers()
            deferred = found and found[0].body and found[0].body.get("type") == 5
            return found if found and not (deferred and len(found) == 1) else None

        try:
            return await self.emulator.wait_for(answered, within)
        except AssertionError:
            raise AssertionError(
                f"no answer to interaction {payload['data']} in {within}s"
            ) from None

    async def command(self, command: str, options: dict | None = None, **who):
        data = command_data(command, options or {})
        calls = await self.interact(2, data, **who)
        return calls[-1].body


def in_a_dm(world, custom_id: str, user_id: str) -> dict:
    """A button pressed in a DM, as Discord sends it: no server, a user instead of a member."""
    payload = world.emulator.interaction(
        3, {"custom_id": custom_id, "component_type": 2}, user_id, "X"
    )
    for key in ("guild_id", "member", "authorizing_integration_owners"):
        payload.pop(key, None)
    payload["user"] = {"id": user_id, "username": "x", "discriminator": "0", "avatar": None}
    payload["channel_id"] = payload["channel"]["id"] = "940000000000000001"
    payload["channel"]["type"] = 1
    payload["context"] = 1
    return payload


async def press(world, payload: dict) -> str:
    """Push a button press and return what the bot answered to it."""
    before = len(world.emulator.calls)
    await world.emulator.dispatch("INTERACTION_CREATE", payload)
    answers = await world.emulator.wait_for(
        lambda: [c for c in world.emulator.calls[before:] if c.path.startswith("interactions/")]
    )
    return str(answers[-1].body)


async def deliver_until(app: App, check, within: float = 5.0):
    """Drain the outbox until `check()` holds: the platform libraries handle events on their
    own tasks, so what they queue arrives a moment later."""
    deadline = asyncio.get_running_loop().time() + within
    while asyncio.get_running_loop().time() < deadline:
        await app.drain()
        result = check()
        if result:
            return result
        await asyncio.sleep(0.02)
    raise AssertionError("nothing arrived in time")


def command_data(name: str, options: dict) -> dict:
    """A slash command's interaction data, nested as Discord nests groups and subcommands."""
    from tests.e2e.discord_emulator import APP_ID

    parts = name.split()
    leaf = [{"name": k, "type": 3, "value": v} for k, v in options.items()]
    for depth, part in reversed(list(enumerate(parts[1:], start=1))):
        leaf = [{"name": part, "type": 1 if depth == len(parts) - 1 else 2, "options": leaf}]
    return {"id": APP_ID, "name": parts[0], "type": 1, "options": leaf}


@pytest.fixture
async def discord_emulator(monkeypatch) -> AsyncIterator[DiscordEmulator]:
    """The loopback Discord, with discord.py pointed at it and a token in
    LIFTUP_TEST_DISCORD_TOKEN; discord.py's addresses are put back afterwards."""
    base, gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    emulator = DiscordEmulator()
    await emulator.start()
    point_at(emulator.api_base, emulator.gateway_url)
    monkeypatch.setenv("LIFTUP_TEST_DISCORD_TOKEN", "test-token")
    try:
        yield emulator
    finally:
        await emulator.stop()
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
async def discord_world(discord_emulator, tmp_path, caplog) -> AsyncIterator[DiscordWorld]:
    emulator = discord_emulator
    config = Config()
    config = DISCORD.replaced(
        config, enabled=True, token_env="LIFTUP_TEST_DISCORD_TOKEN", dev_guild_id=GUILD_ID
    )
    platform = DiscordPlatform(config, guild_ready_timeout=0.1)
    store = await SqliteStore.open(str(tmp_path / "discord.db"))
    clock = fixed_clock()
    app = build_app(config, store, clock, {"discord": platform.messenger})
    runner = asyncio.create_task(platform.run(app.dispatcher))
    try:
        await asyncio.wait_for(platform.synced.wait(), 10)
        with caplog.at_level(logging.ERROR):
            yield DiscordWorld(emulator, platform, app, clock)
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert not errors, f"the adapter logged errors: {[r.getMessage() for r in errors]}"
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await store.close()
