"""What informational interviews need from the store (implemented in storage/sql/interviews.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.features.interviews.model import InterviewOffer, InterviewRequest, Pairing
from bot.features.proposals.model import RequestStatus
from bot.repositories import MemberData


class InterviewRepository(MemberData, Protocol):
    """Volunteers' offers, switchers' requests and the pairings between them."""

    async def offer(self, community_id: str, member_id: str) -> InterviewOffer | None: ...

    async def save_offer(self, offer: InterviewOffer) -> None: ...

    async def remove_offer(self, community_id: str, member_id: str) -> None: ...

    async def offers(
        self, community_id: str, *, active: bool = True, member_ids: Sequence[str] | None = None
    ) -> list[InterviewOffer]:
        """The community's offers, or only those of `member_ids`."""
        ...

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        target_role: str,
        target_industry: str | None,
        goal: str,
        now: datetime,
    ) -> InterviewRequest: ...

    async def request(self, request_id: int) -> InterviewRequest | None: ...

    async def requests(
        self, community_id: str, statuses: tuple[str, ...], member_id: str | None = None
    ) -> list[InterviewRequest]: ...

    async def set_request_status(
        self, request_id: int, status: RequestStatus, now: datetime
    ) -> None: ...

    async def round_size(self, community_id: str) -> tuple[int, int]:
        """(open requests, active offers): how big a round would be."""
        ...

    async def open_request_ids(self, community_id: str) -> set[int]: ...

    async def requests_waiting_since(self, before: datetime) -> list[InterviewRequest]:
        """Open requests made before `before` whose member hasn't been told why they wait."""
        ...

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None: ...

    async def communities_with_open_requests(self) -> list[str]: ...

    async def add_questions(
        self,
        asks: Sequence[tuple[InterviewRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[Pairing]:
        """(request, volunteer, score, explanation) each, in few trips; in the order asked."""
        ...

    async def set_requests_status(
        self, request_ids: Sequence[int], status: str, now: datetime
    ) -> None: ...

    async def question(self, pairing_id: int) -> Pairing | None: ...

    async def questions(
        self, community_id: str, status: str, *, provider_id: str | None = None
    ) -> list[Pairing]: ...

    async def pairings(
        self, community_id: str, member_id: str | None = None, statuses: tuple[str, ...] = ()
    ) -> list[Pairing]: ...

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
    ) -> None: ...

    async def questions_lapsed(self, now: datetime) -> list[Pairing]: ...

    async def set_slots(self, pairing_id: int, slots: list[datetime]) -> None: ...

    async def set_meeting(
        self, pairing_id: int, meets_at: datetime, follow_up_at: datetime, reminders_sent: int
    ) -> None: ...

    async def reminders_due(self, now: datetime, day: datetime, hour: datetime) -> list[Pairing]:
        """Agreed conversations whose next reminder is due: the day-before one once the time is
        within `day`, the hour-before one once within `hour`."""
        ...

    async def mark_reminded(self, pairing_id: int, reminders_sent: int) -> None: ...

    async def follow_ups_due(self, now: datetime) -> list[Pairing]: ...

    async def with_room_since(self, community_id: str, since: datetime) -> set[str]:
        """Volunteers whose active offer has room under its monthly quota, counting what was
        asked, agreed or held since `since`."""
        ...

    async def load_since(
        self, community_id: str, since: datetime, volunteer_ids: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Each volunteer's pairings asked, agreed or held since `since` (their monthly load;
        every volunteer's, or only `volunteer_ids`')."""
        ...

    async def asked_before(
        self, community_id: str, requester_id: str | None = None
    ) -> dict[tuple[str, str], tuple[str, datetime]]:
        """(requester, volunteer) -> the latest pairing's status and when it was asked (every
        requester's, or only `requester_id`'s)."""
        ...
