"""The organiser dashboard: sign-in links and sessions, and one indexed query per figure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.features.dashboard.model import (
    Absent,
    EncouragementCounts,
    FunnelMonth,
    Grant,
    LinkOutcome,
    LinkProblem,
    SharedWin,
    Volunteer,
    WeekFigures,
)
from storage.sql.base import Repo, from_db, to_db


def _month_bucket(column: str, month_starts: Sequence[datetime]) -> tuple[str, list[str]]:
    """A CASE giving the index of the month `column` falls in (bounds in UTC text, so each month
    starts at local midnight of the community's zone)."""
    cases = " ".join(f"WHEN {column} < ? THEN {i}" for i in range(len(month_starts) - 1))
    return f"CASE {cases} END", [to_db(m) for m in month_starts[1:]]


def _funnel(rows: list[Any], month_starts: Sequence[datetime]) -> list[FunnelMonth]:
    """One per month, in order and unnamed: the core names them in the community's zone."""
    found = {row["bucket"]: row for row in rows}
    months = []
    for i in range(len(month_starts) - 1):
        row = found.get(i)
        if row is None:
            months.append(FunnelMonth())
            continue
        months.append(
            FunnelMonth(
                requested=int(row["requested"]),
                asked=int(row["asked"] or 0),
                accepted=int(row["accepted"] or 0),
                met=int(row["met"] or 0),
                ended_well=int(row["ended_well"] or 0),
            )
        )
    return months


def _grant(row: Any) -> Grant:
    expires = from_db(row["expires_at"])
    assert expires is not None
    return Grant(row["community_id"], row["member_id"], expires)


class DashboardRepo(Repo):
    # --- sign-in ----------------------------------------------------------------------------

    async def add_link(self, token_hash: str, grant: Grant, now: datetime) -> None:
        await self._run("DELETE FROM dashboard_links WHERE expires_at < ?", (to_db(now),))
        await self._run("DELETE FROM dashboard_sessions WHERE expires_at < ?", (to_db(now),))
        await self._run(
            "INSERT INTO dashboard_links (token_hash, community_id, member_id, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?)",
            (token_hash, grant.community_id, grant.member_id, to_db(now), to_db(grant.expires_at)),
        )

    async def use_link(self, token_hash: str, now: datetime) -> LinkOutcome:
        # One statement spends it, so two tabs opening the same link can't both get in.
        row = await self._one(
            "UPDATE dashboard_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
            "AND expires_at > ? RETURNING community_id, member_id, expires_at",
            (to_db(now), token_hash, to_db(now)),
        )
        if row is not None:
            return LinkOutcome(grant=_grant(row))
        row = await self._one(
            "SELECT used_at FROM dashboard_links WHERE token_hash = ?", (token_hash,)
        )
        if row is None:
            return LinkOutcome(problem=LinkProblem.UNKNOWN)
        return LinkOutcome(problem=LinkProblem.USED if row["used_at"] else LinkProblem.EXPIRED)

    async def add_session(self, session_hash: str, grant: Grant, now: datetime) -> None:
        await self._run(
            "INSERT INTO dashboard_sessions (session_hash, community_id, member_id, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?)",
            (
                session_hash,
                grant.community_id,
                grant.member_id,
                to_db(now),
                to_db(grant.expires_at),
            ),
        )

    async def session(self, session_hash: str, now: datetime) -> Grant | None:
        row = await self._one(
            "SELECT community_id, member_id, expires_at FROM dashboard_sessions "
            "WHERE session_hash = ? AND expires_at > ?",
            (session_hash, to_db(now)),
        )
        return _grant(row) if row else None

    async def end_session(self, session_hash: str) -> None:
        await self._run("DELETE FROM dashboard_sessions WHERE session_hash = ?", (session_hash,))

    async def export_member(self, community_id: str, member_id: str) -> Any:
        # When they signed in to the dashboard; the secrets are hashes and stay out.
        return {
            table: await self._exported(
                f"SELECT created_at, expires_at FROM {table} "
                "WHERE community_id = ? AND member_id = ? ORDER BY created_at",
                (community_id, member_id),
            )
            for table in ("dashboard_links", "dashboard_sessions")
        }

    async def erase_member(self, community_id: str, member_id: str) -> int:
        erased = 0
        for table in ("dashboard_links", "dashboard_sessions"):
            erased += await self._run(
                f"DELETE FROM {table} WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            )
        return erased

    # --- figures ----------------------------------------------------------------------------

    async def member_count(self, community_id: str) -> int:
        row = await self._one(
            "SELECT count(*) AS n FROM members WHERE community_id = ?", (community_id,)
        )
        return int(row["n"]) if row else 0

    async def weeks(self, community_id: str, weeks: Sequence[date]) -> dict[date, WeekFigures]:
        if not weeks:
            return {}
        rows = await self._all(
            "SELECT week, count(*) AS n, sum(coalesce(minutes, 0)) AS minutes, "
            "sum(CASE WHEN kept_goal IS NULL THEN 0 ELSE 1 END) AS answered, "
            "sum(CASE WHEN kept_goal = 1 THEN 1 ELSE 0 END) AS kept "
            "FROM checkins WHERE community_id = ? AND week BETWEEN ? AND ? GROUP BY week",
            (community_id, min(weeks).isoformat(), max(weeks).isoformat()),
        )
        found = {
            date.fromisoformat(row["week"]): WeekFigures(
                int(row["n"]), int(row["minutes"]), int(row["answered"]), int(row["kept"])
            )
            for row in rows
        }
        return {week: found.get(week, WeekFigures()) for week in weeks}

    async def learned(self, community_id: str, first: date, last: date) -> list[str]:
        rows = await self._all(
            "SELECT learned FROM checkins WHERE community_id = ? AND week BETWEEN ? AND ?",
            (community_id, first.isoformat(), last.isoformat()),
        )
        return [row["learned"] for row in rows]

    async def not_checked_in(self, community_id: str, week: date) -> list[Absent]:
        rows = await self._all(
            "SELECT m.display_name, m.paused_until, cm.public, cm.public_chosen "
            "FROM checkin_members cm JOIN members m ON m.community_id = cm.community_id "
            "AND m.member_id = cm.member_id WHERE cm.community_id = ? AND cm.participating = 1 "
            "AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.community_id = cm.community_id "
            "AND c.member_id = cm.member_id AND c.week = ?) ORDER BY m.display_name",
            (community_id, week.isoformat()),
        )
        return [
            Absent(
                row["display_name"],
                from_db(row["paused_until"]),
                bool(row["public"]) and bool(row["public_chosen"]),
            )
            for row in rows
        ]

    async def streaks(self, community_id: str) -> dict[int, int]:
        rows = await self._all(
            "SELECT streak_current AS weeks, count(*) AS n FROM checkin_members "
            "WHERE community_id = ? AND participating = 1 GROUP BY streak_current",
            (community_id,),
        )
        return {int(row["weeks"]): int(row["n"]) for row in rows}

    async def shared_wins(self, community_id: str, limit: int) -> list[SharedWin]:
        rows = await self._all(
            "SELECT m.display_name, w.text, w.created_at FROM wins w JOIN members m "
            "ON m.community_id = w.community_id AND m.member_id = w.member_id "
            "WHERE w.community_id = ? AND w.shared = 1 ORDER BY w.created_at DESC LIMIT ?",
            (community_id, limit),
        )
        return [
            SharedWin(row["display_name"], row["text"], from_db(row["created_at"]))  # type: ignore[arg-type]
            for row in rows
        ]

    async def mentoring_funnel(
        self, community_id: str, month_starts: Sequence[datetime]
    ) -> list[FunnelMonth]:
        bucket, bounds = _month_bucket("r.created_at", month_starts)
        rows = await self._all(
            f"SELECT {bucket} AS bucket, count(*) AS requested, "
            "sum(CASE WHEN EXISTS (SELECT 1 FROM mentor_proposals p WHERE p.request_id = r.id) "
            "THEN 1 ELSE 0 END) AS asked, "
            "sum(CASE WHEN EXISTS (SELECT 1 FROM mentorships s WHERE s.request_id = r.id) "
            "THEN 1 ELSE 0 END) AS accepted, "
            "sum(CASE WHEN EXISTS (SELECT 1 FROM mentorships s WHERE s.request_id = r.id "
            "AND s.met = 'yes') THEN 1 ELSE 0 END) AS met, "
            # Ended by the pair themselves and not rated below 3 of 5.
            "sum(CASE WHEN EXISTS (SELECT 1 FROM mentorships s WHERE s.request_id = r.id "
            "AND s.end_reason = 'ended' AND coalesce(s.rating, 5) >= 3) THEN 1 ELSE 0 END) "
            "AS ended_well "
            "FROM mentor_requests r WHERE r.community_id = ? AND r.created_at >= ? "
            "AND r.created_at < ? GROUP BY 1",
            (*bounds, community_id, to_db(month_starts[0]), to_db(month_starts[-1])),
        )
        return _funnel(rows, month_starts)

    async def mentoring_waits(self, community_id: str, since: datetime) -> list[float]:
        rows = await self._all(
            "SELECT r.created_at AS asked, s.started_at AS began FROM mentorships s "
            "JOIN mentor_requests r ON r.id = s.request_id "
            "WHERE s.community_id = ? AND s.started_at >= ?",
            (community_id, to_db(since)),
        )
        return [
            (from_db(row["began"]) - from_db(row["asked"])).total_seconds() / 86400  # type: ignore[operator]
            for row in rows
        ]

    async def mentees_by_mentor(self, community_id: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT mentor_id, count(*) AS n FROM mentorships WHERE community_id = ? "
            "AND status = 'active' GROUP BY mentor_id",
            (community_id,),
        )
        return {row["mentor_id"]: int(row["n"]) for row in rows}

    async def interview_funnel(
        self, community_id: str, month_starts: Sequence[datetime]
    ) -> list[FunnelMonth]:
        bucket, bounds = _month_bucket("r.created_at", month_starts)

        def having(condition: str) -> str:
            return (
                "sum(CASE WHEN EXISTS (SELECT 1 FROM interview_pairings p "
                f"WHERE p.request_id = r.id{condition}) THEN 1 ELSE 0 END)"
            )

        accepted = having(" AND p.status IN ('accepted', 'done')")
        met = having(" AND p.happened = 1")
        helpful = having(" AND p.happened = 1 AND p.helpful = 1")
        rows = await self._all(
            f"SELECT {bucket} AS bucket, count(*) AS requested, {having('')} AS asked, "
            f"{accepted} AS accepted, {met} AS met, {helpful} AS ended_well "
            "FROM interview_requests r WHERE r.community_id = ? AND r.created_at >= ? "
            "AND r.created_at < ? GROUP BY 1",
            (*bounds, community_id, to_db(month_starts[0]), to_db(month_starts[-1])),
        )
        return _funnel(rows, month_starts)

    async def former_requesters_volunteering(self, community_id: str) -> list[Volunteer]:
        rows = await self._all(
            "SELECT o.member_id, m.display_name, o.role, o.industry FROM interview_offers o "
            "JOIN members m ON m.community_id = o.community_id AND m.member_id = o.member_id "
            # As /admin interviews counts them: their own interview happened, then they offered.
            "WHERE o.community_id = ? AND o.active = 1 AND EXISTS (SELECT 1 FROM "
            "interview_pairings p WHERE p.community_id = o.community_id "
            "AND p.requester_id = o.member_id AND p.happened = 1 "
            "AND p.decided_at < o.created_at) "
            "ORDER BY m.display_name",
            (community_id,),
        )
        return [
            Volunteer(row["member_id"], row["display_name"], row["role"], row["industry"])
            for row in rows
        ]

    async def delivery_failures(self, community_id: str) -> dict[str, int]:
        rows = await self._all(
            "SELECT coalesce(last_error, 'unknown') AS reason, count(*) AS n FROM outbox "
            "WHERE community_id = ? AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC",
            (community_id,),
        )
        return {row["reason"]: int(row["n"]) for row in rows}

    async def encouragement_counts(self, community_id: str) -> EncouragementCounts:
        row = await self._one(
            "SELECT (SELECT coalesce(sum(replies), 0) FROM encouragement_members "
            "WHERE community_id = ?) AS replies, "
            "(SELECT coalesce(sum(crisis_replies), 0) FROM encouragement_members "
            "WHERE community_id = ?) AS crisis, "
            "(SELECT count(*) FROM encouragement_members WHERE community_id = ? "
            "AND listen = 0) AS off, "
            "(SELECT count(*) FROM wins WHERE community_id = ?) AS wins, "
            "(SELECT count(*) FROM wins WHERE community_id = ? AND shared = 1) AS shared, "
            "(SELECT count(*) FROM kudos WHERE community_id = ?) AS kudos",
            (community_id,) * 6,
        )
        if row is None:
            return EncouragementCounts()
        return EncouragementCounts(
            int(row["replies"]),
            int(row["crisis"]),
            int(row["off"]),
            int(row["wins"]),
            int(row["shared"]),
            int(row["kudos"]),
        )
