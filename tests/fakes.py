"""Test doubles that implement the core's ports: a recording Messenger and store helpers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.channels import ChannelLookup, ChannelProblem, TypedChannel
from bot.clock import ManualClock
from bot.ports import Delivery, Store, UndeliverableReason
from bot.replies import Reply

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday


def fixed_clock(start: datetime = START) -> ManualClock:
    return ManualClock(start)


@dataclass
class Sent:
    kind: str
    target: str
    reply: Reply
    title: str | None = None


@dataclass
class FakeMessenger:
    """Records what it is asked to send. Members in `dms_closed` refuse DMs like a 403 would;
    `script` overrides the next outcomes in order (e.g. a rate limit, then success)."""

    sent: list[Sent] = field(default_factory=list)
    dms_closed: set[str] = field(default_factory=set)
    # Channels of the community as a platform would know them, id -> name; None accepts any
    # name as its own id (like the console). `unreadable` ids exist but refuse liftup.
    channels: dict[str, str] | None = None
    unreadable: set[str] = field(default_factory=set)
    script: list[Delivery | Exception] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _outcome(self, sent: Sent) -> Delivery:
        if self.script:
            outcome = self.script.pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            if outcome.status.value != "delivered":
                return outcome
        self.sent.append(sent)
        return Delivery.delivered(f"ref-{next(self._ids)}")

    async def send_dm(
        self, member_id: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        if member_id in self.dms_closed:
            return Delivery.undeliverable(UndeliverableReason.DMS_CLOSED)
        return self._outcome(Sent("dm", member_id, reply))

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        return self._outcome(Sent("post", thread_id or channel_id, reply))

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        return self._outcome(Sent("thread", channel_id, reply, title))

    async def reply_in_thread(
        self, channel_id: str, message_id: str, title: str, reply: Reply, community_id: str
    ) -> Delivery:
        return self._outcome(Sent("reply", f"{channel_id}/{message_id}", reply, title))

    async def react(
        self,
        channel_id: str,
        message_id: str,
        emoji: str,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        return self._outcome(
            Sent("reaction", f"{thread_id or channel_id}/{message_id}", Reply(emoji))
        )

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        if self.channels is None:
            name = (typed.name or typed.id or "").removeprefix("#").lower()
            return ChannelLookup.found(typed.id if typed.text.startswith("<#") else name, name)
        found = next(
            (
                (i, n)
                for i, n in self.channels.items()
                if i == typed.id or (typed.name and n == typed.name.removeprefix("#").lower())
            ),
            None,
        )
        if found is None:
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        if found[0] in self.unreadable:
            return ChannelLookup.missing(ChannelProblem.NO_ACCESS, "Let me in first.")
        return ChannelLookup.found(*found)

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery:
        return self._outcome(Sent("private", ",".join(member_ids), reply, title))

    def texts(self, kind: str | None = None) -> list[str]:
        return [s.reply.text for s in self.sent if kind is None or s.kind == kind]


async def table_rows(store: Any) -> dict[str, list[tuple]]:
    """Every row of every liftup table, read through storage's own table tool: lets audits
    prove nothing of an erased member remains."""
    layout = await store.layout()
    async with store.unit(read_only=True) as uow:
        return {
            table: [tuple(r) for r in await uow.tables.rows(table, cols)] for table, cols in layout
        }


async def rows_mentioning(store: Store, *needles: str) -> list[tuple[str, tuple]]:
    """(table, row) for every stored row with any needle as a whole word in any column."""
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in needles))
    found = []
    for table, rows in (await table_rows(store)).items():
        for row in rows:
            if any(pattern.search(str(value)) for value in row):
                found.append((table, row))
    return found
