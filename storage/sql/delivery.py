"""Delivery bookkeeping: the outbox, inbound idempotency keys and one-time effects."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.models import OutboxMessage, OutboxStatus
from bot.ports import Destination, destination_from_dict, destination_to_dict
from bot.replies import Reply
from storage.sql.base import Repo, Row, chunks, from_db, like_escape, marks, to_db


def _outbox_message(row: Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        community_id=row["community_id"],
        key=row["key"],
        destination=destination_from_dict(json.loads(row["destination"])),
        reply=Reply.from_dict(json.loads(row["reply"])),
        recipient_id=row["recipient_id"],
        attempts=row["attempts"],
        status=OutboxStatus(row["status"]),
        created_at=from_db(row["created_at"]),
        failure_reason=row["last_error"],
        progress=json.loads(row["progress"] or "{}"),
    )


def _outbox_row(
    community_id: str,
    key: str,
    destination: Destination,
    reply: Reply,
    recipient_id: str | None,
    due: datetime | str,
    now: datetime | str,
    urgent: bool,
) -> tuple[Any, ...]:
    """One outbox row's values; times may come already written by `to_db` (a batch's)."""
    return (
        community_id,
        community_id.partition(":")[0],
        key,
        json.dumps(destination_to_dict(destination), ensure_ascii=False),
        json.dumps(reply.to_dict(), ensure_ascii=False),
        recipient_id,
        due if isinstance(due, str) else to_db(due),
        now if isinstance(now, str) else to_db(now),
        int(urgent),
    )


class OutboxRepo(Repo):
    async def enqueue(
        self,
        community_id: str,
        key: str,
        destination: Destination,
        reply: Reply,
        recipient_id: str | None,
        now: datetime,
        *,
        urgent: bool = False,
        not_before: datetime | None = None,
    ) -> bool:
        row = await self._one(
            "INSERT INTO outbox (community_id, platform, key, destination, reply, recipient_id, "
            "next_attempt_at, created_at, urgent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, key) DO NOTHING RETURNING id",
            _outbox_row(
                community_id, key, destination, reply, recipient_id, not_before or now, now, urgent
            ),
        )
        return row is not None

    async def enqueue_many(
        self,
        community_id: str,
        messages: Sequence[tuple[str, Destination, Reply, str | None]],
        now: datetime,
    ) -> int:
        """(key, destination, reply, recipient) each, in few statements; how many were new."""
        at = to_db(now)  # once, not once per row
        rows = await self._insert_many(
            "INSERT INTO outbox (community_id, platform, key, destination, reply, recipient_id, "
            "next_attempt_at, created_at, urgent) VALUES ",
            [
                _outbox_row(community_id, key, destination, reply, recipient, at, at, False)
                for key, destination, reply, recipient in messages
            ],
            " ON CONFLICT (community_id, key) DO NOTHING RETURNING id",
        )
        return len(rows)

    async def claim(
        self, now: datetime, limit: int, platforms: Sequence[str], lease: timedelta
    ) -> list[OutboxMessage]:
        if not platforms:
            return []
        claimed: list[OutboxMessage] = []
        # Urgent rows first, through their own small index; then the oldest of the rest.
        for only_urgent in (True, False):
            if len(claimed) < limit:
                claimed += await self._claim(
                    now, limit - len(claimed), platforms, lease, only_urgent
                )
        return claimed

    async def _claim(
        self,
        now: datetime,
        limit: int,
        platforms: Sequence[str],
        lease: timedelta,
        only_urgent: bool,
    ) -> list[OutboxMessage]:
        urgent = "AND urgent = 1 " if only_urgent else ""
        # The lease is the row's next attempt time: claimed rows are simply not due until it
        # ends, so a dead process's rows come back with no sweeper to run.
        rows = await self._all(
            "UPDATE outbox SET next_attempt_at = ? WHERE id IN (SELECT id FROM outbox "
            f"WHERE status = 'pending' {urgent}AND platform IN ({marks(len(platforms))}) "
            "AND next_attempt_at <= ? "
            f"ORDER BY next_attempt_at, id LIMIT ?{self.dialect.skip_locked}) RETURNING *",
            (to_db(now + lease), *platforms, to_db(now), limit),
        )
        return sorted((_outbox_message(row) for row in rows), key=lambda m: m.id)

    async def release(self, message_ids: Sequence[int], now: datetime) -> None:
        for chunk in chunks(message_ids):
            await self._run(
                "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' "
                f"AND id IN ({marks(len(chunk))})",
                (to_db(now), *chunk),
            )

    async def reserve_send_times(
        self, platform: str, count: int, spacing: float, wall_now: float
    ) -> float:
        span = count * spacing
        row = await self._one(
            "INSERT INTO send_pacing (platform, next_free_at) VALUES (?, ?) "
            "ON CONFLICT (platform) DO UPDATE SET next_free_at = CASE "
            "WHEN send_pacing.next_free_at > ? THEN send_pacing.next_free_at ELSE ? END + ? "
            "RETURNING next_free_at",
            (platform, wall_now + span, wall_now, wall_now, span),
        )
        return float(row["next_free_at"]) - span

    async def queued(self, community_id: str, key: str) -> OutboxMessage | None:
        row = await self._one(
            "SELECT * FROM outbox WHERE community_id = ? AND key = ?", (community_id, key)
        )
        return _outbox_message(row) if row else None

    async def revise(self, community_id: str, key: str, reply: Reply, due_at: datetime) -> bool:
        """A pending message's new text and due time; False when it has already gone out."""
        row = await self._one(
            "UPDATE outbox SET reply = ?, next_attempt_at = ? "
            "WHERE community_id = ? AND key = ? AND status = 'pending' RETURNING id",
            (json.dumps(reply.to_dict(), ensure_ascii=False), to_db(due_at), community_id, key),
        )
        return row is not None

    async def save_progress(self, message_id: int, steps: dict[str, str]) -> None:
        await self._run(
            "UPDATE outbox SET progress = ? WHERE id = ? AND status = 'pending'",
            (json.dumps(steps, ensure_ascii=False), message_id),
        )

    async def mark_delivered(self, message_id: int, reference: str | None, now: datetime) -> None:
        await self._run(
            "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, finished_at = ?, "
            "reference = ? WHERE id = ?",
            (to_db(now), reference, message_id),
        )

    async def mark_retry(self, message_id: int, not_before: datetime, error: str) -> None:
        await self._run(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
            "WHERE id = ?",
            (to_db(not_before), error, message_id),
        )

    async def mark_failed(self, message_id: int, reason: str, now: datetime) -> None:
        await self._run(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, finished_at = ?, "
            "last_error = ? WHERE id = ?",
            (to_db(now), reason, message_id),
        )

    async def failures(self, community_id: str, limit: int) -> list[OutboxMessage]:
        rows = await self._all(
            "SELECT * FROM outbox WHERE community_id = ? AND status = 'failed' "
            "ORDER BY finished_at DESC, id DESC LIMIT ?",
            (community_id, limit),
        )
        return [_outbox_message(row) for row in rows]

    async def reference(self, community_id: str, key: str) -> str | None:
        row = await self._one(
            "SELECT reference FROM outbox WHERE community_id = ? AND key = ? "
            "AND status = 'delivered'",
            (community_id, key),
        )
        return row["reference"] if row else None

    async def pending_count(self) -> int:
        row = await self._one("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")
        return int(row["n"]) if row else 0

    async def next_due_at(self) -> datetime | None:
        row = await self._one(
            "SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending'"
        )
        return from_db(row["at"]) if row else None

    async def purge_finished_before(self, cutoff: datetime) -> int:
        return await self._run(
            "DELETE FROM outbox WHERE status = 'delivered' AND finished_at < ?", (to_db(cutoff),)
        )

    async def export_member(self, community_id: str, member_id: str) -> Any:
        # The same messages erasure removes: to them, mentioning them, or in a space with them
        # (a crisis alert to moderators about them included). Whole rows, their JSON opened;
        # a file sent with a message is listed by name and size rather than copied in.
        rows = await self._exported(
            "SELECT * FROM outbox WHERE community_id = ? AND (recipient_id = ? "
            "OR reply LIKE ? ESCAPE '\\' OR (destination LIKE '%\"private\"%' "
            "AND destination LIKE ? ESCAPE '\\')) ORDER BY id",
            (community_id, member_id, *self._about(member_id)),
        )
        for row in rows:
            row["destination"] = json.loads(row["destination"])
            row["progress"] = json.loads(row["progress"] or "{}")
            reply = json.loads(row["reply"])
            reply["attachments"] = [
                {"file": name, "bytes": len(base64.b64decode(data)), "description": about}
                for name, data, about in reply.get("attachments", [])
            ]
            row["reply"] = reply
        return rows

    @staticmethod
    def _about(member_id: str) -> tuple[str, str]:
        mentioned = "%" + like_escape(f"<@{member_id}>") + "%"
        included = "%" + like_escape(json.dumps(member_id, ensure_ascii=False)) + "%"
        return mentioned, included

    async def erase_member(self, community_id: str, member_id: str) -> int:
        # Messages to them, and about them: an admin notice that mentions them, or an
        # introduction in a private space they were part of.
        mentioned, included = self._about(member_id)
        return await self._run(
            "DELETE FROM outbox WHERE community_id = ? AND (recipient_id = ? "
            "OR reply LIKE ? ESCAPE '\\' OR (destination LIKE '%\"private\"%' "
            "AND destination LIKE ? ESCAPE '\\'))",
            (community_id, member_id, mentioned, included),
        )


class IdempotencyRepo(Repo):
    async def claim(self, community_id: str, key: str, member_id: str, now: datetime) -> bool:
        return bool(
            await self._run(
                "INSERT INTO idempotency (community_id, key, member_id, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (community_id, key, member_id, to_db(now)),
            )
        )

    async def forget_before(self, cutoff: datetime) -> int:
        return await self._run("DELETE FROM idempotency WHERE created_at < ?", (to_db(cutoff),))

    async def export_member(self, community_id: str, member_id: str) -> Any:
        row = await self._one(
            "SELECT count(*) AS n FROM idempotency WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return {"recent_commands_remembered_for_duplicate_protection": row["n"] if row else 0}

    async def erase_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM idempotency WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )


class EffectRepo(Repo):
    async def claim(
        self, community_id: str, key: str, now: datetime, member_id: str | None = None
    ) -> bool:
        row = await self._one(
            "INSERT INTO effects (community_id, key, member_id, done_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING key",
            (community_id, key, member_id, to_db(now)),
        )
        return row is not None

    async def export_member(self, community_id: str, member_id: str) -> Any:
        rows = await self._all(
            "SELECT key, done_at FROM effects WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return [dict(row) for row in rows]

    async def erase_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM effects WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
