"""Rounds and arrivals: every open request against every provider with room, solved exactly,
then asked; and, in a large community, one arriving request asked of its best free provider."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from bot.features.proposals.market import Market
from bot.features.proposals.model import RequestStatus
from bot.features.proposals.questions import ask_many
from bot.fit_table import FitTable, ProviderSide, top_candidates
from bot.matching import Person, Score, assign, score
from bot.models import Profile
from bot.ports import UnitOfWork
from bot.replies import mention
from bot.runtime import Runtime
from bot.settings import CommunitySettings
from bot.taxonomy import canonical_language

# Each request's best few. Measured on 50,000 x 10,000 (seeds 1-3): 12 serve as many requests
# as 20, with a total fit 0.1% higher (later passes place whoever the first leaves) and the
# exact solve 1 s faster; more only adds solver work.
TOP_CANDIDATES = 12
PASSES = 4  # the round, then whoever is left against the room left (rarely needs all)


def person(member_id: str, profile: Profile | None, topics: tuple[str, ...]) -> Person:
    # Mentions, not names: they render as names on every platform, and a member's erasure
    # finds every stored message that speaks of them.
    if profile is None:
        return Person(member_id, mention(member_id), topics=frozenset(topics))
    return Person(
        id=member_id,
        name=mention(member_id),
        timezone=profile.timezone,
        phase=profile.phase.value if profile.phase else None,
        role=profile.role,
        industry=profile.industry,
        target_role=profile.target_role,
        target_industry=profile.target_industry,
        topics=frozenset(topics),
        # Profiles saved before languages had short forms may hold "en": read it as English.
        languages=frozenset(
            canonical_language(language) or language.strip().title()
            for language in profile.languages
        ),
    )


# A round of up to this many (open request, provider) pairs costs a few milliseconds, so the
# event that may allow a pair runs it at once. Larger communities ask an arriving request's best
# free provider at once and run their exact round at the next tick, once, off the write lock.
@dataclass(frozen=True)
class _Snapshot:
    """What a round reads: open requests of members who are here, providers with room."""

    seekers: list[Any]
    people: list[Person]
    providers: list[Person]
    free: dict[str, int]
    apart: Callable[[Any], set[str]]
    profiles: dict[str, Profile]


async def _snapshot(
    market: Market, uow: UnitOfWork, community_id: str, settings: CommunitySettings, now: datetime
) -> _Snapshot | None:
    requests = await market.repo(uow).requests(community_id, (RequestStatus.OPEN,))
    if not requests:
        return None
    room = {
        o.offer.member_id: o for o in await market.openings(uow, community_id, now) if o.free > 0
    }
    if not room:
        return None
    ids = [r.member_id for r in requests] + list(room)
    members = await uow.members.many(community_id, ids)
    profiles = await uow.profiles.many(community_id, ids)

    def here(member_id: str) -> bool:
        return member_id in members and not members[member_id].is_paused(now)

    providers = [
        market.provider(o.offer, members[m], profiles.get(m)) for m, o in room.items() if here(m)
    ]
    seekers = [r for r in requests if here(r.member_id)]
    if not seekers or not providers:
        return None
    return _Snapshot(
        seekers=seekers,
        people=[market.seeker(r, members[r.member_id], profiles.get(r.member_id)) for r in seekers],
        providers=providers,
        free={p.id: room[p.id].free for p in providers},
        apart=await market.kept_apart(uow, community_id, settings, now),
        profiles=profiles,
    )


def _plan(
    market: Market, snap: _Snapshot, minimum: int, now: datetime, clock: _Phases
) -> list[tuple[Any, str, Score]]:
    """The pairing with the greatest total fit: (request, provider, fit) for each request
    that gets someone. Each request's best few providers are mostly the same popular ones,
    so whoever is left then gets another pass among the providers with room left over (whose
    room would otherwise sit unused while requests wait), until a pass finds nobody more.
    Every fit is computed at once, as arrays; score() explains only the pairs chosen."""
    room = np.array([snap.free[p.id] for p in snap.providers], dtype=np.int64)
    chosen = np.full(len(snap.seekers), -1, dtype=np.int64)
    for _ in range(PASSES):
        left = room - np.bincount(chosen[chosen >= 0], minlength=len(room))
        seekers, providers = np.flatnonzero(chosen < 0), np.flatnonzero(left > 0)
        if not len(seekers) or not len(providers):
            break
        found = _solve(market, snap, seekers, providers, left, minimum, now, clock)
        chosen[seekers] = found
        if not (found >= 0).any():
            break
    plan = [
        (
            snap.seekers[i],
            snap.providers[j].id,
            score(snap.people[i], snap.providers[j], now.date(), market.weights),
        )
        for i, j in enumerate(chosen.tolist())
        if j >= 0
    ]
    clock.done("solve")  # the explanations of the pairs chosen belong to the solution
    return plan


def _solve(
    market: Market,
    snap: _Snapshot,
    seekers: np.ndarray,
    providers: np.ndarray,
    capacities: np.ndarray,
    minimum: int,
    now: datetime,
    clock: _Phases,
) -> np.ndarray:
    """For the seekers at these indexes, the index of the provider each gets among these
    providers (or -1): their best candidates, then the exact assignment."""
    side = ProviderSide([snap.providers[j] for j in providers], now.date(), market.weights)
    table = FitTable([snap.people[i] for i in seekers], side)
    blocked = [
        {table.provider_at[p] for p in snap.apart(snap.seekers[i]) if p in table.provider_at}
        for i in seekers
    ]
    rows, cols, points = top_candidates(
        table, minimum, market.must_share, blocked, per_seeker=TOP_CANDIDATES
    )
    clock.done("candidates")
    if not len(rows):
        return np.full(len(seekers), -1, dtype=np.int64)
    local = assign(rows, cols, points, capacities[providers], len(seekers), minimum)
    clock.done("solve")
    return np.where(local >= 0, providers[local], -1)


async def run_round(
    market: Market,
    uow: UnitOfWork,
    community_id: str,
    settings: CommunitySettings,
    now: datetime,
    *,
    timings: dict[str, float] | None = None,
) -> list[Any]:
    """Ask the best free provider for each open request, maximising the community's total fit,
    inside the caller's transaction: for small communities and an organiser's "match now".
    `timings`, when given, receives the seconds each phase took (load, candidates, solve,
    write): what the end-to-end benchmark reports."""
    clock = _Phases(timings)
    await uow.hold(_round_lock(market, community_id))
    snap = await _snapshot(market, uow, community_id, settings, now)
    clock.done("load")
    if snap is None:
        return []
    pairs = _plan(market, snap, market.minimum(settings), now, clock)
    asks = [(request, provider, fit, None) for request, provider, fit in pairs]
    asked = await ask_many(market, uow, asks, snap.profiles, settings, now)
    clock.done("write")
    return asked


async def round_outside_lock(
    market: Market,
    runtime: Runtime,
    community_id: str,
    now: datetime,
    *,
    timings: dict[str, float] | None = None,
) -> list[Any]:
    """A whole community's exact round that never holds the write lock while it thinks: a
    snapshot is read, the pairing computed outside any transaction (in a thread, so the bot
    keeps answering), then written in a short transaction that re-checks every pair. Whatever
    changed meanwhile (a request taken or withdrawn, a slot filled, a pause) waits for the
    next round."""
    with _collector_paused():
        return await _round_outside_lock(market, runtime, community_id, now, _Phases(timings))


async def _round_outside_lock(
    market: Market, runtime: Runtime, community_id: str, now: datetime, clock: _Phases
) -> list[Any]:
    async with runtime.store.unit(read_only=True) as uow:
        settings = await runtime.settings_for(uow, community_id)
        snap = await _snapshot(market, uow, community_id, settings, now)
    clock.done("load")
    if snap is None:
        return []
    minimum = market.minimum(settings)
    pairs = await asyncio.to_thread(_plan, market, snap, minimum, now, clock)
    async with runtime.store.unit() as uow:
        await uow.hold(_round_lock(market, community_id))
        pairs, paused = await _still_free(market, uow, community_id, settings, now, pairs)
        asks = [(request, provider, fit, None) for request, provider, fit in pairs]
        asked = await ask_many(market, uow, asks, snap.profiles, settings, now, paused)
    runtime.outbox_ready()
    clock.done("write")
    return asked


def _round_lock(market: Market, community_id: str) -> str:
    """One round's writing at a time per community, across processes: two would offer the
    same slot."""
    return f"{market.feature}-round:{community_id}"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A large round holds a few hundred thousand objects until it ends, and Python's cycle
    collector would walk them all again and again: measured, a fifth of the round. It is
    paused for the round (seconds) and resumed after; a round makes no reference cycles."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


async def _still_free(
    market: Market,
    uow: UnitOfWork,
    community_id: str,
    settings: CommunitySettings,
    now: datetime,
    pairs: list[tuple[Any, str, Score]],
) -> tuple[list[tuple[Any, str, Score]], set[str]]:
    """The planned pairs that still hold now: the request open, the provider with room and
    an offer, neither paused, and nothing since keeping them apart (a decline, a meeting);
    and who is paused now. (Someone who erased their data has no request or offer left.)"""
    if not pairs:
        return [], set()
    still_open = await market.repo(uow).open_request_ids(community_id)
    room = {o.offer.member_id: o.free for o in await market.openings(uow, community_id, now)}
    paused = await uow.members.paused(community_id, now)
    apart = await market.kept_apart(uow, community_id, settings, now)
    kept = []
    for request, provider, fit in pairs:
        if (
            request.id in still_open
            and room.get(provider, 0) > 0
            and provider not in paused
            and request.member_id not in paused
            and provider not in apart(request)
        ):
            room[provider] -= 1
            kept.append((request, provider, fit))
    return kept, paused


class _Phases:
    """Seconds per phase of a round, into `timings` when the caller wants them."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def done(self, phase: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[phase] = self.timings.get(phase, 0.0) + now - self.last
        self.last = now
