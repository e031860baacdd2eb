"""The core's ports: the Clock, the outbound Messenger and the Store with its unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from bot.channels import ChannelLookup, TypedChannel
from bot.replies import Reply

if TYPE_CHECKING:
    from datetime import date

    from bot.features.buddies.repository import BuddyRepository
    from bot.features.checkins.model import CheckIn, CheckinMember, Schedule, Week
    from bot.features.encouragement.model import Kudos, Listener, Win
    from bot.features.interviews.model import InterviewOffer, InterviewRequest, Pairing
    from bot.features.projects.repository import ProjectRepository
    from bot.models import (
        Member,
        MentorOffer,
        MentorRequest,
        Mentorship,
        OutboxMessage,
        Profile,
        Proposal,
        ProposalStatus,
        RequestStatus,
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


class MemberData(Protocol):
    """Every repository holding personal data can export and erase one member's part of it."""

    async def export_member(self, community_id: str, member_id: str) -> Any: ...

    async def erase_member(self, community_id: str, member_id: str) -> int: ...


class CommunityRepository(Protocol):
    async def ensure(self, community_id: str, now: datetime) -> None: ...

    async def ids(self) -> list[str]: ...

    async def mark_left(self, community_id: str, now: datetime) -> None:
        """The platform removed liftup from this community (kept: the first time it left)."""
        ...

    async def mark_back(self, community_id: str) -> bool:
        """liftup was added again; whether the community had left."""
        ...

    async def left_before(self, cutoff: datetime) -> list[str]:
        """Communities that left before `cutoff` and never came back."""
        ...

    async def erase(self, community_id: str, *, keep_row: bool) -> int:
        """Every row the community has in every table, its settings included (not the
        platform's install); with `keep_row` it stays a community, empty. Rows erased."""
        ...

    async def settings(self, community_id: str) -> dict[str, str]:
        """The community's own setting values, in their text form."""
        ...

    async def set_setting(self, community_id: str, key: str, value: str, now: datetime) -> None: ...

    async def reset_setting(self, community_id: str, key: str) -> None: ...


class MemberRepository(MemberData, Protocol):
    async def upsert(
        self, community_id: str, member_id: str, display_name: str, now: datetime
    ) -> Member: ...

    async def get(self, community_id: str, member_id: str) -> Member | None: ...

    async def many(self, community_id: str, member_ids: Sequence[str]) -> dict[str, Member]: ...

    async def set_paused_until(
        self, community_id: str, member_id: str, until: datetime | None
    ) -> None: ...

    async def pauses_ended(self, now: datetime) -> list[Member]:
        """Members whose pause has run out and who have not been told yet (any community)."""
        ...

    async def paused(self, community_id: str, now: datetime) -> set[str]:
        """Who in the community is paused right now."""
        ...


class ProfileRepository(MemberData, Protocol):
    async def get(self, community_id: str, member_id: str) -> Profile | None: ...

    async def many(self, community_id: str, member_ids: Sequence[str]) -> dict[str, Profile]: ...

    async def save(self, profile: Profile) -> None: ...


