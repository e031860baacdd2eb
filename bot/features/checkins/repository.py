"""What weekly check-ins need from the store (implemented in storage/sql/checkins.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from bot.features.checkins.model import CheckIn, CheckinMember, Schedule, Week
from bot.repositories import MemberData


class CheckinRepository(MemberData, Protocol):
    """Schedules, weeks (one row per community and week), entries, preferences and streaks."""

    async def schedule(self, community_id: str) -> Schedule | None: ...

    async def save_schedule(self, schedule: Schedule, now: datetime) -> None: ...

    async def schedules(self) -> list[Schedule]:
        """Every enabled schedule, across communities: what the ticks look after."""
        ...

    async def open_week(self, week: Week) -> bool:
        """Record the week as opened; False if it already was (so it opens exactly once)."""
        ...

    async def week(self, community_id: str, week: date) -> Week | None: ...

    async def weeks_to_close(self, now: datetime) -> list[Week]: ...

    async def move_close(self, community_id: str, week: date, closes_at: datetime) -> None:
        """A schedule change moves when the week in progress closes (if it hasn't yet)."""
        ...

    async def mark_closed(self, community_id: str, week: date, now: datetime) -> None: ...

    async def save_checkin(self, entry: CheckIn, now: datetime) -> bool:
        """Insert or update the member's entry for the week; True for their first that week."""
        ...

    async def checkin(self, community_id: str, member_id: str, week: date) -> CheckIn | None: ...

    async def history(self, community_id: str, member_id: str, limit: int) -> list[CheckIn]: ...

    async def week_checkins(self, community_id: str, week: date) -> list[CheckIn]: ...

    async def participation(self, community_id: str, weeks: Sequence[date]) -> dict[date, int]: ...

    async def member(self, community_id: str, member_id: str) -> CheckinMember | None: ...

    async def save_member(self, member: CheckinMember) -> None: ...

    async def members(
        self, community_id: str, member_ids: Sequence[str]
    ) -> dict[str, CheckinMember]: ...

    async def participants(self, community_id: str) -> list[CheckinMember]:
        """Everyone taking part in the community's check-ins."""
        ...

    async def on_board(self, community_id: str) -> list[CheckinMember]:
        """Members who chose public:on and have a streak, longest first."""
        ...

    async def to_remind(
        self, community_id: str, week: date, now: datetime
    ) -> list[tuple[str, str | None]]:
        """(member, time zone) for those who want a reminder this week and have not had one."""
        ...

    async def mark_reminded(
        self, community_id: str, member_ids: Sequence[str], week: date
    ) -> None: ...
