"""Why a request is still waiting, from the real obstacle, with advice that actually helps.

"The mentors who cover your topics are full" is only honest when they are; a request can wait
because nobody covers its topics, because those who do are on a break, because each of them
has been asked already, or because the free ones fit less than the community's minimum. Advice
to add topics is never given for a low fit: topics count as a share of those asked for, so
adding one lowers the fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.features.mentoring import texts
from bot.features.mentoring.availability import free_slots, still_asked
from bot.features.mentoring.model import MentorOffer, MentorRequest
from bot.features.proposals import person
from bot.features.proposals.model import ProposalStatus
from bot.matching import MENTORING, score
from bot.models import Member, Profile
from bot.ports import UnitOfWork
from bot.settings import CommunitySettings


def _names(topics: Sequence[str]) -> str:
    return ", ".join(topics)


@dataclass(frozen=True)
class Reason:
    """What holds a request up: a short label for admins, and the note for the member."""

    label: str
    text: str


@dataclass(frozen=True)
class Openings:
    """What every waiting request of one community is weighed against, read once for all of
    them (the weekly notice and /admin mentoring look at many requests in a row)."""

    active: dict[str, MentorOffer]
    stopped: list[MentorOffer]
    slots: dict[str, int]
    asked: dict[int, dict[str, tuple[ProposalStatus, datetime]]]
    recent: set[tuple[str, str]]
    # Read once for every request weighed: active offers by topic, every topic any offer
    # (paused too) covers, and the members and profiles of mentors and of `seekers`.
    by_topic: dict[str, list[MentorOffer]] = field(default_factory=dict)
    covered: set[str] = field(default_factory=set)
    people: dict[str, Member] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)

    async def read_people(self, uow: UnitOfWork, community: str, ids: Sequence[str]) -> None:
        """Load the members and profiles of `ids` not read yet (seekers about to be weighed)."""
        missing = [i for i in dict.fromkeys(ids) if i not in self.people]
        if missing:
            self.people.update(await uow.members.many(community, missing))
            self.profiles.update(await uow.profiles.many(community, missing))


async def openings(
    uow: UnitOfWork, community: str, settings: CommunitySettings, now: datetime
) -> Openings:
    repeat = timedelta(weeks=settings["mentoring_repeat_weeks"])
    active = await uow.mentoring.offers(community)
    stopped = await uow.mentoring.offers(community, active=False)
    by_topic: dict[str, list[MentorOffer]] = {}
    for offer in active:
        for topic in offer.topics:
            by_topic.setdefault(topic, []).append(offer)
    known = Openings(
        active={o.member_id: o for o in active},
        stopped=stopped,
        slots=await free_slots(uow, community, active),
        asked=await uow.mentoring.asked_mentors(community),
        recent=await uow.mentoring.paired_since(community, now - repeat),
        by_topic=by_topic,
        covered={t for o in [*active, *stopped] for t in o.topics},
    )
    await known.read_people(uow, community, [o.member_id for o in active])
    return known


async def waiting_reason(
    uow: UnitOfWork,
    request: MentorRequest,
    settings: CommunitySettings,
    now: datetime,
    known: Openings | None = None,
) -> Reason:
    community = request.community_id
    known = known or await openings(uow, community, settings, now)
    covering_ids = {o.member_id for t in request.topics for o in known.by_topic.get(t, ())}
    covering_ids.discard(request.member_id)
    covering = [o for o in known.active.values() if o.member_id in covering_ids]
    covered_by_anyone = known.covered & set(request.topics)
    if not covered_by_anyone:
        return Reason(
            "nobody covers it", texts.WAITING_NO_TOPIC.format(topics=_names(request.topics))
        )
    await known.read_people(uow, community, [request.member_id])
    members = known.people
    here = [o for o in covering if o.member_id in members]
    present = [o for o in here if not members[o.member_id].is_paused(now)]
    topics = _names(sorted(covered_by_anyone, key=request.topics.index))
    if not present:
        return Reason("its mentors are on a break", texts.WAITING_AWAY.format(topics=topics))
    free = [o for o in present if known.slots.get(o.member_id, 0) > 0]
    if not free:
        return Reason("its mentors are full", texts.WAITING_FULL.format(topics=topics))
    asked = known.asked.get(request.id, {})
    unasked = [
        o
        for o in free
        if o.member_id not in asked or not still_asked(*asked[o.member_id], o.confirmed_at)
    ]
    if not unasked:
        return Reason("all its mentors were asked", texts.WAITING_ASKED.format(topics=topics))
    unasked = [o for o in unasked if (request.member_id, o.member_id) not in known.recent]
    if not unasked:
        return Reason("paired with each before", texts.WAITING_PAIRED.format(topics=topics))
    profiles = known.profiles
    seeker = person(request.member_id, profiles.get(request.member_id), request.topics)
    fits = [
        score(
            seeker,
            person(o.member_id, profiles.get(o.member_id), o.topics),
            now.date(),
            MENTORING,
        )
        for o in unasked
    ]
    best = max(fits, key=lambda f: f.total)
    earned = {p.name for p in best.parts}
    profile = profiles.get(request.member_id)
    missing = {
        "overlap": profile is None or not profile.timezone,
        "role": profile is None or not profile.target_role,
        "industry": profile is None or not profile.target_industry,
        "language": profile is None or not profile.languages,
        "phase": profile is None or profile.phase is None,
    }
    steps = [
        texts.ADVICE_STEPS[part]
        for part, absent in missing.items()
        if absent and part not in earned
    ]
    advice = (
        texts.WAITING_ADVICE.format(steps="; ".join(steps)) if steps else texts.WAITING_ADVICE_NONE
    )
    needed = settings["mentoring_min_score"]
    text = texts.WAITING_LOW_FIT.format(best=best.total, needed=needed, advice=advice)
    return Reason(f"best fit {best.total} of {needed} needed", text)
