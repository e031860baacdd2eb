"""SQLite specifics: migrations tracked by user_version, WAL, read-only units."""

from __future__ import annotations

import sqlite3

import pytest

from storage.sql.schema import StoreVersionError, migrations
from storage.sqlite import SqliteStore
from tests.fakes import START


async def test_migrations_apply_once_and_set_user_version(tmp_path):
    path = str(tmp_path / "m.db")
    store = await SqliteStore.open(path, migrate=False)
    assert await store.version() == 0
    applied = await store.migrate()
    assert applied == [f"{n:04d}_{name}" for n, name, _ in migrations("sqlite")]
    assert await store.migrate() == []
    assert await store.version() == len(migrations("sqlite"))
    await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"members", "profiles", "outbox", "idempotency", "effects"} <= tables


async def test_a_newer_schema_is_refused(tmp_path):
    path = str(tmp_path / "new.db")
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreVersionError, match="newer liftup"):
        await SqliteStore.open(path)


async def test_read_only_units_cannot_write(tmp_path):
    store = await SqliteStore.open(str(tmp_path / "ro.db"))
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            async with store.unit(read_only=True) as uow:
                await uow.communities.ensure("test:alpha", START)
    finally:
        await store.close()


async def test_two_stores_on_one_file_both_write(tmp_path):
    """Two processes' worth of connections: BEGIN IMMEDIATE plus busy_timeout, no lock errors."""
    path = str(tmp_path / "shared.db")
    first, second = await SqliteStore.open(path), await SqliteStore.open(path)
    try:
        for i in range(20):
            for store in (first, second):
                async with store.unit() as uow:
                    await uow.communities.ensure(f"test:{i % 3}", START)
                    await uow.members.upsert(f"test:{i % 3}", f"m{i}", "M", START)
        async with first.unit(read_only=True) as uow:
            assert sorted(await uow.communities.ids()) == ["test:0", "test:1", "test:2"]
    finally:
        await first.close()
        await second.close()
