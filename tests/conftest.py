"""Shared fixtures. The suite may open sockets only to loopback: nothing reaches the internet."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.core import App
from bot.ports import Store
from storage import open_store
from tests.driver import Club
from tests.fakes import FakeMessenger, fixed_clock
from tests.postgres_server import ENV_URL, LocalServer, fresh_schema

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _loopback_only(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = address[0]
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise RuntimeError(f"tests may not connect to {host}: only loopback is allowed")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _loopback_only(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _loopback_only(self, address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def no_network() -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server for the whole run: LIFTUP_TEST_POSTGRES_URL's, or one started here."""
    if os.environ.get(ENV_URL):
        yield os.environ[ENV_URL]
        return
    server = LocalServer()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
async def postgres_url(postgres_server: str) -> str:
    """A URL naming an empty schema of this test's own."""
    return await fresh_schema(postgres_server)


@pytest.fixture
def clock() -> ManualClock:
    return fixed_clock()


# Every test that uses a store runs on both backends; LIFTUP_TEST_STORE=sqlite (or postgresql)
# picks one while you iterate.
BACKENDS = (
    [os.environ["LIFTUP_TEST_STORE"]]
    if os.environ.get("LIFTUP_TEST_STORE")
    else [
        "sqlite",
        "postgresql",
    ]
)


@pytest.fixture(params=BACKENDS)
async def store(request, tmp_path) -> AsyncIterator[Store]:
    if request.param == "postgresql":
        url = await fresh_schema(request.getfixturevalue("postgres_server"))
    else:
        url = f"sqlite:///{tmp_path / 'liftup.db'}"
    opened = await open_store(url)
    yield opened
    await opened.close()


@pytest.fixture
def messenger() -> FakeMessenger:
    return FakeMessenger()


@pytest.fixture
def app(store: Store, clock: ManualClock, messenger: FakeMessenger) -> App:
    """The real core on each backend, sending through a FakeMessenger (paced at 1000 a
    second, so tests don't wait on the real clock; tests/unit/test_outbox.py checks pacing)."""
    config = Config()
    config = replace(config, outbox=replace(config.outbox, rate_per_second=1000.0))
    return build_app(config, store, clock, {"test": messenger})


@pytest.fixture
def club(app: App, messenger: FakeMessenger, clock: ManualClock) -> Club:
    return Club(app, messenger, clock)
