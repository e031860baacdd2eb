"""What every SQLite repository shares: time stored as sortable text, one-trip statements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing strings in SQL compares times."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
    return moment.astimezone(UTC).strftime(_FORMAT)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


class Repo:
    """Each statement is one trip to aiosqlite's thread: those trips, not SQL, dominate."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _members_in(
        self, table: str, community_id: str, member_ids: Sequence[str]
    ) -> list[aiosqlite.Row]:
        """Rows of `table` for many members, asked in chunks under SQLite's parameter limit."""
        ids = list(dict.fromkeys(member_ids))
        rows: list[aiosqlite.Row] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows += await self._all(
                f"SELECT * FROM {table} WHERE community_id = ? AND member_id IN ({marks})",
                (community_id, *chunk),
            )
        return rows

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a write; returns how many rows it touched (RETURNING counts them in one trip)."""
        return len(await self._all(f"{sql} RETURNING 1", params))
