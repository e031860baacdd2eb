"""A question to a provider: recorded with its request, then sent by DM."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.features.asking import accept_or_decline, answer_by
from bot.features.proposals.market import Market
from bot.features.proposals.model import RequestStatus
from bot.matching import Score
from bot.models import Profile
from bot.ports import DirectMessage, UnitOfWork
from bot.replies import Reply, mention
from bot.settings import CommunitySettings


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
    paused: set[str] | None = None,
) -> list[Any]:
    """Record the questions, (request, provider, fit, why) each, and DM each to its provider
    with Accept and Decline, in a few trips to the store however many there are. `why` is what
    the provider is told about the choice; by default, the fit's own explanation. A paused
    provider's question is recorded but not sent, as `queue_dm` drops it; `paused`, when the
    caller just read who is paused in this transaction, saves reading it again."""
    if not asks:
        return []
    community_id = asks[0][0].community_id
    if paused is None:
        paused = await uow.members.paused(community_id, now)
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
    deadlines: dict[str | None, str] = {}  # every question shares its expiry: one per zone
    for (request, provider_id, _, _), why, question in zip(asks, whys, questions, strict=True):
        if provider_id in paused:
            continue
        profile = profiles.get(provider_id)
        zone = profile.timezone if profile else None
        if zone not in deadlines:
            deadlines[zone] = answer_by(question.expires_at, zone, expiry)
        reply = Reply(
            title=market.texts.question_title,
            text=market.texts.question_text.format(
                seeker=mention(request.member_id),
                goal=request.goal,
                why=why,
                deadline=deadlines[zone],
            ),
            fields=market.question_fields(request, profiles),
            buttons=accept_or_decline(market.prefix, question.id),
        )
        key = f"{market.question_key}:{question.id}"
        messages.append((key, DirectMessage(provider_id), reply, provider_id))
    await uow.outbox.enqueue_many(community_id, messages, now)
    return questions