class MentoringRepository(MemberData, Protocol):
    """Offers, requests, proposals and mentorships. Cross-community reads serve the ticks."""

    async def offer(self, community_id: str, member_id: str) -> MentorOffer | None: ...

    async def save_offer(self, offer: MentorOffer) -> None: ...

    async def remove_offer(self, community_id: str, member_id: str) -> None: ...

    async def offers(
        self, community_id: str, *, active: bool = True, member_ids: Sequence[str] | None = None
    ) -> list[MentorOffer]:
        """The community's offers, or only those of `member_ids`."""
        ...

    async def with_room(self, community_id: str) -> set[str]:
        """Mentors whose active offer has a free slot now: one quick read for a whole
        community."""
        ...

    async def load_of(
        self, community_id: str, mentor_ids: Sequence[str] | None = None
    ) -> dict[str, int]:
        """Each mentor's running mentorships plus questions waiting on them (every mentor
        with any, or only `mentor_ids`)."""
        ...

    async def offers_due_confirmation(self, asked_before: datetime) -> list[MentorOffer]:
        """Active offers confirmed before `asked_before` and not asked since."""
        ...

    async def offers_unconfirmed(self, asked_before: datetime) -> list[MentorOffer]:
        """Active offers asked to confirm before `asked_before` that never answered."""
        ...

    async def add_request(
        self,
        community_id: str,
        member_id: str,
        topics: tuple[str, ...],
        goal: str,
        now: datetime,
    ) -> MentorRequest: ...

    async def request(self, request_id: int) -> MentorRequest | None: ...

    async def open_request(self, community_id: str, member_id: str) -> MentorRequest | None:
        """The member's request that is open or proposed, if any."""
        ...

    async def requests(
        self,
        community_id: str,
        statuses: tuple[RequestStatus, ...],
        member_id: str | None = None,
    ) -> list[MentorRequest]: ...

    async def round_size(self, community_id: str) -> tuple[int, int]:
        """(open requests, active offers): how big a round would be."""
        ...

    async def open_request_ids(self, community_id: str) -> set[int]: ...

    async def requests_waiting_since(self, before: datetime) -> list[MentorRequest]:
        """Open requests older than `before` whose member has not been told why yet."""
        ...

    async def set_request_status(
        self, request_id: int, status: RequestStatus, now: datetime
    ) -> None: ...

    async def mark_waiting_told(self, request_id: int, now: datetime) -> None: ...

    async def communities_with_open_requests(self) -> list[str]: ...

    async def add_questions(
        self,
        asks: Sequence[tuple[MentorRequest, str, int, str]],
        now: datetime,
        expires_at: datetime,
    ) -> list[Proposal]:
        """(request, mentor, score, explanation) each, in few trips; in the order asked."""
        ...

    async def set_requests_status(
        self, request_ids: Sequence[int], status: RequestStatus, now: datetime
    ) -> None: ...

    async def question(self, proposal_id: int) -> Proposal | None: ...

    async def questions(
        self, community_id: str, status: ProposalStatus, *, provider_id: str | None = None
    ) -> list[Proposal]: ...

    async def questions_lapsed(self, now: datetime) -> list[Proposal]: ...

    async def set_question(
        self, proposal_id: int, status: ProposalStatus, now: datetime
    ) -> None: ...

    async def asked_mentors(
        self, community_id: str, request_id: int | None = None
    ) -> dict[int, dict[str, tuple[ProposalStatus, datetime]]]:
        """For each open request (or only `request_id`), the mentors already asked about it:
        what became of the latest question to each, and when it was asked."""
        ...

    async def add_mentorship(
        self, proposal: Proposal, now: datetime, check_due_at: datetime
    ) -> Mentorship: ...

    async def mentorship(self, mentorship_id: int) -> Mentorship | None: ...

    async def mentorships(
        self, community_id: str, *, member_id: str | None = None, active_only: bool = True
    ) -> list[Mentorship]: ...

    async def paired_since(
        self, community_id: str, since: datetime, mentee_id: str | None = None
    ) -> set[tuple[str, str]]:
        """(mentee, mentor) pairs never to propose: paired at or after `since`, or ever
        reported silent by the mentee (every mentee's, or only `mentee_id`'s)."""
        ...

    async def checks_due(self, now: datetime) -> list[Mentorship]: ...

    async def set_check(
        self, mentorship_id: int, due_at: datetime | None, *, nudged: bool, met: str
    ) -> None: ...

    async def end_mentorship(
        self,
        mentorship_id: int,
        now: datetime,
        reason: str,
        rating: int | None = None,
        note: str | None = None,
    ) -> None: ...

    async def counts(self, community_id: str) -> dict[str, int]:
        """Proposals and mentorships by status, for the admin overview."""
        ...


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


