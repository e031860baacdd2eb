"""`liftup discord …` as an operator runs it, against the loopback Discord."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from adapters.discord.payloads import command_payloads, invite_url
from adapters.discord.settings import DISCORD
from bot.features import full_catalogue
from tests.e2e.discord_emulator import APP_ID, GUILD_ID, DiscordEmulator

ROOT = Path(__file__).resolve().parents[2]


def test_invite_url_asks_for_exactly_the_needed_scopes_and_permissions():
    url = invite_url("123")
    assert "client_id=123" in url and "scope=bot+applications.commands" in url
    assert "permissions=377957239872" in url


def test_generated_commands_fit_discords_limits():
    for top in command_payloads(full_catalogue()):
        stack = [top]
        while stack:
            item = stack.pop()
            assert 1 <= len(item["name"]) <= 32 and item["name"] == item["name"].lower()
            assert 1 <= len(item["description"]) <= 100
            options = item.get("options") or []
            assert len(options) <= 25
            for option in options:
                assert len(option.get("choices") or []) <= 25
                assert not (option.get("choices") and option.get("autocomplete"))
                if option.get("type") in (1, 2):
                    stack.append(option)
                else:
                    assert 1 <= len(option["description"]) <= 100
            required = [o.get("required", False) for o in options if o.get("type") not in (1, 2)]
            assert required == sorted(required, reverse=True)  # required ones first


async def test_sync_command_registers_with_the_configured_server(tmp_path):
    emulator = DiscordEmulator()
    await emulator.start()
    try:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("LIFTUP_")}
        environ.update(
            PYTHONPATH=str(ROOT),
            DISCORD_TOKEN="test-token",
            LIFTUP_DISCORD_ENABLED="true",
            LIFTUP_DISCORD_DEV_GUILD_ID=GUILD_ID,
            LIFTUP_DISCORD_API_BASE_URL=emulator.api_base,
            LIFTUP_DISCORD_GATEWAY_URL=emulator.gateway_url,
            LIFTUP_STORAGE_URL=f"sqlite:///{tmp_path / 'sync.db'}",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "discord",
            "sync",
            cwd=tmp_path,
            env=environ,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
        assert process.returncode == 0, err.decode()
        assert "Commands registered." in out.decode()
        assert emulator.commands[f"applications/{APP_ID}/guilds/{GUILD_ID}"]
    finally:
        await emulator.stop()


async def test_admins_are_told_when_the_message_content_intent_is_off(tmp_path):

    from adapters.discord import DiscordPlatform
    from bot.bootstrap.app import build_app
    from bot.config import Config
    from bot.context import Actor, Invocation
    from storage.sqlite import SqliteStore
    from tests.fakes import FakeMessenger, fixed_clock

    config = Config()
    off = DiscordPlatform(config)
    on = DiscordPlatform(DISCORD.replaced(config, message_content=True))
    assert on.notes == ()
    store = await SqliteStore.open(str(tmp_path / "n.db"))
    try:
        app = build_app(
            config, store, fixed_clock(), {"discord": FakeMessenger()}, {"discord": off.notes}
        )
        admin = Actor("1", "Mod", is_admin=True)
        reply = await app.dispatcher.invoke(Invocation("discord:1", admin, "admin settings"))
        assert "Message Content intent is off" in reply.text
        console = await app.dispatcher.invoke(Invocation("test:1", admin, "admin settings"))
        assert "Message Content" not in console.text
    finally:
        await store.close()
        await off.client.close()
        await on.client.close()


async def test_messages_for_a_community_stay_in_its_own_server(discord_world):
    """Part of issue 14: a channel of another server is never posted in, and a community the
    bot isn't in gets nothing posted anywhere (no falling back to the first server)."""
    from bot.ports import DeliveryStatus, UndeliverableReason
    from bot.replies import Reply
    from tests.e2e.discord_emulator import CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID

    messenger = discord_world.platform.messenger
    home = f"discord:{GUILD_ID}"
    before = len(discord_world.emulator.calls)
    foreign = await messenger.post(OTHER_CHANNEL_ID, Reply(text="hi"), community_id=home)
    left = await messenger.post("#general", Reply(text="hi"), community_id="discord:999")
    private = await messenger.open_private_space(
        ["4001"], "Intro", Reply(text="hi"), community_id="discord:999"
    )
    for delivery in (foreign, left, private):
        assert delivery.status is DeliveryStatus.UNDELIVERABLE
        assert delivery.reason is UndeliverableReason.UNKNOWN_CHANNEL
    sent = [c for c in discord_world.emulator.calls[before:] if c.method == "POST"]
    assert sent == []
    mine = await messenger.post("#general", Reply(text="hi"), community_id=home)
    assert mine.status is DeliveryStatus.DELIVERED
    assert discord_world.emulator.messages_to(CHANNEL_ID)


