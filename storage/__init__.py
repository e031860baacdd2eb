"""Implementations of the core's Store port."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    from bot.ports import Store


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":…@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


async def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open the store a URL names: `sqlite:///path/to.db` (or `sqlite:///:memory:`), or
    `postgresql://user:password@host:port/database`."""
    if url.startswith("sqlite:///"):
        from storage.sqlite import SqliteStore

        return await SqliteStore.open(url.removeprefix("sqlite:///"), migrate=migrate)
    if url.startswith(("postgresql://", "postgres://")):
        from storage.postgres import PostgresStore

        return await PostgresStore.open(url, migrate=migrate)
    scheme = url.partition(":")[0]
    raise ValueError(
        f"storage url: the {scheme!r} backend is not available; use sqlite:/// or postgresql://"
    )
