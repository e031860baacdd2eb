"""Study buddies: schedules, who takes part, rounds, their groups and whether they met."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from itertools import combinations
from typing import Any

from bot.features.buddies.model import (
    Buddy,
    BuddySchedule,
    Cadence,
    Group,
    GroupMember,
    Met,
    Round,
    RoundFigures,
)
from storage.sql.base import Repo, Row, from_db, to_db


def _schedule(row: Row) -> BuddySchedule:
    return BuddySchedule(
        community_id=row["community_id"],
        channel_id=row["channel_id"],
        cadence=Cadence(row["cadence"]),
        weekday=row["weekday"],
        time_of_day=time.fromisoformat(row["time_of_day"]),
        timezone=row["timezone"],
        group_size=row["group_size"],
        paused=bool(row["paused"]),
        first_day=date.fromisoformat(row["first_day"]) if row["first_day"] else None,
    )


def _buddy(row: Row) -> Buddy:
    return Buddy(
        community_id=row["community_id"],
        member_id=row["member_id"],
        joined_at=from_db(row["joined_at"]),  # type: ignore[arg-type]
        topics=tuple(json.loads(row["topics"])),
        note=row["note"],
        skip_day=date.fromisoformat(row["skip_day"]) if row["skip_day"] else None,
    )


def _round(row: Row) -> Round:
    return Round(
        id=row["id"],
        community_id=row["community_id"],
        day=date.fromisoformat(row["day"]),
        opened_at=from_db(row["opened_at"]),  # type: ignore[arg-type]
        ends_at=from_db(row["ends_at"]),  # type: ignore[arg-type]
        halfway_at=from_db(row["halfway_at"]),  # type: ignore[arg-type]
        asked_at=from_db(row["asked_at"]),
    )


def _groups(rows: Sequence[Row]) -> list[Group]:
    """Groups from rows of buddy_groups joined with their members (g_ and m_ columns)."""
    found: dict[int, Group] = {}
    members: dict[int, list[GroupMember]] = {}
    for row in rows:
        gid = row["id"]
        if gid not in found:
            found[gid] = Group(
                gid, row["community_id"], row["round_id"], row["score"], row["reasons"], ()
            )
        members.setdefault(gid, []).append(
            GroupMember(
                row["member_id"],
                Met(row["met"]) if row["met"] else None,
                from_db(row["answered_at"]),
                from_db(row["left_at"]),
            )
        )
    return [
        Group(g.id, g.community_id, g.round_id, g.score, g.reasons, tuple(members[g.id]))
        for g in found.values()
    ]


_GROUPS = (
    "SELECT g.id, g.community_id, g.round_id, g.score, g.reasons, m.member_id, m.met, "
    "m.answered_at, m.left_at FROM buddy_groups g JOIN buddy_group_members m ON m.group_id = g.id "
)


class BuddyRepo(Repo):
    # --- schedule and who takes part ------------------------------------------------------

    async def schedule(self, community_id: str) -> BuddySchedule | None:
        row = await self._one(
            "SELECT * FROM buddy_schedules WHERE community_id = ?", (community_id,)
        )
        return _schedule(row) if row else None

    async def save_schedule(self, schedule: BuddySchedule, now: datetime) -> None:
        await self._all(
            "INSERT INTO buddy_schedules (community_id, channel_id, cadence, weekday, "
            "time_of_day, timezone, group_size, paused, first_day, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET "
            "channel_id = excluded.channel_id, cadence = excluded.cadence, "
            "weekday = excluded.weekday, time_of_day = excluded.time_of_day, "
            "timezone = excluded.timezone, group_size = excluded.group_size, "
            "paused = excluded.paused, first_day = excluded.first_day, "
            "updated_at = excluded.updated_at",
            (
                schedule.community_id,
                schedule.channel_id,
                schedule.cadence.value,
                schedule.weekday,
                schedule.time_of_day.strftime("%H:%M"),
                schedule.timezone,
                schedule.group_size,
                int(schedule.paused),
                schedule.first_day.isoformat() if schedule.first_day else None,
                to_db(now),
            ),
        )

    async def schedules(self) -> list[BuddySchedule]:
        rows = await self._all("SELECT * FROM buddy_schedules WHERE paused = 0")
        return [_schedule(row) for row in rows]

    async def buddy(self, community_id: str, member_id: str) -> Buddy | None:
        row = await self._one(
            "SELECT * FROM buddies WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _buddy(row) if row else None

    async def save_buddy(self, buddy: Buddy) -> None:
        await self._all(
            "INSERT INTO buddies (community_id, member_id, topics, note, skip_day, joined_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, member_id) DO UPDATE SET "
            "topics = excluded.topics, note = excluded.note, skip_day = excluded.skip_day",
            (
                buddy.community_id,
                buddy.member_id,
                json.dumps(list(buddy.topics)),
                buddy.note,
                buddy.skip_day.isoformat() if buddy.skip_day else None,
                to_db(buddy.joined_at),
            ),
        )

    async def remove_buddy(self, community_id: str, member_id: str) -> bool:
        return bool(
            await self._run(
                "DELETE FROM buddies WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            )
        )

    async def buddies(self, community_id: str) -> list[Buddy]:
        rows = await self._all(
            "SELECT * FROM buddies WHERE community_id = ? ORDER BY joined_at, member_id",
            (community_id,),
        )
        return [_buddy(row) for row in rows]

    async def joined(self, community_id: str) -> set[str]:
        rows = await self._all(
            "SELECT member_id FROM buddies WHERE community_id = ?", (community_id,)
        )
        return {row["member_id"] for row in rows}

    # --- rounds -----------------------------------------------------------------------------

    async def open_round(self, round_: Round) -> int | None:
        row = await self._one(
            "INSERT INTO buddy_rounds (community_id, day, opened_at, ends_at, halfway_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, day) DO NOTHING RETURNING id",
            (
                round_.community_id,
                round_.day.isoformat(),
                to_db(round_.opened_at),
                to_db(round_.ends_at),
                to_db(round_.halfway_at),
            ),
        )
        return row["id"] if row else None

    async def round(self, round_id: int) -> Round | None:
        row = await self._one("SELECT * FROM buddy_rounds WHERE id = ?", (round_id,))
        return _round(row) if row else None

    async def round_on(self, community_id: str, day: date) -> Round | None:
        row = await self._one(
            "SELECT * FROM buddy_rounds WHERE community_id = ? AND day = ?",
            (community_id, day.isoformat()),
        )
        return _round(row) if row else None

    async def rounds(self, community_id: str, limit: int) -> list[Round]:
        rows = await self._all(
            "SELECT * FROM buddy_rounds WHERE community_id = ? ORDER BY day DESC LIMIT ?",
            (community_id, limit),
        )
        return [_round(row) for row in rows]

    async def rounds_to_ask(self, now: datetime) -> list[Round]:
        rows = await self._all(
            "SELECT * FROM buddy_rounds WHERE asked_at IS NULL AND halfway_at <= ? "
            "AND ends_at > ? ORDER BY halfway_at",
            (to_db(now), to_db(now)),
        )
        return [_round(row) for row in rows]

    async def mark_asked(self, round_id: int, now: datetime) -> None:
        await self._all("UPDATE buddy_rounds SET asked_at = ? WHERE id = ?", (to_db(now), round_id))

    # --- groups -----------------------------------------------------------------------------

    async def add_groups(
        self, community_id: str, round_id: int, groups: Sequence[tuple[tuple[str, ...], int, str]]
    ) -> list[Group]:
        made = await self._insert_many(
            "INSERT INTO buddy_groups (community_id, round_id, score, reasons) VALUES ",
            [(community_id, round_id, score, reasons) for _, score, reasons in groups],
            " RETURNING id",
        )
        ids = [row["id"] for row in made]
        await self._insert_many(
            "INSERT INTO buddy_group_members (community_id, group_id, member_id) VALUES ",
            [
                (community_id, gid, member_id)
                for gid, (members, _, _) in zip(ids, groups, strict=True)
                for member_id in members
            ],
        )
        return [
            Group(gid, community_id, round_id, score, reasons, tuple(map(GroupMember, members)))
            for gid, (members, score, reasons) in zip(ids, groups, strict=True)
        ]

    async def groups(self, round_id: int) -> list[Group]:
        rows = await self._all(_GROUPS + "WHERE g.round_id = ? ORDER BY g.id", (round_id,))
        return _groups(rows)

    async def group(self, group_id: int) -> Group | None:
        found = _groups(await self._all(_GROUPS + "WHERE g.id = ?", (group_id,)))
        return found[0] if found else None

    async def current_group(self, community_id: str, member_id: str, now: datetime) -> Group | None:
        row = await self._one(
            "SELECT g.id FROM buddy_group_members m JOIN buddy_groups g ON g.id = m.group_id "
            "JOIN buddy_rounds r ON r.id = g.round_id WHERE m.community_id = ? "
            "AND m.member_id = ? AND m.left_at IS NULL AND r.opened_at <= ? AND r.ends_at > ? "
            "ORDER BY r.day DESC LIMIT 1",
            (community_id, member_id, to_db(now), to_db(now)),
        )
        return await self.group(row["id"]) if row else None

    async def history(self, community_id: str, member_id: str, limit: int) -> list[Group]:
        rows = await self._all(
            "SELECT g.id FROM buddy_group_members m JOIN buddy_groups g ON g.id = m.group_id "
            "WHERE m.community_id = ? AND m.member_id = ? ORDER BY g.round_id DESC LIMIT ?",
            (community_id, member_id, limit),
        )
        ids = [row["id"] for row in rows]
        if not ids:
            return []
        found = _groups(
            await self._where_in(_GROUPS + "WHERE g.community_id = ?", (community_id,), "g.id", ids)
        )
        return sorted(found, key=lambda g: -g.round_id)

    async def met_lately(self, community_id: str, rounds: int) -> dict[frozenset[str], int]:
        latest = await self.rounds(community_id, rounds)
        ago = {r.id: k + 1 for k, r in enumerate(latest)}
        if not ago:
            return {}
        # Ids only: a large community's last six rounds are a hundred thousand rows.
        rows = await self._where_in(
            "SELECT g.round_id, m.group_id, m.member_id FROM buddy_groups g "
            "JOIN buddy_group_members m ON m.group_id = g.id WHERE g.community_id = ?",
            (community_id,),
            "g.round_id",
            list(ago),
        )
        groups: dict[int, tuple[int, list[str]]] = {}
        for row in rows:
            groups.setdefault(row["group_id"], (ago[row["round_id"]], []))[1].append(
                row["member_id"]
            )
        met: dict[frozenset[str], int] = {}
        for rounds_ago, ids in groups.values():
            for pair in combinations(ids, 2):
                key = frozenset(pair)
                met[key] = min(met.get(key, rounds_ago), rounds_ago)
        return met

    async def threes(self, round_id: int) -> list[frozenset[str]]:
        rows = await self._all(
            "SELECT m.group_id, m.member_id FROM buddy_group_members m WHERE m.group_id IN "
            "(SELECT g.id FROM buddy_groups g JOIN buddy_group_members c ON c.group_id = g.id "
            "WHERE g.round_id = ? GROUP BY g.id HAVING count(*) = 3) ORDER BY m.group_id",
            (round_id,),
        )
        found: dict[int, set[str]] = {}
        for row in rows:
            found.setdefault(row["group_id"], set()).add(row["member_id"])
        return [frozenset(members) for members in found.values()]

    async def answer(self, group_id: int, member_id: str, met: Met, now: datetime) -> None:
        await self._all(
            "UPDATE buddy_group_members SET met = ?, answered_at = ? "
            "WHERE group_id = ? AND member_id = ?",
            (met.value, to_db(now), group_id, member_id),
        )

    async def leave_group(self, group_id: int, member_id: str, now: datetime) -> None:
        await self._all(
            "UPDATE buddy_group_members SET left_at = ? WHERE group_id = ? AND member_id = ?",
            (to_db(now), group_id, member_id),
        )

    async def figures(self, community_id: str, limit: int) -> list[RoundFigures]:
        rows = await self._all(
            "SELECT r.day, count(DISTINCT g.id) AS groups, count(m.member_id) AS members, "
            "count(DISTINCT CASE WHEN m.met = 'yes' THEN g.id END) AS met, "
            "count(DISTINCT CASE WHEN m.met IS NOT NULL THEN g.id END) AS answered "
            "FROM buddy_rounds r LEFT JOIN buddy_groups g ON g.round_id = r.id "
            "LEFT JOIN buddy_group_members m ON m.group_id = g.id "
            "WHERE r.community_id = ? GROUP BY r.id, r.day ORDER BY r.day DESC LIMIT ?",
            (community_id, limit),
        )
        return [
            RoundFigures(
                date.fromisoformat(row["day"]),
                row["groups"],
                row["members"],
                row["met"],
                row["answered"],
            )
            for row in rows
        ]

    async def met_between(self, community_id: str, start: datetime, end: datetime) -> int:
        row = await self._one(
            "SELECT count(DISTINCT group_id) AS n FROM buddy_group_members "
            "WHERE community_id = ? AND met = 'yes' AND answered_at >= ? AND answered_at < ?",
            (community_id, to_db(start), to_db(end)),
        )
        return row["n"] if row else 0

    # --- privacy ----------------------------------------------------------------------------

    async def export_member(self, community_id: str, member_id: str) -> Any:
        taking_part = await self._exported(
            "SELECT * FROM buddies WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        groups = await self._exported(
            "SELECT r.day, m.met, m.answered_at, m.left_at, g.reasons FROM buddy_group_members m "
            "JOIN buddy_groups g ON g.id = m.group_id JOIN buddy_rounds r ON r.id = g.round_id "
            "WHERE m.community_id = ? AND m.member_id = ? ORDER BY r.day",
            (community_id, member_id),
        )
        return {"taking_part": taking_part, "rounds": groups}

    async def erase_member(self, community_id: str, member_id: str) -> int:
        """Their place in buddies and in every group. The reasons a group was formed name only
        what its members share, never who they are, so the partner's record keeps its sense."""
        erased = 0
        for table in ("buddy_group_members", "buddies"):
            erased += await self._run(
                f"DELETE FROM {table} WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            )
        return erased
