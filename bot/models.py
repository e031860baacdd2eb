"""Domain values that cross the Store port: members, profiles, outbox messages."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum

from bot.ports import Destination
from bot.replies import Reply


class Phase(StrEnum):
    """The three overlapping phases of an AI career, as members describe themselves."""

    LEARNING = "learning"
    PROJECTS = "projects"
    JOB_SEARCH = "job-search"


@dataclass(frozen=True)
class Member:
    community_id: str
    id: str
    display_name: str
    paused_until: datetime | None = None

    def is_paused(self, now: datetime) -> bool:
        return self.paused_until is not None and self.paused_until > now


@dataclass(frozen=True)
class Profile:
    community_id: str
    member_id: str
    timezone: str | None = None
    phase: Phase | None = None
    role: str | None = None
    industry: str | None = None
    target_role: str | None = None
    target_industry: str | None = None
    topics_known: tuple[str, ...] = ()
    topics_learning: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    bio: str | None = None
    updated_at: datetime | None = None


# What a member fills in themselves, in the order they are shown and stored.
PROFILE_FIELDS = tuple(
    f.name for f in fields(Profile) if f.name not in ("community_id", "member_id", "updated_at")
)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    community_id: str
    key: str
    destination: Destination
    reply: Reply
    recipient_id: str | None
    attempts: int
    status: OutboxStatus = OutboxStatus.PENDING
    created_at: datetime | None = None
    failure_reason: str | None = None
    progress: dict[str, str] = field(default_factory=dict)  # see bot.sending


class RequestStatus(StrEnum):
    OPEN = "open"  # waiting for a mentor to be asked
    PROPOSED = "proposed"  # a mentor has been asked and not answered yet
    MATCHED = "matched"
    CLOSED = "closed"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RELEASED = "released"  # the mentor stopped mentoring before answering


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
