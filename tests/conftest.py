"""Shared fixtures. The suite may open sockets only to loopback: nothing reaches the internet."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator

import pytest

from bot.app import App, build_app
from bot.clock import ManualClock
from bot.config import Config
from storage.sqlite import SqliteStore
from tests.driver import Club
from tests.fakes import FakeMessenger, fixed_clock

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


@pytest.fixture
def clock() -> ManualClock:
    return fixed_clock()


@pytest.fixture
async def store(tmp_path) -> AsyncIterator[SqliteStore]:
    opened = await SqliteStore.open(str(tmp_path / "liftup.db"))
    yield opened
    await opened.close()


@pytest.fixture
def messenger() -> FakeMessenger:
    return FakeMessenger()


@pytest.fixture
def app(store: SqliteStore, clock: ManualClock, messenger: FakeMessenger) -> App:
    """The real core on a temporary SQLite file, sending through a FakeMessenger."""
    return build_app(Config(), store, clock, {"test": messenger})


@pytest.fixture
def club(app: App, messenger: FakeMessenger, clock: ManualClock) -> Club:
    return Club(app, messenger, clock)
