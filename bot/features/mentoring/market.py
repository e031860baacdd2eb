"""Mentoring as the consent-first engine sees it: who fits, who has room, what it says."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.context import Context
from bot.features.mentoring import texts
from bot.features.mentoring.availability import free_slots, still_asked
from bot.features.mentoring.model import MentorOffer, MentorRequest, Mentorship
from bot.features.mentoring.waiting import openings, waiting_reason
from bot.features.proposals import Market, MarketTexts, Opening, person
from bot.hooks import Away
from bot.matching import MENTORING, Person
from bot.models import Member, Profile
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Field, Reply
from bot.settings import CommunitySettings


async def look_again_for(uow: UnitOfWork, ship: Mentorship, now: datetime) -> MentorRequest | None:
    """The mentee of an ended mentorship waits again with the request that found it; the
    new request, if one was made."""
    earlier = await uow.mentoring.request(ship.request_id) if ship.request_id else None
    if (
        earlier is None
        or await uow.mentoring.open_request(ship.community_id, ship.mentee_id) is not None
    ):
        return None
    return await uow.mentoring.add_request(
        ship.community_id, ship.mentee_id, earlier.topics, earlier.goal, now
    )


class MentoringMarket(Market):
    feature = "mentoring"
    prefix = "mentor"
    question_key = "mentor-proposal"
    seeker_word = "mentee"
    provider_word = "mentor"
    weights = MENTORING
    texts = MarketTexts.of(texts)

    def minimum(self, settings: CommunitySettings) -> int:
        return settings["mentoring_min_score"]

    async def openings(
        self,
        uow: UnitOfWork,
        community_id: str,
        now: datetime,
        only: Sequence[str] | None = None,
    ) -> list[Opening]:
        offers = await uow.mentoring.offers(community_id, member_ids=only)
        slots = await free_slots(uow, community_id, offers, only)
        return [Opening(o, slots[o.member_id]) for o in offers]

    def seeker(self, request: MentorRequest, member: Member, profile: Profile | None) -> Person:
        return person(member.id, profile, request.topics)

    def provider(self, offer: MentorOffer, member: Member, profile: Profile | None) -> Person:
        return person(member.id, profile, offer.topics)

    async def with_room(self, uow: UnitOfWork, community_id: str, now: datetime) -> set[str]:
        return await uow.mentoring.with_room(community_id)

    async def kept_apart(
        self,
        uow: UnitOfWork,
        community_id: str,
        settings: CommunitySettings,
        now: datetime,
        only: MentorRequest | None = None,
    ) -> Callable[[MentorRequest], set[str]]:
        repeat = timedelta(weeks=settings["mentoring_repeat_weeks"])
        met: dict[str, set[str]] = defaultdict(set)
        one_mentee = only.member_id if only else None
        since = now - repeat
        for mentee, mentor in await uow.mentoring.paired_since(community_id, since, one_mentee):
            met[mentee].add(mentor)
        asked = await uow.mentoring.asked_mentors(community_id, only.id if only else None)
        mentors = sorted({mentor for by_mentor in asked.values() for mentor in by_mentor})
        offers = await uow.mentoring.offers(community_id, member_ids=mentors) if mentors else []
        confirmed = {o.member_id: o.confirmed_at for o in offers}
        nobody: set[str] = set()

        def apart(request: MentorRequest) -> set[str]:
            earlier = asked.get(request.id)
            if not earlier:  # most requests in a round: nobody asked yet
                return met.get(request.member_id, nobody)
            still = {
                mentor
                for mentor, before in earlier.items()
                if mentor in confirmed and still_asked(*before, confirmed[mentor])
            }
            return met.get(request.member_id, nobody) | still

        return apart

    async def waiting_reason(
        self,
        uow: UnitOfWork,
        request: MentorRequest,
        settings: CommunitySettings,
        now: datetime,
        cache: dict[str, Any],
    ) -> str:
        community = request.community_id
        if community not in cache:  # read once per community, not once per request
            cache[community] = await openings(uow, community, settings, now)
        return (await waiting_reason(uow, request, settings, now, cache[community])).text

    def question_fields(
        self, request: MentorRequest, profiles: dict[str, Profile]
    ) -> tuple[Field, ...]:
        fields = [Field("Wants to learn", ", ".join(request.topics))]
        mentee = profiles.get(request.member_id)
        if mentee is not None:
            if mentee.target_role:
                fields.append(Field("Heading for", mentee.target_role, inline=True))
            if mentee.bio:
                fields.append(Field("About them", mentee.bio))
        return tuple(fields)

    async def partner_away(self, ctx: Context, uow: UnitOfWork, away: Away) -> None:
        """On erasure their mentorships end with a note to the partner; a mentee whose mentor
        left waits again with the request that found them."""
        if away is not Away.ERASED:
            return
        community, me, now = ctx.community_id, ctx.actor.id, ctx.now
        for ship in await uow.mentoring.mentorships(community, member_id=me):
            await uow.mentoring.end_mentorship(ship.id, now, "partner left")
            if ship.mentor_id == me:
                await look_again_for(uow, ship, now)
            text = texts.MENTOR_LEFT if ship.mentor_id == me else texts.MENTEE_LEFT
            key = f"mentor-partner-left:{ship.id}"
            await queue_dm(uow, community, ship.partner_of(me), key, Reply(text=text), now)


MARKET = MentoringMarket()
