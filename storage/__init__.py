"""Implementations of the core's Store port."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit, urlunsplit

if TYPE_CHECKING:
    from storage.postgres import PostgresStore
    from storage.sqlite import SqliteStore


# Query parameters libpq and asyncpg read credentials from; their values never reach a message.
SECRET_PARAMETERS = frozenset({"password", "passfile", "sslpassword", "sslkey", "sslcert"})


def redacted(url: str) -> str:
    """The URL without its credentials, for messages and logs: the password in the address and
    any credential given as a query parameter (`?password=…`). Anything else is left as is."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    secret_query = any(key.casefold() in SECRET_PARAMETERS for key, _ in pairs)
    if parts.password is None and not secret_query:
        return url  # urlunsplit would also drop the empty host of sqlite:///path
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":…@", 1)
    query = parts.query
    if secret_query:
        query = "&".join(
            f"{key}=…" if key.casefold() in SECRET_PARAMETERS else f"{key}={value}"
            for key, value in pairs
        )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


async def open_store(url: str, *, migrate: bool = True) -> SqliteStore | PostgresStore:
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
