"""Asking one named provider outside the round: an organiser's pairing, or a seeker continuing
with someone they worked with before. The provider still says yes or no, and the usual walls
(met recently, asked before) are the asker's call to set aside: that's why they named them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.errors import UserError
from bot.features.proposals.answers import take_back_questions_about
from bot.features.proposals.arrivals import match_soon
from bot.features.proposals.market import Market
from bot.features.proposals.model import RequestStatus
from bot.features.proposals.questions import ask
from bot.matching import score
from bot.ports import UnitOfWork
from bot.replies import mention
from bot.settings import CommunitySettings

THEMSELVES = "Nobody can be paired with themselves."
NOT_OFFERING = "{who} isn't offering right now, so I can't ask them."
AWAY = "{who} is taking a break at the moment, so I can't ask them now."
NO_ROOM = "{who} has no free place right now. Once one opens, they can be asked."
NO_REQUEST = "{who} has no open request. They can make one first, then I'll ask."
ORGANISER_PICKED = "An organiser thought of you. {fit}"
MOVED_ON = (
    "An organiser has passed the request I asked you about to someone else, so that question "
    "is closed. Thank you for being willing."
)


async def ask_named(
    market: Market,
    uow: UnitOfWork,
    request: Any,
    provider_id: str,
    settings: CommunitySettings,
    now: datetime,
    *,
    by_organiser: bool = False,
) -> Any:
    """Ask `provider_id` about `request` now, or say plainly why they can't be asked."""
    community, seeker_id = request.community_id, request.member_id
    who = mention(provider_id)
    if provider_id == seeker_id:
        raise UserError(THEMSELVES)
    offer = await market.repo(uow).offer(community, provider_id)
    if offer is None or not offer.active:
        raise UserError(NOT_OFFERING.format(who=who))
    members = await uow.members.many(community, [seeker_id, provider_id])
    if provider_id not in members or members[provider_id].is_paused(now):
        raise UserError(AWAY.format(who=who))
    room = {o.offer.member_id: o.free for o in await market.openings(uow, community, now)}
    if room.get(provider_id, 0) <= 0:
        raise UserError(NO_ROOM.format(who=who))
    await _take_back_questions_about(market, uow, request, now)
    profiles = await uow.profiles.many(community, [seeker_id, provider_id])
    fit = score(
        market.seeker(request, members[seeker_id], profiles.get(seeker_id)),
        market.provider(offer, members[provider_id], profiles.get(provider_id)),
        now.date(),
        market.weights,
    )
    why = ORGANISER_PICKED.format(fit=fit.explanation()).strip() if by_organiser else None
    return await ask(market, uow, request, provider_id, fit, profiles, settings, now, why=why)


async def _take_back_questions_about(
    market: Market, uow: UnitOfWork, request: Any, now: datetime
) -> None:
    """A question already open on the request is closed first, and the request waits again."""
    await take_back_questions_about(market, uow, request, "moved-on", MOVED_ON, now)
    await market.repo(uow).set_request_status(request.id, RequestStatus.OPEN, now)


async def requeue(
    market: Market, uow: UnitOfWork, request: Any, settings: CommunitySettings, now: datetime
) -> list[Any]:
    """Move a request on now: a question waiting on someone is closed without counting against
    them, and a round asks the best free provider at once."""
    await _take_back_questions_about(market, uow, request, now)
    return await match_soon(market, uow, request.community_id, settings, now, request)
