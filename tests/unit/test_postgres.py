"""PostgreSQL specifics: placeholders, migrations racing, cross-process locks, deadlocks."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from bot.ports import StoreConflict
from storage import redacted
from storage.postgres import PostgresStore, placeholders
from storage.sql.schema import StoreVersionError, migrations
from tests.fakes import START
from tests.postgres_server import fresh_schema


@pytest.fixture
async def url(postgres_server) -> str:
    return await fresh_schema(postgres_server)


def test_placeholders_are_numbered_outside_quotes_and_comments():
    sql = "SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '%?%' -- why?\nAND z IN (?, ?)"
    assert placeholders(sql) == (
        "SELECT '?', \"a?\" FROM t WHERE x = $1 AND y LIKE '%?%' -- why?\nAND z IN ($2, $3)"
    )


def test_passwords_never_appear_in_messages():
    assert redacted("postgresql://liftup:s3cret@db:5432/liftup") == (
        "postgresql://liftup:…@db:5432/liftup"
    )
    assert redacted("postgresql://liftup@db/liftup") == "postgresql://liftup@db/liftup"
    # libpq and asyncpg also take credentials as query parameters
    assert redacted("postgresql://liftup@db/liftup?password=s3cret&sslmode=require") == (
        "postgresql://liftup@db/liftup?password=…&sslmode=require"
    )
    assert redacted("sqlite:///old.db") == "sqlite:///old.db"
    assert "k3y" not in redacted("postgresql://u:p@db/x?sslpassword=k3y&PASSWORD=s3cret")
    assert "s3cret" not in redacted("postgresql://u:p@db/x?sslpassword=k3y&PASSWORD=s3cret")


async def test_processes_starting_together_migrate_once(url):
    stores = await asyncio.gather(*(PostgresStore.open(url) for _ in range(3)))
    try:
        assert {await store.version() for store in stores} == {len(migrations("postgres"))}
    finally:
        for store in stores:
            await store.close()


async def test_a_newer_schema_is_refused(url):
    store = await PostgresStore.open(url)
    async with store.unit() as uow:
        await uow.connection.execute_fetchall(
            "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')"
        )
    await store.close()
    with pytest.raises(StoreVersionError, match="newer liftup"):
        await PostgresStore.open(url)


async def test_an_unreachable_server_is_explained(postgres_server):
    with pytest.raises(ConnectionError, match=r"cannot reach PostgreSQL .* Is the server running"):
        await PostgresStore.open("postgresql://nobody:pw@127.0.0.1:1/none")


async def test_exclusive_locks_span_processes(url):
    first, second = await PostgresStore.open(url), await PostgresStore.open(url)
    try:
        async with first.exclusive("due-job:reminders") as mine:
            assert mine
            async with second.exclusive("due-job:reminders") as theirs:
                assert not theirs
            async with second.exclusive("due-job:rounds") as other:
                assert other
        async with second.exclusive("due-job:reminders") as later:
            assert later  # released when the holder's block ended
    finally:
        await first.close()
        await second.close()


async def test_a_deadlock_between_processes_is_a_store_conflict(url):
    store = await PostgresStore.open(url)
    try:
        async with store.unit() as uow:
            for community in ("test:a", "test:b"):
                await uow.communities.ensure(community, START)
        both_hold_one = asyncio.Barrier(2)

        async def lock_in_order(first: str, second: str) -> None:
            async with store.unit() as uow:
                await uow.hold(first)
                await both_hold_one.wait()
                await uow.hold(second)

        results = await asyncio.gather(
            lock_in_order("a", "b"), lock_in_order("b", "a"), return_exceptions=True
        )
        assert sorted(type(r).__name__ for r in results) == ["NoneType", "StoreConflict"]
        conflict = next(r for r in results if r is not None)
        assert isinstance(conflict, StoreConflict)
        assert isinstance(conflict.__cause__, asyncpg.DeadlockDetectedError)
    finally:
        await store.close()
