"""Who can be asked: a mentor's free slots, and whether an earlier question still stands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.features.mentoring.model import MentorOffer
from bot.features.proposals.model import ProposalStatus
from bot.ports import UnitOfWork


async def free_slots(
    uow: UnitOfWork,
    community_id: str,
    offers: Sequence[MentorOffer],
    only: Sequence[str] | None = None,
) -> dict[str, int]:
    """Each of these mentors' capacity minus running mentorships and open questions to them;
    `only`, when the offers are a few mentors', counts just theirs."""
    load = await uow.mentoring.load_of(community_id, only)
    return {o.member_id: o.capacity - load.get(o.member_id, 0) for o in offers}


def still_asked(status: ProposalStatus, asked_at: datetime, confirmed_at: datetime) -> bool:
    """Whether an earlier question keeps a mentor from being asked about a request again. A
    decline is an answer that stands; a lapse or a release (paused, DMs closed, stopped) only
    until the mentor confirms they're available again (`/mentor offer`, "Still available")."""
    return status is ProposalStatus.DECLINED or asked_at >= confirmed_at
