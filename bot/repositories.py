"""What the core itself needs from the store: communities, members and their profiles, the
outbox, idempotency and effects, round records, installations and form drafts. Each feature's
repository lives in that feature's folder (`bot/features/<feature>/repository.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.models import Member, OutboxMessage, Profile
from bot.ports import Destination
from bot.replies import Reply


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
