"""Console built-ins: moving between members, channels and threads, clicking, moving time."""

from __future__ import annotations

from adapters.console import ConsoleSession
from bot.bootstrap.app import build_app
from bot.config import Config
from bot.replies import Button, Reply
from tests.fakes import fixed_clock


async def session_on(store) -> tuple[ConsoleSession, list[str]]:
    lines: list[str] = []
    clock = fixed_clock()
    session = ConsoleSession(clock, "local", lines.append)
    session.attach(build_app(Config(), store, clock, {"console": session.messenger}))
    return session, lines


async def test_threads_and_private_spaces_can_be_entered(store):
    session, lines = await session_on(store)
    await session.messenger.open_thread("#general", "Learning check-in — week 48", Reply("Hi"))
    await session.messenger.open_private_space(("ada", "sam"), "Ada meets Sam", Reply("Intro"))
    assert 'thread "Learning check-in — week 48" in #general' in "\n".join(lines)
    assert await session.execute('/in "week 48"')
    assert session.prompt == 'you in "Learning check-in — week 48"> '
    assert not await session.execute('/in "Ada meets"')  # 'you' is not in that space
    await session.execute("/as Ada")
    assert await session.execute('/in "ada meets"')
    assert await session.execute("/in #random")
    assert session.prompt == "Ada in #random> "


async def test_click_by_number_or_word_and_helpful_refusals(store):
    session, lines = await session_on(store)
    assert not await session.execute("/click 1")
    assert "no button to press yet" in lines[-1]
    session.show(
        "DM to you", Reply("Pick", buttons=(Button("Accept", "a"), Button("Decline", "d")))
    )
    assert not await session.execute("/click maybe")
    assert "[1] Accept, [2] Decline" in lines[-1]
    assert await session.execute("/click decline")
    assert "you pressed [Decline]" in "\n".join(lines)


async def test_advance_and_bad_builtins(store):
    session, lines = await session_on(store)
    assert await session.execute("/advance 1d12h")
    assert lines[-1] == "· Moved 1d12h ahead. It is now Tue 24 Nov 2026, 21:00 UTC."
    for bad in ("/advance", "/advance later", "/advance 61w", "/as", "/as a b c", "/dms maybe"):
        assert not await session.execute(bad), bad
    assert await session.execute("/as Sam admin")
    assert lines[-1] == "· You are now Sam (admin)."


async def test_a_post_says_whom_it_would_notify_and_never_everyone(store):
    session, lines = await session_on(store)
    await session.execute("/admin set key:wins_channel value:#wins")
    await session.execute("/as Priya")
    await session.execute('/win text:"@everyone <@&42> free pizza" share:yes')
    await session.app.drain()
    posted = "\n".join(lines[lines.index(next(ln for ln in lines if ln.startswith("── #wins"))) :])
    assert "@everyone" in posted  # shown as she wrote it
    assert "🔔 notifies @Priya" in posted
    assert "notifies @everyone" not in posted
