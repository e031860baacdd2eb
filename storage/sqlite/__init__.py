"""The SQLite store (aiosqlite): the embedded default backend."""

from storage.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
