"""Whole tables by name, for storage's own tools: copying communities from one store to another
(`liftup migrate --from --to`) and audits that nothing of an erased member remains. It is no
part of the core's Store port; a unit of work on either backend carries one as `tables`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storage.sql.base import Connection, Row, chunks, marks


class Tables:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def community_ids(self) -> list[str]:
        return [
            row["id"] for row in await self._conn.execute_fetchall("SELECT id FROM communities")
        ]

    async def rows(
        self,
        table: str,
        columns: Sequence[str],
        scope: str | None = None,
        among: Sequence[Any] = (),
    ) -> list[Row]:
        """`columns` of `table`'s rows; with `scope`, only those whose `scope` is `among`."""
        names = ", ".join(f'"{c}"' for c in columns)
        if scope is None:
            return list(await self._conn.execute_fetchall(f'SELECT {names} FROM "{table}"'))
        found: list[Row] = []
        for chunk in chunks(list(among)):
            found += await self._conn.execute_fetchall(
                f'SELECT {names} FROM "{table}" WHERE "{scope}" IN ({marks(len(chunk))})', chunk
            )
        return found

    async def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        # Rows of up to ~20 columns: 500 of them stay under both engines' parameter limits.
        for chunk in chunks(list(rows)):
            values = ", ".join(f"({marks(len(columns))})" for _ in chunk)
            params = [value for row in chunk for value in tuple(row)]
            await self._conn.execute_fetchall(
                f'INSERT INTO "{table}" ({names}) VALUES {values}', params
            )

    async def taken_id(self, table: str, ids: Sequence[Any]) -> Any | None:
        """One of `ids` that `table` already has, or None."""
        for chunk in chunks(list(ids)):
            clash = await self._conn.execute_fetchall(
                f'SELECT id FROM "{table}" WHERE id IN ({marks(len(chunk))}) LIMIT 1', chunk
            )
            for row in clash:
                return row["id"]
        return None
