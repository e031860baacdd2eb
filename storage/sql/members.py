"""Communities, their settings, members and profiles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from bot.models import PROFILE_FIELDS, Member, Phase, Profile
from storage.sql.base import Repo, Row, from_db, to_db

NOT_COMMUNITY_DATA = {"installations"}


class CommunityRepo(Repo):
    async def ensure(self, community_id: str, now: datetime) -> None:
        await self._run(
            "INSERT INTO communities (id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (community_id, to_db(now)),
        )

    async def ids(self) -> list[str]:
        return [row["id"] for row in await self._all("SELECT id FROM communities ORDER BY id")]

    async def mark_left(self, community_id: str, now: datetime) -> None:
        await self._run(
            "UPDATE communities SET left_at = ? WHERE id = ? AND left_at IS NULL",
            (to_db(now), community_id),
        )

    async def mark_back(self, community_id: str) -> bool:
        return bool(
            await self._run(
                "UPDATE communities SET left_at = NULL WHERE id = ? AND left_at IS NOT NULL",
                (community_id,),
            )
        )

    async def left_before(self, cutoff: datetime) -> list[str]:
        rows = await self._all(
            "SELECT id FROM communities WHERE left_at IS NOT NULL AND left_at < ? ORDER BY id",
            (to_db(cutoff),),
        )
        return [row["id"] for row in rows]

    async def erase(self, community_id: str, *, keep_row: bool) -> int:
        # Newest tables first: a row is gone before anything it refers to. An install and
        # the platform's pacing are the deployment's, not the community's data.
        tables = [row["name"] for row in await self._all(self.dialect.community_tables)]
        erased = 0
        for table in reversed(tables):
            if table not in NOT_COMMUNITY_DATA:
                erased += await self._run(
                    f'DELETE FROM "{table}" WHERE community_id = ?', (community_id,)
                )
        if not keep_row:
            erased += await self._run("DELETE FROM communities WHERE id = ?", (community_id,))
        return erased

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


def _member(row: Row) -> Member:
    return Member(
        community_id=row["community_id"],
        id=row["member_id"],
        display_name=row["display_name"],
        paused_until=from_db(row["paused_until"]),
    )


class MemberRepo(Repo):
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

    async def many(self, community_id: str, member_ids: Sequence[str]) -> dict[str, Member]:
        rows = await self._members_in("members", community_id, member_ids)
        return {row["member_id"]: _member(row) for row in rows}

    async def set_paused_until(
        self, community_id: str, member_id: str, until: datetime | None
    ) -> None:
        await self._run(
            "UPDATE members SET paused_until = ? WHERE community_id = ? AND member_id = ?",
            (to_db(until) if until else None, community_id, member_id),
        )

    async def paused(self, community_id: str, now: datetime) -> set[str]:
        rows = await self._all(
            "SELECT member_id FROM members WHERE community_id = ? AND paused_until > ?",
            (community_id, to_db(now)),
        )
        return {row["member_id"] for row in rows}

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


_PROFILE_COLUMNS = PROFILE_FIELDS
_LIST_COLUMNS = {"topics_known", "topics_learning", "languages"}


def _profile(row: Row) -> Profile:
    values = {c: row[c] for c in _PROFILE_COLUMNS}
    for column in _LIST_COLUMNS:
        values[column] = tuple(json.loads(values[column]))
    values["phase"] = Phase(values["phase"]) if values["phase"] else None
    return Profile(
        community_id=row["community_id"],
        member_id=row["member_id"],
        updated_at=from_db(row["updated_at"]),
        **values,
    )


class ProfileRepo(Repo):
    async def get(self, community_id: str, member_id: str) -> Profile | None:
        row = await self._one(
            "SELECT * FROM profiles WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _profile(row) if row else None

    async def many(self, community_id: str, member_ids: Sequence[str]) -> dict[str, Profile]:
        rows = await self._members_in("profiles", community_id, member_ids)
        return {row["member_id"]: _profile(row) for row in rows}

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
