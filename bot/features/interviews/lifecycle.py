"""After the question: accept with times and a kit, then follow up. Decline, lapses,
undeliverable questions and members going away are the engine's (bot.features.proposals)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.interviews import texts
from bot.features.interviews.market import MARKET
from bot.features.interviews.model import Pairing, PairingStatus
from bot.features.interviews.slots import suggest_slots
from bot.features.proposals import accept_question, pending_question, register
from bot.features.proposals.partners import ask_both
from bot.outbox import queue, queue_dm
from bot.ports import PrivateSpace, UnitOfWork
from bot.replies import Button, ButtonStyle, Reply, mention
from bot.runtime import Runtime
from bot.timefmt import local_date, local_time

commands = Catalogue()
register(commands, MARKET)

FOLLOW_UP_AFTER_FIRST_SLOT = timedelta(days=2)
NO_SLOT_FOLLOW_UP = timedelta(days=10)
AFTER_MEETING = timedelta(days=1)  # "did it happen?" the day after a settled time
NOT_YET_AGAIN = timedelta(days=7)
REMIND_DAY, REMIND_HOUR = timedelta(days=1), timedelta(hours=1)


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


def _time_buttons(pairing_id: int, slots: list[datetime]) -> tuple[Button, ...]:
    # The labels are numbers: one shared message can't show each reader their own time.
    return tuple(
        Button(f"Time {number}", "interview-time", f"{pairing_id}:{number - 1}")
        for number in range(1, len(slots) + 1)
    )


@commands.action("interview-accept")
async def accept(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    pairing = await pending_question(MARKET, ctx, uow, payload)
    await accept_question(MARKET, uow, pairing, ctx.now)
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
        f"• Time {number}: {local_time(s, zones[0] or known)} for {mention(ids[0])} = "
        f"{local_time(s, zones[1] or known)} for {mention(ids[1])}"
        for number, s in enumerate(slots, 1)
    ]
    for member_id, zone in zip(ids, zones, strict=True):
        if zone is None and lines:
            other = next(m for m in ids if m != member_id)
            zone_note = texts.NO_ZONE if known else texts.NO_ZONES
            lines.append(zone_note.format(who=mention(member_id), other=mention(other)))
    follow_up = slots[0] + FOLLOW_UP_AFTER_FIRST_SLOT if slots else ctx.now + NO_SLOT_FOLLOW_UP
    await uow.interviews.set_question(
        pairing.id, PairingStatus.ACCEPTED, ctx.now, follow_up_at=follow_up
    )
    await uow.interviews.set_slots(pairing.id, slots)
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
        Reply(title=texts.INTRO_TITLE, text=text, buttons=_time_buttons(pairing.id, slots)),
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


def _check(pairing_id: int, member_id: str, partner_id: str) -> Reply:
    ref = str(pairing_id)
    return Reply(
        title=texts.CHECK_TITLE,
        text=texts.CHECK_TEXT.format(partner=mention(partner_id)),
        buttons=(
            Button("It happened", "interview-happened", ref, ButtonStyle.PRIMARY),
            Button("Not yet", "interview-not-yet", ref),
        ),
    )


@commands.due("interview-follow-up")
async def follow_up(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        due = await uow.interviews.follow_ups_due(now)
        for pairing in due:
            await uow.interviews.set_question(pairing.id, PairingStatus.ACCEPTED, now)
            key, pair = (
                f"interview-check:{pairing.id}",
                (pairing.requester_id, pairing.volunteer_id),
            )
            await ask_both(uow, pairing.community_id, pair, key, partial(_check, pairing.id), now)
    return len(due)


async def _mine(ctx: Context, uow: UnitOfWork, payload: str) -> Pairing:
    pairing = await uow.interviews.question(int(payload)) if payload.isdigit() else None
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
    await uow.interviews.set_question(pairing.id, PairingStatus.DONE, ctx.now, happened=True)
    return Reply(text=texts.HAPPENED.format(thanks=thanks_for(pairing, ctx.actor.id)), private=True)


@commands.action("interview-not-yet")
async def not_yet(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    """Ask again after the next time they could meet: the one they settled on, the next of
    the suggested ones, or in a week when none is left."""
    pairing = await _agreed(ctx, uow, payload)
    coming = sorted(t for t in (pairing.meets_at, *pairing.slots) if t is not None and t > ctx.now)
    again = coming[0] + AFTER_MEETING if coming else ctx.now + NOT_YET_AGAIN
    await uow.interviews.set_question(
        pairing.id, PairingStatus.ACCEPTED, ctx.now, follow_up_at=again
    )
    zone = await _zone_of(uow, ctx.community_id, ctx.actor.id)
    return Reply(text=texts.NOT_YET.format(when=local_date(again, zone)), private=True)


async def _agreed(ctx: Context, uow: UnitOfWork, payload: str) -> Pairing:
    pairing = await _mine(ctx, uow, payload)
    if pairing.status is not PairingStatus.ACCEPTED:
        raise UserError(texts.SETTLED.format(status=pairing.status))
    return pairing


async def _zone_of(uow: UnitOfWork, community_id: str, member_id: str) -> str | None:
    profile = await uow.profiles.get(community_id, member_id)
    return profile.timezone if profile else None


@commands.action("interview-time")
async def pick_time(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    """Either of the two presses one of the suggested times, and it's settled for both."""
    ref, _, index = payload.partition(":")
    pairing = await _agreed(ctx, uow, ref)
    if not index.isdigit() or int(index) >= len(pairing.slots):
        raise UserError(texts.TIME_GONE)
    return await settle_time(ctx, uow, pairing, pairing.slots[int(index)])


