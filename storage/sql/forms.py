"""Form drafts: a command's answers so far, kept while its form is open on the platform."""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import Any

from storage.sql.base import Repo, to_db


class FormDraftRepo(Repo):
    async def keep(
        self, community_id: str, member_id: str, data: dict[str, Any], now: datetime
    ) -> str:
        key = secrets.token_urlsafe(16)  # unguessable: the key travels through the platform
        await self._run(
            "INSERT INTO form_drafts (key, community_id, member_id, data, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, community_id, member_id, json.dumps(data, ensure_ascii=False), to_db(now)),
        )
        return key

    async def get(self, community_id: str, member_id: str, key: str) -> dict[str, Any] | None:
        row = await self._one(
            "SELECT data FROM form_drafts WHERE key = ? AND community_id = ? AND member_id = ?",
            (key, community_id, member_id),
        )
        return json.loads(row["data"]) if row else None

    async def drop(self, key: str) -> None:
        await self._run("DELETE FROM form_drafts WHERE key = ?", (key,))

    async def forget_before(self, cutoff: datetime) -> int:
        return await self._run("DELETE FROM form_drafts WHERE created_at < ?", (to_db(cutoff),))

    async def export_member(self, community_id: str, member_id: str) -> Any:
        return await self._exported(
            "SELECT data, created_at FROM form_drafts WHERE community_id = ? AND member_id = ? "
            "ORDER BY created_at",
            (community_id, member_id),
        )

    async def erase_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM form_drafts WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
