"""Who can be asked: a mentor's free slots, and whether an earlier question still stands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.models import MentorOffer, ProposalStatus
from bot.ports import UnitOfWork


async def free_slots(
    uow: UnitOfWork, community_id: str, offers: Sequence[MentorOffer]
) -> dict[str, int]:
    """Each of these mentors' capacity minus running mentorships and open questions to them."""
    active = await uow.mentoring.mentorships(community_id)
    pending = await uow.mentoring.questions(community_id, ProposalStatus.PENDING)
    load = Counter(m.mentor_id for m in active) + Counter(p.mentor_id for p in pending)
    return {o.member_id: o.capacity - load[o.member_id] for o in offers}


def still_asked(status: ProposalStatus, asked_at: datetime, confirmed_at: datetime) -> bool:
    """Whether an earlier question keeps a mentor from being asked about a request again. A
    decline is an answer that stands; a lapse or a release (paused, DMs closed, stopped) only
    until the mentor confirms they're available again (`/mentor offer`, "Still available")."""
    return status is ProposalStatus.DECLINED or asked_at >= confirmed_at
