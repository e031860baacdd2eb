"""Part of issue 14: one liftup in two Discord servers, each its own community. The emulator
runs both servers on one gateway, as Discord does; nothing of one ever reaches the other."""

from __future__ import annotations

from bot.outbox import queue
from bot.ports import ChannelPost
from bot.replies import Reply
from tests.e2e.conftest import in_a_dm, press
from tests.e2e.discord_emulator import CHANNEL_ID, OTHER_CHANNEL_ID, OTHER_GUILD_ID

SECOND = {"guild_id": OTHER_GUILD_ID}


def _buttons(call) -> list[dict]:
    return [b for row in call.body["components"] for b in row["components"]]


def _threads_in(world, channel_id: str) -> list:
    return [c for c in world.emulator.calls if c.path == f"channels/{channel_id}/threads"]


async def test_a_dm_button_from_the_second_server_acts_in_the_second_server(discord_world):
    world = discord_world
    await world.command(
        "mentor offer", {"topics": "NLP", "capacity": 1}, user_id="2001", name="Sam", **SECOND
    )
    await world.command(
        "mentor request",
        {"topics": "NLP", "goal": "Ship one small NLP model"},
        user_id="2002",
        name="Priya",
        **SECOND,
    )
    await world.app.drain()
    [question] = world.emulator.messages_to(world.emulator._snowflake("dm-2001"))
    [accept] = [b for b in _buttons(question) if b["label"] == "Accept"]
    assert accept["custom_id"].startswith(f"lu:{OTHER_GUILD_ID}:")
    answer = await press(world, in_a_dm(world, accept["custom_id"], "2001"))
    assert "introduced you" in answer
    await world.app.drain()
    # The introduction opens in the second server (its system or first channel), not the first.
    assert _threads_in(world, OTHER_CHANNEL_ID) and not _threads_in(world, CHANNEL_ID)
    status = await world.command("mentor status", user_id="2002", name="Priya", **SECOND)
    assert "<@2001>" in str(status["data"])  # her mentor, in her own community


async def test_names_and_ids_resolve_only_within_the_admins_own_server(discord_world):
    world = discord_world
    foreign = await world.command(
        "admin set", {"key": "wins_channel", "value": f"<#{OTHER_CHANNEL_ID}>"}, admin=True
    )
    assert "I can't find" in str(foreign["data"])
    # Both servers have a #general; each admin's name means their own server's.
    await world.command(
        "admin set", {"key": "wins_channel", "value": "#general"}, admin=True, **SECOND
    )
    await world.command(
        "win", {"text": "first model deployed", "share": True}, user_id="2002", **SECOND
    )
    await world.app.drain()
    assert world.emulator.messages_to(OTHER_CHANNEL_ID)
    assert not world.emulator.messages_to(CHANNEL_ID)


async def test_a_server_liftup_has_left_gets_nothing_posted_anywhere(discord_world):
    world = discord_world
    await world.command(
        "admin set", {"key": "wins_channel", "value": "#general"}, admin=True, **SECOND
    )
    await world.emulator.leave(OTHER_GUILD_ID)
    async with world.app.runtime.store.unit() as uow:
        for key, channel in (("by-id", f"<#{OTHER_CHANNEL_ID}>"), ("by-name", "#general")):
            await queue(
                uow,
                f"discord:{OTHER_GUILD_ID}",
                key,
                ChannelPost(channel),
                Reply("Week in review"),
                world.clock.now(),
            )
    report = await world.app.drain()
    assert report.failed == 2 and report.delivered == 0
    assert world.emulator.created == []  # not in server 1's #general, not anywhere
    reasons = [m.failure_reason for m in await _failures(world, f"discord:{OTHER_GUILD_ID}")]
    assert sorted(reasons) == ["no-permission", "unknown-channel"]
    # The first server carries on as before.
    still_home = await world.command("help", user_id="1001", name="Ada")
    assert still_home["data"]["embeds"][0]["title"] == "What I can do"


async def _failures(world, community: str):
    async with world.app.runtime.store.unit(read_only=True) as uow:
        return await uow.outbox.failures(community, 10)
