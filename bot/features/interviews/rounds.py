"""A pairing round: every open request against every volunteer with room this month, exactly."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.features.asking import accept_or_decline, answer_by
from bot.features.interviews import texts
from bot.features.interviews.model import InterviewOffer, InterviewRequest, Pairing
from bot.features.mentoring.rounds import person
from bot.matching import INTERVIEWS, assign, score
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.settings import CommunitySettings

MIN_SCORE = 25
# What a conversation about someone's job is for: the volunteer does the role they want, or
# works in the industry they want. Shared hours and a language alone don't make a pair.
MUST_SHARE = frozenset({"role", "industry"})
MONTH = timedelta(days=30)


def still_paired(status: str, asked_at: datetime, offer: InterviewOffer) -> bool:
    """Whether an earlier pairing keeps these two apart. A conversation agreed or held, a
    decline, or a question still open stand; a lapse or a release (paused, DMs closed, left)
    only until the volunteer offers again."""
    if status in ("expired", "released"):
        return asked_at >= (offer.confirmed_at or offer.created_at)
    return True


async def run_round(
    uow: UnitOfWork, community_id: str, settings: CommunitySettings, now: datetime
) -> list[Pairing]:
    # One round at a time per community, across processes: two would offer the same slot.
    await uow.hold(f"interviews-round:{community_id}")
    requests = await uow.interviews.requests(community_id, ("open",))
    offers = await uow.interviews.offers(community_id)
    if not requests or not offers:
        return []
    room = {}
    for offer in offers:
        taken = await uow.interviews.accepted_since(community_id, offer.member_id, now - MONTH)
        if offer.per_month - taken > 0:
            room[offer.member_id] = offer.per_month - taken
    ids = [r.member_id for r in requests] + list(room)
    members = await uow.members.many(community_id, ids)
    profiles = await uow.profiles.many(community_id, ids)
    volunteers = [
        o for o in offers if o.member_id in room and not members[o.member_id].is_paused(now)
    ]
    seekers = [r for r in requests if not members[r.member_id].is_paused(now)]
    before = await uow.interviews.asked_before(community_id)
    rows, cols, points, fits = [], [], [], {}
    for i, request in enumerate(seekers):
        profile = profiles.get(request.member_id)
        seeker = person(members[request.member_id], profile, ())
        # Whichever part of the switch they keep counts as a target too: same industry, new role.
        keeping = request.target_industry or (profile.industry if profile else None)
        seeker = dataclasses.replace(
            seeker, target_role=request.target_role, target_industry=keeping
        )
        for j, offer in enumerate(volunteers):
            pair = (request.member_id, offer.member_id)
            if offer.member_id == request.member_id or (
                pair in before and still_paired(*before[pair], offer)
            ):
                continue
            provider = person(members[offer.member_id], profiles.get(offer.member_id), offer.topics)
            provider = dataclasses.replace(provider, role=offer.role, industry=offer.industry)
            fit = score(seeker, provider, now.date(), INTERVIEWS)
            if fit.total >= MIN_SCORE and MUST_SHARE & {part.name for part in fit.parts}:
                rows.append(i)
                cols.append(j)
                points.append(fit.total)
                fits[i, j] = fit
    if not rows:
        return []
    capacities = [room[o.member_id] for o in volunteers]
    chosen = assign(rows, cols, points, capacities, len(seekers), MIN_SCORE)
    asked = []
    for i, j in enumerate(chosen):
        if j >= 0:
            fit = fits[i, int(j)]
            asked.append(
                await ask(
                    uow,
                    seekers[i],
                    volunteers[int(j)].member_id,
                    fit.total,
                    fit.explanation(),
                    profiles,
                    settings,
                    now,
                )
            )
    return asked


async def ask(
    uow,
    request: InterviewRequest,
    volunteer_id: str,
    points: int,
    why: str,
    profiles,
    settings: CommunitySettings,
    now: datetime,
) -> Pairing:
    expiry: timedelta = settings["proposal_expiry"]
    pairing = await uow.interviews.add_pairing(
        request, volunteer_id, points, why, now, now + expiry
    )
    await uow.interviews.set_request_status(request.id, "proposed")
    profile = profiles.get(volunteer_id)
    deadline = answer_by(pairing.expires_at, profile.timezone if profile else None, expiry)
    requester = profiles.get(request.member_id)
    fields = [Field("Wants to become", request.target_role, inline=True)]
    if request.target_industry:
        fields.append(Field("In", request.target_industry, inline=True))
    if requester is not None and requester.role:
        now_doing = requester.role + (f" in {requester.industry}" if requester.industry else "")
        fields.append(Field("Now", now_doing, inline=True))
    reply = Reply(
        title=texts.ASK_TITLE,
        text=texts.ASK_TEXT.format(
            requester=mention(request.member_id),
            goal=request.goal,
            why=why,
            deadline=deadline,
        ),
        fields=tuple(fields),
        buttons=accept_or_decline("interview", pairing.id),
    )
    await queue_dm(
        uow, request.community_id, volunteer_id, f"interview-ask:{pairing.id}", reply, now
    )
    return pairing
