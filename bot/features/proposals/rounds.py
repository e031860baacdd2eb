"""A round: every open request against every provider with room, solved exactly, then asked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.features.asking import accept_or_decline, answer_by
from bot.features.proposals.market import Market
from bot.matching import Person, Score, assign, score
from bot.models import Member, Profile, RequestStatus
from bot.outbox import queue_dm
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
    market: Market, uow: UnitOfWork, community_id: str, settings: CommunitySettings, now: datetime
) -> list[Any]:
    """Ask the best free provider for each open request, maximising the community's total fit."""
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
    rows, cols, points, fits = [], [], [], {}
    for i, request in enumerate(seekers):
        seeker = market.seeker(request, members[request.member_id], profiles.get(request.member_id))
        candidates = []
        for j, provider in enumerate(providers):
            if provider.id == seeker.id or apart(request, provider.id):
                continue
            fit = score(seeker, provider, now.date(), market.weights)
            if fit.total >= minimum and market.fits(fit):
                candidates.append((fit.total, j, fit))
        for total, j, fit in sorted(candidates, key=lambda c: -c[0])[:TOP_CANDIDATES]:
            rows.append(i)
            cols.append(j)
            points.append(total)
            fits[i, j] = fit
    if not rows:
        return []
    capacities = [room[p.id].free for p in providers]
    chosen = assign(rows, cols, points, capacities, len(seekers), minimum)
    return [
        await ask(market, uow, seekers[i], providers[j].id, fits[i, j], profiles, settings, now)
        for i, j in ((i, int(j)) for i, j in enumerate(chosen))
        if j >= 0
    ]


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
    """Record the question and DM it to the provider, with Accept and Decline. `why` is what
    they're told about the choice; by default, the fit's own explanation."""
    expiry: timedelta = settings["proposal_expiry"]
    repo, why = market.repo(uow), why or fit.explanation()
    question = await repo.add_question(request, provider_id, fit.total, why, now, now + expiry)
    await repo.set_request_status(request.id, RequestStatus.PROPOSED, now)
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
    key = f"{market.question_key}:{question.id}"
    await queue_dm(uow, request.community_id, provider_id, key, reply, now)
    return question
