"""Why an interview request still waits, from the real obstacle: nobody does that work here,
those who do are on a break or have had their month's conversations, all have been asked, or
they fit too little to ask."""

from __future__ import annotations

from datetime import datetime

from bot.features.interviews import texts
from bot.features.interviews.model import MONTH, InterviewOffer, InterviewRequest, PairingStatus
from bot.features.proposals import Market
from bot.matching import Score, score
from bot.ports import UnitOfWork
from bot.settings import CommunitySettings
from bot.timefmt import local_date

COUNTED = (PairingStatus.PENDING, PairingStatus.ACCEPTED, PairingStatus.DONE)


async def waiting_reason(
    market: Market,
    uow: UnitOfWork,
    request: InterviewRequest,
    settings: CommunitySettings,
    now: datetime,
) -> str:
    community, seeker_id = request.community_id, request.member_id
    offers = await uow.interviews.offers(community) + await uow.interviews.offers(
        community, active=False
    )
    ids = [seeker_id, *(o.member_id for o in offers)]
    members = await uow.members.many(community, ids)
    profiles = await uow.profiles.many(community, ids)
    seeker = market.seeker(request, members[seeker_id], profiles.get(seeker_id))

    def fit(offer: InterviewOffer) -> Score:
        provider = market.provider(offer, members[offer.member_id], profiles.get(offer.member_id))
        return score(seeker, provider, now.date(), market.weights)

    doing = [
        o
        for o in offers
        if o.member_id in members and o.member_id != seeker_id and market.fits(fit(o))
    ]
    if not doing:
        return texts.WAITING_NOBODY.format(role=request.target_role)
    here = [o for o in doing if o.active and not members[o.member_id].is_paused(now)]
    if not here:
        return texts.WAITING_AWAY
    load = await uow.interviews.load_since(community, now - MONTH)
    with_room = [o for o in here if o.per_month > load.get(o.member_id, 0)]
    if not with_room:
        opens = [await _room_opens(uow, community, o.member_id, now) for o in here]
        zone = profiles[seeker_id].timezone if seeker_id in profiles else None
        return texts.WAITING_FULL.format(date=local_date(min(opens), zone))
    blocked = (await market.kept_apart(uow, community, settings, now))(request)
    if all(o.member_id in blocked for o in with_room):
        return texts.WAITING_ASKED
    return texts.WAITING_LOW_FIT


async def _room_opens(
    uow: UnitOfWork, community: str, volunteer_id: str, now: datetime
) -> datetime:
    """When the oldest conversation counted against this month's quota stops counting."""
    counted = [
        p.created_at
        for p in await uow.interviews.pairings(community, volunteer_id, COUNTED)
        if p.volunteer_id == volunteer_id and p.created_at >= now - MONTH
    ]
    return min(counted) + MONTH if counted else now
