"""Mentoring's records: mentors' offers, mentees' requests, the proposals between them and the
mentorships that follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.features.proposals.model import ProposalStatus, RequestStatus


@dataclass(frozen=True)
class MentorOffer:
    community_id: str
    member_id: str
    topics: tuple[str, ...]
    capacity: int
    confirmed_at: datetime
    note: str | None = None
    active: bool = True
    expired_in_a_row: int = 0
    confirm_asked_at: datetime | None = None


@dataclass(frozen=True)
class MentorRequest:
    id: int
    community_id: str
    member_id: str
    topics: tuple[str, ...]
    goal: str
    status: RequestStatus
    created_at: datetime
    waiting_told_at: datetime | None = None


@dataclass(frozen=True)
class Proposal:
    id: int
    community_id: str
    request_id: int
    mentee_id: str
    mentor_id: str
    score: int
    explanation: str
    status: ProposalStatus
    created_at: datetime
    expires_at: datetime

    @property
    def seeker_id(self) -> str:
        return self.mentee_id

    @property
    def provider_id(self) -> str:
        return self.mentor_id


@dataclass(frozen=True)
class Mentorship:
    id: int
    community_id: str
    mentee_id: str
    mentor_id: str
    explanation: str
    status: str  # active | ended
    met: str  # unknown | yes
    started_at: datetime
    request_id: int | None = None
    check_due_at: datetime | None = None
    nudged: bool = False
    ended_at: datetime | None = None
    end_reason: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        return (self.mentee_id, self.mentor_id)

    def partner_of(self, member_id: str) -> str:
        return self.mentor_id if member_id == self.mentee_id else self.mentee_id
