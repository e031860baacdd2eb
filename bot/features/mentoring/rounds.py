"""A matching round: every open request against every mentor with a free slot, solved exactly."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from bot.features.asking import accept_or_decline, answer_by
from bot.features.mentoring import texts
from bot.matching import MENTORING, Person, assign, score
from bot.models import Member, MentorRequest, Profile, Proposal, ProposalStatus, RequestStatus
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
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


async def free_slots(uow: UnitOfWork, community_id: str) -> dict[str, int]:
    """Each active mentor's capacity minus running mentorships and open questions to them."""
    offers = await uow.mentoring.offers(community_id)
    active = await uow.mentoring.mentorships(community_id)
    pending = await uow.mentoring.proposals(community_id, ProposalStatus.PENDING)
    load = Counter(m.mentor_id for m in active) + Counter(p.mentor_id for p in pending)
    return {o.member_id: o.capacity - load[o.member_id] for o in offers}


def still_asked(status: ProposalStatus, asked_at: datetime, confirmed_at: datetime) -> bool:
    """Whether an earlier question keeps a mentor from being asked about a request again. A
    decline is an answer that stands; a lapse or a release (paused, DMs closed, stopped) only
    until the mentor confirms they're available again (`/mentor offer`, "Still available")."""
    return status is ProposalStatus.DECLINED or asked_at >= confirmed_at


async def run_round(
    uow: UnitOfWork, community_id: str, settings: CommunitySettings, now: datetime
) -> list[Proposal]:
    """Ask the best free mentor for each open request, maximising the community's total fit."""
    # One round at a time per community, across processes: two would offer the same slot.
    await uow.hold(f"mentoring-round:{community_id}")
    requests = await uow.mentoring.requests(community_id, RequestStatus.OPEN)
    if not requests:
        return []
    offers = {o.member_id: o for o in await uow.mentoring.offers(community_id)}
    slots = {m: n for m, n in (await free_slots(uow, community_id)).items() if n > 0}
    if not slots:
        return []
    ids = [r.member_id for r in requests] + list(slots)
    members = await uow.members.many(community_id, ids)
    profiles = await uow.profiles.many(community_id, ids)
    available = [m for m in slots if m in members and not members[m].is_paused(now)]
    seekers = [r for r in requests if r.member_id in members]
    seekers = [r for r in seekers if not members[r.member_id].is_paused(now)]
    repeat = timedelta(weeks=settings["mentoring_repeat_weeks"])
    recent = await uow.mentoring.paired_since(community_id, now - repeat)
    mentors = [person(members[m], profiles.get(m), offers[m].topics) for m in available]
    asked_before = await uow.mentoring.asked_mentors(community_id)
    confirmed = {m: offers[m].confirmed_at for m in available}
    rows, cols, points, scores = [], [], [], {}
    for i, request in enumerate(seekers):
        seeker = person(members[request.member_id], profiles.get(request.member_id), request.topics)
        asked = asked_before.get(request.id, {})
        candidates = []
        for j, mentor in enumerate(mentors):
            if (seeker.id, mentor.id) in recent:
                continue
            if mentor.id in asked and still_asked(*asked[mentor.id], confirmed[mentor.id]):
                continue
            fit = score(seeker, mentor, now.date(), MENTORING)
            if fit.total >= settings["mentoring_min_score"]:
                candidates.append((fit.total, j, fit))
        for total, j, fit in sorted(candidates, key=lambda c: -c[0])[:TOP_CANDIDATES]:
            rows.append(i)
            cols.append(j)
            points.append(total)
            scores[i, j] = fit
    if not rows:
        return []
    capacities = [slots[m.id] for m in mentors]
    chosen = assign(rows, cols, points, capacities, len(seekers), settings["mentoring_min_score"])
    proposals = []
    for i, j in enumerate(chosen):
        if j >= 0:
            fit = scores[i, int(j)]
            proposals.append(
                await propose(
                    uow,
                    seekers[i],
                    mentors[int(j)],
                    fit.total,
                    fit.explanation(),
                    members,
                    profiles,
                    settings,
                    now,
                )
            )
    return proposals


async def propose(
    uow: UnitOfWork,
    request: MentorRequest,
    mentor: Person,
    points: int,
    why: str,
    members: dict[str, Member],
    profiles: dict[str, Profile],
    settings: CommunitySettings,
    now: datetime,
) -> Proposal:
    """Record the question and DM it to the mentor, with Accept and Decline."""
    expiry: timedelta = settings["proposal_expiry"]
    proposal = await uow.mentoring.add_proposal(request, mentor.id, points, why, now, now + expiry)
    await uow.mentoring.set_request_status(request.id, RequestStatus.PROPOSED, now)
    mentor_profile = profiles.get(mentor.id)
    zone = mentor_profile.timezone if mentor_profile else None
    deadline = answer_by(proposal.expires_at, zone, expiry)
    mentee_profile = profiles.get(request.member_id)
    fields = [Field("Wants to learn", ", ".join(request.topics))]
    if mentee_profile is not None:
        if mentee_profile.target_role:
            fields.append(Field("Heading for", mentee_profile.target_role, inline=True))
        if mentee_profile.bio:
            fields.append(Field("About them", mentee_profile.bio))
    reply = Reply(
        title=texts.PROPOSAL_TITLE,
        text=texts.PROPOSAL_TEXT.format(
            mentee=mention(request.member_id),
            goal=request.goal,
            why=why,
            deadline=deadline,
        ),
        fields=tuple(fields),
        buttons=accept_or_decline("mentor", proposal.id),
    )
    await queue_dm(
        uow,
        request.community_id,
        mentor.id,
        f"mentor-proposal:{proposal.id}",
        reply,
        now,
    )
    return proposal
