"""Random option values through the real dispatcher: always a reply, never a crash or apology."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bootstrap.app import build_app
from bot.config import Config
from bot.context import Actor, Invocation
from bot.features import full_catalogue
from storage.sqlite import SqliteStore
from tests.fakes import FakeMessenger, fixed_clock

COMMANDS = sorted(c.name for c in full_catalogue())
raw_value = st.one_of(st.text(max_size=120), st.integers(-(10**6), 10**6), st.booleans())


@st.composite
def invocations(draw):
    command = full_catalogue().get(draw(st.sampled_from(COMMANDS)))
    names = [o.name for o in command.options]
    chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    options = {name: draw(raw_value) for name in chosen}
    admin = draw(st.booleans())
    return Invocation("test:fuzz", Actor("u1", "Ada", admin), command.name, options, "general")


async def run(invocation: Invocation) -> str:
    store = await SqliteStore.open(":memory:")
    try:
        app = build_app(Config(), store, fixed_clock(), {"test": FakeMessenger()})
        reply = await app.dispatcher.invoke(invocation)
        await app.drain()
        return reply.text
    finally:
        await store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invocations())
def test_random_options_never_crash_the_core(invocation):
    text = asyncio.run(run(invocation))
    assert "something went wrong on my side" not in text
