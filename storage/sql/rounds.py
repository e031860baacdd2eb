"""Which communities want a matching round at the next tick."""

from __future__ import annotations

from storage.sql.base import Repo


class RoundRepo(Repo):
    async def want(self, feature: str, community_id: str) -> None:
        await self._run(
            "INSERT INTO round_wanted (feature, community_id, changes) VALUES (?, ?, 1) "
            "ON CONFLICT (feature, community_id) DO UPDATE SET changes = round_wanted.changes + 1",
            (feature, community_id),
        )

    async def wanted(self, feature: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT community_id, changes FROM round_wanted WHERE feature = ? "
            "ORDER BY community_id",
            (feature,),
        )
        return {row["community_id"]: row["changes"] for row in rows}

    async def done(self, feature: str, community_id: str, changes: int) -> None:
        await self._run(
            "DELETE FROM round_wanted WHERE feature = ? AND community_id = ? AND changes <= ?",
            (feature, community_id, changes),
        )
