"""The core's ports: the Clock, the outbound Messenger and the Store with its unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from bot.channels import ChannelLookup, TypedChannel
from bot.replies import Reply

if TYPE_CHECKING:  # each feature's repository names that feature's models
    from bot.features.buddies.repository import BuddyRepository
    from bot.features.checkins.repository import CheckinRepository
    from bot.features.dashboard.repository import DashboardRepository
    from bot.features.encouragement.repository import EncouragementRepository
    from bot.features.interviews.repository import InterviewRepository
    from bot.features.mentoring.repository import MentoringRepository
    from bot.features.projects.repository import ProjectRepository
    from bot.repositories import (
        CommunityRepository,
        EffectRepository,
        FormDraftRepository,
        IdempotencyRepository,
        InstallationRepository,
        MemberData,
        MemberRepository,
        OutboxRepository,
        ProfileRepository,
        RoundRepository,
    )


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in UTC."""
        ...


# --- Where a message goes ------------------------------------------------------------------


@dataclass(frozen=True)
class DirectMessage:
    member_id: str


@dataclass(frozen=True)
class ChannelPost:
    """A post in a channel, or inside an existing thread of that channel when thread_id is set."""

    channel_id: str
    thread_id: str | None = None


@dataclass(frozen=True)
class NewThread:
    """A public thread opened in a channel, starting with the reply."""

    channel_id: str
    title: str


@dataclass(frozen=True)
class ThreadReply:
    """A reply under a member's message: Discord opens a thread on that message, Slack answers
    in its thread. For a message already inside a thread, use ChannelPost with thread_id."""

    channel_id: str
    message_id: str
    title: str


@dataclass(frozen=True)
class PrivateSpace:
    """A space only these members (and the bot) can see: a private thread or a group DM."""

    member_ids: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class Reaction:
    """An emoji on a member's message, e.g. ✅ to say a thread reply counted as a check-in.
    `thread_id` is the thread the message is in, where it is in one."""

    channel_id: str
    message_id: str
    emoji: str
    thread_id: str | None = None


Destination = DirectMessage | ChannelPost | NewThread | ThreadReply | PrivateSpace | Reaction

_DESTINATION_TYPES: dict[str, type] = {
    "dm": DirectMessage,
    "post": ChannelPost,
    "thread": NewThread,
    "reply": ThreadReply,
    "private": PrivateSpace,
    "reaction": Reaction,
}


def destination_to_dict(destination: Destination) -> dict[str, Any]:
    tag = next(t for t, cls in _DESTINATION_TYPES.items() if isinstance(destination, cls))
    data = {k: v for k, v in destination.__dict__.items()}
    if isinstance(destination, PrivateSpace):
        data["member_ids"] = list(destination.member_ids)
    return {"type": tag, **data}


def destination_from_dict(data: dict[str, Any]) -> Destination:
    fields = dict(data)
    cls = _DESTINATION_TYPES[fields.pop("type")]
    if cls is PrivateSpace:
        fields["member_ids"] = tuple(fields["member_ids"])
    return cls(**fields)


# --- What came of a delivery ---------------------------------------------------------------


class DeliveryStatus(StrEnum):
    DELIVERED = "delivered"
    UNDELIVERABLE = "undeliverable"
    RETRY = "retry"


class UndeliverableReason(StrEnum):
    DMS_CLOSED = "dms-closed"
    NO_PERMISSION = "no-permission"
    UNKNOWN_MEMBER = "unknown-member"
    UNKNOWN_CHANNEL = "unknown-channel"
    UNSUPPORTED = "unsupported"
    NOT_INSTALLED = "not-installed"  # the app was removed from the workspace or server


