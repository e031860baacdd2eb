"""A round: every open request against every provider with room, solved exactly, then asked."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.features.asking import accept_or_decline, answer_by
from bot.features.proposals.market import Market
from bot.fit_table import FitTable, top_candidates
from bot.matching import Person, Score, assign, score
from bot.models import Member, Profile, RequestStatus
from bot.outbox import queue_dms
from bot.ports import UnitOfWork
from bot.replies import Reply, mention
from bot.settings import CommunitySettings
from bot.taxonomy import canonical_language

TOP_CANDIDATES = 20  # per request; more adds solver work and never changes who is best


def person(member: Member, profile: Profile | None, topics: tuple[str, ...]) -> Person:
    # Mentions, not names: they render as names on every platform, and a member's erasure
    # finds every stored message that speaks of them.
    if profile is None:
        return Person(member.id, mention(member.id), topics=frozenset(topics))
    return Person(
        id=member.id,
        name=mention(member.id),
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


async def run_round(
    market: Market,
    uow: UnitOfWork,
    community_id: str,
    settings: CommunitySettings,
    now: datetime,
    *,
    timings: dict[str, float] | None = None,
) -> list[Any]:
    """Ask the best free provider for each open request, maximising the community's total fit.
    `timings`, when given, receives the seconds each phase took (load, candidates, solve,
    write): what the end-to-end benchmark reports."""
    clock = _Phases(timings)
    # One round at a time per community, across processes: two would offer the same slot.
    await uow.hold(f"{market.feature}-round:{community_id}")
    requests = await market.repo(uow).requests(community_id, (RequestStatus.OPEN,))
    if not requests:
        return []
    room = {
        o.offer.member_id: o for o in await market.openings(uow, community_id, now) if o.free > 0
    }
    if not room:
        return []
    ids = [r.member_id for r in requests] + list(room)
    members = await uow.members.many(community_id, ids)
    profiles = await uow.profiles.many(community_id, ids)

    def here(member_id: str) -> bool:
        return member_id in members and not members[member_id].is_paused(now)

    providers = [
        market.provider(o.offer, members[m], profiles.get(m)) for m, o in room.items() if here(m)
    ]
    seekers = [r for r in requests if here(r.member_id)]
    apart = await market.kept_apart(uow, community_id, settings, now)
    minimum = market.minimum(settings)
    people = [market.seeker(r, members[r.member_id], profiles.get(r.member_id)) for r in seekers]
    clock.done("load")
    # Every fit at once, as arrays; score() below explains only the pairs chosen.
    table = FitTable(people, providers, now.date(), market.weights)
    blocked = [{table.provider_at[p] for p in apart(r) if p in table.provider_at} for r in seekers]
    rows, cols, points = top_candidates(
        table, minimum, market.must_share, blocked, per_seeker=TOP_CANDIDATES
    )
    clock.done("candidates")
    if not len(rows):
        return []
    capacities = [room[p.id].free for p in providers]
    chosen = assign(rows, cols, points, capacities, len(seekers), minimum)
    clock.done("solve")
    fits = {
        i: score(people[i], providers[int(j)], now.date(), market.weights)
        for i, j in enumerate(chosen)
        if j >= 0
    }
    pairs = [
        (seekers[i], providers[int(j)].id, fits[i], None) for i, j in enumerate(chosen) if j >= 0
    ]
    asked = await ask_many(market, uow, pairs, profiles, settings, now)
    clock.done("write")
    return asked


class _Phases:
    """Seconds per phase of a round, into `timings` when the caller wants them."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self.last = timings, time.perf_counter()

    def done(self, phase: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[phase] = self.timings.get(phase, 0.0) + now - self.last
        self.last = now


async def ask(
    market: Market,
    uow: UnitOfWork,
    request: Any,
    provider_id: str,
    fit: Score,
    profiles: dict[str, Profile],
    settings: CommunitySettings,
    now: datetime,
    *,
    why: str | None = None,
) -> Any:
    """Record one question and DM it to the provider; see `ask_many`."""
    asked = await ask_many(market, uow, [(request, provider_id, fit, why)], profiles, settings, now)
    return asked[0]


async def ask_many(
    market: Market,
    uow: UnitOfWork,
    asks: Sequence[tuple[Any, str, Score, str | None]],
    profiles: dict[str, Profile],
    settings: CommunitySettings,
    now: datetime,
) -> list[Any]:
    """Record the questions, (request, provider, fit, why) each, and DM each to its provider
    with Accept and Decline, in a few trips to the store however many there are. `why` is what
    the provider is told about the choice; by default, the fit's own explanation."""
    if not asks:
        return []
    expiry: timedelta = settings["proposal_expiry"]
    repo = market.repo(uow)
    whys = [why or fit.explanation() for _, _, fit, why in asks]
    questions = await repo.add_questions(
        [
            (request, provider, fit.total, why)
            for (request, provider, fit, _), why in zip(asks, whys, strict=True)
        ],
        now,
        now + expiry,
    )
    await repo.set_requests_status([r.id for r, *_ in asks], RequestStatus.PROPOSED, now)
    messages = []
    for (request, provider_id, _, _), why, question in zip(asks, whys, questions, strict=True):
        profile = profiles.get(provider_id)
        deadline = answer_by(question.expires_at, profile.timezone if profile else None, expiry)
        reply = Reply(
            title=market.texts.question_title,
            text=market.texts.question_text.format(
                seeker=mention(request.member_id),
                goal=request.goal,
                why=why,
                deadline=deadline,
            ),
            fields=market.question_fields(request, profiles),
            buttons=accept_or_decline(market.prefix, question.id),
        )
        messages.append((provider_id, f"{market.question_key}:{question.id}", reply))
    await queue_dms(uow, asks[0][0].community_id, messages, now)
    return questions
