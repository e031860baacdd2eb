"""The encouragement listener on the real discord.py: channels named as admins name them."""

from __future__ import annotations

import asyncio

from bot.features.encouragement import texts
from tests.e2e.conftest import deliver_until
from tests.e2e.discord_emulator import CHANNEL_ID, GUILD_ID, MODS_ID, STAFF_ID

MEMBER = "4001"


async def until(world, check, within: float = 5.0):
    return await deliver_until(world.app, check, within)


async def admin(world, command: str, options: dict) -> str:
    body = await world.command(command, options, user_id="1009", name="Mod", admin=True)
    return body["data"]["content"]


def dms_to(world, member: str) -> list:
    channel = next(
        (k for k, v in world.emulator.channels.items() if v.get("recipient") == member), None
    )
    return world.emulator.messages_to(channel) if channel else []


async def say(world, text: str, channel: str = CHANNEL_ID) -> dict:
    message = world.emulator.user_message(channel, MEMBER, "Priya", text)
    await world.emulator.dispatch("MESSAGE_CREATE", message)
    return message


async def test_crisis_in_a_channel_named_with_a_hash_reaches_the_member_and_moderators(
    discord_world,
):
    world = discord_world
    setup = await admin(world, "admin encouragement", {"channels": "#general", "mode": "dm"})
    assert setup.startswith(f"Encouragement is on in <#{CHANNEL_ID}>")
    saved = await admin(world, "admin set", {"key": "moderator_channel", "value": "#mods"})
    assert f"<#{MODS_ID}>" in saved
    await say(world, "i just want to die")
    [help_] = await until(world, lambda: dms_to(world, MEMBER))
    assert texts.DEFAULT_RESOURCES in str(help_.body)
    [alert] = await until(world, lambda: world.emulator.messages_to(MODS_ID))
    body = str(alert.body)
    assert f"<@{MEMBER}>" in body and texts.ALERT_DM_DELIVERED in body


async def test_a_channel_mention_works_and_a_closed_dm_is_told_to_moderators(discord_world):
    world = discord_world
    await admin(world, "admin encouragement", {"channels": f"<#{CHANNEL_ID}>", "mode": "dm"})
    await admin(world, "admin set", {"key": "moderator_channel", "value": f"<#{MODS_ID}>"})
    world.emulator.closed_dms.add(MEMBER)
    await say(world, "I keep thinking everyone would be better off without me")
    [alert] = await until(world, lambda: world.emulator.messages_to(MODS_ID))
    assert "did not reach them" in str(alert.body)


async def test_unknown_and_unreadable_channels_are_refused(discord_world):
    world = discord_world
    unknown = await admin(world, "admin encouragement", {"channels": "#genral", "mode": "dm"})
    assert "I can't find #genral here" in unknown and "Nothing was changed" in unknown
    hidden = await admin(world, "admin set", {"key": "moderator_channel", "value": "#staff-only"})
    assert "can't read or post in it" in hidden and "View Channel" in hidden
    picked = await admin(world, "admin set", {"key": "wins_channel", "value": STAFF_ID})
    assert "can't read or post in it" in picked
    async with world.app.runtime.store.unit(read_only=True) as uow:
        assert await uow.communities.settings(f"discord:{GUILD_ID}") == {}  # nothing was saved
    await say(world, "i just want to die")  # no channel is watched, so nothing happens
    await asyncio.sleep(0.2)
    await world.app.drain()
    assert not dms_to(world, MEMBER)


async def test_thread_mode_opens_a_thread_on_the_members_message(discord_world):
    world = discord_world
    await admin(world, "admin encouragement", {"channels": "#general", "mode": "thread"})
    message = await say(world, "I feel like such a fraud at my new ML job")
    path = f"channels/{CHANNEL_ID}/messages/{message['id']}/threads"
    [opened] = await until(
        world, lambda: [c for c in world.emulator.calls if c.method == "POST" and c.path == path]
    )
    assert opened.body["name"] == texts.THREAD_TITLE
    thread_id = next(k for k, v in world.emulator.channels.items() if v.get("type") == 11)
    [note] = await until(world, lambda: world.emulator.messages_to(thread_id))
    assert texts.TITLE in str(note.body)


async def test_a_shared_win_pings_no_one_whatever_it_says(discord_world):
    """Part of issue 14: member text can't ping @everyone, @here or a role."""
    world = discord_world
    await admin(world, "admin set", {"key": "wins_channel", "value": "#general"})
    await world.command(
        "win",
        {"text": "@everyone @here <@&930000000000000099> free pizza", "share": True},
        user_id=MEMBER,
        name="Priya",
    )
    [post] = await until(world, lambda: world.emulator.messages_to(CHANNEL_ID))
    assert "@everyone" in str(post.body)  # shown as written
    allowed = post.body["allowed_mentions"]
    assert allowed["parse"] == [] and allowed.get("roles", []) == []
    assert [str(u) for u in allowed["users"]] == [MEMBER]  # the member the post names, no one else
