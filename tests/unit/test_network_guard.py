"""The suite's own guard: sockets may reach loopback only (checked without sending anything)."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import _loopback_only


class FakeSocket:
    def __init__(self, family: int) -> None:
        self.family = family


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.1", "::1", "localhost"])
def test_loopback_is_allowed(host):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    _loopback_only(FakeSocket(family), (host, 80))  # type: ignore[arg-type]


@pytest.mark.parametrize("host", ["192.0.2.10", "discord.com", "2001:db8::1"])
def test_everything_else_is_refused(host):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with pytest.raises(RuntimeError, match="only loopback"):
        _loopback_only(FakeSocket(family), (host, 443))  # type: ignore[arg-type]
