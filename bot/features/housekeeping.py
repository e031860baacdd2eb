"""Housekeeping on every tick: forget old duplicate-protection keys, delivered messages and
abandoned form drafts."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.commands import Catalogue
from bot.runtime import Runtime

commands = Catalogue()

# Platforms re-deliver within minutes (Slack retries for about five); a week is ample.
IDEMPOTENCY_KEEP = timedelta(days=7)
DELIVERED_KEEP = timedelta(days=30)
# A form left open this long was abandoned (Slack closes a modal's session well before).
FORM_DRAFT_KEEP = timedelta(days=1)


@commands.due("forget-old-keys")
async def forget_old_keys(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        return await uow.idempotency.forget_before(now - IDEMPOTENCY_KEEP)


@commands.due("purge-delivered")
async def purge_delivered(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        return await uow.outbox.purge_finished_before(now - DELIVERED_KEEP)


@commands.due("forget-form-drafts")
async def forget_form_drafts(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        return await uow.forms.forget_before(now - FORM_DRAFT_KEEP)