@dataclass(frozen=True)
class Delivery:
    """The typed outcome of one send; platform errors arrive here, never as exceptions."""

    status: DeliveryStatus
    reference: str | None = None
    reason: UndeliverableReason | None = None
    retry_after: float | None = None

    @classmethod
    def delivered(cls, reference: str | None = None) -> Delivery:
        return cls(DeliveryStatus.DELIVERED, reference=reference)

    @classmethod
    def undeliverable(cls, reason: UndeliverableReason) -> Delivery:
        return cls(DeliveryStatus.UNDELIVERABLE, reason=reason)

    @classmethod
    def retry(cls, after_seconds: float) -> Delivery:
        return cls(DeliveryStatus.RETRY, retry_after=after_seconds)


class Messenger(Protocol):
    """Outbound half of a platform adapter. Each call returns a Delivery and does not raise.

    `community_id` says which community a message belongs to, for platforms where one bot
    serves several (a channel name or a private thread is then looked for in the right server).
    A messenger whose communities each have their own token and rate limits (Slack workspaces)
    sets `paced_per_community = True`, and the outbox then paces each community on its own.
    """

    async def send_dm(
        self, member_id: str, reply: Reply, community_id: str | None = None
    ) -> Delivery: ...

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery: ...

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery: ...

    async def reply_in_thread(
        self, channel_id: str, message_id: str, title: str, reply: Reply, community_id: str
    ) -> Delivery:
        """Answer under a member's message, in a thread of its own (named `title` where the
        platform names threads)."""
        ...

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery: ...

    async def react(
        self,
        channel_id: str,
        message_id: str,
        emoji: str,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        """Put `emoji` (one character, like ✅) on a member's message."""
        ...

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        """The channel `typed` names, in this community's own server or workspace only."""
        ...


# --- The Store -------------------------------------------------------------------------------


class UnitOfWork(Protocol):
    # Read-only members, so a store may hold its own repository classes (a settable protocol
    # attribute would have to be declared with exactly the port's type).
    @property
    def communities(self) -> CommunityRepository: ...
    @property
    def members(self) -> MemberRepository: ...
    @property
    def profiles(self) -> ProfileRepository: ...
    @property
    def outbox(self) -> OutboxRepository: ...
    @property
    def idempotency(self) -> IdempotencyRepository: ...
    @property
    def effects(self) -> EffectRepository: ...
    @property
    def mentoring(self) -> MentoringRepository: ...
    @property
    def checkins(self) -> CheckinRepository: ...
    @property
    def encouragement(self) -> EncouragementRepository: ...
    @property
    def interviews(self) -> InterviewRepository: ...
    @property
    def projects(self) -> ProjectRepository: ...
    @property
    def buddies(self) -> BuddyRepository: ...
    @property
    def forms(self) -> FormDraftRepository: ...
    @property
    def rounds(self) -> RoundRepository: ...
    @property
    def installations(self) -> InstallationRepository: ...
    @property
    def dashboard(self) -> DashboardRepository: ...
    # The store's scratch space in this process, shared by its transactions: derived data
    # kept to save work (a community's encoded providers), never the truth.
    @property
    def memo(self) -> dict[str, Any]: ...

    async def hold(self, name: str) -> None:
        """Hold a named lock until this transaction ends, across every process on the store:
        read-decide-write work (a matching round) then never runs twice at once."""
        ...

    def member_data(self) -> dict[str, MemberData]:
        """Every repository holding personal data, by the name its export appears under."""
        ...


class StoreConflict(Exception):
    """Two transactions collided (a deadlock between processes); the unit was rolled back and
    running it again from the start is safe."""


class Store(Protocol):
    def unit(self, *, read_only: bool = False) -> AbstractAsyncContextManager[UnitOfWork]:
        """One transaction: commits on a clean exit, rolls back on an exception (StoreConflict
        when it collided with another process's transaction)."""
        ...

    def exclusive(self, name: str) -> AbstractAsyncContextManager[bool]:
        """A named lock across processes, not waited for: True if this process holds it for the
        block, False if another process does right now."""
        ...

    async def close(self) -> None: ...
