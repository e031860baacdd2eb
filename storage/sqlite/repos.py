"""SQLite repositories for the core tables; each method is scoped by community id."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.models import Member, OutboxMessage, OutboxStatus, Phase, Profile
from bot.ports import Destination, MemberData, destination_from_dict, destination_to_dict
from bot.replies import Reply

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_db(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing strings in SQL compares times."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
    return moment.astimezone(UTC).strftime(_FORMAT)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


class _Repo:
    """Each statement is one trip to aiosqlite's thread: those trips, not SQL, dominate."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self.conn.execute_fetchall(sql, params))

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._all(sql, params)
        return rows[0] if rows else None

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a write; returns how many rows it touched (RETURNING counts them in one trip)."""
        return len(await self._all(f"{sql} RETURNING 1", params))


class CommunityRepo(_Repo):
    async def ensure(self, community_id: str, now: datetime) -> None:
        await self._run(
            "INSERT INTO communities (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (community_id, to_db(now)),
        )

    async def ids(self) -> list[str]:
        return [row["id"] for row in await self._all("SELECT id FROM communities ORDER BY id")]

    async def settings(self, community_id: str) -> dict[str, str]:
        rows = await self._all(
            "SELECT key, value FROM community_settings WHERE community_id = ?", (community_id,)
        )
        return {row["key"]: row["value"] for row in rows}

    async def set_setting(self, community_id: str, key: str, value: str, now: datetime) -> None:
        await self._run(
            "INSERT INTO community_settings (community_id, key, value, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (community_id, key) "
            "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (community_id, key, value, to_db(now)),
        )

    async def reset_setting(self, community_id: str, key: str) -> None:
        await self._run(
            "DELETE FROM community_settings WHERE community_id = ? AND key = ?",
            (community_id, key),
        )


def _member(row: aiosqlite.Row) -> Member:
    return Member(
        community_id=row["community_id"],
        id=row["member_id"],
        display_name=row["display_name"],
        paused_until=from_db(row["paused_until"]),
    )


class MemberRepo(_Repo):
    async def upsert(
        self, community_id: str, member_id: str, display_name: str, now: datetime
    ) -> Member:
        row = await self._one(
            "INSERT INTO members (community_id, member_id, display_name, first_seen_at, "
            "last_seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, member_id) "
            "DO UPDATE SET display_name = excluded.display_name, "
            "last_seen_at = excluded.last_seen_at "
            "RETURNING *",
            (community_id, member_id, display_name, to_db(now), to_db(now)),
        )
        assert row is not None
        return _member(row)

    async def get(self, community_id: str, member_id: str) -> Member | None:
        row = await self._one(
            "SELECT * FROM members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _member(row) if row else None

    async def set_paused_until(
        self, community_id: str, member_id: str, until: datetime | None
    ) -> None:
        await self._run(
            "UPDATE members SET paused_until = ? WHERE community_id = ? AND member_id = ?",
            (to_db(until) if until else None, community_id, member_id),
        )

    async def pauses_ended(self, now: datetime) -> list[Member]:
        rows = await self._all(
            "SELECT * FROM members WHERE paused_until IS NOT NULL AND paused_until <= ? "
            "ORDER BY paused_until",
            (to_db(now),),
        )
        return [_member(row) for row in rows]

    async def export_member(self, community_id: str, member_id: str) -> Any:
        row = await self._one(
            "SELECT * FROM members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return dict(row) if row else None

    async def erase_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )


_PROFILE_COLUMNS = (
    "timezone",
    "phase",
    "role",
    "industry",
    "target_role",
    "target_industry",
    "topics_known",
    "topics_learning",
    "languages",
    "bio",
)
_LIST_COLUMNS = {"topics_known", "topics_learning", "languages"}


class ProfileRepo(_Repo):
    async def get(self, community_id: str, member_id: str) -> Profile | None:
        row = await self._one(
            "SELECT * FROM profiles WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        if row is None:
            return None
        values = {c: row[c] for c in _PROFILE_COLUMNS}
        for column in _LIST_COLUMNS:
            values[column] = tuple(json.loads(values[column]))
        values["phase"] = Phase(values["phase"]) if values["phase"] else None
        return Profile(
            community_id=community_id,
            member_id=member_id,
            updated_at=from_db(row["updated_at"]),
            **values,
        )

    async def save(self, profile: Profile) -> None:
        values = [getattr(profile, c) for c in _PROFILE_COLUMNS]
        values = [
            json.dumps(list(v)) if c in _LIST_COLUMNS else (str(v) if v is not None else None)
            for c, v in zip(_PROFILE_COLUMNS, values, strict=True)
        ]
        columns = ", ".join(_PROFILE_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*_PROFILE_COLUMNS, "updated_at"))
        await self._run(
            f"INSERT INTO profiles (community_id, member_id, {columns}, updated_at) "
            f"VALUES (?, ?, {', '.join('?' * len(_PROFILE_COLUMNS))}, ?) "
            f"ON CONFLICT (community_id, member_id) DO UPDATE SET {updates}",
            (
                profile.community_id,
                profile.member_id,
                *values,
                to_db(profile.updated_at or datetime.now(UTC)),
            ),
        )

    async def export_member(self, community_id: str, member_id: str) -> Any:
        profile = await self.get(community_id, member_id)
        if profile is None:
            return None
        data = {c: getattr(profile, c) for c in _PROFILE_COLUMNS}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    async def erase_member(self, community_id: str, member_id: str) -> int:
        return await self._run(
            "DELETE FROM profiles WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )


def _outbox_message(row: aiosqlite.Row) -> OutboxMessage:
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
    )


class OutboxRepo(_Repo):
    async def enqueue(
        self,
        community_id: str,
        key: str,
        destination: Destination,
        reply: Reply,
        recipient_id: str | None,
        now: datetime,
    ) -> bool:
        row = await self._one(
            "INSERT INTO outbox (community_id, platform, key, destination, reply, recipient_id, "
            "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, key) DO NOTHING RETURNING id",
            (
                community_id,
                community_id.partition(":")[0],
                key,
                json.dumps(destination_to_dict(destination), ensure_ascii=False),
                json.dumps(reply.to_dict(), ensure_ascii=False),
                recipient_id,
                to_db(now),
                to_db(now),
            ),
        )
        return row is not None

    async def due(self, now: datetime, limit: int, platforms: Sequence[str]) -> list[OutboxMessage]:
        if not platforms:
            return []
        marks = ", ".join("?" * len(platforms))
        rows = await self._all(
            f"SELECT * FROM outbox WHERE status = 'pending' AND platform IN ({marks}) "
            "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
            (*platforms, to_db(now), limit),
        )
        return [_outbox_message(row) for row in rows]

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
        rows = await self._all(
            "SELECT * FROM outbox WHERE community_id = ? AND recipient_id = ? ORDER BY id",
            (community_id, member_id),
        )
        return [
            {
                "created_at": row["created_at"],
                "status": row["status"],
                "message": json.loads(row["reply"]).get("text", ""),
            }
            for row in rows
        ]

    async def erase_member(self, community_id: str, member_id: str) -> int:
        # Messages to them, and about them: an admin notice that mentions them, or an
        # introduction in a private space they were part of.
        mentioned = "%" + _like_escape(f"<@{member_id}>") + "%"
        included = "%" + _like_escape(json.dumps(member_id, ensure_ascii=False)) + "%"
        return await self._run(
            "DELETE FROM outbox WHERE community_id = ? AND (recipient_id = ? "
            "OR reply LIKE ? ESCAPE '\\' OR (destination LIKE '%\"private\"%' "
            "AND destination LIKE ? ESCAPE '\\'))",
            (community_id, member_id, mentioned, included),
        )


class IdempotencyRepo(_Repo):
    async def recall(self, community_id: str, key: str) -> Reply | None:
        row = await self._one(
            "SELECT reply FROM idempotency WHERE community_id = ? AND key = ?",
            (community_id, key),
        )
        if row is None or row["reply"] is None:
            return None
        return Reply.from_dict(json.loads(row["reply"]))

    async def claim(self, community_id: str, key: str, member_id: str, now: datetime) -> bool:
        return bool(
            await self._run(
                "INSERT INTO idempotency (community_id, key, member_id, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (community_id, key, member_id, to_db(now)),
            )
        )

    async def complete(self, community_id: str, key: str, reply: Reply) -> None:
        await self._run(
            "UPDATE idempotency SET reply = ? WHERE community_id = ? AND key = ?",
            (json.dumps(reply.to_dict()), community_id, key),
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


class EffectRepo(_Repo):
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


class SqliteUnitOfWork:
    """One transaction's repositories, all on the same connection."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.communities = CommunityRepo(conn)
        self.members = MemberRepo(conn)
        self.profiles = ProfileRepo(conn)
        self.outbox = OutboxRepo(conn)
        self.idempotency = IdempotencyRepo(conn)
        self.effects = EffectRepo(conn)

    def member_data(self) -> dict[str, MemberData]:
        # Children before the member row itself, so foreign keys never block an erase.
        return {
            "profile": self.profiles,
            "messages_to_you": self.outbox,
            "duplicate_protection": self.idempotency,
            "scheduled_effects": self.effects,
            "member": self.members,
        }
