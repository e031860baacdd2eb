"""Encouragement: listener bookkeeping, wins and kudos."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.features.encouragement.model import Kudos, Listener, Win
from storage.sql.base import Repo, from_db, to_db


class EncouragementRepo(Repo):
    async def listener(self, community_id: str, member_id: str) -> Listener:
        row = await self._one(
            "SELECT * FROM encouragement_members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        if row is None:
            return Listener(community_id, member_id)
        return Listener(
            community_id=community_id,
            member_id=member_id,
            listen=bool(row["listen"]),
            last_reply_at=from_db(row["last_reply_at"]),
            replies=row["replies"],
            crisis_replies=row["crisis_replies"],
            pool_used=tuple(json.loads(row["pool_used"])),
        )

    async def save_listener(self, listener: Listener) -> None:
        await self._run(
            "INSERT INTO encouragement_members (community_id, member_id, listen, last_reply_at, "
            "replies, crisis_replies, pool_used) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, member_id) DO UPDATE SET listen = excluded.listen, "
            "last_reply_at = excluded.last_reply_at, replies = excluded.replies, "
            "crisis_replies = excluded.crisis_replies, pool_used = excluded.pool_used",
            (
                listener.community_id,
                listener.member_id,
                int(listener.listen),
                to_db(listener.last_reply_at) if listener.last_reply_at else None,
                listener.replies,
                listener.crisis_replies,
                json.dumps(list(listener.pool_used)),
            ),
        )

    async def add_win(self, win: Win) -> int:
        row = await self._one(
            "INSERT INTO wins (community_id, member_id, text, shared, created_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id",
            (win.community_id, win.member_id, win.text, int(win.shared), to_db(win.created_at)),
        )
        assert row is not None
        return int(row["id"])

    async def wins(self, community_id: str, member_id: str, since: datetime) -> list[Win]:
        rows = await self._all(
            "SELECT * FROM wins WHERE community_id = ? AND member_id = ? AND created_at >= ? "
            "ORDER BY created_at DESC",
            (community_id, member_id, to_db(since)),
        )
        return [
            Win(community_id, member_id, r["text"], from_db(r["created_at"]), bool(r["shared"]))  # type: ignore[arg-type]
            for r in rows
        ]

    async def win_count(self, community_id: str, member_id: str) -> int:
        row = await self._one(
            "SELECT count(*) AS n FROM wins WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return row["n"] if row else 0

    async def add_kudos(self, kudos: Kudos) -> int:
        row = await self._one(
            "INSERT INTO kudos (community_id, from_member, to_member, message, private, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (
                kudos.community_id,
                kudos.from_member,
                kudos.to_member,
                kudos.message,
                int(kudos.private),
                to_db(kudos.created_at),
            ),
        )
        assert row is not None
        return int(row["id"])

    async def kudos_received(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[Kudos]:
        rows = await self._all(
            "SELECT * FROM kudos WHERE community_id = ? AND to_member = ? AND created_at >= ? "
            "ORDER BY created_at DESC",
            (community_id, member_id, to_db(since)),
        )
        return [
            Kudos(
                community_id,
                r["from_member"],
                member_id,
                r["message"],
                from_db(r["created_at"]),
                bool(r["private"]),
            )  # type: ignore[arg-type]
            for r in rows
        ]

    async def kudos_sent_since(self, community_id: str, member_id: str, since: datetime) -> int:
        row = await self._one(
            "SELECT count(*) AS n FROM kudos WHERE community_id = ? AND from_member = ? "
            "AND created_at > ?",
            (community_id, member_id, to_db(since)),
        )
        return row["n"] if row else 0

    async def export_member(self, community_id: str, member_id: str) -> Any:
        stored = await self._exported(
            "SELECT * FROM encouragement_members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        wins = await self._all(
            "SELECT text, shared, created_at FROM wins WHERE community_id = ? AND member_id = ? "
            "ORDER BY id",
            (community_id, member_id),
        )
        kudos = await self._all(
            "SELECT from_member, to_member, message, created_at FROM kudos WHERE community_id = ? "
            "AND (from_member = ? OR to_member = ?) ORDER BY id",
            (community_id, member_id, member_id),
        )
        return {
            "listener": None if not stored else stored[0],
            "wins": [dict(row) for row in wins],
            "kudos": [dict(row) for row in kudos],
        }

    async def erase_member(self, community_id: str, member_id: str) -> int:
        erased = 0
        for sql, params in (
            (
                "DELETE FROM encouragement_members WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM wins WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM kudos WHERE community_id = ? AND (from_member = ? OR to_member = ?)",
                (community_id, member_id, member_id),
            ),
        ):
            erased += await self._run(sql, params)
        return erased