class EncouragementRepository(MemberData, Protocol):
    """What the listener remembers (that it replied, never the text), wins and kudos."""

    async def listener(self, community_id: str, member_id: str) -> Listener: ...

    async def save_listener(self, listener: Listener) -> None: ...

    async def add_win(self, win: Win) -> int: ...

    async def wins(self, community_id: str, member_id: str, since: datetime) -> list[Win]: ...

    async def win_count(self, community_id: str, member_id: str) -> int: ...

    async def add_kudos(self, kudos: Kudos) -> int: ...

    async def kudos_received(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[Kudos]: ...

    async def kudos_sent_since(self, community_id: str, member_id: str, since: datetime) -> int: ...


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


class OutboxRepository(MemberData, Protocol):
    async def enqueue(
        self,
        community_id: str,
        key: str,
        destination: Destination,
        reply: Reply,
        recipient_id: str | None,
        now: datetime,
        *,
        urgent: bool = False,
        not_before: datetime | None = None,
    ) -> bool:
        """Queue a message once per (community, key); False when that key was queued before.
        Urgent messages are claimed before every other pending one; none before `not_before`."""
        ...

    async def enqueue_many(
        self,
        community_id: str,
        messages: Sequence[tuple[str, Destination, Reply, str | None]],
        now: datetime,
    ) -> int:
        """(key, destination, reply, recipient) each, in few trips; how many were new."""
        ...

    async def queued(self, community_id: str, key: str) -> OutboxMessage | None:
        """The message queued under `key`, whatever became of it."""
        ...

    async def revise(self, community_id: str, key: str, reply: Reply, due_at: datetime) -> bool:
        """Change a pending message's text and when it is due; False if it already went."""
        ...

    async def claim(
        self, now: datetime, limit: int, platforms: Sequence[str], lease: timedelta
    ) -> list[OutboxMessage]:
        """Take up to `limit` pending messages whose time has come (urgent ones first, then
        the oldest; communities on `platforms`) for `lease`: no other process takes them
        meanwhile, and if this one dies they come due again when the lease ends. Rows another
        process is claiming are skipped."""
        ...

    async def release(self, message_ids: Sequence[int], now: datetime) -> None:
        """Hand claimed, unsent messages back at once (a process stopping cleanly)."""
        ...

    async def save_progress(self, message_id: int, steps: dict[str, str]) -> None:
        """Keep the steps a pending message's sending has finished (see bot.sending)."""
        ...

    async def reserve_send_times(
        self, platform: str, count: int, spacing: float, wall_now: float
    ) -> float:
        """Reserve `count` send times `spacing` seconds apart, shared by every process on the
        store; returns the first (wall-clock seconds). Together they keep one rate."""
        ...

    async def mark_delivered(
        self, message_id: int, reference: str | None, now: datetime
    ) -> None: ...

    async def mark_retry(self, message_id: int, not_before: datetime, error: str) -> None: ...

    async def mark_failed(self, message_id: int, reason: str, now: datetime) -> None: ...

    async def failures(self, community_id: str, limit: int) -> list[OutboxMessage]: ...

    async def reference(self, community_id: str, key: str) -> str | None:
        """The platform reference (message, thread) of a delivered message, by its key."""
        ...

    async def pending_count(self) -> int: ...

    async def purge_finished_before(self, cutoff: datetime) -> int:
        """Forget delivered messages finished before `cutoff` (failed ones stay for admins)."""
        ...

    async def next_due_at(self) -> datetime | None: ...


class IdempotencyRepository(MemberData, Protocol):
    """Inbound keys (interaction ids, event ids) already handled. Only the key is kept: a reply
    can speak of other members, and a duplicate's first answer has reached the platform anyway."""

    async def claim(self, community_id: str, key: str, member_id: str, now: datetime) -> bool:
        """True if the key is new; False if it was handled before."""
        ...

    async def forget_before(self, cutoff: datetime) -> int: ...


class EffectRepository(MemberData, Protocol):
    async def claim(
        self, community_id: str, key: str, now: datetime, member_id: str | None = None
    ) -> bool:
        """True the first time an effect key is claimed, False ever after: effects happen once."""
        ...


class RoundRepository(Protocol):
    """Communities whose matching round waits for the next tick (per feature)."""

    async def want(self, feature: str, community_id: str) -> None:
        """Something changed: count one more event since the last round."""
        ...

    async def wanted(self, feature: str) -> dict[str, int]:
        """Each community wanting a round, with its count of events so far."""
        ...

    async def done(self, feature: str, community_id: str, changes: int) -> None:
        """A round ran on what `changes` events left; later events keep the next wanted."""
        ...


class InstallationRepository(Protocol):
    """The app's installations into workspaces (Slack's OAuth installs), one per community,
    sealed by the adapter with a key from the environment: opaque text to the core and the
    store. And the one-time states that guard an install under way."""

    async def save(self, community_id: str, sealed: str, now: datetime) -> None: ...

    async def reseal(self, community_id: str, sealed: str) -> None:
        """The same installation sealed anew (under a new key); its install time stays."""
        ...

    async def find(self, community_id: str) -> str | None: ...

    async def remove(self, community_id: str) -> bool:
        """Forget a workspace's installation (uninstalled, tokens revoked); whether it was there."""
        ...

    async def all_sealed(self) -> dict[str, str]:
        """Every installation, by community: for re-sealing them under a new key."""
        ...

    async def issue_state(self, state: str, expires_at: datetime) -> None: ...

    async def consume_state(self, state: str, now: datetime) -> bool:
        """True once for a state issued and not yet expired; it is gone after any try."""
        ...


class FormDraftRepository(MemberData, Protocol):
    async def keep(
        self, community_id: str, member_id: str, data: dict[str, Any], now: datetime
    ) -> str:
        """Keep a command's answers so far while its form is open; an unguessable key back."""
        ...

    async def get(self, community_id: str, member_id: str, key: str) -> dict[str, Any] | None:
        """The draft under `key`; None when it is gone or another member's."""
        ...

    async def drop(self, key: str) -> None:
        """The form was sent: its draft is no longer needed."""
        ...

    async def forget_before(self, cutoff: datetime) -> int: ...


class UnitOfWork(Protocol):
    communities: CommunityRepository
    members: MemberRepository
    profiles: ProfileRepository
    outbox: OutboxRepository
    idempotency: IdempotencyRepository
    effects: EffectRepository
    mentoring: MentoringRepository
    checkins: CheckinRepository
    encouragement: EncouragementRepository
    interviews: InterviewRepository
    projects: ProjectRepository
    buddies: BuddyRepository
    forms: FormDraftRepository
    rounds: RoundRepository
    installations: InstallationRepository
    # The store's scratch space in this process, shared by its transactions: derived data
    # kept to save work (a community's encoded providers), never the truth.
    memo: dict[str, Any]

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

    async def table_rows(self) -> dict[str, list[tuple]]:
        """Every stored row by table: lets audits prove nothing of an erased member remains."""
        ...

    async def close(self) -> None: ...
