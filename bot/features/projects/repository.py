"""What the projects feature needs from storage (implemented in storage/sql/projects.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from bot.features.projects.model import (
    JoinQuestion,
    JoinRequest,
    Milestone,
    Project,
    ProjectSize,
    Teammate,
)
from bot.repositories import MemberData


class ProjectRepository(MemberData, Protocol):
    """Projects, their teams and milestones; and, for the consent-first engine, the owners'
    open projects (offers), members asking to join (requests) and owners asked (questions)."""

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
    ) -> Project: ...

    async def project(self, project_id: int) -> Project | None: ...

    async def save_project(self, project: Project) -> None: ...

    async def projects(
        self, community_id: str, statuses: Sequence[str] = (), *, member_id: str | None = None
    ) -> list[Project]:
        """The community's projects (of `statuses`, if given), or only those `member_id` is on,
        oldest first."""
        ...

    async def delete_project(self, project_id: int) -> None: ...

    async def team(self, project_id: int) -> list[Teammate]: ...

    async def teams(self, project_ids: Sequence[int]) -> dict[int, list[Teammate]]: ...

    async def add_teammate(
        self, community_id: str, project_id: int, member_id: str, now: datetime
    ) -> None: ...

    async def remove_teammate(self, project_id: int, member_id: str) -> bool: ...

    async def make_owner(self, project_id: int, member_id: str) -> None: ...

    async def milestones(self, project_id: int) -> list[Milestone]: ...

    async def set_milestones(
        self, community_id: str, project_id: int, texts: Sequence[str]
    ) -> list[Milestone]:
        """The project's milestones become `texts`, in order; one already ticked keeps its tick
        when its text is kept."""
        ...

    async def tick_milestone(self, milestone_id: int, member_id: str, now: datetime) -> None: ...

    async def ticked_between(
        self, community_id: str, start: datetime, end: datetime
    ) -> list[Milestone]: ...

    async def offer(self, community_id: str, member_id: str) -> Project | None:
        """The owner's open project: an owner builds one project at a time."""
        ...

    async def save_offer(self, offer: Project) -> None: ...

    async def remove_offer(self, community_id: str, member_id: str) -> None: ...

    async def offers(
        self, community_id: str, *, member_ids: Sequence[str] | None = None
    ) -> list[Project]:
        """Open projects taking teammates, or only those owned by `member_ids`."""
        ...

    async def free_places(self, project_ids: Sequence[int]) -> dict[int, int]:
        """Places left on each team: its capacity, less teammates and owners' open questions."""
        ...

    async def with_room(self, community_id: str) -> set[str]: ...

    async def round_size(self, community_id: str) -> tuple[int, int]: ...

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        goal: str,
        topics: Sequence[str],
        project_id: int | None,
        now: datetime,
    ) -> JoinRequest: ...

    async def request(self, request_id: int) -> JoinRequest | None: ...

    async def requests(
        self, community_id: str, statuses: tuple[str, ...], member_id: str | None = None
    ) -> list[JoinRequest]: ...

    async def requests_for(
        self, project_id: int, statuses: tuple[str, ...]
    ) -> list[JoinRequest]: ...

    async def set_request_status(self, request_id: int, status: str, now: datetime) -> None: ...

    async def set_requests_status(
        self, request_ids: Sequence[int], status: str, now: datetime
    ) -> None: ...

    async def requests_waiting_since(self, before: datetime) -> list[JoinRequest]: ...

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None: ...

    async def communities_with_open_requests(self) -> list[str]: ...

    async def add_questions(
        self, asks: Sequence[tuple[JoinRequest, str, int, str]], now: datetime, expires_at: datetime
    ) -> list[JoinQuestion]:
        """(request, owner, score, explanation) each; the questions, in the order asked."""
        ...

    async def question(self, question_id: int) -> JoinQuestion | None: ...

    async def questions(
        self, community_id: str, status: str, *, provider_id: str | None = None
    ) -> list[JoinQuestion]: ...

    async def set_question(self, question_id: int, status: str, now: datetime) -> None: ...

    async def questions_lapsed(self, now: datetime) -> list[JoinQuestion]: ...

    async def leads_of_teams(
        self, community_id: str, member_id: str | None = None
    ) -> dict[str, set[str]]:
        """For each member (or only `member_id`), the leads of the open or paused teams they
        are on as a teammate."""
        ...

    async def asked_owners(
        self, community_id: str, request_id: int | None = None
    ) -> dict[int, set[str]]:
        """Owners each request was asked about already, by request (any answer)."""
        ...

    async def export_member(self, community_id: str, member_id: str) -> Any: ...

    async def erase_member(self, community_id: str, member_id: str) -> int:
        """Their join requests and questions, their places on teams, their ticks, and the
        projects they own. The engine's away hook hands a team over first, so only projects
        nobody else is on are left to erase here."""
        ...
