"""The transactional outbox: queue messages with the state change, then deliver them reliably."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import texts
from bot.context import platform_of
from bot.models import OutboxMessage
from bot.ports import (
    ChannelPost,
    Delivery,
    DeliveryStatus,
    Destination,
    DirectMessage,
    Messenger,
    NewThread,
    PrivateSpace,
    UnitOfWork,
)
from bot.replies import Reply, mention
from bot.runtime import Runtime

log = logging.getLogger(__name__)


async def queue(
    uow: UnitOfWork,
    community_id: str,
    key: str,
    destination: Destination,
    reply: Reply,
    now: datetime,
    *,
    even_if_paused: bool = False,
) -> bool:
    """Queue a message in the caller's transaction. DMs to paused members are dropped (False)."""
    recipient = destination.member_id if isinstance(destination, DirectMessage) else None
    if recipient is not None and not even_if_paused:
        member = await uow.members.get(community_id, recipient)
        if member is not None and member.is_paused(now):
            return False
    return await uow.outbox.enqueue(community_id, key, destination, reply, recipient, now)


async def queue_dm(
    uow: UnitOfWork,
    community_id: str,
    member_id: str,
    key: str,
    reply: Reply,
    now: datetime,
    *,
    even_if_paused: bool = False,
) -> bool:
    """Queue a direct message to one member; see `queue`."""
    destination = DirectMessage(member_id)
    return await queue(
        uow, community_id, key, destination, reply, now, even_if_paused=even_if_paused
    )


WINDOW_MARGIN = 1.02


class RateLimiter:
    """At most `rate` sends in any rolling second (a sliding-window log).

    A token bucket lets up to twice the rate through within some one-second window, which a
    platform counting per window answers with 429s; a log of recent sends never does.
    """

    def __init__(
        self,
        rate: float | None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self._monotonic = monotonic
        self._sleep = sleep
        # A rate below one a second becomes one send per 1/rate seconds. The window is 2%
        # longer than a second: the platform clocks our sends a little after we do, and that
        # jitter must not push a window over its limit.
        self._per_window = max(1, int(rate)) if rate else 0
        self._window = (1.0 if rate >= 1 else 1.0 / rate) * WINDOW_MARGIN if rate else 0.0
        self._sent: deque[float] = deque()

    async def take(self) -> None:
        if not self.rate:
            return
        while True:
            now = self._monotonic()
            # The tolerance keeps float sums from leaving a send a hair short of expiring forever.
            while self._sent and now - self._sent[0] >= self._window - 1e-9:
                self._sent.popleft()
            if len(self._sent) < self._per_window:
                self._sent.append(now)
                return
            await self._sleep(self._sent[0] + self._window - now)


@dataclass
class DrainReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retried + self.failed


def backoff(attempts: int) -> timedelta:
    """Exponential backoff, 5 s doubling up to an hour."""
    return timedelta(seconds=min(3600, 5 * 2 ** max(0, attempts - 1)))


class OutboxSender:
    """Drains the outbox through each platform's Messenger; a crash re-sends nothing delivered."""

    def __init__(
        self,
        runtime: Runtime,
        messengers: Mapping[str, Messenger],
        *,
        rate_per_second: float | None = None,
        max_attempts: int = 8,
        batch_size: int = 100,
        poll_seconds: float = 5.0,
    ) -> None:
        self.runtime = runtime
        self.messengers = dict(messengers)
        self.limiter = RateLimiter(rate_per_second)
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        """Drain whenever woken or every poll interval, until cancelled."""
        while True:
            try:
                await self.drain()
            except Exception:
                log.exception("outbox drain failed; trying again shortly")
            signal = self.runtime.outbox_signal
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(signal.wait(), self.poll_seconds)
            signal.clear()

    async def drain(self) -> DrainReport:
        """Send everything due now (including what sending itself queues, like admin notices)."""
        report = DrainReport()
        while True:
            async with self.runtime.store.unit(read_only=True) as uow:
                batch = await uow.outbox.due(
                    self.runtime.clock.now(), self.batch_size, tuple(self.messengers)
                )
            if not batch:
                return report
            for message in batch:
                await self.limiter.take()
                await self._deliver(message, report)

    async def _deliver(self, message: OutboxMessage, report: DrainReport) -> None:
        messenger = self.messengers[platform_of(message.community_id)]
        try:
            delivery = await send(
                messenger, message.destination, message.reply, message.community_id
            )
        except Exception as exc:  # a Messenger should not raise; treat it as worth a retry
            log.exception("messenger raised while sending outbox row %s", message.id)
            delivery = Delivery.retry(backoff(message.attempts + 1).total_seconds())
            delivery_error = type(exc).__name__
        else:
            delivery_error = delivery.status.value
        now = self.runtime.clock.now()
        async with self.runtime.store.unit() as uow:
            if delivery.status is DeliveryStatus.DELIVERED:
                await uow.outbox.mark_delivered(message.id, delivery.reference, now)
                report.delivered += 1
            elif (
                delivery.status is DeliveryStatus.RETRY and message.attempts + 1 < self.max_attempts
            ):
                wait = max(
                    timedelta(seconds=delivery.retry_after or 0), backoff(message.attempts + 1)
                )
                await uow.outbox.mark_retry(message.id, now + wait, delivery_error)
                report.retried += 1
            else:
                reason = delivery.reason.value if delivery.reason else "gave-up"
                await uow.outbox.mark_failed(message.id, reason, now)
                await self._tell_admins(uow, message, reason, now)
                report.failed += 1
                log.warning("outbox row %s undeliverable: %s", message.id, reason)

    async def _tell_admins(
        self, uow: UnitOfWork, message: OutboxMessage, reason: str, now: datetime
    ) -> None:
        settings = await self.runtime.settings_for(uow, message.community_id)
        admin_channel = settings["admin_channel"]
        destination = message.destination
        if not admin_channel or (
            isinstance(destination, ChannelPost) and destination.channel_id == admin_channel
        ):
            return  # nowhere to report, or the report itself failed: /admin deliveries shows it
        text = texts.DELIVERY_FAILED_ADMIN.format(
            target=describe(destination),
            reason=texts.DELIVERY_REASONS.get(reason, reason),
            advice=texts.DELIVERY_ADVICE.get(reason, ""),
        )
        await uow.outbox.enqueue(
            message.community_id,
            f"delivery-failed:{message.id}",
            ChannelPost(admin_channel),
            Reply(text=text),
            None,
            now,
        )


def describe(destination: Destination) -> str:
    """A short human description of where a message was going, for admins."""
    match destination:
        case DirectMessage(member_id):
            return f"{mention(member_id)} by direct message"
        case ChannelPost(channel_id, None):
            return f"channel {channel_id}"
        case ChannelPost(channel_id, _):
            return f"a thread in channel {channel_id}"
        case NewThread(channel_id, title):
            return f'a new thread "{title}" in channel {channel_id}'
        case PrivateSpace(member_ids, _):
            return "a private space for " + ", ".join(mention(m) for m in member_ids)
    return "somewhere"


async def send(
    messenger: Messenger, destination: Destination, reply: Reply, community_id: str
) -> Delivery:
    match destination:
        case DirectMessage(member_id):
            return await messenger.send_dm(member_id, reply)
        case ChannelPost(channel_id, thread_id):
            return await messenger.post(channel_id, reply, thread_id, community_id)
        case NewThread(channel_id, title):
            return await messenger.open_thread(channel_id, title, reply, community_id)
        case PrivateSpace(member_ids, title):
            return await messenger.open_private_space(member_ids, title, reply, community_id)
    raise TypeError(f"unknown destination {destination!r}")
