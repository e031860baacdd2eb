"""Installations of the app into workspaces, and the one-time states of installs under way."""

from __future__ import annotations

from datetime import datetime

from storage.sql.base import Repo, to_db


class InstallationRepo(Repo):
    async def save(self, community_id: str, sealed: str, now: datetime) -> None:
        await self._run(
            "INSERT INTO installations (community_id, sealed, installed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (community_id) DO UPDATE SET sealed = excluded.sealed, "
            "installed_at = excluded.installed_at",
            (community_id, sealed, to_db(now)),
        )

    async def reseal(self, community_id: str, sealed: str) -> None:
        await self._run(
            "UPDATE installations SET sealed = ? WHERE community_id = ?", (sealed, community_id)
        )

    async def find(self, community_id: str) -> str | None:
        row = await self._one(
            "SELECT sealed FROM installations WHERE community_id = ?", (community_id,)
        )
        return row["sealed"] if row else None

    async def remove(self, community_id: str) -> bool:
        return bool(
            await self._run("DELETE FROM installations WHERE community_id = ?", (community_id,))
        )

    async def all_sealed(self) -> dict[str, str]:
        rows = await self._all("SELECT community_id, sealed FROM installations ORDER BY 1")
        return {row["community_id"]: row["sealed"] for row in rows}

    async def issue_state(self, state: str, expires_at: datetime) -> None:
        await self._run(
            "INSERT INTO auth_states (state, expires_at) VALUES (?, ?)", (state, to_db(expires_at))
        )

    async def consume_state(self, state: str, now: datetime) -> bool:
        # Deleted whether or not it is still fresh: a state is good for one try at most.
        row = await self._one(
            "DELETE FROM auth_states WHERE state = ? RETURNING expires_at", (state,)
        )
        await self._run("DELETE FROM auth_states WHERE expires_at <= ?", (to_db(now),))
        return row is not None and row["expires_at"] > to_db(now)
