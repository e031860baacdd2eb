"""After the question: accept or decline, expiry, the two-week check, waiting and availability."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.commands import Away, Catalogue
from bot.context import Context
from bot.dispatch import UserError
from bot.features.mentoring import texts
from bot.features.mentoring.rounds import run_round
from bot.features.mentoring.waiting import Openings, openings, waiting_reason
from bot.models import Mentorship, OutboxMessage, Proposal, ProposalStatus, RequestStatus
from bot.outbox import queue, queue_dm
from bot.ports import PrivateSpace, UnitOfWork
from bot.replies import Button, ButtonStyle, Field, Reply, mention
from bot.runtime import Runtime

commands = Catalogue()

FIRST_CHECK = timedelta(days=14)
SECOND_CHECK = timedelta(days=7)
WAITING_NOTICE = timedelta(days=7)
CONFIRM_EVERY = timedelta(weeks=8)
CONFIRM_WITHIN = timedelta(days=7)
EXPIRIES_BEFORE_PAUSE = 3


async def _pending_for(ctx: Context, uow: UnitOfWork, payload: str) -> Proposal:
    proposal = await uow.mentoring.proposal(int(payload)) if payload.isdigit() else None
    if proposal is None or proposal.community_id != ctx.community_id:
        raise UserError(texts.ALREADY_ANSWERED.format(status="no longer open"))
    if proposal.mentor_id != ctx.actor.id:
        raise UserError(texts.NOT_FOR_YOU)
    if proposal.status is not ProposalStatus.PENDING:
        raise UserError(texts.ALREADY_ANSWERED.format(status=proposal.status.value))
    return proposal


async def _reset_streak(uow: UnitOfWork, community_id: str, mentor_id: str) -> None:
    offer = await uow.mentoring.offer(community_id, mentor_id)
    if offer is not None and offer.expired_in_a_row:
        await uow.mentoring.save_offer(dataclasses.replace(offer, expired_in_a_row=0))


@commands.action("mentor-accept")
async def accept(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    proposal = await _pending_for(ctx, uow, payload)
    await uow.mentoring.set_proposal_status(proposal.id, ProposalStatus.ACCEPTED, ctx.now)
    await uow.mentoring.set_request_status(proposal.request_id, RequestStatus.MATCHED, ctx.now)
    await _reset_streak(uow, ctx.community_id, ctx.actor.id)
    ship = await uow.mentoring.add_mentorship(proposal, ctx.now, ctx.now + FIRST_CHECK)
    request = await uow.mentoring.request(proposal.request_id)
    members = await uow.members.many(ctx.community_id, [ship.mentee_id, ship.mentor_id])
    profiles = await uow.profiles.many(ctx.community_id, [ship.mentee_id, ship.mentor_id])
    mentee = members[ship.mentee_id].display_name
    mentor = members[ship.mentor_id].display_name
    bios = tuple(
        Field(f"About {members[m].display_name}", profiles[m].bio or "(no bio yet)")
        for m in (ship.mentee_id, ship.mentor_id)
        if m in profiles
    )
    intro = Reply(
        title=texts.INTRO_TITLE,
        text=texts.INTRO_TEXT.format(
            mentee_mention=mention(ship.mentee_id),
            mentor_mention=mention(ship.mentor_id),
            mentee=mention(ship.mentee_id),
            why=proposal.explanation,
            goal=request.goal if request else "",
        ),
        fields=bios,
    )
    await queue(
        uow,
        ctx.community_id,
        f"mentor-intro:{ship.id}",
        PrivateSpace((ship.mentee_id, ship.mentor_id), f"Mentoring: {mentee} and {mentor}"),
        intro,
        ctx.now,
    )
    return Reply(text=texts.ACCEPTED.format(mentee=mention(ship.mentee_id)), private=True)


@commands.action("mentor-decline")
async def decline(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    proposal = await _pending_for(ctx, uow, payload)
    await uow.mentoring.set_proposal_status(proposal.id, ProposalStatus.DECLINED, ctx.now)
    await uow.mentoring.set_request_status(proposal.request_id, RequestStatus.OPEN, ctx.now)
    await _reset_streak(uow, ctx.community_id, ctx.actor.id)
    await run_round(uow, ctx.community_id, ctx.settings, ctx.now)  # the next mentor, right away
    return Reply(text=texts.DECLINED, private=True)


@commands.due("mentor-proposal-expiry")
async def expire_proposals(runtime: Runtime, now: datetime) -> int:
    """Unanswered questions lapse; the request goes to the next mentor; silence thrice pauses."""
    async with runtime.store.unit() as uow:
        expired = await uow.mentoring.proposals_expired(now)
        for proposal in expired:
            # Each lapse counts once, even if another process expires this ask at this moment.
            if not await uow.effects.claim(
                proposal.community_id, f"proposal-expired:{proposal.id}", now, proposal.mentor_id
            ):
                continue
            await uow.mentoring.set_proposal_status(proposal.id, ProposalStatus.EXPIRED, now)
            await uow.mentoring.set_request_status(proposal.request_id, RequestStatus.OPEN, now)
            offer = await uow.mentoring.offer(proposal.community_id, proposal.mentor_id)
            if offer is None:
                continue
            streak = offer.expired_in_a_row + 1
            pause = streak >= EXPIRIES_BEFORE_PAUSE and offer.active
            await uow.mentoring.save_offer(
                dataclasses.replace(
                    offer, expired_in_a_row=streak, active=offer.active and not pause
                )
            )
            if pause:
                await queue_dm(
                    uow,
                    proposal.community_id,
                    proposal.mentor_id,
                    f"mentor-paused-expiries:{proposal.id}",
                    Reply(text=texts.PAUSED_AFTER_EXPIRIES),
                    now,
                )
        for community_id in sorted({p.community_id for p in expired}):
            settings = await runtime.settings_for(uow, community_id)
            await run_round(uow, community_id, settings, now)  # the next mentor, this very tick
    return len(expired)


@commands.after_delivery("mentor-proposal:")
async def ask_someone_else_if_undelivered(
    runtime: Runtime, uow: UnitOfWork, question: OutboxMessage, failure: str | None, now: datetime
) -> None:
    """A question the mentor never got (DMs closed, left the server) isn't theirs to answer:
    no lapse is counted, the next mentor is asked at once, and the mentee hears why. Admins
    see what failed in the delivery report the outbox already sends them."""
    if failure is None:
        return
    proposal = await uow.mentoring.proposal(int(question.key.rpartition(":")[2]))
    if proposal is None or proposal.status is not ProposalStatus.PENDING:
        return
    await _ask_someone_else(uow, proposal, texts.QUESTION_UNDELIVERED, now)
    settings = await runtime.settings_for(uow, proposal.community_id)
    await run_round(uow, proposal.community_id, settings, now)


@commands.due("mentor-rounds")
async def match_open_requests(runtime: Runtime, now: datetime) -> int:
    """An hourly round per community catches what events did not (a pause ending, an expiry).
    Arrivals, declines and freed slots already start a round of their own at once."""
    asked = 0
    async with runtime.store.unit() as uow:
        for community_id in await uow.mentoring.communities_with_open_requests():
            if not await uow.effects.claim(community_id, f"mentor-round:{now:%Y-%m-%dT%H}", now):
                continue
            settings = await runtime.settings_for(uow, community_id)
            asked += len(await run_round(uow, community_id, settings, now))
    return asked


def _meet_buttons(ship: Mentorship, member_id: str) -> tuple[Button, ...]:
    ref = f"{ship.id}"
    buttons = [
        Button("Yes, we met", "mentor-met", ref, ButtonStyle.PRIMARY),
        Button("Not yet", "mentor-not-yet", ref),
    ]
    if member_id == ship.mentee_id:
        buttons.append(Button("My mentor hasn't replied", "mentor-silent", ref, ButtonStyle.DANGER))
    return tuple(buttons)


@commands.due("mentor-meeting-checks")
async def ask_if_met(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        due = await uow.mentoring.checks_due(now)
        for ship in due:
            await uow.mentoring.set_check(ship.id, None, nudged=ship.nudged, met=ship.met)
            for member_id in (ship.mentee_id, ship.mentor_id):
                reply = Reply(
                    title=texts.MEET_TITLE,
                    text=texts.MEET_TEXT.format(partner=mention(ship.partner_of(member_id))),
                    buttons=_meet_buttons(ship, member_id),
                )
                await queue_dm(
                    uow,
                    ship.community_id,
                    member_id,
                    f"mentor-meet-check:{ship.id}:{int(ship.nudged)}:{member_id}",
                    reply,
                    now,
                )
    return len(due)


async def _mentorship_of(ctx: Context, uow: UnitOfWork, payload: str) -> Mentorship:
    ship = await uow.mentoring.mentorship(int(payload)) if payload.isdigit() else None
    if ship is None or ship.community_id != ctx.community_id or ship.status != "active":
        raise UserError(texts.ALREADY_ANSWERED.format(status="this mentorship has ended"))
    if ctx.actor.id not in (ship.mentee_id, ship.mentor_id):
        raise UserError(texts.NOT_FOR_YOU)
    return ship


@commands.action("mentor-met")
async def met(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    ship = await _mentorship_of(ctx, uow, payload)
    await uow.mentoring.set_check(ship.id, None, nudged=ship.nudged, met="yes")
    return Reply(text=texts.MEET_YES, private=True)


@commands.action("mentor-not-yet")
async def not_yet(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    ship = await _mentorship_of(ctx, uow, payload)
    if ship.met == "yes":
        return Reply(text=texts.MEET_YES, private=True)
    if ship.nudged:
        return Reply(text=texts.MEET_NOT_YET_FINAL, private=True)
    await uow.mentoring.set_check(ship.id, ctx.now + SECOND_CHECK, nudged=True, met=ship.met)
    return Reply(text=texts.MEET_NOT_YET, private=True)


@commands.action("mentor-silent")
async def mentor_silent(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    """The mentee says the mentor went quiet: end it kindly and look again."""
    ship = await _mentorship_of(ctx, uow, payload)
    if ctx.actor.id != ship.mentee_id:
        raise UserError(texts.NOT_FOR_YOU)
    await uow.mentoring.end_mentorship(ship.id, ctx.now, "mentor silent")
    await _look_again_for(uow, ship, ctx.now)
    await queue_dm(
        uow,
        ctx.community_id,
        ship.mentor_id,
        f"mentor-released:{ship.id}",
        Reply(text=texts.MEET_PARTNER_LEFT.format(mentee=mention(ctx.actor.id))),
        ctx.now,
    )
    await run_round(uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.MEET_SILENT, private=True)


async def _look_again_for(uow: UnitOfWork, ship: Mentorship, now: datetime) -> None:
    """The mentee of an ended mentorship waits again with the request that found it."""
    earlier = await uow.mentoring.request(ship.request_id) if ship.request_id else None
    if (
        earlier is not None
        and await uow.mentoring.open_request(ship.community_id, ship.mentee_id) is None
    ):
        await uow.mentoring.add_request(
            ship.community_id, ship.mentee_id, earlier.topics, earlier.goal, now
        )


async def _ask_someone_else(uow: UnitOfWork, proposal: Proposal, note: str, now: datetime) -> None:
    """A question its mentor can't answer goes back, and the mentee hears why; the caller runs
    the round that asks the next mentor."""
    await uow.mentoring.set_proposal_status(proposal.id, ProposalStatus.RELEASED, now)
    await uow.mentoring.set_request_status(proposal.request_id, RequestStatus.OPEN, now)
    key = f"mentor-asked-again:{proposal.id}"
    await queue_dm(uow, proposal.community_id, proposal.mentee_id, key, Reply(text=note), now)


@commands.on_away
async def free_those_waiting_on(ctx: Context, uow: UnitOfWork, away: Away) -> None:
    """Whoever waited on a member who pauses or erases their data is freed at once: a question
    to them goes to the next mentor this very moment. On erasure their mentorships end with a
    note to the partner, and the notes never name them (the erasure would remove them)."""
    community, me, now = ctx.community_id, ctx.actor.id, ctx.now
    note = texts.ASKED_MENTOR_LEFT if away is Away.ERASED else texts.ASKED_MENTOR_AWAY
    for proposal in await uow.mentoring.proposals(community, ProposalStatus.PENDING):
        if proposal.mentor_id == me:
            await _ask_someone_else(uow, proposal, note, now)
        elif proposal.mentee_id == me and away is Away.ERASED:
            await uow.mentoring.set_proposal_status(proposal.id, ProposalStatus.RELEASED, now)
    if away is Away.ERASED:
        offer = await uow.mentoring.offer(community, me)
        if offer is not None and offer.active:
            await uow.mentoring.save_offer(dataclasses.replace(offer, active=False))
        own = await uow.mentoring.open_request(community, me)
        if own is not None:
            await uow.mentoring.set_request_status(own.id, RequestStatus.CLOSED, now)
        for ship in await uow.mentoring.mentorships(community, member_id=me):
            await uow.mentoring.end_mentorship(ship.id, now, "partner left")
            if ship.mentor_id == me:
                await _look_again_for(uow, ship, now)
            text = texts.MENTOR_LEFT if ship.mentor_id == me else texts.MENTEE_LEFT
            key = f"mentor-partner-left:{ship.id}"
            await queue_dm(uow, community, ship.partner_of(me), key, Reply(text=text), now)
    await run_round(uow, community, ctx.settings, now)


@commands.due("mentor-waiting-notice")
async def tell_who_waits(runtime: Runtime, now: datetime) -> int:
    """Nobody waits silently: after a week unmatched, say why and what would help."""
    async with runtime.store.unit() as uow:
        waiting = await uow.mentoring.requests_waiting_since(now - WAITING_NOTICE)
        known: dict[str, Openings] = {}  # read once per community, not once per request
        for request in waiting:
            community = request.community_id
            settings = await runtime.settings_for(uow, community)
            if community not in known:
                known[community] = await openings(uow, community, settings, now)
            reason = await waiting_reason(uow, request, settings, now, known[community])
            text = reason.text
            await uow.mentoring.mark_waiting_told(request.id, now)
            await queue_dm(
                uow,
                request.community_id,
                request.member_id,
                f"mentor-waiting:{request.id}",
                Reply(title=texts.WAITING_TITLE, text=text),
                now,
            )
    return len(waiting)


@commands.due("mentor-availability")
async def confirm_availability(runtime: Runtime, now: datetime) -> int:
    """Every eight weeks a mentor confirms with one click; silence for a week pauses the offer."""
    async with runtime.store.unit() as uow:
        to_ask = await uow.mentoring.offers_due_confirmation(now - CONFIRM_EVERY)
        for offer in to_ask:
            await uow.mentoring.save_offer(dataclasses.replace(offer, confirm_asked_at=now))
            await queue_dm(
                uow,
                offer.community_id,
                offer.member_id,
                f"mentor-confirm:{offer.member_id}:{int(now.timestamp())}",
                Reply(
                    title=texts.CONFIRM_TITLE,
                    text=texts.CONFIRM_TEXT,
                    buttons=(
                        Button("Still available", "mentor-available", "", ButtonStyle.PRIMARY),
                    ),
                ),
                now,
            )
        lapsed = await uow.mentoring.offers_unconfirmed(now - CONFIRM_WITHIN)
        for offer in lapsed:
            await uow.mentoring.save_offer(dataclasses.replace(offer, active=False))
            await queue_dm(
                uow,
                offer.community_id,
                offer.member_id,
                f"mentor-unconfirmed:{offer.member_id}:{int(now.timestamp())}",
                Reply(text=texts.PAUSED_UNCONFIRMED),
                now,
            )
    return len(to_ask) + len(lapsed)


@commands.action("mentor-available")
async def still_available(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    offer = await uow.mentoring.offer(ctx.community_id, ctx.actor.id)
    if offer is None:
        raise UserError(texts.NOT_A_MENTOR)
    await uow.mentoring.save_offer(
        dataclasses.replace(offer, confirmed_at=ctx.now, active=True, expired_in_a_row=0)
    )
    return Reply(text=texts.CONFIRMED, private=True)
