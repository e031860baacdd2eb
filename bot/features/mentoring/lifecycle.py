"""After the question: the introduction, the two-week check, waiting notes and availability.
Decline, lapses, undeliverable questions and members going away are the engine's
(bot.features.proposals)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from functools import partial

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.mentoring import texts
from bot.features.mentoring.market import MARKET, look_again_for
from bot.features.mentoring.model import Mentorship
from bot.features.proposals import accept_question, match_soon, pending_question, register
from bot.features.proposals.partners import ask_both
from bot.outbox import queue, queue_dm
from bot.ports import PrivateSpace, UnitOfWork
from bot.replies import Button, ButtonStyle, Field, Reply, mention
from bot.runtime import Runtime

commands = Catalogue()
register(commands, MARKET)

FIRST_CHECK = timedelta(days=14)
SECOND_CHECK = timedelta(days=7)
CONFIRM_EVERY = timedelta(weeks=8)
CONFIRM_WITHIN = timedelta(days=7)


@commands.action("mentor-accept")
async def accept(ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    proposal = await pending_question(MARKET, ctx, uow, payload)
    await accept_question(MARKET, uow, proposal, ctx.now)
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


def _meet_buttons(ship: Mentorship, member_id: str) -> tuple[Button, ...]:
    ref = f"{ship.id}"
    buttons = [
        Button("Yes, we met", "mentor-met", ref, ButtonStyle.PRIMARY),
        Button("Not yet", "mentor-not-yet", ref),
    ]
    if member_id == ship.mentee_id:
        buttons.append(Button("My mentor hasn't replied", "mentor-silent", ref, ButtonStyle.DANGER))
    return tuple(buttons)


def _meet_check(ship: Mentorship, member_id: str, partner_id: str) -> Reply:
    return Reply(
        title=texts.MEET_TITLE,
        text=texts.MEET_TEXT.format(partner=mention(partner_id)),
        buttons=_meet_buttons(ship, member_id),
    )


@commands.due("mentor-meeting-checks")
async def ask_if_met(runtime: Runtime, now: datetime) -> int:
    async with runtime.store.unit() as uow:
        due = await uow.mentoring.checks_due(now)
        for ship in due:
            await uow.mentoring.set_check(ship.id, None, nudged=ship.nudged, met=ship.met)
            key = f"mentor-meet-check:{ship.id}:{int(ship.nudged)}"
            await ask_both(uow, ship.community_id, ship.pair, key, partial(_meet_check, ship), now)
    return len(due)


async def _mentorship_of(ctx: Context, uow: UnitOfWork, payload: str) -> Mentorship:
    ship = await uow.mentoring.mentorship(int(payload)) if payload.isdigit() else None
    if ship is None or ship.community_id != ctx.community_id or ship.status != "active":
        raise UserError(texts.SETTLED.format(status="this mentorship has ended"))
    if ctx.actor.id not in (ship.mentee_id, ship.mentor_id):
        raise UserError(texts.NOT_YOURS)
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
        raise UserError(texts.NOT_YOURS)
    await uow.mentoring.end_mentorship(ship.id, ctx.now, "mentor silent")
    again = await look_again_for(uow, ship, ctx.now)
    await queue_dm(
        uow,
        ctx.community_id,
        ship.mentor_id,
        f"mentor-released:{ship.id}",
        Reply(text=texts.MEET_PARTNER_LEFT.format(mentee=mention(ctx.actor.id))),
        ctx.now,
    )
    back = [again] if again else []
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, *back)
    return Reply(text=texts.MEET_SILENT, private=True)


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
