"""Interview values: a volunteer's offer, a switcher's request, and the pairing between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.features.proposals.model import RequestStatus

MONTH = timedelta(days=30)  # a volunteer's `per_month` counts the last 30 days


class PairingStatus(StrEnum):
    """A pairing starts as the volunteer's question and, accepted, becomes the conversation.
    The first five are the engine's (see bot.features.proposals); `done` is interviews' own."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RELEASED = "released"  # the volunteer couldn't answer: paused, left, DMs closed
    DONE = "done"  # the conversation happened


@dataclass(frozen=True)
class InterviewOffer:
    community_id: str
    member_id: str
    role: str
    industry: str
    per_month: int
    created_at: datetime
    topics: tuple[str, ...] = ()
    note: str | None = None
    active: bool = True
    confirmed_at: datetime | None = None  # the last /interview offer; None: when first made
    expired_in_a_row: int = 0  # questions left unanswered since the last answer

    @property
    def capacity(self) -> int:
        return self.per_month


@dataclass(frozen=True)
class InterviewRequest:
    id: int
    community_id: str
    member_id: str
    target_role: str
    target_industry: str | None
    goal: str
    status: RequestStatus
    created_at: datetime
    waiting_told_at: datetime | None = None


@dataclass(frozen=True)
class Pairing:
    id: int
    community_id: str
    request_id: int
    requester_id: str
    volunteer_id: str
    score: int
    explanation: str
    status: PairingStatus
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None = None
    follow_up_at: datetime | None = None
    happened: bool | None = None
    slots: tuple[datetime, ...] = ()  # the times suggested when it was agreed
    meets_at: datetime | None = None  # the time the two settled on
    reminders_sent: int = 0  # 1: the day before, 2: the hour before as well

    def partner_of(self, member_id: str) -> str:
        return self.volunteer_id if member_id == self.requester_id else self.requester_id

    @property
    def seeker_id(self) -> str:
        return self.requester_id

    @property
    def provider_id(self) -> str:
        return self.volunteer_id
