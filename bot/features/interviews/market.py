"""Informational interviews as the consent-first engine sees them: a switcher asks, someone
already doing the job is asked first."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from bot.context import Context
from bot.features.interviews import texts
from bot.features.interviews.model import MONTH, InterviewOffer, InterviewRequest, PairingStatus
from bot.features.interviews.waiting import waiting_reason
from bot.features.proposals import Market, MarketTexts, Opening, person
from bot.hooks import Away
from bot.matching import INTERVIEWS, Person
from bot.models import Member, Profile
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Field, Reply
from bot.settings import CommunitySettings

MIN_SCORE = 25


def still_paired(status: str, asked_at: datetime, offer: InterviewOffer) -> bool:
    """Whether an earlier pairing keeps these two apart. A conversation agreed or held, a
    decline, or a question still open stand; a lapse or a release (paused, DMs closed, left)
    only until the volunteer offers again."""
    if status in (PairingStatus.EXPIRED, PairingStatus.RELEASED):
        return asked_at >= (offer.confirmed_at or offer.created_at)
    return True


class InterviewMarket(Market):
    feature = "interviews"
    prefix = "interview"
    question_key = "interview-ask"
    seeker_word = "member"
    provider_word = "volunteer"
    weights = INTERVIEWS
    # What a conversation about someone's job is for: the volunteer does the role they want, or
    # works in the industry they want. Shared hours and a language alone don't make a pair.
    must_share = frozenset({"role", "industry"})
    texts = MarketTexts.of(texts)

    def minimum(self, settings: CommunitySettings) -> int:
        return MIN_SCORE

    async def openings(
        self,
        uow: UnitOfWork,
        community_id: str,
        now: datetime,
        only: Sequence[str] | None = None,
    ) -> list[Opening]:
        """Room is a monthly quota: questions open, agreed or held in the last 30 days count."""
        load = await uow.interviews.load_since(community_id, now - MONTH, only)
        return [
            Opening(o, o.per_month - load.get(o.member_id, 0))
            for o in await uow.interviews.offers(community_id, member_ids=only)
        ]

    async def with_room(self, uow: UnitOfWork, community_id: str, now: datetime) -> set[str]:
        return await uow.interviews.with_room_since(community_id, now - MONTH)

    def seeker(self, request: InterviewRequest, member: Member, profile: Profile | None) -> Person:
        # Whichever part of the switch they keep counts as a target too: same industry, new role.
        keeping = request.target_industry or (profile.industry if profile else None)
        return dataclasses.replace(
            person(member.id, profile, ()),
            target_role=request.target_role,
            target_industry=keeping,
        )

    def provider(self, offer: InterviewOffer, member: Member, profile: Profile | None) -> Person:
        return dataclasses.replace(
            person(member.id, profile, offer.topics), role=offer.role, industry=offer.industry
        )

    async def kept_apart(
        self,
        uow: UnitOfWork,
        community_id: str,
        settings: CommunitySettings,
        now: datetime,
        only: InterviewRequest | None = None,
    ) -> Callable[[InterviewRequest], set[str]]:
        earlier: dict[str, dict[str, tuple[str, datetime]]] = defaultdict(dict)
        requester = only.member_id if only else None
        for (seeker, volunteer), before in (
            await uow.interviews.asked_before(community_id, requester)
        ).items():
            earlier[seeker][volunteer] = before
        volunteers = list(earlier.get(requester, {})) if requester is not None else None
        offers = {
            o.member_id: o for o in await uow.interviews.offers(community_id, member_ids=volunteers)
        }

        def apart(request: InterviewRequest) -> set[str]:
            return {
                volunteer
                for volunteer, before in earlier.get(request.member_id, {}).items()
                if volunteer in offers and still_paired(*before, offers[volunteer])
            }

        return apart

    async def waiting_reason(
        self,
        uow: UnitOfWork,
        request: InterviewRequest,
        settings: CommunitySettings,
        now: datetime,
        cache: dict[str, Any],
    ) -> str:
        return await waiting_reason(self, uow, request, settings, now)

    def question_fields(
        self, request: InterviewRequest, profiles: dict[str, Profile]
    ) -> tuple[Field, ...]:
        fields = [Field("Wants to become", request.target_role, inline=True)]
        if request.target_industry:
            fields.append(Field("In", request.target_industry, inline=True))
        requester = profiles.get(request.member_id)
        if requester is not None and requester.role:
            now_doing = requester.role + (f" in {requester.industry}" if requester.industry else "")
            fields.append(Field("Now", now_doing, inline=True))
        return tuple(fields)

    async def partner_away(self, ctx: Context, uow: UnitOfWork, away: Away) -> None:
        """On erasure a conversation agreed but not yet held is closed, with a note to the other
        side that never names them (their erasure would remove it)."""
        if away is not Away.ERASED:
            return
        community, me, now = ctx.community_id, ctx.actor.id, ctx.now
        for pairing in await uow.interviews.pairings(community, me, (PairingStatus.ACCEPTED,)):
            await uow.interviews.set_question(pairing.id, PairingStatus.RELEASED, now)
            key, note = f"interview-left:{pairing.id}", Reply(texts.PARTNER_LEFT)
            await queue_dm(uow, community, pairing.partner_of(me), key, note, now)


MARKET = InterviewMarket()
