"""What study buddies needs from the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from bot.features.buddies.model import (
    Buddy,
    BuddySchedule,
    Group,
    Met,
    Round,
    RoundFigures,
)
from bot.repositories import MemberData


class BuddyRepository(MemberData, Protocol):
    async def schedule(self, community_id: str) -> BuddySchedule | None: ...

    async def save_schedule(self, schedule: BuddySchedule, now: datetime) -> None: ...

    async def schedules(self) -> list[BuddySchedule]:
        """Every community's schedule that isn't paused."""
        ...

    async def buddy(self, community_id: str, member_id: str) -> Buddy | None: ...

    async def save_buddy(self, buddy: Buddy) -> None: ...

    async def remove_buddy(self, community_id: str, member_id: str) -> bool: ...

    async def buddies(self, community_id: str) -> list[Buddy]: ...

    async def joined(self, community_id: str) -> set[str]:
        """Who has joined, ids only."""
        ...

    async def open_round(self, round_: Round) -> int | None:
        """Record a round; None when that community's round for that day exists already."""
        ...

    async def round(self, round_id: int) -> Round | None: ...

    async def round_on(self, community_id: str, day: date) -> Round | None: ...

    async def rounds(self, community_id: str, limit: int) -> list[Round]:
        """The latest rounds, newest first."""
        ...

    async def rounds_to_ask(self, now: datetime) -> list[Round]:
        """Rounds past halfway whose members haven't been asked whether they met."""
        ...

    async def mark_asked(self, round_id: int, now: datetime) -> None: ...

    async def add_groups(
        self, community_id: str, round_id: int, groups: Sequence[tuple[tuple[str, ...], int, str]]
    ) -> list[Group]:
        """Each group: its members, its fit and the reasons for it."""
        ...

    async def groups(self, round_id: int) -> list[Group]: ...

    async def group(self, group_id: int) -> Group | None: ...

    async def current_group(self, community_id: str, member_id: str, now: datetime) -> Group | None:
        """The member's group in the round running now, if they have one and haven't left it."""
        ...

    async def history(self, community_id: str, member_id: str, limit: int) -> list[Group]:
        """The member's groups, newest first."""
        ...

    async def met_lately(self, community_id: str, rounds: int) -> dict[frozenset[str], int]:
        """Every pair grouped together in the last `rounds` rounds, and how many rounds ago
        (1 = the latest)."""
        ...

    async def threes(self, round_id: int) -> list[frozenset[str]]:
        """The members of each group of three in a round."""
        ...

    async def answer(self, group_id: int, member_id: str, met: Met, now: datetime) -> None: ...

    async def leave_group(self, group_id: int, member_id: str, now: datetime) -> None: ...

    async def figures(self, community_id: str, limit: int) -> list[RoundFigures]:
        """The latest rounds' figures, newest first."""
        ...

    async def met_between(self, community_id: str, start: datetime, end: datetime) -> int:
        """Groups someone said met, with that answer given between `start` and `end`."""
        ...
