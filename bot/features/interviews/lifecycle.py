"""After the question: accept with times and a kit, decline or expire to the next, follow up."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.commands import Away, Catalogue
from bot.context import Context
from bot.dispatch import UserError
from bot.features.interviews import texts
from bot.features.interviews.model import Pairing
from bot.features.interviews.rounds import run_round
from bot.features.interviews.slots import suggest_slots
from bot.models import OutboxMessage
from bot.outbox import queue, queue_dm
from bot.ports import PrivateSpace, UnitOfWork
from bot.replies import Button, ButtonStyle, Reply, mention
from bot.runtime import Runtime
from bot.timefmt import local_time

commands = Catalogue()

FOLLOW_UP_AFTER_FIRST_SLOT = timedelta(days=2)
NO_SLOT_FOLLOW_UP = timedelta(days=10)


async def _pending(ctx: Context, uow: UnitOfWork, payload: str) -> Pairing:
    pairing = await uow.interviews.pairing(int(payload)) if payload.isdigit() else None
    if pairing is None or pairing.community_id != ctx.community_id:
        raise UserError(texts.SETTLED.format(status="no longer open"))
    if pairing.volunteer_id != ctx.actor.id:
        raise UserError(texts.NOT_YOURS)
    if pairing.status != "pending":
        raise UserError(texts.SETTLED.format(status=pairing.status))
    return pairing


def kit(volunteer: str, target_role: str) -> Reply:
    questions = list(texts.QUESTIONS)
    if target_role in texts.ROLE_QUESTIONS:
        questions.insert(2, texts.ROLE_QUESTIONS[target_role])
    return Reply(
        title=texts.KIT_TITLE,
        text=texts.KIT_TEXT.format(
            volunteer=volunteer, questions="\n".join(f"• {q}" for q in questions)
        ),
    )


@commands.action("interview-accept")
async def accept(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    pairing = await _pending(ctx, uow, payload)
    request = await uow.interviews.request(pairing.request_id)
    offer = await uow.interviews.offer(ctx.community_id, pairing.volunteer_id)
    ids = [pairing.requester_id, pairing.volunteer_id]
    profiles = await uow.profiles.many(ctx.community_id, ids)
    members = await uow.members.many(ctx.community_id, ids)
    zones = [profiles[m].timezone if m in profiles else None for m in ids]
    # Someone without a time zone gets the other's day, not a day in UTC, and is told why.
    known = zones[0] or zones[1]
    slots = suggest_slots(zones[0] or known, zones[1] or known, ctx.now)
    lines = [
        f"• {local_time(s, zones[0] or known)} for {mention(ids[0])} = "
        f"{local_time(s, zones[1] or known)} for {mention(ids[1])}"
        for s in slots
    ]
    for member_id, zone in zip(ids, zones, strict=True):
        if zone is None and lines:
            other = next(m for m in ids if m != member_id)
            zone_note = texts.NO_ZONE if known else texts.NO_ZONES
            lines.append(zone_note.format(who=mention(member_id), other=mention(other)))
    follow_up = slots[0] + FOLLOW_UP_AFTER_FIRST_SLOT if slots else ctx.now + NO_SLOT_FOLLOW_UP
    await uow.interviews.set_pairing(pairing.id, "accepted", ctx.now, follow_up_at=follow_up)
    await uow.interviews.set_request_status(pairing.request_id, "matched")
    requester, volunteer = mention(pairing.requester_id), mention(pairing.volunteer_id)
    text = texts.INTRO_TEXT.format(
        requester=requester,
        volunteer=volunteer,
        role=offer.role if offer else "their role",
        industry=(offer.industry if offer else "their industry").lower(),
        goal=request.goal if request else "",
        slots="\n".join(lines) or texts.NO_SHARED_HOURS,
    )
    if offer is not None and offer.note:  # the volunteer's note reaches only their match
        text += "\n\n" + texts.VOLUNTEER_NOTE.format(volunteer=volunteer, note=offer.note)
    names = " and ".join(members[m].display_name for m in ids if m in members)
    await queue(
        uow,
        ctx.community_id,
        f"interview-intro:{pairing.id}",
        PrivateSpace(tuple(ids), f"Interview: {names}"),
        Reply(title=texts.INTRO_TITLE, text=text),
        ctx.now,
    )
    await queue_dm(
        uow,
        ctx.community_id,
        pairing.requester_id,
        f"interview-kit:{pairing.id}",
        kit(volunteer, request.target_role if request else ""),
        ctx.now,
    )
    return Reply(text=texts.ACCEPTED.format(requester=requester), private=True)


@commands.action("interview-decline")
async def decline(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    pairing = await _pending(ctx, uow, payload)
    await uow.interviews.set_pairing(pairing.id, "declined", ctx.now)
    await uow.interviews.set_request_status(pairing.request_id, "open")
    await run_round(uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.DECLINED, private=True)


@commands.due("interview-expiry")
async def expire(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        lapsed = await uow.interviews.pairings_expired(now)
        for pairing in lapsed:
            await uow.interviews.set_pairing(pairing.id, "expired", now)
            await uow.interviews.set_request_status(pairing.request_id, "open")
        for community_id in await uow.interviews.communities_with_open_requests():
            settings = await runtime.settings_for(uow, community_id)
            await run_round(uow, community_id, settings, now)
    return len(lapsed)


@commands.after_delivery("interview-ask:")
async def ask_another_if_undelivered(
    runtime: Runtime, uow: UnitOfWork, question: OutboxMessage, failure: str | None, now: datetime
) -> None:
    """A question the volunteer never got is no answer from them: the next one is asked now."""
    if failure is None:
        return
    pairing = await uow.interviews.pairing(int(question.key.rpartition(":")[2]))
    if pairing is None or pairing.status != "pending":
        return
    await uow.interviews.set_pairing(pairing.id, "released", now)
    await uow.interviews.set_request_status(pairing.request_id, "open")
    settings = await runtime.settings_for(uow, pairing.community_id)
    await run_round(uow, pairing.community_id, settings, now)


@commands.due("interview-follow-up")
async def follow_up(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        due = await uow.interviews.follow_ups_due(now)
        for pairing in due:
            await uow.interviews.set_pairing(pairing.id, "accepted", now, follow_up_at=None)
            for member_id in (pairing.requester_id, pairing.volunteer_id):
                reply = Reply(
                    title=texts.CHECK_TITLE,
                    text=texts.CHECK_TEXT.format(partner=mention(pairing.partner_of(member_id))),
                    buttons=(
                        Button(
                            "It happened",
                            "interview-happened",
                            str(pairing.id),
                            ButtonStyle.PRIMARY,
                        ),
                        Button("Not yet", "interview-not-yet", str(pairing.id)),
                    ),
                )
                await queue_dm(
                    uow,
                    pairing.community_id,
                    member_id,
                    f"interview-check:{pairing.id}:{member_id}",
                    reply,
                    now,
                )
    return len(due)


async def _mine(ctx: Context, uow: UnitOfWork, payload: str) -> Pairing:
    pairing = await uow.interviews.pairing(int(payload)) if payload.isdigit() else None
    if pairing is None or pairing.community_id != ctx.community_id:
        raise UserError(texts.SETTLED.format(status="no longer open"))
    if ctx.actor.id not in (pairing.requester_id, pairing.volunteer_id):
        raise UserError(texts.NOT_YOURS)
    return pairing


def thanks_for(pairing: Pairing, member_id: str) -> str:
    if member_id == pairing.requester_id:
        return texts.THANK_AND_FORWARD.format(volunteer=mention(pairing.volunteer_id))
    return "Thank you for giving your time."


@commands.action("interview-happened")
async def happened(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    pairing = await _mine(ctx, uow, payload)
    await uow.interviews.set_pairing(pairing.id, "done", ctx.now, happened=True)
    return Reply(text=texts.HAPPENED.format(thanks=thanks_for(pairing, ctx.actor.id)), private=True)


@commands.action("interview-not-yet")
async def not_yet(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    await _mine(ctx, uow, payload)
    return Reply(text=texts.NOT_YET, private=True)


@commands.on_away
async def free_those_paired_with(ctx: Context, uow: UnitOfWork, away: Away) -> None:
    """A member who pauses or erases their data strands nobody: a request they were asked about
    goes to the next volunteer at once. On erasure a pairing under way is closed with a note to
    the other side (never naming them: their erasure would remove it)."""
    community, me, now = ctx.community_id, ctx.actor.id, ctx.now
    erased = away is Away.ERASED
    if erased:
        offer = await uow.interviews.offer(community, me)
        if offer is not None and offer.active:
            await uow.interviews.save_offer(dataclasses.replace(offer, active=False))
        for request in await uow.interviews.requests(community, ("open", "proposed")):
            if request.member_id == me:
                await uow.interviews.set_request_status(request.id, "closed")
    for pairing in await uow.interviews.pairings(community, me, ("pending", "accepted")):
        if pairing.status == "accepted" and erased:
            note = texts.PARTNER_LEFT
        elif pairing.status == "pending" and pairing.volunteer_id == me:
            await uow.interviews.set_request_status(pairing.request_id, "open")
            note = texts.ASKED_VOLUNTEER_LEFT if erased else texts.ASKED_VOLUNTEER_AWAY
        elif erased:  # a question about them to a volunteer just lapses with their data
            await uow.interviews.set_pairing(pairing.id, "released", now)
            continue
        else:
            continue
        await uow.interviews.set_pairing(pairing.id, "released", now)
        partner = pairing.partner_of(me)
        await queue_dm(uow, community, partner, f"interview-left:{pairing.id}", Reply(note), now)
    await run_round(uow, community, ctx.settings, now)
