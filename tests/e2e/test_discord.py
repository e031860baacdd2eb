"""The real discord.py, end to end, against the loopback Discord."""

from __future__ import annotations

import pytest

from bot import texts
from bot.features import full_catalogue
from bot.options import ChannelOption
from tests.e2e.conftest import command_data, deliver_until, in_a_dm, press
from tests.e2e.discord_emulator import APP_ID, CHANNEL_ID, GUILD_ID
from tests.e2e.samples import valid_value

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
    # The id carries its server and is signed for the member it was shown to.
    assert confirm["custom_id"].startswith(f"lu:{GUILD_ID}:privacy-delete:1001|")
    other = await discord_world.interact(
        3, {"custom_id": confirm["custom_id"], "component_type": 2}, user_id="1002", name="Bo"
    )
    assert texts.NOT_YOUR_BUTTON in other[-1].body["data"]["content"]
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


CATALOGUE = sorted(c.name for c in full_catalogue())


@pytest.mark.parametrize("name", CATALOGUE)
async def test_every_command_answers_through_discord(discord_world, name):
    command = full_catalogue().get(name)
    options = {o.name: valid_value(o) for o in command.options}
    for option in command.options:
        if isinstance(option, ChannelOption):
            options[option.name] = CHANNEL_ID  # what Discord's channel picker sends
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


async def drain(world) -> None:
    await world.app.drain()  # returns once every send's REST call has been answered


def thread_creations(world, kind: int) -> list:
    return [
        c
        for c in world.emulator.calls
        if c.method == "POST" and c.path.endswith("/threads") and c.body.get("type") == kind
    ]


async def test_mentor_request_to_private_thread(discord_world):
    world = discord_world
    await world.command(
        "mentor offer", {"topics": "Python, NLP", "capacity": 2}, user_id="2001", name="Sam"
    )
    await world.command(
        "mentor request",
        {"topics": "NLP", "goal": "Ship one small NLP model this quarter"},
        user_id="2002",
        name="Priya",
    )
    await drain(world)
    [question] = [c for c in world.emulator.messages_to(world.emulator._snowflake("dm-2001"))]
    accept = next(
        b
        for row in question.body["components"]
        for b in row["components"]
        if b["label"] == "Accept"
    )
    other = await world.interact(
        3, {"custom_id": accept["custom_id"], "component_type": 2}, user_id="2002", name="Priya"
    )
    # The button was sent to the mentor's DM and is bound to him; nobody else can press it.
    assert texts.NOT_YOUR_BUTTON in other[-1].body["data"]["content"]
    answer = await world.interact(
        3, {"custom_id": accept["custom_id"], "component_type": 2}, user_id="2001", name="Sam"
    )
    assert "introduced you" in answer[-1].body["data"]["content"]
    await drain(world)
    [private] = thread_creations(world, 12)
    members = [c.path for c in world.emulator.calls if "thread-members" in c.path]
    assert sorted(p.rsplit("/", 1)[1] for p in members) == ["2001", "2002"]
    thread_id = next(k for k, v in world.emulator.channels.items() if v.get("type") == 12)
    [intro] = world.emulator.messages_to(thread_id)
    assert "<@2002>, meet <@2001>" in intro.body["embeds"][0]["description"]
    assert private.body["invitable"] is False


async def test_weekly_thread_and_a_reply_in_it(discord_world):
    world = discord_world
    await world.command(
        "admin checkins setup",
        {"channel": f"<#{CHANNEL_ID}>", "weekday": "monday", "time": "10:00", "timezone": "UTC"},
        user_id="1009",
        name="Mod",
        admin=True,
    )
    from datetime import timedelta

    world.clock.advance(timedelta(hours=1, minutes=5))
    await world.app.tick()
    await drain(world)
    [thread_call] = thread_creations(world, 11)
    assert thread_call.body["name"] == "Learning check-in — week 48, 2026"
    thread_id = next(k for k, v in world.emulator.channels.items() if v.get("type") == 11)
    await world.command("checkins join", user_id="3001", name="Tomas")
    reply = world.emulator.user_message(thread_id, "3001", "Tomas", "Linear algebra all week")
    await world.emulator.dispatch("MESSAGE_CREATE", reply)
    # discord.py hands the message to the core on a task of its own; the ✅ follows by the
    # outbox, on the message inside the thread (a thread is a channel on Discord).
    reactions = await deliver_until(world.app, lambda: world.emulator.reactions)
    assert reactions == [(thread_id, reply["id"], "✅")]
    streak = await world.command("streak", user_id="3001", name="Tomas")
    assert "Current" in str(streak["data"]["embeds"][0]["fields"])


async def test_slow_answers_defer_then_follow_up(discord_world, monkeypatch):
    import adapters.discord.platform as platform_module

    monkeypatch.setattr(platform_module, "DEFER_AFTER", 0)
    await discord_world.interact(2, command_data("help", {}))  # waits for the follow-up
    calls = [
        c for c in discord_world.emulator.calls if c.path.startswith(("interactions/", "webhooks/"))
    ]
    assert calls[0].body["type"] == 5  # deferred, "thinking"
    assert calls[-1].path.startswith("webhooks/")
    assert calls[-1].body["embeds"][0]["title"] == "What I can do"


async def test_autocomplete_offers_topics_and_zones(discord_world):
    data = command_data("profile set", {})
    data["options"][0]["options"] = [
        {"name": "topics_known", "type": 3, "value": "python, lin", "focused": True}
    ]
    calls = await discord_world.interact(4, data)
    choices = calls[-1].body["data"]["choices"]
    assert {"name": "python, Linear algebra", "value": "python, Linear algebra"} in choices


async def test_long_text_left_out_is_asked_for_in_a_modal(discord_world):
    world = discord_world
    calls = await world.interact(2, command_data("checkin", {"minutes": 30}))
    modal = calls[-1].body
    assert modal["type"] == 9  # a modal, as the first response
    [row] = modal["data"]["components"]
    assert row["components"][0]["custom_id"] == "learned"
    submit = {
        "custom_id": modal["data"]["custom_id"],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 4, "custom_id": "learned", "value": "Backprop, finally, line by line"}
                ],
            }
        ],
    }
    answer = await world.interact(5, submit)
    assert "Checked in for week 48, 2026" in answer[-1].body["data"]["content"]
    stale = await world.interact(5, submit)
    assert "expired" in stale[-1].body["data"]["content"]


async def test_a_button_pressed_in_a_dm_reaches_its_own_community(discord_world):
    """Part of issue 14 (item 1): the button id says which server it belongs to, so a press in
    a DM is never routed by guessing; an altered or passed-on id is refused."""
    world = discord_world
    body = await world.command("privacy delete", user_id="1001", name="Ada")
    [confirm] = [b for b in body["data"]["components"][0]["components"] if "Yes" in b["label"]]
    custom_id = confirm["custom_id"]
    forged = custom_id.replace(GUILD_ID, "910000000000000002")
    assert texts.NOT_YOUR_BUTTON in await press(world, in_a_dm(world, forged, "1001"))
    assert texts.NOT_YOUR_BUTTON in await press(world, in_a_dm(world, custom_id, "1002"))
    answer = await press(world, in_a_dm(world, custom_id, "1001"))
    assert "erased everything" in answer
