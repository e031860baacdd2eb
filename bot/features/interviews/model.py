"""Interview values: a volunteer's offer, a switcher's request, and the pairing between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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


@dataclass(frozen=True)
class InterviewRequest:
    id: int
    community_id: str
    member_id: str
    target_role: str
    target_industry: str | None
    goal: str
    status: str  # open | proposed | matched | closed
    created_at: datetime


@dataclass(frozen=True)
class Pairing:
    id: int
    community_id: str
    request_id: int
    requester_id: str
    volunteer_id: str
    score: int
    explanation: str
    status: str  # pending | accepted | declined | expired | released | done
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None = None
    follow_up_at: datetime | None = None
    happened: bool | None = None

    def partner_of(self, member_id: str) -> str:
        return self.volunteer_id if member_id == self.requester_id else self.requester_id
