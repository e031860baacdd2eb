"""The real discord.py, end to end, against the loopback Discord."""

from __future__ import annotations

import pytest

from bot.features import full_catalogue
from tests.e2e.discord_emulator import APP_ID, GUILD_ID

EPHEMERAL = 64


async def test_commands_are_synced_to_the_dev_server_once(discord_world):
    key = f"applications/{APP_ID}/guilds/{GUILD_ID}"
    synced = discord_world.emulator.commands[key]
    names = {c["name"] for c in synced}
    assert {"help", "profile", "mentor", "checkin", "admin", "privacy"} <= names
    admin = next(c for c in synced if c["name"] == "admin")
    assert admin["default_member_permissions"] == str(1 << 5)
    puts = [c for c in discord_world.emulator.calls if c.method == "PUT"]
    assert len(puts) == 1
    assert not await discord_world.platform.sync_commands()  # unchanged: nothing is sent
    assert len([c for c in discord_world.emulator.calls if c.method == "PUT"]) == 1


async def test_help_answers_privately_with_an_embed(discord_world):
    body = await discord_world.command("help")
    assert body["type"] == 4
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["embeds"][0]["title"] == "What I can do"


async def test_a_bad_option_gets_the_cores_message_privately(discord_world):
    body = await discord_world.command("profile set", {"timezone": "Mars/Base"})
    assert body["data"]["flags"] & EPHEMERAL
    assert 'timezone: "Mars/Base" is not a time zone' in body["data"]["content"]


async def test_buttons_route_to_actions_and_check_the_clicker(discord_world):
    body = await discord_world.command("privacy delete")
    buttons = body["data"]["components"][0]["components"]
    confirm = next(b for b in buttons if "Yes" in b["label"])
    assert confirm["custom_id"].startswith("lu:privacy-delete:1001|")
    other = await discord_world.interact(
        3, {"custom_id": confirm["custom_id"], "component_type": 2}, user_id="1002", name="Bo"
    )
    assert "Only the member who asked" in other[-1].body["data"]["content"]
    mine = await discord_world.interact(3, {"custom_id": confirm["custom_id"], "component_type": 2})
    assert "erased everything" in mine[-1].body["data"]["content"]


async def test_closed_dms_are_recorded_not_raised(discord_world):
    world = discord_world
    world.emulator.closed_dms.add("1001")
    await world.command("privacy pause", {"duration": "1d"})
    from datetime import timedelta

    world.clock.advance(timedelta(days=1))
    await world.app.tick()
    report = await world.app.drain()
    assert report.failed == 1
    reply = await world.command("admin deliveries", user_id="1009", name="Mod", admin=True)
    assert "<@1001> by direct message: their DMs are closed" in reply["data"]["content"]


def valid_value(option) -> object:
    """A value each option kind accepts, as Discord would send it."""
    from datetime import timedelta

    from bot.options import (
        Boolean,
        Choice,
        Duration,
        Integer,
        MemberOption,
        Text,
        TextList,
        TimeOfDay,
        TimezoneOption,
        Topics,
        Weekday,
        format_duration,
    )
    from bot.taxonomy import DEFAULT_ROLES

    if isinstance(option, Boolean):
        return True
    if isinstance(option, Integer):
        return option.min_value
    if isinstance(option, MemberOption):
        return "1002"
    if isinstance(option, Topics):
        return "Python, NLP"
    if isinstance(option, TimezoneOption):
        return "Europe/Berlin"
    if isinstance(option, Weekday):
        return "monday"
    if isinstance(option, TimeOfDay):
        return "09:00"
    if isinstance(option, Duration):
        return format_duration(max(option.minimum, min(option.maximum, timedelta(days=2))))
    if isinstance(option, Choice):
        return option.choices[0] if option.choices else DEFAULT_ROLES[0]
    if isinstance(option, TextList):
        return "English"
    if isinstance(option, Text):
        return "A clear sentence that is long enough for any goal here"[: option.max_length]
    raise AssertionError(f"no sample for {option}")


CATALOGUE = sorted(c.name for c in full_catalogue())


@pytest.mark.parametrize("name", CATALOGUE)
async def test_every_command_answers_through_discord(discord_world, name):
    command = full_catalogue().get(name)
    options = {o.name: valid_value(o) for o in command.options}
    if name == "admin set":
        options = {"key": "admin_channel", "value": "#mods"}
    if name in ("admin reset",):
        options = {"key": "admin_channel"}
    if name == "help":
        options = {"command": "profile set"}
    await discord_world.command("topics", user_id="1002", name="Bo")  # Bo exists for member options
    body = await discord_world.command(name, options, user_id="1009", name="Mod", admin=True)
    assert body is not None and body.get("type") in (4, None)
    data = body.get("data", body)
    text = (
        data.get("content")
        or " ".join(
            (e.get("title") or "") + (e.get("description") or "") for e in data.get("embeds", [])
        )
        or str(data.get("embeds"))
    )
    assert "something went wrong on my side" not in text, text
    assert text.strip()
