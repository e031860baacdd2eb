"""What mentoring needs from the store (implemented in storage/sql/mentoring.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.features.mentoring.model import MentorOffer, MentorRequest, Mentorship, Proposal
from bot.features.proposals.model import ProposalStatus, RequestStatus
from bot.repositories import MemberData


class MentoringRepository(MemberData, Protocol):
    """Offers, requests, proposals and mentorships. Cross-community reads serve the ticks."""

    async def offer(self, community_id: str, member_id: str) -> MentorOffer | None: ...

    async def save_offer(self, offer: MentorOffer) -> None: ...

    async def remove_offer(self, community_id: str, member_id: str) -> None: ...

    async def offers(
        self, community_id: str, *, active: bool = True, member_ids: Sequence[str] | None = None
    ) -> list[MentorOffer]:
        """The community's offers, or only those of `member_ids`."""
        ...

    async def with_room(self, community_id: str) -> set[str]:
        """Mentors whose active offer has a free slot now: one quick read for a whole
        community."""
        ...

    async def load_of(
        self, community_id: str, mentor_ids: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Each mentor's running mentorships plus questions waiting on them (every mentor
        with any, or only `mentor_ids`)."""
        ...

    async def offers_due_confirmation(self, asked_before: datetime) -> list[MentorOffer]:
        """Active offers confirmed before `asked_before` and not asked since."""
        ...

    async def offers_unconfirmed(self, asked_before: datetime) -> list[MentorOffer]:
        """Active offers asked to confirm before `asked_before` that never answered."""
        ...

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        topics: tuple[str, ...],
        goal: str,
        now: datetime,
    ) -> MentorRequest: ...

    async def request(self, request_id: int) -> MentorRequest | None: ...

    async def open_request(self, community_id: str, member_id: str) -> MentorRequest | None:
        """The member's request that is open or proposed, if any."""
        ...

    async def requests(
        self,
        community_id: str,
        statuses: tuple[RequestStatus, ...],
        member_id: str | None = None,
    ) -> list[MentorRequest]: ...

    async def round_size(self, community_id: str) -> tuple[int, int]:
        """(open requests, active offers): how big a round would be."""
        ...

    async def open_request_ids(self, community_id: str) -> set[int]: ...

    async def requests_waiting_since(self, before: datetime) -> list[MentorRequest]:
        """Open requests older than `before` whose member has not been told why yet."""
        ...

    async def set_request_status(
        self, request_id: int, status: RequestStatus, now: datetime
    ) -> None: ...

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None: ...

    async def communities_with_open_requests(self) -> list[str]: ...

    async def add_questions(
        self,
        asks: Sequence[tuple[MentorRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[Proposal]:
        """(request, mentor, score, explanation) each, in few trips; in the order asked."""
        ...

    async def set_requests_status(
        self, request_ids: Sequence[int], status: RequestStatus, now: datetime
    ) -> None: ...

    async def question(self, proposal_id: int) -> Proposal | None: ...

    async def questions(
        self, community_id: str, status: ProposalStatus, *, provider_id: str | None = None
    ) -> list[Proposal]: ...

    async def questions_lapsed(self, now: datetime) -> list[Proposal]: ...

    async def set_question(
        self, proposal_id: int, status: ProposalStatus, now: datetime
    ) -> None: ...

    async def asked_mentors(
        self, community_id: str, request_id: int | None = None
    ) -> dict[int, dict[str, tuple[ProposalStatus, datetime]]]:
        """For each open request (or only `request_id`), the mentors already asked about it:
        what became of the latest question to each, and when it was asked."""
        ...

    async def add_mentorship(
        self, proposal: Proposal, now: datetime, check_due_at: datetime
    ) -> Mentorship: ...

    async def mentorship(self, mentorship_id: int) -> Mentorship | None: ...

    async def mentorships(
        self, community_id: str, *, member_id: str | None = None, active_only: bool = True
    ) -> list[Mentorship]: ...

    async def paired_since(
        self, community_id: str, since: datetime, mentee_id: str | None = None
    ) -> set[tuple[str, str]]:
        """(mentee, mentor) pairs never to propose: paired at or after `since`, or ever
        reported silent by the mentee (every mentee's, or only `mentee_id`'s)."""
        ...

    async def checks_due(self, now: datetime) -> list[Mentorship]: ...

    async def set_check(
        self, mentorship_id: int, due_at: datetime | None, *, nudged: bool, met: str
    ) -> None: ...

    async def end_mentorship(
        self,
        mentorship_id: int,
        now: datetime,
        reason: str,
        rating: int | None = None,
        note: str | None = None,
    ) -> None: ...

    async def counts(self, community_id: str) -> dict[str, int]:
        """Proposals and mentorships by status, for the admin overview."""
        ...