async def test_a_worker_sends_with_rest_only_and_never_opens_the_gateway(discord_emulator):
    """`liftup run --role worker`: the Discord client logs in for REST and sends DMs, with no
    gateway connection of its own (the gateways hold those)."""

    from adapters.discord import DiscordPlatform
    from bot.config import Config
    from bot.ports import DeliveryStatus
    from bot.replies import Reply
    from tests.e2e.discord_emulator import GUILD_ID, MODS_ID

    config = Config()
    config = DISCORD.replaced(config, token_env="LIFTUP_TEST_DISCORD_TOKEN")
    platform = DiscordPlatform(config)
    outbound = asyncio.create_task(platform.run_outbound())
    try:
        for _ in range(100):  # logged in once the REST client knows who it is
            if platform.client.user is not None:
                break
            await asyncio.sleep(0.02)
        delivery = await platform.messenger.send_dm("123456789012345678", Reply("Hello"))
        assert delivery.status is DeliveryStatus.DELIVERED
        [sent] = [c for c in discord_emulator.calls if c.method == "POST" and "/messages" in c.path]
        assert sent.body["content"] == "Hello"
        # Part of issue 14 (item 4): a channel by name and a private thread, through REST alone.
        community = f"discord:{GUILD_ID}"
        posted = await platform.messenger.post(
            "#mods", Reply("To the mods"), community_id=community
        )
        assert posted.status is DeliveryStatus.DELIVERED
        assert discord_emulator.messages_to(MODS_ID)[-1].body["content"] == "To the mods"
        space = await platform.messenger.open_private_space(
            ["4001", "4002"], "Intro", Reply("Meet each other"), community_id=community
        )
        assert space.status is DeliveryStatus.DELIVERED
        assert (
            discord_emulator.messages_to(space.reference)[-1].body["content"] == "Meet each other"
        )
        assert not discord_emulator.ready.is_set()  # no gateway session was ever opened
    finally:
        outbound.cancel()
        await asyncio.gather(outbound, return_exceptions=True)


def test_button_ids_carry_their_server_and_refuse_tampering():
    import pytest

    from adapters.discord.inbound import ButtonIds, ButtonPress, ButtonRefused

    server = "910000000000000002"
    ids = ButtonIds(b"token-one")
    value = ids.make("mentor-accept", "42", server, recipient="2001")
    assert ids.read(value, clicker="2001") == ButtonPress("mentor-accept", "42", server)
    for forged in (
        value.replace(":42:", ":43:"),  # another proposal
        value.replace(server, "910000000000000001"),  # another server
    ):
        with pytest.raises(ButtonRefused):
            ids.read(forged, clicker="2001")
    with pytest.raises(ButtonRefused):
        ids.read(value, clicker="2002")  # passed on to someone else
    with pytest.raises(ButtonRefused):
        ButtonIds(b"another deployment").read(value, clicker="2001")
    anyone = ids.make("mentor-available", "", "910000000000000002", recipient=None)
    assert ids.read(anyone, clicker="2002") == ButtonPress(
        "mentor-available", "", "910000000000000002"
    )
    assert ids.read("lu:mentor-accept:42", clicker="1") == ButtonPress("mentor-accept", "42")
    assert ids.read("someone-else:thing", clicker="1") is None
    with pytest.raises(ValueError, match="100 characters"):
        ids.make("privacy-delete", "x" * 80, server, "1")
