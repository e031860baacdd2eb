"""Copy communities from one store to another: `liftup migrate --from URL --to URL`.

Rows keep their ids: buttons already delivered on Discord or Slack carry them, so a mentor
answering last week's question after the move must still find it. The copy therefore refuses a
target that already holds the community, or other rows under the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.sql.tables import Tables

if TYPE_CHECKING:
    from storage.postgres import PostgresStore
    from storage.sqlite import SqliteStore

    AnyStore = SqliteStore | PostgresStore

# Platform-wide pacing is no community's data; the next sender rebuilds it. An install's
# one-time state lives for minutes.
NOT_COPIED = {"send_pacing", "auth_states"}


class TransferError(RuntimeError):
    """The copy can't be made as asked; the message says why and what to do."""


@dataclass
class TransferReport:
    communities: list[str]
    rows: dict[str, int] = field(default_factory=dict)


def _scope(table: str, columns: Sequence[str]) -> str | None:
    if table == "communities":
        return "id"
    return "community_id" if "community_id" in columns else None


async def copy_communities(
    source: AnyStore, target: AnyStore, communities: Sequence[str] | None = None
) -> TransferReport:
    """Copy every row of `communities` (all of them when None) from `source` into `target`,
    in one transaction on the target: all of it lands, or none of it."""
    source_layout = dict(await source.layout())
    target_layout = dict(await target.layout())
    missing = [t for t in source_layout if t not in target_layout and t not in NOT_COPIED]
    if missing:
        raise TransferError(f"the target has no table {missing[0]!r}; is it a liftup database?")
    async with source.unit(read_only=True) as src, target.unit() as dst:
        known = await src.tables.community_ids()
        chosen = list(communities) if communities else known
        unknown = [c for c in chosen if c not in known]
        if unknown:
            raise TransferError(
                f"the source has no community {unknown[0]!r}; it has: {', '.join(known) or 'none'}"
            )
        report = TransferReport(chosen)
        if not chosen:
            return report
        present = await dst.tables.taken_id("communities", chosen)
        if present is not None:
            raise TransferError(
                f"the target already holds community {present!r}; copy into a database "
                "without it (nothing was changed)"
            )
        for table, columns in source_layout.items():
            if table in NOT_COPIED:
                continue
            shared = [c for c in columns if c in target_layout[table]]
            scope = _scope(table, shared)
            if scope is None:
                raise TransferError(f"table {table!r} has no community column to copy by")
            rows = await src.tables.rows(table, shared, scope, chosen)
            await _refuse_id_clashes(dst.tables, table, shared, rows)
            await dst.tables.insert(table, shared, rows)
            report.rows[table] = len(rows)
    await target.after_copy()
    return report


async def _refuse_id_clashes(tables: Tables, table: str, columns: Sequence[str], rows) -> None:
    if "id" not in columns or table == "communities" or not rows:
        return
    clash = await tables.taken_id(table, [row["id"] for row in rows])
    if clash is not None:
        raise TransferError(
            f"the target's {table} already has a row with id {clash}, which the "
            "copy must keep (buttons already sent carry it); copy into an empty database "
            "(nothing was changed)"
        )
