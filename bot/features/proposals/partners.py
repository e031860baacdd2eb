"""What follows an accepted question, the same in every feature: two partners, asked how it
went, and a member with several partnerships saying which one they mean."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from bot.errors import UserError
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Reply, mention


class Partnership(Protocol):
    def partner_of(self, member_id: str) -> str: ...


P = TypeVar("P", bound=Partnership)


async def ask_both(
    uow: UnitOfWork,
    community_id: str,
    pair: tuple[str, str],
    key: str,
    reply_for: Callable[[str, str], Reply],
    now: datetime,
) -> None:
    """Send each partner their own copy of a question, `reply_for(member, partner)`."""
    for member_id, partner_id in (pair, pair[::-1]):
        reply = reply_for(member_id, partner_id)
        await queue_dm(uow, community_id, member_id, f"{key}:{member_id}", reply, now)


def the_one_meant(
    running: Sequence[P],
    me: str,
    partner: str | None,
    *,
    none: str,
    which: str,
    none_with: str | None = None,
) -> P:
    """The partnership a command means: the only one, or the one with `partner` (`with:@sam`).
    Says `none` when there is none, `none_with` ({who}) when there's none with that partner,
    and `which` ({names}) when it's ambiguous."""
    if partner:
        running = [p for p in running if p.partner_of(me) == partner]
        if not running and none_with:
            raise UserError(none_with.format(who=mention(partner)))
    if not running:
        raise UserError(none)
    if len(running) > 1:
        raise UserError(which.format(names=", ".join(mention(p.partner_of(me)) for p in running)))
    return running[0]