async def settle_time(ctx: Context, uow: UnitOfWork, pairing: Pairing, when: datetime) -> Reply:
    """Record the time two people agreed on, tell the other side in their own zone, and plan
    the reminders (one the day before, one an hour before; those already past are skipped)."""
    if when <= ctx.now:
        raise UserError(texts.TIME_PAST)
    ahead = when - ctx.now
    skipped = 2 if ahead <= REMIND_HOUR else 1 if ahead <= REMIND_DAY else 0
    await uow.interviews.set_meeting(pairing.id, when, when + AFTER_MEETING, skipped)
    me, partner = ctx.actor.id, pairing.partner_of(ctx.actor.id)
    mine = await _zone_of(uow, ctx.community_id, me)
    theirs = await _zone_of(uow, ctx.community_id, partner)
    told = Reply(
        text=texts.TIME_SET_PARTNER.format(who=mention(me), when=local_time(when, theirs or mine))
    )
    key = f"interview-time:{pairing.id}:{when:%Y%m%dT%H%M}"
    await queue_dm(uow, ctx.community_id, partner, key, told, ctx.now)
    text = texts.TIME_SET.format(partner=mention(partner), when=local_time(when, mine or theirs))
    return Reply(text=text, private=True)


@commands.due("interview-reminders")
async def remind(runtime: Runtime, now: datetime) -> int:
    """The day before and an hour before an agreed conversation, each in their own zone."""
    async with runtime.store.unit() as uow:
        due = await uow.interviews.reminders_due(now, now + REMIND_DAY, now + REMIND_HOUR)
        for pairing in due:
            assert pairing.meets_at is not None
            level = 2 if pairing.meets_at - now <= REMIND_HOUR else 1
            await uow.interviews.mark_reminded(pairing.id, level)
            pair = (pairing.requester_id, pairing.volunteer_id)
            zones = {m: await _zone_of(uow, pairing.community_id, m) for m in pair}
            key = f"interview-reminder:{pairing.id}:{level}"
            reply_for = partial(_reminder, pairing.meets_at, level, zones)
            await ask_both(uow, pairing.community_id, pair, key, reply_for, now)
    return len(due)


def _reminder(
    when: datetime, level: int, zones: dict[str, str | None], member_id: str, partner_id: str
) -> Reply:
    text = texts.REMIND_HOUR if level == 2 else texts.REMIND_DAY
    zone = zones[member_id] or zones[partner_id]
    return Reply(text=text.format(partner=mention(partner_id), when=local_time(when, zone)))
