"""The transactional outbox: a message is queued in the same transaction as the change that
causes it, so both happen or neither does. bot/sender.py delivers what is queued."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.ports import (
    Destination,
    DirectMessage,
    UnitOfWork,
)
from bot.replies import Reply

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
    urgent: bool = False,
    not_before: datetime | None = None,
) -> bool:
    """Queue a message in the caller's transaction. DMs to paused members are dropped (False).
    Urgent messages (crisis support) go out before anything else waiting; `not_before` holds a
    message back until then (a delivery hook may revise it and make it due sooner)."""
    recipient = destination.member_id if isinstance(destination, DirectMessage) else None
    if recipient is not None and not even_if_paused:
        member = await uow.members.get(community_id, recipient)
        if member is not None and member.is_paused(now):
            return False
    return await uow.outbox.enqueue(
        community_id, key, destination, reply, recipient, now, urgent=urgent, not_before=not_before
    )


async def queue_dm(
    uow: UnitOfWork,
    community_id: str,
    member_id: str,
    key: str,
    reply: Reply,
    now: datetime,
    *,
    even_if_paused: bool = False,
    urgent: bool = False,
) -> bool:
    """Queue a direct message to one member; see `queue`."""
    destination = DirectMessage(member_id)
    return await queue(
        uow,
        community_id,
        key,
        destination,
        reply,
        now,
        even_if_paused=even_if_paused,
        urgent=urgent,
    )
