"""Arrivals: every event that may allow a new pair calls `match_soon`. A small community's exact
round runs at once; in a large one, each arriving request is asked of its best free provider
now, and the whole round waits for the next tick."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np

from bot.features.proposals.market import Market, Opening
from bot.features.proposals.model import RequestStatus
from bot.features.proposals.questions import ask
from bot.features.proposals.rounds import run_round
from bot.fit_table import FitTable, ProviderSide
from bot.matching import score
from bot.ports import UnitOfWork
from bot.settings import CommunitySettings

# Above this many request x provider pairs a round runs off the write lock, once a tick.
ROUND_AT_ONCE_PAIRS = 250_000
ARRIVAL_BATCH = 20  # an arrival checks its best providers' room this many at a time
PROVIDERS_KEPT = timedelta(minutes=10)  # how long an arrival reuses a community's providers
PROVIDERS_MEMO = "-providers"  # the memo key's end


async def match_soon(
    market: Market,
    uow: UnitOfWork,
    community_id: str,
    settings: CommunitySettings,
    now: datetime,
    *requests: Any,
) -> list[Any]:
    """What every event that may allow a new pair calls (a request made or back, a slot
    freed, an offer changed). A small community's exact round runs at once. A large one's
    waits for the next tick, and `requests` (open: made, or back after a decline, a lapse, a
    provider who went away) are each asked of their best free provider now. Returns the
    questions asked now."""
    if not await is_large(market, uow, community_id):
        return await run_round(market, uow, community_id, settings, now)
    await uow.rounds.want(market.feature, community_id)
    asked = [await ask_best_free(market, uow, request, settings, now) for request in requests]
    return [question for question in asked if question is not None]


async def is_large(market: Market, uow: UnitOfWork, community_id: str) -> bool:
    """Whether the community's whole round is too big to run inside an event's transaction."""
    requests, offers = await market.repo(uow).round_size(community_id)
    return requests * offers > ROUND_AT_ONCE_PAIRS


async def ask_best_free(
    market: Market, uow: UnitOfWork, request: Any, settings: CommunitySettings, now: datetime
) -> Any | None:
    """Ask one open request's best free provider at once: one row of fit against the
    community's providers (encoded once and kept a few minutes), then room, pauses and who is
    kept apart checked on the best few; the chosen provider's fit is scored afresh, so a
    changed offer or profile never asks on stale grounds. None when nobody fits now."""
    community_id, me = request.community_id, request.member_id
    if request.status != RequestStatus.OPEN:  # ended meanwhile (withdrawn, or one-provider)
        return None
    member = (await uow.members.many(community_id, [me])).get(me)
    if member is None or member.is_paused(now):
        return None
    side = await _providers(market, uow, community_id, now)
    if not len(side):
        return None
    profiles = await uow.profiles.many(community_id, [me])
    seeker = market.seeker(request, member, profiles.get(me))
    total, present = FitTable([seeker], side).rows(0, 1, market.must_share)
    row = total[0]
    if market.must_share:
        row = row * np.logical_or.reduce([present[part][0] for part in market.must_share])
    apart = (await market.kept_apart(uow, community_id, settings, now, only=request))(request)
    for provider_id in apart:
        row[side.columns_of.get(provider_id, [])] = 0
    minimum = max(1, market.minimum(settings))
    fitting = np.flatnonzero(row >= minimum)
    ranked = [side.ids[j] for j in fitting[np.argsort(-row[fitting], kind="stable")]]
    # Best first: the best few's room is one indexed read. After a round those are often
    # full, and then who has room at all is one quick read for the community.
    first = await _room(market, uow, community_id, now, ranked[:ARRIVAL_BATCH])
    if not first:
        free = await market.with_room(uow, community_id, now)
        ranked = [provider_id for provider_id in ranked if provider_id in free]
    for start in range(0, len(ranked), ARRIVAL_BATCH):
        batch = ranked[start : start + ARRIVAL_BATCH]
        room = first if start == 0 and first else await _room(market, uow, community_id, now, batch)
        if not room:
            continue
        members = await uow.members.many(community_id, list(room))
        profiles |= await uow.profiles.many(community_id, list(room))
        for provider_id in batch:
            if provider_id not in room or provider_id not in members:
                continue
            if members[provider_id].is_paused(now):
                continue
            provider = market.provider(
                room[provider_id].offer, members[provider_id], profiles.get(provider_id)
            )
            fit = score(seeker, provider, now.date(), market.weights)
            if fit.total >= minimum and market.fits(fit):
                return await ask(market, uow, request, provider_id, fit, profiles, settings, now)
    return None


async def _room(
    market: Market, uow: UnitOfWork, community_id: str, now: datetime, only: list[str]
) -> dict[str, Opening]:
    """These providers' openings where they have room, by member id."""
    if not only:
        return {}
    openings = await market.openings(uow, community_id, now, only)
    return {o.offer.member_id: o for o in openings if o.free > 0}


async def _providers(
    market: Market, uow: UnitOfWork, community_id: str, now: datetime
) -> ProviderSide:
    """The community's active providers, encoded for today and kept in the store's memo for a
    few minutes: arrivals then score one row without reading every provider again. Room,
    pauses and each chosen provider's own fit are always checked afresh."""
    key = f"{community_id}:{market.feature}{PROVIDERS_MEMO}"
    kept = uow.memo.get(key)
    if kept is not None:
        built_at, side = kept
        if built_at <= now < built_at + PROVIDERS_KEPT and side.on == now.date():
            return side
    openings = await market.openings(uow, community_id, now)
    ids = [o.offer.member_id for o in openings]
    members = await uow.members.many(community_id, ids)
    profiles = await uow.profiles.many(community_id, ids)
    side = ProviderSide(
        [
            market.provider(o.offer, members[o.offer.member_id], profiles.get(o.offer.member_id))
            for o in openings
            if o.offer.member_id in members
        ],
        now.date(),
        market.weights,
    )
    # Drop what has lapsed, so a process serving many communities keeps only the busy ones.
    lapsed = now - PROVIDERS_KEPT
    for stale in [k for k, v in uow.memo.items() if k.endswith(PROVIDERS_MEMO) and v[0] < lapsed]:
        del uow.memo[stale]
    uow.memo[key] = (now, side)
    return side
