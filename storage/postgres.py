"""PostgresStore: the Store port on PostgreSQL (asyncpg), shared by any number of processes.

The repositories are the same ones SQLite uses (storage/sql); this module brings a connection
pool, the `?` → `$n` placeholder rewrite, migrations guarded by an advisory lock (several
processes may start at once), and the cross-process locks the scheduler and rounds rely on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import asyncpg

from bot.ports import StoreConflict
from storage import redacted
from storage.sql.base import POSTGRES, Row
from storage.sql.schema import migrations, newer_schema
from storage.sql.unit import SqlUnitOfWork

log = logging.getLogger(__name__)

POOL_SIZE = 10
# One fixed advisory-lock key for migrating, so processes starting together migrate one at a time.
MIGRATION_LOCK = 0x6C69667475700001

# A `?` outside quotes and comments; literals and identifiers are skipped whole.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\?")


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """The repositories' portable `?` placeholders as PostgreSQL's numbered `$1, $2, …`."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group() != "?":
            return match.group()
        count += 1
        return f"${count}"

    return _TOKENS.sub(number, sql)


class PgConnection:
    """An asyncpg connection that speaks the repositories' `execute_fetchall`."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def execute_fetchall(self, sql: str, parameters: Sequence[Any] = ()) -> Iterable[Row]:
        return await self._conn.fetch(placeholders(sql), *parameters)


async def _keep_session(conn: asyncpg.Connection) -> None:
    """What the pool does to a connection it takes back, besides rolling back a transaction left
    open: nothing. asyncpg's default resets the whole session, one more round trip on every
    release, which made an idle tick four times slower than on SQLite. liftup sets no session
    state and releases its only session lock (`exclusive`) itself."""


class PostgresStore:
    """The Store port on PostgreSQL. Open with `await PostgresStore.open(url)`."""

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self._pool = pool
        self._memo: dict = {}  # shared by this store's transactions: see UnitOfWork.memo

    @classmethod
    async def open(
        cls, url: str, *, migrate: bool = True, pool_size: int = POOL_SIZE
    ) -> PostgresStore:
        try:
            pool = await asyncpg.create_pool(
                url, min_size=1, max_size=pool_size, reset=_keep_session
            )
        except (OSError, asyncpg.PostgresError) as error:
            raise ConnectionError(
                f"cannot reach PostgreSQL at {redacted(url)}: {error}. Is the server running, "
                "and do the user, password and database in [storage] url exist?"
            ) from error
        store = cls(url, pool)
        try:
            if migrate:
                await store.migrate()
            else:
                await store.check_version()
        except BaseException:
            await store.close()
            raise
        return store

    async def version(self) -> int:
        async with self._pool.acquire() as conn:
            return await self._version(conn)

    @staticmethod
    async def _version(conn: asyncpg.Connection) -> int:
        exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
        if not exists:
            return 0
        return int(await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations"))

    async def check_version(self) -> int:
        current, known = await self.version(), len(migrations("postgres"))
        if current > known:
            raise newer_schema(redacted(self.url), current, known)
        return current

    async def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction."""
        applied = []
        async with self._pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
            try:
                await conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                )
                current = await self._version(conn)
                known = migrations("postgres")
                if current > len(known):
                    raise newer_schema(redacted(self.url), current, len(known))
                for number, name, sql in known:
                    if number <= current:
                        continue
                    async with conn.transaction():
                        await conn.execute(sql)
                        await conn.execute(
                            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                            number,
                            name,
                        )
                    applied.append(f"{number:04d}_{name}")
                    log.info("applied migration %04d_%s", number, name)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
        return applied

    @asynccontextmanager
    async def unit(self, *, read_only: bool = False) -> AsyncIterator[SqlUnitOfWork]:
        try:
            async with self._pool.acquire() as conn, conn.transaction(readonly=read_only):
                yield SqlUnitOfWork(PgConnection(conn), POSTGRES, self._memo)
        except asyncpg.TransactionRollbackError as error:  # deadlock or serialization failure
            raise StoreConflict(str(error)) from error

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """True if this process got the named lock (held until the block ends), False if another
        process holds it now. A process that dies loses its locks with its connection."""
        async with self._pool.acquire() as conn:
            try:
                mine = await conn.fetchval(
                    "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", name
                )
            except BaseException:
                conn.terminate()  # it may hold the lock without knowing: closing drops it
                raise
            try:
                yield mine
            finally:
                if mine:
                    try:
                        await conn.execute(
                            "SELECT pg_advisory_unlock(hashtextextended($1, 0))", name
                        )
                    except BaseException:
                        # A lock left on a pooled connection would stop this job in every
                        # process; the pool doesn't clear session locks (see _keep_session).
                        conn.terminate()
                        raise

    async def layout(self) -> list[tuple[str, list[str]]]:
        """(table, columns) for every liftup table, in the order the migrations created them."""
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT c.relname AS name, array_agg(a.attname ORDER BY a.attnum) AS columns "
                "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                "AND c.relname <> 'schema_migrations' AND a.attnum > 0 AND NOT a.attisdropped "
                "GROUP BY c.oid, c.relname ORDER BY c.oid"
            )
        return [(row["name"], list(row["columns"])) for row in rows]

    async def after_copy(self) -> None:
        """Rows were copied with their ids: move each identity past the highest id there."""
        async with self._pool.acquire() as conn:
            identities = await conn.fetch(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_identity = 'YES'"
            )
            for row in identities:
                table, column = row["table_name"], row["column_name"]
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f'coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)'
                )

    async def close(self) -> None:
        await self._pool.close()
