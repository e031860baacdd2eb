"""Delivering the outbox: within each platform's rate limit, in order per destination, with
retries and backoff, Retry-After honoured, and what can't be delivered reported to the admins."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import texts
from bot.context import platform_of
from bot.delivery import describe, lane_of, send
from bot.models import OutboxMessage
from bot.pacing import SharedPacer
from bot.ports import (
    ChannelPost,
    Delivery,
    DeliveryStatus,
    Messenger,
    UndeliverableReason,
    UnitOfWork,
)
from bot.replies import Reply
from bot.runtime import Runtime
from bot.sending import SendProgress, finished, sending

log = logging.getLogger(__name__)


@dataclass
class DrainReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retried + self.failed


# Recording a sent batch is tried this often, waiting 0.1 s, 0.2 s, 0.4 s … in between.
RECORD_ATTEMPTS = 5
RECORD_BACKOFF_SECONDS = 0.1


def backoff(attempts: int) -> timedelta:
    """Exponential backoff, 5 s doubling up to an hour."""
    return timedelta(seconds=min(3600, 5 * 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Outcome:
    message: OutboxMessage
    delivery: Delivery
    error: str


class OutboxSender:
    """Drains the outbox through each platform's Messenger, in any number of processes at once.

    Each batch is claimed with a lease (another process takes it over if this one dies), sent
    with shared pacing, several destinations at a time but each destination in order, and its
    outcomes recorded in one transaction. A crash re-sends at most the batch in flight.
    """

    def __init__(
        self,
        runtime: Runtime,
        messengers: Mapping[str, Messenger],
        *,
        rate_per_second: float | None = None,
        max_attempts: int = 8,
        batch_size: int = 100,
        poll_seconds: float = 5.0,
        lease: timedelta = timedelta(minutes=2),
        in_flight: int = 16,
    ) -> None:
        self.runtime = runtime
        self.messengers = dict(messengers)
        self.pacer = SharedPacer(runtime.store, rate_per_second)
        self.max_attempts = max_attempts
        # A batch must be sent well within its lease: at most a quarter of it at the rate.
        paced_limit = int(rate_per_second * lease.total_seconds() / 4) if rate_per_second else 0
        self.batch_size = max(1, min(batch_size, paced_limit)) if paced_limit else batch_size
        self.poll_seconds = poll_seconds
        self.lease = lease
        self.in_flight = in_flight
        self._unrecorded: list[Outcome] = []  # sent, but the database refused the record

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
        if self._unrecorded:
            unrecorded, self._unrecorded = self._unrecorded, []
            await self._record(unrecorded, report)
        recording: asyncio.Task | None = None
        upcoming = asyncio.create_task(self._claim())
        try:
            while True:
                batch = await upcoming
                if not batch:
                    if recording is None:
                        return report
                    await recording  # recording may queue admin notices: look once more
                    recording = None
                    upcoming = asyncio.create_task(self._claim())
                    continue
                # Claim the next batch and record the last one while this one goes out, so
                # the platform's rate, not our bookkeeping, sets the pace.
                upcoming = asyncio.create_task(self._claim())
                outcomes = await self._send_batch(batch)
                if recording is not None:
                    await recording
                recording = asyncio.create_task(self._record(outcomes, report))
        except BaseException:
            await asyncio.shield(self._stop(upcoming, recording))
            raise

    async def _claim(self) -> list[OutboxMessage]:
        async with self.runtime.store.unit() as uow:
            return await uow.outbox.claim(
                self.runtime.clock.now(), self.batch_size, tuple(self.messengers), self.lease
            )

    async def _stop(self, upcoming: asyncio.Task, recording: asyncio.Task | None) -> None:
        """Finish recording what was sent; hand back a batch claimed ahead and not sent."""
        if recording is not None:
            await asyncio.gather(recording, return_exceptions=True)
        if not upcoming.done():
            upcoming.cancel()  # a claim cut short rolls back: nothing was taken
        await asyncio.gather(upcoming, return_exceptions=True)
        if not upcoming.cancelled() and upcoming.exception() is None:
            await self._hand_back(upcoming.result())

    async def _send_batch(self, batch: list[OutboxMessage]) -> list[Outcome]:
        for pace, count in Counter(self._pace_of(m) for m in batch).items():
            await self.pacer.reserve(pace, count)
        # One lane per destination keeps its messages in order; lanes run side by side.
        lanes: dict[tuple, list[OutboxMessage]] = {}
        for message in batch:
            lanes.setdefault(lane_of(message), []).append(message)
        outcomes: list[Outcome] = []
        slots = asyncio.Semaphore(self.in_flight)

        async def run_lane(messages: list[OutboxMessage]) -> None:
            for message in messages:
                async with slots:
                    await self.pacer.turn(self._pace_of(message))
                    outcomes.append(await self._attempt(message, platform_of(message.community_id)))

        tasks = [asyncio.create_task(run_lane(lane)) for lane in lanes.values()]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # Stopping (or a bug): record what was sent, hand the rest back for another process.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.shield(self._give_back(batch, outcomes))
            raise
        return outcomes

    def _pace_of(self, message: OutboxMessage) -> str:
        """Whose rate a send counts against: the platform's (one bot token everywhere, as on
        Discord) or, where each community has its own token and limits, the community's."""
        platform = platform_of(message.community_id)
        per_community = getattr(self.messengers[platform], "paced_per_community", False)
        return message.community_id if per_community else platform

    async def _attempt(self, message: OutboxMessage, platform: str) -> Outcome:
        progress = SendProgress(message.id, dict(message.progress), self._save_progress)
        token = sending(progress)
        try:
            delivery = await send(
                self.messengers[platform], message.destination, message.reply, message.community_id
            )
        except Exception as exc:  # a Messenger should not raise; treat it as worth a retry
            log.exception("messenger raised while sending outbox row %s", message.id)
            return Outcome(
                message,
                Delivery.retry(backoff(message.attempts + 1).total_seconds()),
                type(exc).__name__,
            )
        finally:
            finished(token)
        return Outcome(message, delivery, delivery.status.value)

    async def _save_progress(self, message_id: int, steps: dict[str, str]) -> None:
        async with self.runtime.store.unit() as uow:
            await uow.outbox.save_progress(message_id, steps)

    async def _give_back(self, batch: list[OutboxMessage], outcomes: list[Outcome]) -> None:
        await self._record(outcomes, DrainReport())
        done = {o.message.id for o in outcomes}
        await self._hand_back([m for m in batch if m.id not in done])

    async def _hand_back(self, unsent: list[OutboxMessage]) -> None:
        """Make claimed but unsent messages due again now, for whichever process is next."""
        if unsent:
            async with self.runtime.store.unit() as uow:
                await uow.outbox.release([m.id for m in unsent], self.runtime.clock.now())

    async def _record(self, outcomes: list[Outcome], report: DrainReport) -> None:
        """Record a sent batch's outcomes in one transaction, trying again if the database
        refuses (a lock, a dropped connection): what was sent must not be sent again."""
        if not outcomes:
            return
        for attempt in range(1, RECORD_ATTEMPTS + 1):
            counted = DrainReport()
            try:
                now = self.runtime.clock.now()
                async with self.runtime.store.unit() as uow:
                    for outcome in outcomes:
                        await self._record_one(uow, outcome, counted, now)
            except Exception:
                if attempt == RECORD_ATTEMPTS:
                    # Kept, not dropped: the next drain records them first. Their lease keeps
                    # other processes from sending them meanwhile.
                    log.exception("could not record %d sent messages; will retry", len(outcomes))
                    self._unrecorded.extend(outcomes)
                    return
                log.warning("recording sent messages failed (attempt %d); retrying", attempt)
                await asyncio.sleep(RECORD_BACKOFF_SECONDS * 2 ** (attempt - 1))
                continue
            report.delivered += counted.delivered
            report.retried += counted.retried
            report.failed += counted.failed
            return

    async def _record_one(
        self, uow: UnitOfWork, outcome: Outcome, report: DrainReport, now: datetime
    ) -> None:
        message, delivery = outcome.message, outcome.delivery
        hook = self.runtime.catalogue.delivery_hook(message.key)
        if delivery.status is DeliveryStatus.DELIVERED:
            await uow.outbox.mark_delivered(message.id, delivery.reference, now)
            report.delivered += 1
            if hook is not None:
                await hook(self.runtime, uow, message, None, now)
        elif delivery.status is DeliveryStatus.RETRY and message.attempts + 1 < self.max_attempts:
            wait = max(timedelta(seconds=delivery.retry_after or 0), backoff(message.attempts + 1))
            await uow.outbox.mark_retry(message.id, now + wait, outcome.error)
            report.retried += 1
        else:
            reason = delivery.reason.value if delivery.reason else "gave-up"
            await uow.outbox.mark_failed(message.id, reason, now)
            await self._tell_admins(uow, message, reason, now)
            if hook is not None:
                await hook(self.runtime, uow, message, reason, now)
            report.failed += 1
            log.warning("outbox row %s undeliverable: %s", message.id, reason)

    async def _tell_admins(
        self, uow: UnitOfWork, message: OutboxMessage, reason: str, now: datetime
    ) -> None:
        settings = await self.runtime.settings_for(uow, message.community_id)
        admin_channel = settings["admin_channel"]
        destination = message.destination
        if reason == UndeliverableReason.NOT_INSTALLED:
            return  # the app is gone from there: nobody in that community can be told
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
