"""Projects, their teams and milestones; join requests and the owners' questions about them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.features.projects.model import (
    JoinQuestion,
    JoinRequest,
    JoinStatus,
    Milestone,
    Project,
    ProjectSize,
    ProjectStatus,
    Teammate,
)
from bot.features.proposals.model import RequestStatus
from storage.sql.base import AskingRepo, Row, chunks, from_db, marks, to_db

# A team's room: its capacity less its teammates and the questions still waiting for its lead
# (each holds a place until answered). Counted once per team with grouped reads, not per row.
_COUNTS = (
    "LEFT JOIN (SELECT project_id, count(*) AS n FROM project_members WHERE {scope} "
    "AND is_owner = 0 GROUP BY project_id) m ON m.project_id = p.id "
    "LEFT JOIN (SELECT project_id, count(*) AS n FROM join_questions WHERE {scope} "
    "AND status = 'pending' GROUP BY project_id) q ON q.project_id = p.id"
)
_ROOM = (
    "SELECT p.id, p.capacity - coalesce(m.n, 0) - coalesce(q.n, 0) AS free FROM projects p "
    + _COUNTS.format(scope="project_id IN ({ids})")
)
_ROOM_IN_COMMUNITY = "SELECT p.owner_id FROM projects p " + _COUNTS.format(scope="community_id = ?")


def _project(row: Row) -> Project:
    return Project(
        id=row["id"],
        community_id=row["community_id"],
        owner_id=row["owner_id"],
        title=row["title"],
        problem=row["problem"],
        size=ProjectSize(row["size"]),
        status=ProjectStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        updated_at=from_db(row["updated_at"]),  # type: ignore[arg-type]
        topics=tuple(json.loads(row["topics"])),
        looking_for=tuple(json.loads(row["looking_for"])),
        capacity=row["capacity"],
        private=bool(row["private"]),
        scope=json.loads(row["scope"]),
        link=row["link"],
        summary=row["summary"],
        shipped_at=from_db(row["shipped_at"]),
        active=bool(row["active"]),
        expired_in_a_row=row["expired_in_a_row"],
        confirmed_at=from_db(row["confirmed_at"]),
    )


def _teammate(row: Row) -> Teammate:
    return Teammate(
        community_id=row["community_id"],
        project_id=row["project_id"],
        member_id=row["member_id"],
        joined_at=from_db(row["joined_at"]),  # type: ignore[arg-type]
        is_owner=bool(row["is_owner"]),
    )


def _milestone(row: Row) -> Milestone:
    return Milestone(
        id=row["id"],
        community_id=row["community_id"],
        project_id=row["project_id"],
        position=row["position"],
        text=row["text"],
        done_at=from_db(row["done_at"]),
        done_by=row["done_by"],
    )


def _request(row: Row) -> JoinRequest:
    return JoinRequest(
        id=row["id"],
        community_id=row["community_id"],
        member_id=row["member_id"],
        goal=row["goal"],
        status=RequestStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        project_id=row["project_id"],
        topics=tuple(json.loads(row["topics"])),
        waiting_told_at=from_db(row["waiting_told_at"]),
    )


def _question(row: Row) -> JoinQuestion:
    return JoinQuestion(
        id=row["id"],
        community_id=row["community_id"],
        request_id=row["request_id"],
        joiner_id=row["joiner_id"],
        owner_id=row["owner_id"],
        project_id=row["project_id"],
        score=row["score"],
        explanation=row["explanation"],
        status=JoinStatus(row["status"]),
        created_at=from_db(row["created_at"]),  # type: ignore[arg-type]
        expires_at=from_db(row["expires_at"]),  # type: ignore[arg-type]
        decided_at=from_db(row["decided_at"]),
    )


class ProjectRepo(AskingRepo):
    requests_table = "join_requests"
    offers_table = "projects"

    # --- projects ---------------------------------------------------------------------------

    async def add_project(
        self,
        community_id: str,
        owner_id: str,
        title: str,
        problem: str,
        size: ProjectSize,
        topics: Sequence[str],
        looking_for: Sequence[str],
        capacity: int,
        private: bool,
        now: datetime,
    ) -> Project:
        row = await self._one(
            "INSERT INTO projects (community_id, owner_id, title, problem, size, status, topics, "
            "looking_for, capacity, private, active, created_at, updated_at, confirmed_at) "
            "VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
            (
                community_id,
                owner_id,
                title,
                problem,
                str(size),
                json.dumps(list(topics)),
                json.dumps(list(looking_for)),
                capacity,
                int(private),
                int(capacity > 0),
                to_db(now),
                to_db(now),
                to_db(now),
            ),
        )
        assert row is not None
        await self._run(
            "INSERT INTO project_members (community_id, project_id, member_id, is_owner, "
            "joined_at) VALUES (?, ?, ?, 1, ?)",
            (community_id, row["id"], owner_id, to_db(now)),
        )
        return _project(row)

    async def project(self, project_id: int) -> Project | None:
        row = await self._one("SELECT * FROM projects WHERE id = ?", (project_id,))
        return _project(row) if row else None

    async def save_project(self, project: Project) -> None:
        await self._run(
            "UPDATE projects SET owner_id = ?, title = ?, problem = ?, size = ?, status = ?, "
            "topics = ?, looking_for = ?, capacity = ?, private = ?, scope = ?, link = ?, "
            "summary = ?, active = ?, expired_in_a_row = ?, updated_at = ?, confirmed_at = ?, "
            "shipped_at = ? WHERE id = ?",
            (
                project.owner_id,
                project.title,
                project.problem,
                str(project.size),
                str(project.status),
                json.dumps(list(project.topics)),
                json.dumps(list(project.looking_for)),
                project.capacity,
                int(project.private),
                json.dumps(dict(project.scope)),
                project.link,
                project.summary,
                int(project.active),
                project.expired_in_a_row,
                to_db(project.updated_at),
                to_db(project.confirmed_at) if project.confirmed_at else None,
                to_db(project.shipped_at) if project.shipped_at else None,
                project.id,
            ),
        )

    async def projects(
        self,
        community_id: str,
        statuses: Sequence[str] = (),
        *,
        member_id: str | None = None,
    ) -> list[Project]:
        """The community's projects (of `statuses`, if given), or only those `member_id` is on,
        oldest first."""
        sql = "SELECT p.* FROM projects p WHERE p.community_id = ?"
        params: list[Any] = [community_id]
        if statuses:
            sql += f" AND p.status IN ({marks(len(statuses))})"
            params += [str(s) for s in statuses]
        if member_id is not None:
            sql += (
                " AND EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id "
                "AND m.member_id = ?)"
            )
            params.append(member_id)
        rows = await self._all(sql + " ORDER BY p.created_at, p.id", params)
        return [_project(row) for row in rows]

    async def delete_project(self, project_id: int) -> None:
        await self._run("DELETE FROM projects WHERE id = ?", (project_id,))

    # --- teams ------------------------------------------------------------------------------

    async def team(self, project_id: int) -> list[Teammate]:
        rows = await self._all(
            "SELECT * FROM project_members WHERE project_id = ? ORDER BY is_owner DESC, "
            "joined_at, member_id",
            (project_id,),
        )
        return [_teammate(row) for row in rows]

    async def teams(self, project_ids: Sequence[int]) -> dict[int, list[Teammate]]:
        found: dict[int, list[Teammate]] = {p: [] for p in project_ids}
        for part in chunks(list(project_ids)):
            rows = await self._all(
                f"SELECT * FROM project_members WHERE project_id IN ({marks(len(part))}) "
                "ORDER BY is_owner DESC, joined_at, member_id",
                part,
            )
            for row in rows:
                found[row["project_id"]].append(_teammate(row))
        return found

    async def add_teammate(
        self, community_id: str, project_id: int, member_id: str, now: datetime
    ) -> None:
        await self._run(
            "INSERT INTO project_members (community_id, project_id, member_id, is_owner, "
            "joined_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
            (community_id, project_id, member_id, to_db(now)),
        )

    async def remove_teammate(self, project_id: int, member_id: str) -> bool:
        return bool(
            await self._run(
                "DELETE FROM project_members WHERE project_id = ? AND member_id = ?",
                (project_id, member_id),
            )
        )

    async def make_owner(self, project_id: int, member_id: str) -> None:
        await self._run(
            "UPDATE project_members SET is_owner = CASE WHEN member_id = ? THEN 1 ELSE 0 END "
            "WHERE project_id = ?",
            (member_id, project_id),
        )

    # --- milestones -------------------------------------------------------------------------

    async def milestones(self, project_id: int) -> list[Milestone]:
        rows = await self._all(
            "SELECT * FROM project_milestones WHERE project_id = ? ORDER BY position, id",
            (project_id,),
        )
        return [_milestone(row) for row in rows]

    async def set_milestones(
        self, community_id: str, project_id: int, texts: Sequence[str]
    ) -> list[Milestone]:
        """The project's milestones become `texts`, in order; one already ticked keeps its tick
        when its text is kept."""
        ticked = {m.text: m for m in await self.milestones(project_id) if m.done_at}
        await self._run("DELETE FROM project_milestones WHERE project_id = ?", (project_id,))
        rows = [
            (
                community_id,
                project_id,
                position,
                text,
                to_db(ticked[text].done_at) if text in ticked else None,  # type: ignore[arg-type]
                ticked[text].done_by if text in ticked else None,
            )
            for position, text in enumerate(texts, 1)
        ]
        await self._insert_many(
            "INSERT INTO project_milestones (community_id, project_id, position, text, done_at, "
            "done_by) VALUES ",
            rows,
        )
        return await self.milestones(project_id)

    async def tick_milestone(self, milestone_id: int, member_id: str, now: datetime) -> None:
        await self._run(
            "UPDATE project_milestones SET done_at = ?, done_by = ? WHERE id = ?",
            (to_db(now), member_id, milestone_id),
        )

    async def ticked_between(
        self, community_id: str, start: datetime, end: datetime
    ) -> list[Milestone]:
        rows = await self._all(
            "SELECT * FROM project_milestones WHERE community_id = ? AND done_at >= ? "
            "AND done_at < ? ORDER BY done_at, id",
            (community_id, to_db(start), to_db(end)),
        )
        return [_milestone(row) for row in rows]

    # --- the engine's offer: a project taking teammates ----------------------------------------

    async def offer(self, community_id: str, member_id: str) -> Project | None:
        """The owner's open project: an owner builds one project at a time."""
        row = await self._one(
            "SELECT * FROM projects WHERE community_id = ? AND owner_id = ? AND status = 'open' "
            "ORDER BY id DESC LIMIT 1",
            (community_id, member_id),
        )
        return _project(row) if row else None

    async def save_offer(self, offer: Project) -> None:
        await self._run(
            "UPDATE projects SET active = ?, expired_in_a_row = ?, confirmed_at = ? WHERE id = ?",
            (
                int(offer.active),
                offer.expired_in_a_row,
                to_db(offer.confirmed_at) if offer.confirmed_at else None,
                offer.id,
            ),
        )

    async def remove_offer(self, community_id: str, member_id: str) -> None:
        await self._run(
            "UPDATE projects SET active = 0 WHERE community_id = ? AND owner_id = ? "
            "AND status = 'open'",
            (community_id, member_id),
        )

    async def offers(
        self, community_id: str, *, member_ids: Sequence[str] | None = None
    ) -> list[Project]:
        """Open projects taking teammates, or only those owned by `member_ids`."""
        rows = await self._where_in(
            "SELECT * FROM projects WHERE community_id = ? AND status = 'open' AND active = 1",
            (community_id,),
            "owner_id",
            member_ids,
            " ORDER BY owner_id",
        )
        return [_project(row) for row in rows]

    async def free_places(self, project_ids: Sequence[int]) -> dict[int, int]:
        """Places left on each team: its capacity, less teammates and owners' open questions."""
        free: dict[int, int] = {}
        for part in chunks(list(project_ids)):
            rows = await self._all(
                _ROOM.format(ids=marks(len(part))) + f" WHERE p.id IN ({marks(len(part))})",
                (*part, *part, *part),
            )
            free.update({row["id"]: max(0, row["free"]) for row in rows})
        return free

    async def with_room(self, community_id: str) -> set[str]:
        rows = await self._all(
            f"{_ROOM_IN_COMMUNITY} WHERE p.community_id = ? AND p.status = 'open' "
            "AND p.active = 1 AND p.capacity > coalesce(m.n, 0) + coalesce(q.n, 0)",
            (community_id, community_id, community_id),
        )
        return {row["owner_id"] for row in rows}

    async def round_size(self, community_id: str) -> tuple[int, int]:
        row = await self._one(
            "SELECT (SELECT count(*) FROM join_requests WHERE community_id = ? "
            "AND status = 'open') AS requests, (SELECT count(*) FROM projects "
            "WHERE community_id = ? AND status = 'open' AND active = 1) AS offers",
            (community_id, community_id),
        )
        return (row["requests"], row["offers"]) if row else (0, 0)

    # --- the engine's requests: members asking to join ----------------------------------------

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        goal: str,
        topics: Sequence[str],
        project_id: int | None,
        now: datetime,
    ) -> JoinRequest:
        row = await self._one(
            "INSERT INTO join_requests (community_id, member_id, project_id, topics, goal, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING *",
            (community_id, member_id, project_id, json.dumps(list(topics)), goal, to_db(now)),
        )
        assert row is not None
        return _request(row)

    async def request(self, request_id: int) -> JoinRequest | None:
        row = await self._one("SELECT * FROM join_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def requests(
        self, community_id: str, statuses: tuple[str, ...], member_id: str | None = None
    ) -> list[JoinRequest]:
        sql = (
            "SELECT * FROM join_requests WHERE community_id = ? "
            f"AND status IN ({marks(len(statuses))})"
        )
        params: list[Any] = [community_id, *[str(s) for s in statuses]]
        if member_id is not None:
            sql += " AND member_id = ?"
            params.append(member_id)
        rows = await self._all(sql + " ORDER BY created_at, id", params)
        return [_request(row) for row in rows]

    async def requests_for(self, project_id: int, statuses: tuple[str, ...]) -> list[JoinRequest]:
        rows = await self._all(
            "SELECT * FROM join_requests WHERE project_id = ? "
            f"AND status IN ({marks(len(statuses))}) ORDER BY id",
            (project_id, *[str(s) for s in statuses]),
        )
        return [_request(row) for row in rows]

    async def set_request_status(self, request_id: int, status: str, now: datetime) -> None:
        await self._run(
            "UPDATE join_requests SET status = ? WHERE id = ?", (str(status), request_id)
        )

    async def set_requests_status(
        self, request_ids: Sequence[int], status: str, now: datetime
    ) -> None:
        for part in chunks(list(request_ids)):
            await self._run(
                f"UPDATE join_requests SET status = ? WHERE id IN ({marks(len(part))})",
                (str(status), *part),
            )

    async def requests_waiting_since(self, before: datetime) -> list[JoinRequest]:
        rows = await self._all(
            "SELECT * FROM join_requests WHERE status = 'open' AND created_at <= ? "
            "AND waiting_told_at IS NULL ORDER BY id",
            (to_db(before),),
        )
        return [_request(row) for row in rows]

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None:
        await self._run(
            "UPDATE join_requests SET waiting_told_at = ? WHERE id = ?", (to_db(now), request_id)
        )

    async def communities_with_open_requests(self) -> list[str]:
        rows = await self._all(
            "SELECT DISTINCT community_id FROM join_requests WHERE status = 'open'"
        )
        return sorted(row["community_id"] for row in rows)

    # --- the engine's questions: an owner asked about a joiner ---------------------------------

    async def add_questions(
        self,
        asks: Sequence[tuple[JoinRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[JoinQuestion]:
        """(request, owner, score, explanation) each; the questions, in the order asked."""
        owners = sorted({owner for _, owner, _, _ in asks})
        community_id = asks[0][0].community_id if asks else ""
        project_of = {p.owner_id: p.id for p in await self.offers(community_id, member_ids=owners)}
        asked_at, until = to_db(now), to_db(expires_at)
        rows = await self._insert_many(
            "INSERT INTO join_questions (community_id, request_id, joiner_id, owner_id, "
            "project_id, score, explanation, status, created_at, expires_at) VALUES ",
            [
                (
                    r.community_id,
                    r.id,
                    r.member_id,
                    owner,
                    r.project_id or project_of[owner],
                    score,
                    why,
                    "pending",
                    asked_at,
                    until,
                )
                for r, owner, score, why in asks
            ],
            " RETURNING *",
        )
        by_request = {row["request_id"]: _question(row) for row in rows}
        return [by_request[request.id] for request, *_ in asks]

    async def question(self, question_id: int) -> JoinQuestion | None:
        row = await self._one("SELECT * FROM join_questions WHERE id = ?", (question_id,))
        return _question(row) if row else None

    async def questions(
        self, community_id: str, status: str, *, provider_id: str | None = None
    ) -> list[JoinQuestion]:
        sql = "SELECT * FROM join_questions WHERE community_id = ? AND status = ?"
        params: list[Any] = [community_id, str(status)]
        if provider_id is not None:
            sql += " AND owner_id = ?"
            params.append(provider_id)
        rows = await self._all(sql + " ORDER BY id", params)
        return [_question(row) for row in rows]

    async def set_question(self, question_id: int, status: str, now: datetime) -> None:
        await self._run(
            "UPDATE join_questions SET status = ?, decided_at = coalesce(decided_at, ?) "
            "WHERE id = ?",
            (str(status), to_db(now), question_id),
        )

    async def questions_lapsed(self, now: datetime) -> list[JoinQuestion]:
        rows = await self._all(
            "SELECT * FROM join_questions WHERE status = 'pending' AND expires_at <= ?",
            (to_db(now),),
        )
        return [_question(row) for row in rows]

    async def leads_of_teams(
        self, community_id: str, member_id: str | None = None
    ) -> dict[str, set[str]]:
        """For each member (or only `member_id`), the leads of the open or paused teams they
        are on as a teammate."""
        rows = await self._where_in(
            "SELECT m.member_id, p.owner_id FROM project_members m JOIN projects p "
            "ON p.id = m.project_id WHERE m.community_id = ? AND m.is_owner = 0 "
            "AND p.status IN ('open', 'paused')",
            (community_id,),
            "m.member_id",
            None if member_id is None else [member_id],
        )
        leads: dict[str, set[str]] = {}
        for row in rows:
            leads.setdefault(row["member_id"], set()).add(row["owner_id"])
        return leads

    async def asked_owners(
        self, community_id: str, request_id: int | None = None
    ) -> dict[int, set[str]]:
        """Owners each request was asked about already, by request (any answer)."""
        rows = await self._where_in(
            "SELECT request_id, owner_id FROM join_questions WHERE community_id = ?",
            (community_id,),
            "request_id",
            None if request_id is None else [request_id],
        )
        asked: dict[int, set[str]] = {}
        for row in rows:
            asked.setdefault(row["request_id"], set()).add(row["owner_id"])
        return asked

    # --- privacy ----------------------------------------------------------------------------

    async def export_member(self, community_id: str, member_id: str) -> Any:
        owned = await self._exported(
            "SELECT * FROM projects WHERE community_id = ? AND owner_id = ? ORDER BY id",
            (community_id, member_id),
        )
        teams = await self._exported(
            "SELECT * FROM project_members WHERE community_id = ? AND member_id = ? "
            "ORDER BY project_id",
            (community_id, member_id),
        )
        ticked = await self._exported(
            "SELECT * FROM project_milestones WHERE community_id = ? AND done_by = ? ORDER BY id",
            (community_id, member_id),
        )
        requests = await self._exported(
            "SELECT * FROM join_requests WHERE community_id = ? AND member_id = ? ORDER BY id",
            (community_id, member_id),
        )
        questions = await self._exported(
            "SELECT * FROM join_questions WHERE community_id = ? "
            "AND (joiner_id = ? OR owner_id = ?) ORDER BY id",
            (community_id, member_id, member_id),
        )
        return {
            "projects_owned": owned,
            "teams": teams,
            "milestones_ticked": ticked,
            "join_requests": requests,
            "join_questions": questions,
        }

    async def erase_member(self, community_id: str, member_id: str) -> int:
        """Their join requests and questions, their places on teams, their ticks, and the
        projects they own. The engine's away hook hands a team over first, so only projects
        nobody else is on are left to erase here."""
        erased = 0
        for sql, params in (
            (
                "DELETE FROM join_questions WHERE community_id = ? "
                "AND (joiner_id = ? OR owner_id = ?)",
                (community_id, member_id, member_id),
            ),
            (
                "DELETE FROM join_requests WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "UPDATE project_milestones SET done_by = NULL WHERE community_id = ? "
                "AND done_by = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM project_members WHERE community_id = ? AND member_id = ?",
                (community_id, member_id),
            ),
            (
                "DELETE FROM projects WHERE community_id = ? AND owner_id = ?",
                (community_id, member_id),
            ),
        ):
            erased += await self._run(sql, params)
        return erased
