"""Housekeeping on every tick: forget old duplicate-protection keys and delivered messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.commands import Catalogue
from bot.runtime import Runtime

commands = Catalogue()

# Platforms re-deliver within minutes (Slack retries for about five); a week is ample.
IDEMPOTENCY_KEEP = timedelta(days=7)
DELIVERED_KEEP = timedelta(days=30)


@commands.due("forget-old-keys")
async def forget_old_keys(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        return await uow.idempotency.forget_before(now - IDEMPOTENCY_KEEP)


@commands.due("purge-delivered")
async def purge_delivered(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        return await uow.outbox.purge_finished_before(now - DELIVERED_KEEP)
