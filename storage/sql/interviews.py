"""Informational interviews: offers, requests and pairings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.features.interviews.model import InterviewOffer, InterviewRequest, Pairing, PairingStatus
from bot.features.proposals.model import RequestStatus
from storage.sql.base import AskingRepo, Row, chunks, from_db, marks, to_db


def _offer(row: Row) -> InterviewOffer:
    return InterviewOffer(
        community_id=row["community_id"],
        member_id=row["member_id"],
        role=row["role"],
        industry=row["industry"],
        per_month=row["per_month"],
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        topics=tuple(json.loads(row["topics"])),
        note=row["note"],
        active=bool(row["active"]),
        confirmed_at=from_db(row["confirmed_at"]) or from_db(row["created_at"]),
        expired_in_a_row=row["expired_in_a_row"],
    )


def _request(row: Row) -> InterviewRequest:
    return InterviewRequest(
        id=row["id"],
        community_id=row["community_id"],
        member_id=row["member_id"],
        target_role=row["target_role"],
        target_industry=row["target_industry"],
        goal=row["goal"],
        status=RequestStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        waiting_told_at=from_db(row["waiting_told_at"]),
    )


def _pairing(row: Row) -> Pairing:
    happened = row["happened"]
    return Pairing(
        id=row["id"],
        community_id=row["community_id"],
        request_id=row["request_id"],
        requester_id=row["requester_id"],
        volunteer_id=row["volunteer_id"],
        score=row["score"],
        explanation=row["explanation"],
        status=PairingStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        expires_at=from_db(row["expires_at"]),  # type: ignore[arg-type]
        decided_at=from_db(row["decided_at"]),
        follow_up_at=from_db(row["follow_up_at"]),
        happened=None if happened is None else bool(happened),
        slots=tuple(from_db(moment) for moment in json.loads(row["slots"])),  # type: ignore[misc]
        meets_at=from_db(row["meets_at"]),
        reminders_sent=row["reminders_sent"],
    )


class InterviewRepo(AskingRepo):
    requests_table = "interview_requests"
    offers_table = "interview_offers"

    async def offer(self, community_id: str, member_id: str) -> InterviewOffer | None:
        row = await self._one(
            "SELECT * FROM interview_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _offer(row) if row else None

    async def save_offer(self, offer: InterviewOffer) -> None:
        await self._run(
            "INSERT INTO interview_offers (community_id, member_id, role, industry, per_month, "
            "topics, note, active, created_at, confirmed_at, expired_in_a_row) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (community_id, member_id) DO UPDATE SET role = excluded.role, "
            "industry = excluded.industry, per_month = excluded.per_month, "
            "topics = excluded.topics, note = excluded.note, active = excluded.active, "
            "confirmed_at = excluded.confirmed_at, expired_in_a_row = excluded.expired_in_a_row",
            (
                offer.community_id,
                offer.member_id,
                offer.role,
                offer.industry,
                offer.per_month,
                json.dumps(list(offer.topics)),
                offer.note,
                int(offer.active),
                to_db(offer.created_at),
                to_db(offer.confirmed_at or offer.created_at),
                offer.expired_in_a_row,
            ),
        )

    async def remove_offer(self, community_id: str, member_id: str) -> None:
        await self._run(
            "DELETE FROM interview_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )

    async def offers(
        self, community_id: str, *, active: bool = True, member_ids: Sequence[str] | None = None
    ) -> list[InterviewOffer]:
        rows = await self._where_in(
            "SELECT * FROM interview_offers WHERE community_id = ? AND active = ?",
            (community_id, int(active)),
            "member_id",
            member_ids,
            " ORDER BY member_id",
        )
        return [_offer(row) for row in rows]

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        target_role: str,
        target_industry: str | None,
        goal: str,
        now: datetime,
    ) -> InterviewRequest:
        row = await self._one(
            "INSERT INTO interview_requests (community_id, member_id, target_role, "
            "target_industry, goal, status, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?) "
            "RETURNING *",
            (community_id, member_id, target_role, target_industry, goal, to_db(now)),
        )
        assert row is not None
        return _request(row)

    async def request(self, request_id: int) -> InterviewRequest | None:
        row = await self._one("SELECT * FROM interview_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def requests(
        self, community_id: str, statuses: tuple[str, ...], member_id: str | None = None
    ) -> list[InterviewRequest]:
        sql = (
            "SELECT * FROM interview_requests WHERE community_id = ? "
            f"AND status IN ({marks(len(statuses))})"
        )
        params: list[Any] = [community_id, *statuses]
        if member_id is not None:
            sql += " AND member_id = ?"
            params.append(member_id)
        rows = await self._all(sql + " ORDER BY created_at, id", params)
        return [_request(row) for row in rows]

    async def set_request_status(self, request_id: int, status: str, now: datetime) -> None:
        # Interview requests keep no change time: `now` is taken so the engine asks one way.
        await self._run(
            "UPDATE interview_requests SET status = ? WHERE id = ?", (str(status), request_id)
        )

    async def requests_waiting_since(self, before: datetime) -> list[InterviewRequest]:
        rows = await self._all(
            "SELECT * FROM interview_requests WHERE status = 'open' AND created_at <= ? "
            "AND waiting_told_at IS NULL ORDER BY id",
            (to_db(before),),
        )
        return [_request(row) for row in rows]

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None:
        await self._run(
            "UPDATE interview_requests SET waiting_told_at = ? WHERE id = ?",
            (to_db(now), request_id),
        )

    async def communities_with_open_requests(self) -> list[str]:
        rows = await self._all(
            "SELECT DISTINCT community_id FROM interview_requests WHERE status = 'open'"
        )
        return sorted(row["community_id"] for row in rows)

    async def add_questions(
        self,
        asks: Sequence[tuple[InterviewRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[Pairing]:
        """(request, volunteer, score, explanation) each; the pairings, in the order asked."""
        asked_at, until = to_db(now), to_db(expires_at)  # once, not once per row
        rows = await self._insert_many(
            "INSERT INTO interview_pairings (community_id, request_id, requester_id, "
            "volunteer_id, score, explanation, status, created_at, expires_at) VALUES ",
            [
                (
                    r.community_id,
                    r.id,
                    r.member_id,
                    volunteer,
                    score,
                    why,
                    "pending",
                    asked_at,
                    until,
                )
                for r, volunteer, score, why in asks
            ],
            " RETURNING *",
        )
        by_request = {row["request_id"]: _pairing(row) for row in rows}
        return [by_request[request.id] for request, *_ in asks]

    async def set_requests_status(
        self, request_ids: Sequence[int], status: str, now: datetime
    ) -> None:
        for part in chunks(list(request_ids)):
            await self._run(
                f"UPDATE interview_requests SET status = ? WHERE id IN ({marks(len(part))})",
                (str(status), *part),
            )

    async def question(self, pairing_id: int) -> Pairing | None:
        row = await self._one("SELECT * FROM interview_pairings WHERE id = ?", (pairing_id,))
        return _pairing(row) if row else None

    async def questions(
        self, community_id: str, status: str, *, provider_id: str | None = None
    ) -> list[Pairing]:
        sql = "SELECT * FROM interview_pairings WHERE community_id = ? AND status = ?"
        params: list[Any] = [community_id, str(status)]
        if provider_id is not None:
            sql += " AND volunteer_id = ?"
            params.append(provider_id)
        rows = await self._all(sql + " ORDER BY id", params)
        return [_pairing(row) for row in rows]

    async def pairings(
        self, community_id: str, member_id: str | None = None, statuses: tuple[str, ...] = ()
    ) -> list[Pairing]:
        sql = "SELECT * FROM interview_pairings WHERE community_id = ?"
        params: list[Any] = [community_id]
        if member_id is not None:
            sql += " AND (requester_id = ? OR volunteer_id = ?)"
            params += [member_id, member_id]
        if statuses:
            sql += f" AND status IN ({', '.join('?' * len(statuses))})"
            params += list(statuses)
        rows = await self._all(sql + " ORDER BY id", params)
        return [_pairing(row) for row in rows]

    async def set_question(
        self,
        pairing_id: int,
        status: str,
        now: datetime,
        *,
        follow_up_at: datetime | None = None,
        happened: bool | None = None,
        helpful: int | None = None,
        note: str | None = None,
    ) -> None:
        await self._run(
            "UPDATE interview_pairings SET status = ?, decided_at = coalesce(decided_at, ?), "
            "follow_up_at = ?, happened = coalesce(?, happened), helpful = coalesce(?, helpful), "
            "note = coalesce(?, note) WHERE id = ?",
            (
                str(status),
                to_db(now),
                to_db(follow_up_at) if follow_up_at else None,
                None if happened is None else int(happened),
                helpful,
                note,
                pairing_id,
            ),
        )

    async def questions_lapsed(self, now: datetime) -> list[Pairing]:
        rows = await self._all(
            "SELECT * FROM interview_pairings WHERE status = 'pending' AND expires_at <= ?",
            (to_db(now),),
        )
        return [_pairing(row) for row in rows]

    async def set_slots(self, pairing_id: int, slots: list[datetime]) -> None:
        await self._run(
            "UPDATE interview_pairings SET slots = ? WHERE id = ?",
            (json.dumps([to_db(slot) for slot in slots]), pairing_id),
        )

    async def set_meeting(
        self, pairing_id: int, meets_at: datetime, follow_up_at: datetime, reminders_sent: int
    ) -> None:
        await self._run(
            "UPDATE interview_pairings SET meets_at = ?, follow_up_at = ?, reminders_sent = ? "
            "WHERE id = ?",
            (to_db(meets_at), to_db(follow_up_at), reminders_sent, pairing_id),
        )

    async def reminders_due(self, now: datetime, day: datetime, hour: datetime) -> list[Pairing]:
        rows = await self._all(
            "SELECT * FROM interview_pairings WHERE status = 'accepted' AND meets_at > ? "
            "AND ((reminders_sent = 0 AND meets_at <= ?) OR (reminders_sent < 2 AND meets_at <= ?))"
            " ORDER BY meets_at, id",
            (to_db(now), to_db(day), to_db(hour)),
        )
        return [_pairing(row) for row in rows]

    async def mark_reminded(self, pairing_id: int, reminders_sent: int) -> None:
        await self._run(
            "UPDATE interview_pairings SET reminders_sent = ? WHERE id = ?",
            (reminders_sent, pairing_id),
        )

    async def follow_ups_due(self, now: datetime) -> list[Pairing]:
        rows = await self._all(
            "SELECT * FROM interview_pairings WHERE status = 'accepted' "
            "AND follow_up_at IS NOT NULL AND follow_up_at <= ?",
            (to_db(now),),
        )
        return [_pairing(row) for row in rows]

    async def with_room_since(self, community_id: str, since: datetime) -> set[str]:
        rows = await self._all(
            "SELECT o.member_id FROM interview_offers o LEFT JOIN (SELECT volunteer_id, "
            "count(*) AS n FROM interview_pairings WHERE community_id = ? "
            "AND status IN ('pending', 'accepted', 'done') AND created_at >= ? "
            "GROUP BY volunteer_id) p ON p.volunteer_id = o.member_id "
            "WHERE o.community_id = ? AND o.active = 1 AND o.per_month > coalesce(p.n, 0)",
            (community_id, to_db(since), community_id),
        )
        return {row["member_id"] for row in rows}

    async def load_since(
        self, community_id: str, since: datetime, volunteer_ids: Sequence[str] | None = None
    ) -> dict[str, int]:
        rows = await self._where_in(
            "SELECT volunteer_id, count(*) AS n FROM interview_pairings WHERE community_id = ? "
            "AND status IN ('pending', 'accepted', 'done') AND created_at >= ?",
            (community_id, to_db(since)),
            "volunteer_id",
            volunteer_ids,
            " GROUP BY volunteer_id",
        )
        return {row["volunteer_id"]: row["n"] for row in rows}

    async def asked_before(
        self, community_id: str, requester_id: str | None = None
    ) -> dict[tuple[str, str], tuple[str, datetime]]:
        rows = await self._where_in(
            "SELECT requester_id, volunteer_id, status, created_at FROM interview_pairings "
            "WHERE community_id = ?",
            (community_id,),
            "requester_id",
            None if requester_id is None else [requester_id],
            " ORDER BY id",
        )
        return {  # the latest pairing of each two people wins
            (row["requester_id"], row["volunteer_id"]): (row["status"], from_db(row["created_at"]))
            for row in rows
        }

    async def export_member(self, community_id: str, member_id: str) -> Any:
        offer = await self._exported(
            "SELECT * FROM interview_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        requests = await self._exported(
            "SELECT * FROM interview_requests WHERE community_id = ? AND member_id = ? ORDER BY id",
            (community_id, member_id),
        )
        pairings = await self._exported(
            "SELECT * FROM interview_pairings WHERE community_id = ? "
            "AND (requester_id = ? OR volunteer_id = ?) ORDER BY id",
            (community_id, member_id, member_id),
        )
        for pairing in pairings:
            if pairing["requester_id"] != member_id:
                # How helpful it was is the requester's judgement of the volunteer.
                pairing.pop("helpful", None)
                pairing.pop("note", None)
        return {"offer": offer[0] if offer else None, "requests": requests, "pairings": pairings}

    async def erase_member(self, community_id: str, member_id: str) -> int:
        erased = 0
        for sql, params in (
            (
                "DELETE FROM interview_pairings WHERE community_id = ? "
                "AND (requester_id = ? OR volunteer_id = ?)",
                (community_id, member_id, member_id),
            ),
            (
                "DELETE FROM interview_requests WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM interview_offers WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
        ):
            erased += await self._run(sql, params)
        return erased
