"""SqliteStore: WAL, one writer behind a lock with BEGIN IMMEDIATE, readers in parallel."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.sql.schema import migrations, newer_schema
from storage.sql.unit import SqlUnitOfWork

log = logging.getLogger(__name__)

READERS = 2
BUSY_TIMEOUT_MS = 10_000


async def _connect(path: str, *, read_only: bool) -> aiosqlite.Connection:
    # isolation_level=None: we issue BEGIN ourselves, so every transaction is explicit.
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA foreign_keys = ON")
    # NORMAL is safe against application crashes in WAL mode; only power loss can drop the
    # last commits, which the outbox and effect keys tolerate.
    await conn.execute("PRAGMA synchronous = NORMAL")
    if read_only:
        await conn.execute("PRAGMA query_only = ON")
    return conn


class SqliteStore:
    """The Store port on one SQLite file. Open with `await SqliteStore.open(path)`."""

    def __init__(self, path: str, writer: aiosqlite.Connection) -> None:
        self.path = path
        self._writer = writer
        self._memo: dict = {}  # shared by this store's transactions: see UnitOfWork.memo
        self._write_lock = asyncio.Lock()
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers: list[aiosqlite.Connection] = []
        self._exclusive: set[str] = set()

    @classmethod
    async def open(cls, path: str, *, migrate: bool = True) -> SqliteStore:
        in_memory = path == ":memory:"
        if not in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        writer = await _connect(path, read_only=False)
        if not in_memory:
            await writer.execute("PRAGMA journal_mode = WAL")
        store = cls(path, writer)
        try:
            if migrate:
                await store.migrate()
            else:
                await store.check_version()
            if not in_memory:  # an in-memory database exists only on its one connection
                for _ in range(READERS):
                    reader = await _connect(path, read_only=True)
                    store._all_readers.append(reader)
                    store._readers.put_nowait(reader)
        except BaseException:
            await store.close()  # never leave connection threads behind a failed open
            raise
        return store

    async def version(self) -> int:
        async with self._writer.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def check_version(self) -> int:
        current, known = await self.version(), len(migrations("sqlite"))
        if current > known:
            raise newer_schema(self.path, current, known)
        return current

    async def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction."""
        applied = []
        async with self._write_lock:
            current = await self.check_version()
            for number, name, sql in migrations("sqlite"):
                if number <= current:
                    continue
                script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;"
                try:
                    await self._writer.executescript(script)
                except Exception:
                    if self._writer.in_transaction:
                        await self._writer.execute("ROLLBACK")
                    raise
                applied.append(f"{number:04d}_{name}")
                log.info("applied migration %04d_%s", number, name)
        return applied

    @asynccontextmanager
    async def unit(self, *, read_only: bool = False) -> AsyncIterator[SqlUnitOfWork]:
        if read_only and self._all_readers:
            reader = await self._readers.get()
            try:
                await reader.execute("BEGIN")
                try:
                    yield SqlUnitOfWork(reader, memo=self._memo)
                finally:
                    # Nothing to keep: the reader is query-only.
                    await reader.execute("ROLLBACK")
            finally:
                self._readers.put_nowait(reader)
            return
        async with self._write_lock:
            # IMMEDIATE takes the write lock up front; a deferred read-then-write transaction
            # would fail with "database is locked" when another process writes meanwhile.
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield SqlUnitOfWork(self._writer, memo=self._memo)
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            else:
                await self._writer.execute("COMMIT")

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """True if nothing else in this process holds the named lock. SQLite serves one
        process, so an in-process lock is the whole story; PostgreSQL's spans processes."""
        if name in self._exclusive:
            yield False
            return
        self._exclusive.add(name)
        try:
            yield True
        finally:
            self._exclusive.discard(name)

    async def layout(self) -> list[tuple[str, list[str]]]:
        """(table, columns) for every table, in the order the migrations created them."""
        async with self._write_lock:
            tables = await self._writer.execute_fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
            return [
                (
                    name,
                    [
                        c[1]
                        for c in await self._writer.execute_fetchall(f'PRAGMA table_info("{name}")')
                    ],
                )
                for (name,) in tables
            ]

    async def after_copy(self) -> None:
        """Nothing to do: SQLite numbers new rows after the highest id already there."""

    async def close(self) -> None:
        for reader in self._all_readers:
            await reader.close()
        self._all_readers.clear()
        await self._writer.close()
