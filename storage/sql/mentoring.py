"""Mentoring: offers, requests, proposals and mentorships."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.features.mentoring.model import MentorOffer, MentorRequest, Mentorship, Proposal
from bot.features.proposals.model import ProposalStatus, RequestStatus
from storage.sql.base import AskingRepo, Row, chunks, from_db, marks, to_db


def _offer(row: Row) -> MentorOffer:
    return MentorOffer(
        community_id=row["community_id"],
        member_id=row["member_id"],
        topics=tuple(json.loads(row["topics"])),
        capacity=row["capacity"],
        confirmed_at=from_db(row["confirmed_at"]),  # type: ignore[arg-type]
        note=row["note"],
        active=bool(row["active"]),
        expired_in_a_row=row["expired_in_a_row"],
        confirm_asked_at=from_db(row["confirm_asked_at"]),
    )


def _request(row: Row) -> MentorRequest:
    return MentorRequest(
        id=row["id"],
        community_id=row["community_id"],
        member_id=row["member_id"],
        topics=tuple(json.loads(row["topics"])),
        goal=row["goal"],
        status=RequestStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        waiting_told_at=from_db(row["waiting_told_at"]),
    )


def _proposal(row: Row) -> Proposal:
    return Proposal(
        id=row["id"],
        community_id=row["community_id"],
        request_id=row["request_id"],
        mentee_id=row["mentee_id"],
        mentor_id=row["mentor_id"],
        score=row["score"],
        explanation=row["explanation"],
        status=ProposalStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        expires_at=from_db(row["expires_at"]),  # type: ignore[arg-type]
    )


def _mentorship(row: Row) -> Mentorship:
    return Mentorship(
        id=row["id"],
        community_id=row["community_id"],
        mentee_id=row["mentee_id"],
        mentor_id=row["mentor_id"],
        explanation=row["explanation"],
        status=row["status"],
        met=row["met"],
        started_at=from_db(row["started_at"]),  # type: ignore[arg-type]
        request_id=row["request_id"],
        check_due_at=from_db(row["check_due_at"]),
        nudged=bool(row["nudged"]),
        ended_at=from_db(row["ended_at"]),
        end_reason=row["end_reason"],
    )


class MentoringRepo(AskingRepo):
    requests_table = "mentor_requests"
    offers_table = "mentor_offers"

    # --- offers ---------------------------------------------------------------------------

    async def offer(self, community_id: str, member_id: str) -> MentorOffer | None:
        row = await self._one(
            "SELECT * FROM mentor_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        return _offer(row) if row else None

    async def save_offer(self, offer: MentorOffer) -> None:
        await self._run(
            "INSERT INTO mentor_offers (community_id, member_id, topics, capacity, note, active, "
            "expired_in_a_row, confirmed_at, confirm_asked_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id, member_id) DO UPDATE "
            "SET topics = excluded.topics, capacity = excluded.capacity, note = excluded.note, "
            "active = excluded.active, expired_in_a_row = excluded.expired_in_a_row, "
            "confirmed_at = excluded.confirmed_at, confirm_asked_at = excluded.confirm_asked_at",
            (
                offer.community_id,
                offer.member_id,
                json.dumps(list(offer.topics)),
                offer.capacity,
                offer.note,
                int(offer.active),
                offer.expired_in_a_row,
                to_db(offer.confirmed_at),
                to_db(offer.confirm_asked_at) if offer.confirm_asked_at else None,
                to_db(offer.confirmed_at),
            ),
        )

    async def remove_offer(self, community_id: str, member_id: str) -> None:
        await self._run(
            "DELETE FROM mentor_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )

    async def offers(
        self, community_id: str, *, active: bool = True, member_ids: Sequence[str] | None = None
    ) -> list[MentorOffer]:
        rows = await self._where_in(
            "SELECT * FROM mentor_offers WHERE community_id = ? AND active = ?",
            (community_id, int(active)),
            "member_id",
            member_ids,
            " ORDER BY member_id",
        )
        return [_offer(row) for row in rows]

    async def with_room(self, community_id: str) -> set[str]:
        rows = await self._all(
            "SELECT o.member_id FROM mentor_offers o LEFT JOIN (SELECT mentor_id, count(*) AS n "
            "FROM mentorships WHERE community_id = ? AND status = 'active' GROUP BY mentor_id) m "
            "ON m.mentor_id = o.member_id LEFT JOIN (SELECT mentor_id, count(*) AS n "
            "FROM mentor_proposals WHERE community_id = ? AND status = 'pending' "
            "GROUP BY mentor_id) p ON p.mentor_id = o.member_id WHERE o.community_id = ? "
            "AND o.active = 1 AND o.capacity > coalesce(m.n, 0) + coalesce(p.n, 0)",
            (community_id, community_id, community_id),
        )
        return {row["member_id"] for row in rows}

    async def load_of(
        self, community_id: str, mentor_ids: Sequence[str] | None = None
    ) -> dict[str, int]:
        load: dict[str, int] = {}
        for table, status in (("mentorships", "active"), ("mentor_proposals", "pending")):
            rows = await self._where_in(
                f"SELECT mentor_id, count(*) AS n FROM {table} WHERE community_id = ? "
                "AND status = ?",
                (community_id, status),
                "mentor_id",
                mentor_ids,
                " GROUP BY mentor_id",
            )
            for row in rows:
                load[row["mentor_id"]] = load.get(row["mentor_id"], 0) + row["n"]
        return load

    async def offers_due_confirmation(self, asked_before: datetime) -> list[MentorOffer]:
        rows = await self._all(
            "SELECT * FROM mentor_offers WHERE active = 1 AND confirmed_at <= ? "
            "AND (confirm_asked_at IS NULL OR confirm_asked_at < confirmed_at)",
            (to_db(asked_before),),
        )
        return [_offer(row) for row in rows]

    async def offers_unconfirmed(self, asked_before: datetime) -> list[MentorOffer]:
        rows = await self._all(
            "SELECT * FROM mentor_offers WHERE active = 1 AND confirm_asked_at IS NOT NULL "
            "AND confirm_asked_at <= ? AND confirmed_at < confirm_asked_at",
            (to_db(asked_before),),
        )
        return [_offer(row) for row in rows]

    # --- requests -------------------------------------------------------------------------

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        topics: tuple[str, ...],
        goal: str,
        now: datetime,
    ) -> MentorRequest:
        row = await self._one(
            "INSERT INTO mentor_requests (community_id, member_id, topics, goal, status, "
            "created_at) VALUES (?, ?, ?, ?, 'open', ?) RETURNING *",
            (community_id, member_id, json.dumps(list(topics)), goal, to_db(now)),
        )
        assert row is not None
        return _request(row)

    async def request(self, request_id: int) -> MentorRequest | None:
        row = await self._one("SELECT * FROM mentor_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def open_request(self, community_id: str, member_id: str) -> MentorRequest | None:
        row = await self._one(
            "SELECT * FROM mentor_requests WHERE community_id = ? AND member_id = ? "
            "AND status IN ('open', 'proposed')",
            (community_id, member_id),
        )
        return _request(row) if row else None

    async def requests(
        self,
        community_id: str,
        statuses: tuple[RequestStatus, ...],
        member_id: str | None = None,
    ) -> list[MentorRequest]:
        sql = (
            "SELECT * FROM mentor_requests WHERE community_id = ? "
            f"AND status IN ({marks(len(statuses))})"
        )
        params: list[Any] = [community_id, *(str(s) for s in statuses)]
        if member_id is not None:
            sql += " AND member_id = ?"
            params.append(member_id)
        rows = await self._all(sql + " ORDER BY created_at, id", params)
        return [_request(row) for row in rows]

    async def requests_waiting_since(self, before: datetime) -> list[MentorRequest]:
        rows = await self._all(
            "SELECT * FROM mentor_requests WHERE status = 'open' AND created_at <= ? "
            "AND waiting_told_at IS NULL ORDER BY id",
            (to_db(before),),
        )
        return [_request(row) for row in rows]

    async def set_request_status(
        self, request_id: int, status: RequestStatus, now: datetime
    ) -> None:
        closed = to_db(now) if status in (RequestStatus.MATCHED, RequestStatus.CLOSED) else None
        await self._run(
            "UPDATE mentor_requests SET status = ?, closed_at = ? WHERE id = ?",
            (status.value, closed, request_id),
        )

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None:
        await self._run(
            "UPDATE mentor_requests SET waiting_told_at = ? WHERE id = ?", (to_db(now), request_id)
        )

    async def communities_with_open_requests(self) -> list[str]:
        rows = await self._all(
            "SELECT DISTINCT community_id FROM mentor_requests WHERE status = 'open' "
            "ORDER BY community_id"
        )
        return [row["community_id"] for row in rows]

    # --- proposals ------------------------------------------------------------------------

    async def add_questions(
        self,
        asks: Sequence[tuple[MentorRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[Proposal]:
        """(request, mentor, score, explanation) each; the proposals, in the order asked."""
        asked_at, until = to_db(now), to_db(expires_at)  # once, not once per row
        rows = await self._insert_many(
            "INSERT INTO mentor_proposals (community_id, request_id, mentee_id, mentor_id, score, "
            "explanation, status, created_at, expires_at) VALUES ",
            [
                (
                    r.community_id,
                    r.id,
                    r.member_id,
                    mentor,
                    score,
                    why,
                    "pending",
                    asked_at,
                    until,
                )
                for r, mentor, score, why in asks
            ],
            " RETURNING *",
        )
        by_request = {row["request_id"]: _proposal(row) for row in rows}
        return [by_request[request.id] for request, *_ in asks]

    async def set_requests_status(
        self, request_ids: Sequence[int], status: RequestStatus, now: datetime
    ) -> None:
        closed = to_db(now) if status in (RequestStatus.MATCHED, RequestStatus.CLOSED) else None
        for part in chunks(list(request_ids)):
            await self._run(
                f"UPDATE mentor_requests SET status = ?, closed_at = ? "
                f"WHERE id IN ({marks(len(part))})",
                (status.value, closed, *part),
            )

    async def question(self, proposal_id: int) -> Proposal | None:
        row = await self._one("SELECT * FROM mentor_proposals WHERE id = ?", (proposal_id,))
        return _proposal(row) if row else None

    async def questions(
        self, community_id: str, status: ProposalStatus, *, provider_id: str | None = None
    ) -> list[Proposal]:
        sql = "SELECT * FROM mentor_proposals WHERE community_id = ? AND status = ?"
        params: list[Any] = [community_id, status.value]
        if provider_id is not None:
            sql += " AND mentor_id = ?"
            params.append(provider_id)
        rows = await self._all(sql + " ORDER BY id", params)
        return [_proposal(row) for row in rows]

    async def questions_lapsed(self, now: datetime) -> list[Proposal]:
        rows = await self._all(
            "SELECT * FROM mentor_proposals WHERE status = 'pending' AND expires_at <= ? "
            "ORDER BY expires_at, id",
            (to_db(now),),
        )
        return [_proposal(row) for row in rows]

    async def set_question(self, proposal_id: int, status: ProposalStatus, now: datetime) -> None:
        await self._run(
            "UPDATE mentor_proposals SET status = ?, decided_at = ? WHERE id = ?",
            (status.value, to_db(now), proposal_id),
        )

    async def asked_mentors(
        self, community_id: str, request_id: int | None = None
    ) -> dict[int, dict[str, tuple[ProposalStatus, datetime]]]:
        rows = await self._where_in(
            "SELECT p.request_id, p.mentor_id, p.status, p.created_at FROM mentor_proposals p "
            "JOIN mentor_requests r ON r.id = p.request_id "
            "WHERE r.community_id = ? AND r.status IN ('open', 'proposed')",
            (community_id,),
            "p.request_id",
            None if request_id is None else [request_id],
            " ORDER BY p.id",
        )
        asked: dict[int, dict[str, tuple[ProposalStatus, datetime]]] = {}
        for row in rows:  # the latest question to each mentor wins
            asked.setdefault(row["request_id"], {})[row["mentor_id"]] = (
                ProposalStatus(row["status"]),
                from_db(row["created_at"]),  # type: ignore[assignment]
            )
        return asked

    # --- mentorships ----------------------------------------------------------------------

    async def add_mentorship(
        self, proposal: Proposal, now: datetime, check_due_at: datetime
    ) -> Mentorship:
        row = await self._one(
            "INSERT INTO mentorships (community_id, mentee_id, mentor_id, request_id, explanation, "
            "status, check_due_at, started_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?) RETURNING *",
            (
                proposal.community_id,
                proposal.mentee_id,
                proposal.mentor_id,
                proposal.request_id,
                proposal.explanation,
                to_db(check_due_at),
                to_db(now),
            ),
        )
        assert row is not None
        return _mentorship(row)

    async def mentorship(self, mentorship_id: int) -> Mentorship | None:
        row = await self._one("SELECT * FROM mentorships WHERE id = ?", (mentorship_id,))
        return _mentorship(row) if row else None

    async def mentorships(
        self, community_id: str, *, member_id: str | None = None, active_only: bool = True
    ) -> list[Mentorship]:
        sql = "SELECT * FROM mentorships WHERE community_id = ?"
        params: list[Any] = [community_id]
        if member_id is not None:
            sql += " AND (mentee_id = ? OR mentor_id = ?)"
            params += [member_id, member_id]
        if active_only:
            sql += " AND status = 'active'"
        rows = await self._all(sql + " ORDER BY id", params)
        return [_mentorship(row) for row in rows]

    async def paired_since(
        self, community_id: str, since: datetime, mentee_id: str | None = None
    ) -> set[tuple[str, str]]:
        rows = await self._where_in(
            "SELECT mentee_id, mentor_id FROM mentorships WHERE community_id = ? "
            "AND (started_at >= ? OR end_reason = 'mentor silent')",
            (community_id, to_db(since)),
            "mentee_id",
            None if mentee_id is None else [mentee_id],
        )
        return {(row["mentee_id"], row["mentor_id"]) for row in rows}

    async def checks_due(self, now: datetime) -> list[Mentorship]:
        rows = await self._all(
            "SELECT * FROM mentorships WHERE status = 'active' AND check_due_at IS NOT NULL "
            "AND check_due_at <= ? ORDER BY id",
            (to_db(now),),
        )
        return [_mentorship(row) for row in rows]

    async def set_check(
        self, mentorship_id: int, due_at: datetime | None, *, nudged: bool, met: str
    ) -> None:
        await self._run(
            "UPDATE mentorships SET check_due_at = ?, nudged = ?, met = ? WHERE id = ?",
            (to_db(due_at) if due_at else None, int(nudged), met, mentorship_id),
        )

    async def end_mentorship(
        self,
        mentorship_id: int,
        now: datetime,
        reason: str,
        rating: int | None = None,
        note: str | None = None,
    ) -> None:
        await self._run(
            "UPDATE mentorships SET status = 'ended', ended_at = ?, end_reason = ?, rating = ?, "
            "note = ?, check_due_at = NULL WHERE id = ?",
            (to_db(now), reason, rating, note, mentorship_id),
        )

    async def counts(self, community_id: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table, column in (
            ("mentor_proposals", "status"),
            ("mentorships", "status"),
            ("mentor_requests", "status"),
        ):
            rows = await self._all(
                f"SELECT {column} AS k, count(*) AS n FROM {table} WHERE community_id = ? "
                f"GROUP BY {column}",
                (community_id,),
            )
            prefix = {"mentor_proposals": "proposals", "mentorships": "mentorships"}.get(
                table, "requests"
            )
            counts.update({f"{prefix}_{row['k']}": row["n"] for row in rows})
        met = await self._one(
            "SELECT count(*) AS n FROM mentorships WHERE community_id = ? AND met = 'yes'",
            (community_id,),
        )
        counts["mentorships_met"] = met["n"] if met else 0
        return counts

    # --- privacy --------------------------------------------------------------------------

    async def export_member(self, community_id: str, member_id: str) -> Any:
        offer = await self._exported(
            "SELECT * FROM mentor_offers WHERE community_id = ? AND member_id = ?",
            (community_id, member_id),
        )
        requests = await self._exported(
            "SELECT * FROM mentor_requests WHERE community_id = ? AND member_id = ? ORDER BY id",
            (community_id, member_id),
        )
        proposals = await self._exported(
            "SELECT * FROM mentor_proposals WHERE community_id = ? "
            "AND (mentee_id = ? OR mentor_id = ?) ORDER BY id",
            (community_id, member_id, member_id),
        )
        ships = await self._exported(
            "SELECT * FROM mentorships WHERE community_id = ? "
            "AND (mentee_id = ? OR mentor_id = ?) ORDER BY id",
            (community_id, member_id, member_id),
        )
        for ship in ships:
            if ship["mentee_id"] != member_id:
                # The mentee's rating and note are theirs: only admins see totals.
                ship.pop("rating", None)
                ship.pop("note", None)
        return {
            "offer": offer[0] if offer else None,
            "requests": requests,
            "proposals": proposals,
            "mentorships": ships,
        }

    async def erase_member(self, community_id: str, member_id: str) -> int:
        erased = 0
        for sql, params in (
            (
                "DELETE FROM mentor_proposals WHERE community_id = ? "
                "AND (mentee_id = ? OR mentor_id = ?)",
                (community_id, member_id, member_id),
            ),
            (
                "DELETE FROM mentorships WHERE community_id = ? "
                "AND (mentee_id = ? OR mentor_id = ?)",
                (community_id, member_id, member_id),
            ),
            (
                "DELETE FROM mentor_requests WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM mentor_offers WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
        ):
            erased += await self._run(sql, params)
        return erased
