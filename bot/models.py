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
