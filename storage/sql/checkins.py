"""Check-ins: schedules, weeks, entries, and each member's preferences and streak."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.features.checkins.model import CheckIn, CheckinMember, Schedule, Streak, Week
from storage.sql.base import Repo, Row, chunks, from_db, to_db


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _schedule(row: Row) -> Schedule:
    return Schedule(
        community_id=row["community_id"],
        channel_id=row["channel_id"],
        weekday=row["weekday"],
        time_of_day=time.fromisoformat(row["time_of_day"]),
        timezone=row["timezone"],
        remind_before=timedelta(minutes=row["remind_minutes"]),
        enabled=bool(row["enabled"]),
        floor=_day(row["floor_week"]),
    )


def _week(row: Row) -> Week:
    return Week(
        community_id=row["community_id"],
        week=date.fromisoformat(row["week"]),
        channel_id=row["channel_id"],
        opened_at=from_db(row["opened_at"]),  # type: ignore[arg-type]
        closes_at=from_db(row["closes_at"]),  # type: ignore[arg-type]
        closed_at=from_db(row["closed_at"]),
    )


def _checkin(row: Row) -> CheckIn:
    kept = row["kept_goal"]
    return CheckIn(
        community_id=row["community_id"],
        member_id=row["member_id"],
        week=date.fromisoformat(row["week"]),
        learned=row["learned"],
        minutes=row["minutes"],
        next_goal=row["next_goal"],
        blocker=row["blocker"],
        kept_goal=None if kept is None else bool(kept),
        via=row["via"],
    )


def _member(row: Row) -> CheckinMember:
    return CheckinMember(
        community_id=row["community_id"],
        member_id=row["member_id"],
        reminders=bool(row["reminders"]),
        public=bool(row["public"]),
        streak=Streak(
            row["streak_current"], row["streak_longest"], row["freezes"], _day(row["last_week"])
        ),
        reminded_week=_day(row["reminded_week"]),
        participating=bool(row["participating"]),
        held=_held(row["held_from"], row["held_until"]),
        public_chosen=bool(row["public_chosen"]),
    )


def _held(first: str | None, last: str | None) -> tuple[date, date] | None:
    return (date.fromisoformat(first), date.fromisoformat(last)) if first and last else None


class CheckinRepo(Repo):
    # --- schedule and weeks ---------------------------------------------------------------

    async def schedule(self, community_id: str) -> Schedule | None:
        row = await self._one(
            "SELECT * FROM checkin_schedules WHERE community_id = ?", (community_id,)
        )
        return _schedule(row) if row else None

    async def save_schedule(self, schedule: Schedule, now: datetime) -> None:
        await self._run(
            "INSERT INTO checkin_schedules (community_id, channel_id, weekday, time_of_day, "
            "timezone, remind_minutes, enabled, floor_week, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id) DO UPDATE SET channel_id = excluded.channel_id, "
            "weekday = excluded.weekday, time_of_day = excluded.time_of_day, "
            "timezone = excluded.timezone, remind_minutes = excluded.remind_minutes, "
            "enabled = excluded.enabled, floor_week = excluded.floor_week, "
            "updated_at = excluded.updated_at",
            (
                schedule.community_id,
                schedule.channel_id or "",
                schedule.weekday,
                schedule.time_of_day.strftime("%H:%M"),
                schedule.timezone,
                int(schedule.remind_before.total_seconds() // 60),
                int(schedule.enabled),
                schedule.floor.isoformat() if schedule.floor else None,
                to_db(now),
            ),
        )

    async def schedules(self) -> list[Schedule]:
        rows = await self._all("SELECT * FROM checkin_schedules WHERE enabled = 1")
        return [_schedule(row) for row in rows]

    async def open_week(self, week: Week) -> bool:
        return bool(
            await self._run(
                "INSERT INTO checkin_weeks (community_id, week, channel_id, opened_at, closes_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    week.community_id,
                    week.week.isoformat(),
                    week.channel_id,
                    to_db(week.opened_at),
                    to_db(week.closes_at),
                ),
            )
        )

    async def week(self, community_id: str, week: date) -> Week | None:
        row = await self._one(
            "SELECT * FROM checkin_weeks WHERE community_id = ? AND week = ?",
            (community_id, week.isoformat()),
        )
        return _week(row) if row else None

    async def weeks_to_close(self, now: datetime) -> list[Week]:
        rows = await self._all(
            "SELECT * FROM checkin_weeks WHERE closed_at IS NULL AND closes_at <= ? "
            "ORDER BY closes_at",
            (to_db(now),),
        )
        return [_week(row) for row in rows]

    async def move_close(self, community_id: str, week: date, closes_at: datetime) -> None:
        await self._run(
            "UPDATE checkin_weeks SET closes_at = ? "
            "WHERE community_id = ? AND week = ? AND closed_at IS NULL",
            (to_db(closes_at), community_id, week.isoformat()),
        )

    async def mark_closed(self, community_id: str, week: date, now: datetime) -> None:
        await self._run(
            "UPDATE checkin_weeks SET closed_at = ? WHERE community_id = ? AND week = ?",
            (to_db(now), community_id, week.isoformat()),
        )

    # --- entries --------------------------------------------------------------------------

    async def save_checkin(self, entry: CheckIn, now: datetime) -> bool:
        """Insert, or update the member's entry for that week; True when it is their first."""
        row = await self._one(
            "INSERT INTO checkins (community_id, member_id, week, learned, minutes, next_goal, "
            "blocker, kept_goal, via, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, member_id, week) DO UPDATE SET "
            "learned = excluded.learned, minutes = coalesce(excluded.minutes, checkins.minutes), "
            "next_goal = coalesce(excluded.next_goal, checkins.next_goal), "
            "blocker = coalesce(excluded.blocker, checkins.blocker), "
            "kept_goal = coalesce(excluded.kept_goal, checkins.kept_goal), "
            "updated_at = excluded.updated_at, revisions = checkins.revisions + 1 "
            "RETURNING revisions = 0 AS first",
            (
                entry.community_id,
                entry.member_id,
                entry.week.isoformat(),
                entry.learned,
                entry.minutes,
                entry.next_goal,
                entry.blocker,
                None if entry.kept_goal is None else int(entry.kept_goal),
                entry.via,
                to_db(now),
                to_db(now),
            ),
        )
        return bool(row and row["first"])

    async def checkin(self, community_id: str, member_id: str, week: date) -> CheckIn | None:
        row = await self._one(
            "SELECT * FROM checkins WHERE community_id = ? AND member_id = ? AND week = ?",
            (community_id, member_id, week.isoformat()),
        )
        return _checkin(row) if row else None

    async def history(self, community_id: str, member_id: str, limit: int) -> list[CheckIn]:
        rows = await self._all(
            "SELECT * FROM checkins WHERE community_id = ? AND member_id = ? "
            "ORDER BY week DESC LIMIT ?",
            (community_id, member_id, limit),
        )
        return [_checkin(row) for row in rows]

    async def week_checkins(self, community_id: str, week: date) -> list[CheckIn]:
        rows = await self._all(
            "SELECT * FROM checkins WHERE community_id = ? AND week = ? ORDER BY created_at",
            (community_id, week.isoformat()),
        )
        return [_checkin(row) for row in rows]

    async def participation(self, community_id: str, weeks: Sequence[date]) -> dict[date, int]:
        if not weeks:
            return {}
        rows = await self._all(
            "SELECT week, count(*) AS n FROM checkins WHERE community_id = ? "
            "AND week BETWEEN ? AND ? GROUP BY week",
            (community_id, min(weeks).isoformat(), max(weeks).isoformat()),
        )
        counts = {date.fromisoformat(row["week"]): row["n"] for row in rows}
        return {week: counts.get(week, 0) for week in weeks}

    # --- members --------------------------------------------------------------------------

    async def member(self, community_id: str, member_id: str) -> CheckinMember | None:
        row = await self._one(
            "SELECT * FROM checkin_members WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _member(row) if row else None

    async def save_member(self, member: CheckinMember) -> None:
        streak = member.streak
        await self._run(
            "INSERT INTO checkin_members (community_id, member_id, reminders, public, "
            "streak_current, streak_longest, freezes, last_week, reminded_week, participating, "
            "held_from, held_until, public_chosen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, member_id) DO UPDATE "
            "SET reminders = excluded.reminders, public = excluded.public, "
            "streak_current = excluded.streak_current, streak_longest = excluded.streak_longest, "
            "freezes = excluded.freezes, last_week = excluded.last_week, "
            "reminded_week = excluded.reminded_week, participating = excluded.participating, "
            "held_from = excluded.held_from, held_until = excluded.held_until, "
            "public_chosen = excluded.public_chosen",
            (
                member.community_id,
                member.member_id,
                int(member.reminders),
                int(member.public),
                streak.current,
                streak.longest,
                streak.freezes,
                streak.last_week.isoformat() if streak.last_week else None,
                member.reminded_week.isoformat() if member.reminded_week else None,
                int(member.participating),
                member.held[0].isoformat() if member.held else None,
                member.held[1].isoformat() if member.held else None,
                int(member.public_chosen),
            ),
        )

    async def members(
        self, community_id: str, member_ids: Sequence[str]
    ) -> dict[str, CheckinMember]:
        rows = await self._members_in("checkin_members", community_id, member_ids)
        return {row["member_id"]: _member(row) for row in rows}

    async def participants(self, community_id: str) -> list[CheckinMember]:
        rows = await self._all(
            "SELECT * FROM checkin_members WHERE community_id = ? AND participating = 1 "
            "ORDER BY member_id",
            (community_id,),
        )
        return [_member(row) for row in rows]

    async def on_board(self, community_id: str) -> list[CheckinMember]:
        rows = await self._all(
            "SELECT * FROM checkin_members WHERE community_id = ? AND public = 1 "
            "AND public_chosen = 1 AND streak_current > 0 ORDER BY streak_current DESC, member_id",
            (community_id,),
        )
        return [_member(row) for row in rows]

    async def to_remind(
        self, community_id: str, week: date, now: datetime
    ) -> list[tuple[str, str | None]]:
        """(member, their time zone) for everyone taking part who wants reminders, has not
        checked in this week, has not been reminded, and is not paused."""
        # Participants only: a member takes part by checking in or joining.
        rows = await self._all(
            "SELECT c.member_id, p.timezone FROM checkin_members c "
            "JOIN members m ON m.community_id = c.community_id AND m.member_id = c.member_id "
            "LEFT JOIN profiles p ON p.community_id = c.community_id AND p.member_id = c.member_id "
            "WHERE c.community_id = ? AND c.participating = 1 AND c.reminders = 1 "
            "AND (c.reminded_week IS NULL OR c.reminded_week < ?) "
            "AND (m.paused_until IS NULL OR m.paused_until <= ?) "
            # NOT IN over one week's check-ins: both engines hash that set once. A correlated
            # NOT EXISTS let PostgreSQL, on statistics not yet refreshed after a burst of
            # check-ins, scan the whole week once per member (38 s for 40,000 members).
            "AND c.member_id NOT IN (SELECT member_id FROM checkins "
            "WHERE community_id = ? AND week = ?) ORDER BY c.member_id",
            (community_id, week.isoformat(), to_db(now), community_id, week.isoformat()),
        )
        return [(row["member_id"], row["timezone"]) for row in rows]

    async def mark_reminded(self, community_id: str, member_ids: Sequence[str], week: date) -> None:
        for chunk in chunks(member_ids, 300):  # three values a row
            values = ", ".join("(?, ?, ?)" for _ in chunk)
            params = [p for m in chunk for p in (community_id, m, week.isoformat())]
            await self._run(
                "INSERT INTO checkin_members (community_id, member_id, reminded_week) "
                f"VALUES {values} ON CONFLICT (community_id, member_id) "
                "DO UPDATE SET reminded_week = excluded.reminded_week",
                params,
            )

    # --- privacy --------------------------------------------------------------------------

    async def export_member(self, community_id: str, member_id: str) -> Any:
        member = await self.member(community_id, member_id)
        entries = await self.history(community_id, member_id, 10_000)
        return {
            "preferences": None
            if member is None
            else {"reminders": member.reminders, "public": member.public},
            "streak": None if member is None else member.streak.current,
            "checkins": [
                {
                    "week": e.week.isoformat(),
                    "learned": e.learned,
                    "minutes": e.minutes,
                    "next": e.next_goal,
                    "blocker": e.blocker,
                    "kept_goal": e.kept_goal,
                }
                for e in entries
            ],
        }

    async def erase_member(self, community_id: str, member_id: str) -> int:
        erased = 0
        for table in ("checkins", "checkin_members"):
            erased += await self._run(
                f"DELETE FROM {table} WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            )
        return erased
