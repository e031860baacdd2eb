"""What every repository shares, whichever database it runs on.

The repositories speak one portable SQL (`?` placeholders, ON CONFLICT, RETURNING) to a
connection that offers `execute_fetchall`: aiosqlite's own connection, or the PostgreSQL adapter
that rewrites placeholders. Times are stored as fixed-width UTC text on both, so the same
comparisons and the same rows move between them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class Row(Protocol):
    """A result row: by column name or position (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: str | int) -> Any: ...
    def keys(self) -> Iterable[str]: ...


class Connection(Protocol):
    async def execute_fetchall(self, sql: str, parameters: Sequence[Any] = ()) -> Iterable[Row]: ...


@dataclass(frozen=True)
class Dialect:
    """The little that differs between the backends' SQL."""

    name: str
    # Appended to a SELECT that claims rows, so concurrent claimers pass over each other's rows.
    skip_locked: str
    # Takes a named lock until the transaction ends; None where writers are serialized anyway.
    named_lock: str | None
    # Every table with a community_id column, in the order the migrations created them.
    community_tables: str


SQLITE = Dialect(
    "sqlite",
    "",
    None,
    "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
    "WHERE m.type = 'table' AND c.name = 'community_id' ORDER BY m.rowid",
)
POSTGRES = Dialect(
    "postgresql",
    " FOR UPDATE SKIP LOCKED",
    "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
    "SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
    "AND a.attname = 'community_id' AND NOT a.attisdropped ORDER BY c.oid",
)


# Rows or ids per statement: well under SQLite's 32,766 and PostgreSQL's 32,767 parameters.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """`items` in consecutive slices of at most `size`, for statements with one `?` per item."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    """`?, ?, …`: one placeholder per value."""
    return ", ".join("?" * count)


def to_db(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing strings in SQL compares times."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
    return moment.astimezone(UTC).strftime(_FORMAT)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def from_db(text: str | None) -> datetime | None:
    """The moment `to_db` wrote. fromisoformat reads that format in C, many times faster than
    strptime: reading a large community's rows was mostly spent parsing their timestamps."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Repo:
    """Each statement is one trip to the database: those trips, not SQL, dominate."""

    def __init__(self, conn: Connection, dialect: Dialect = SQLITE) -> None:
        self.conn = conn
        self.dialect = dialect

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _insert_many(
        self, head: str, rows: Sequence[Sequence[Any]], tail: str = ""
    ) -> list[Row]:
        """`head` (`INSERT INTO t (…) VALUES `) with one `(?, …)` group per row, a few hundred
        rows a statement (under both backends' parameter limits), then `tail` (`RETURNING *`):
        one trip for many rows instead of one each."""
        found: list[Row] = []
        if not rows:
            return found
        group = f"({marks(len(rows[0]))})"
        for part in chunks(rows, max(1, 9000 // len(rows[0]))):
            sql = head + ", ".join([group] * len(part)) + tail
            found += await self._all(sql, [value for row in part for value in row])
        return found

    async def _members_in(
        self, table: str, community_id: str, member_ids: Sequence[str]
    ) -> list[Row]:
        """Rows of `table` for many members, asked in chunks under SQLite's parameter limit."""
        return await self._where_in(
            f"SELECT * FROM {table} WHERE community_id = ?",
            (community_id,),
            "member_id",
            member_ids,
        )

    async def _where_in(
        self,
        sql: str,
        params: Sequence[Any],
        column: str,
        values: Sequence[Any] | None,
        tail: str = "",
    ) -> list[Row]:
        """`sql` (ending inside its WHERE clause), narrowed by `AND column IN (…)` when `values`
        are given, in chunks under SQLite's parameter limit; `tail` (GROUP BY …) follows."""
        if values is None:
            return await self._all(sql + tail, params)
        rows: list[Row] = []
        for chunk in chunks(list(dict.fromkeys(values))):
            narrowed = f"{sql} AND {column} IN ({marks(len(chunk))}){tail}"
            rows += await self._all(narrowed, (*params, *chunk))
        return rows

    async def _exported(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Whole rows for /privacy export: every column, so a new one can't be left out (the
        community, which the member knows, is dropped)."""
        return [
            {k: v for k, v in dict(row).items() if k != "community_id"}
            for row in await self._all(sql, params)
        ]

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a write; returns how many rows it touched (RETURNING counts them in one trip)."""
        return len(await self._all(f"{sql} RETURNING 1", params))


class AskingRepo(Repo):
    """What the consent-first engine reads the same way for every feature that asks first."""

    requests_table: str
    offers_table: str

    async def round_size(self, community_id: str) -> tuple[int, int]:
        row = await self._one(
            f"SELECT (SELECT count(*) FROM {self.requests_table} WHERE community_id = ? "
            f"AND status = 'open') AS requests, (SELECT count(*) FROM {self.offers_table} "
            "WHERE community_id = ? AND active = 1) AS offers",
            (community_id, community_id),
        )
        return (row["requests"], row["offers"]) if row else (0, 0)

    async def open_request_ids(self, community_id: str) -> set[int]:
        rows = await self._all(
            f"SELECT id FROM {self.requests_table} WHERE community_id = ? AND status = 'open'",
            (community_id,),
        )
        return {row["id"] for row in rows}
