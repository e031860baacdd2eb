"""What the dashboard needs from the store (implemented in storage/sql/dashboard.py): its
sign-in links and sessions, and one indexed query per figure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from bot.features.dashboard.model import (
    Absent,
    EncouragementCounts,
    FunnelMonth,
    Grant,
    LinkOutcome,
    SharedWin,
    Volunteer,
    WeekFigures,
)
from bot.repositories import MemberData


class DashboardRepository(MemberData, Protocol):
    async def add_link(self, token_hash: str, grant: Grant, now: datetime) -> None:
        """A one-time sign-in link; expired links and sessions are cleared out on the way."""
        ...

    async def use_link(self, token_hash: str, now: datetime) -> LinkOutcome:
        """Spend a link: its grant the first time within its lifetime, else why not."""
        ...

    async def add_session(self, session_hash: str, grant: Grant, now: datetime) -> None: ...

    async def session(self, session_hash: str, now: datetime) -> Grant | None: ...

    async def end_session(self, session_hash: str) -> None: ...

    async def member_count(self, community_id: str) -> int: ...

    async def weeks(self, community_id: str, weeks: Sequence[date]) -> dict[date, WeekFigures]: ...

    async def learned(self, community_id: str, first: date, last: date) -> list[str]:
        """What members wrote they learned in the weeks from `first` to `last`."""
        ...

    async def not_checked_in(self, community_id: str, week: date) -> list[Absent]:
        """Participants with no check-in for `week`."""
        ...

    async def streaks(self, community_id: str) -> dict[int, int]:
        """Participants by current streak length, in weeks."""
        ...

    async def shared_wins(self, community_id: str, limit: int) -> list[SharedWin]: ...

    async def mentoring_funnel(
        self, community_id: str, month_starts: Sequence[datetime]
    ) -> list[FunnelMonth]:
        """Requests made between consecutive `month_starts` (the last bounds the final month),
        one per month in order; the caller names the months."""
        ...

    async def mentoring_waits(self, community_id: str, since: datetime) -> list[float]:
        """Days from request to mentorship, for mentorships that started since `since`."""
        ...

    async def mentees_by_mentor(self, community_id: str) -> dict[str, int]:
        """Running mentorships per mentor."""
        ...

    async def interview_funnel(
        self, community_id: str, month_starts: Sequence[datetime]
    ) -> list[FunnelMonth]: ...

    async def former_requesters_volunteering(self, community_id: str) -> list[Volunteer]: ...

    async def delivery_failures(self, community_id: str) -> dict[str, int]:
        """Messages that could not be delivered, by reason."""
        ...

    async def encouragement_counts(self, community_id: str) -> EncouragementCounts: ...
