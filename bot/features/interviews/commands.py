"""/interview offer|cancel|stop|time|request|status|done (the admins' part: admin.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.interviews import texts
from bot.features.interviews.lifecycle import settle_time, thanks_for
from bot.features.interviews.market import MARKET
from bot.features.interviews.model import InterviewOffer, Pairing, PairingStatus
from bot.features.interviews.waiting import waiting_reason
from bot.features.proposals import match_soon, stop_offer, withdraw_request
from bot.features.proposals.model import RequestStatus
from bot.features.proposals.partners import the_one_meant
from bot.options import Boolean, Choice, Integer, MemberOption, Text, TimeOfDay, Topics, Weekday
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import waited
from bot.timefmt import local_date

commands = Catalogue()
commands.group(
    "interview", help="Talk to someone already doing the job you want, or be that person"
)

MAX_OPEN = 2


@commands.command(
    "interview offer",
    help="Volunteer for short chats about your role and industry",
    options=(
        Choice("role", "Your current role (default: your profile's)", choices_from="roles"),
        Choice("industry", "Your industry (default: your profile's)", choices_from="industries"),
        Integer("per_month", "At most this many a month (default 2)", min_value=1, max_value=10),
        Topics("topics", "Topics you're happy to talk about"),
        Text("note", "A note only your match will see (e.g. where you work)", max_length=300),
    ),
)
async def offer(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    role = args["role"] or (profile.role if profile else None)
    industry = args["industry"] or (profile.industry if profile else None)
    if not role or not industry:
        raise UserError(texts.NEED_OFFER_ROLE)
    saved = InterviewOffer(
        ctx.community_id,
        ctx.actor.id,
        role,
        industry,
        args["per_month"] or 2,
        ctx.now,
        args["topics"] or (),
        args["note"],
        confirmed_at=ctx.now,
    )
    await uow.interviews.save_offer(saved)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(
        text=texts.OFFER_SAVED.format(
            per_month=saved.per_month, role=role, industry=industry.lower()
        ),
        private=True,
    )


@commands.command(
    "interview cancel",
    help="Withdraw an interview request you no longer need",
    options=(Choice("role", "Which request, by its role (if you have two)", choices_from="roles"),),
)
async def cancel(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    mine = await uow.interviews.requests(
        ctx.community_id, (RequestStatus.OPEN, RequestStatus.PROPOSED), member_id=ctx.actor.id
    )
    roles = ", ".join(r.target_role for r in mine)
    if not mine:
        raise UserError(texts.NOTHING_TO_CANCEL)
    if args["role"]:
        mine = [r for r in mine if r.target_role.casefold() == args["role"].casefold()]
        if not mine:
            raise UserError(texts.NO_SUCH_REQUEST.format(role=args["role"], roles=roles))
    elif len(mine) > 1:
        raise UserError(texts.WHICH_REQUEST.format(roles=roles))
    request_ = mine[0]
    await withdraw_request(MARKET, uow, request_, ctx.now)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.CANCELLED.format(role=request_.target_role), private=True)


@commands.command("interview stop", help="Stop volunteering for interviews")
async def stop(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    current = await uow.interviews.offer(ctx.community_id, ctx.actor.id)
    if current is None or not current.active:
        raise UserError(texts.NOT_VOLUNTEERING)
    if released := await stop_offer(MARKET, uow, current, ctx.now):
        await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, *released)
    return Reply(text=texts.OFFER_STOPPED, private=True)


def next_at(weekday: int, at: time, zone: str, now: datetime) -> datetime:
    """The next `weekday` at `at` in `zone` after `now` (today counts if it's still ahead)."""
    local = now.astimezone(ZoneInfo(zone))
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    moment = datetime.combine(day, at, tzinfo=ZoneInfo(zone))
    if moment <= local:
        moment += timedelta(days=7)
    return moment.astimezone(UTC)


@commands.command(
    "interview time",
    help="Set the time you and your match agreed on, so I can remind you both",
    options=(
        Weekday("weekday", "The day you agreed on (the next one coming)", required=True),
        TimeOfDay("time", "The time, in your own time zone", required=True),
        MemberOption("with", "Who it's with (if you have more than one)"),
    ),
)
async def set_time(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    running = await uow.interviews.pairings(
        ctx.community_id, ctx.actor.id, (PairingStatus.ACCEPTED,)
    )
    pairing = the_one_meant(
        running, ctx.actor.id, args["with"], none=texts.NO_AGREED, which=texts.WHICH
    )
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    if profile is None or not profile.timezone:
        raise UserError(texts.NEED_ZONE_FOR_TIME)
    when = next_at(args["weekday"], args["time"], profile.timezone, ctx.now)
    return await settle_time(ctx, uow, pairing, when)


def advice(
    current_role: str | None,
    current_industry: str | None,
    target_role: str | None,
    target_industry: str | None,
) -> str:
    changes_role = bool(current_role) and current_role != target_role
    changes_industry = bool(target_industry and current_industry) and (
        current_industry != target_industry
    )
    if changes_role and changes_industry:
        return texts.ADVICE_BOTH
    if changes_role:
        return texts.ADVICE_ONE.format(changing="role", keeping="industry")
    if changes_industry:
        return texts.ADVICE_ONE.format(changing="industry", keeping="role")
    return ""


@commands.command(
    "interview request",
    help="Ask for a short chat with someone in the role you're aiming for",
    options=(
        Text(
            "goal",
            "What you want to learn from the conversation",
            required=True,
            min_length=20,
            max_length=500,
        ),
        Choice("target_role", "The role you want (default: your profile's)", choices_from="roles"),
        Choice(
            "target_industry",
            "The industry you want (default: your profile's)",
            choices_from="industries",
        ),
    ),
)
async def request(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if ctx.member.is_paused(ctx.now):
        raise UserError(texts.PAUSED)
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    target_role = args["target_role"] or (profile.target_role if profile else None)
    if not target_role:
        raise UserError(texts.NEED_ROLE)
    target_industry = args["target_industry"] or (profile.target_industry if profile else None)
    open_ = await uow.interviews.requests(
        ctx.community_id, (RequestStatus.OPEN, RequestStatus.PROPOSED), member_id=ctx.actor.id
    )
    if len(open_) >= MAX_OPEN:
        raise UserError(texts.TOO_MANY)
    created = await uow.interviews.add_request(
        ctx.community_id, ctx.actor.id, target_role, target_industry, args["goal"], ctx.now
    )
    asked = await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, created)
    tip = advice(
        profile.role if profile else None,
        profile.industry if profile else None,
        target_role,
        target_industry,
    )
    template = (
        texts.REQUEST_ASKED
        if any(p.request_id == created.id for p in asked)
        else texts.REQUEST_WAITING
    )
    return Reply(text=template.format(advice=tip).strip(), private=True)


def _upcoming(who: str, pairing: Pairing, zone: str | None) -> str:
    """No time is agreed inside liftup yet, so say where the times are and when I'll check."""
    text = f"with {who}: pick one of the times I suggested in your shared space"
    if pairing.follow_up_at is not None:
        text += f"; I'll ask how it went around {local_date(pairing.follow_up_at, zone)}"
    return text


@commands.command("interview status", help="Your requests, questions for you, your conversations")
async def status(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    fields = []
    profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
    zone = profile.timezone if profile else None
    for r in await uow.interviews.requests(
        ctx.community_id, (RequestStatus.OPEN, RequestStatus.PROPOSED), ctx.actor.id
    ):
        state = "someone is considering it"
        if r.status is not RequestStatus.PROPOSED:  # how long, and the real reason why
            why = await waiting_reason(MARKET, uow, r, ctx.settings, ctx.now)
            why = why.removeprefix(texts.WAITING_PREFIX)
            state = f"waiting {waited(r.created_at, ctx.now)}. {why[:1].upper()}{why[1:]}"
        fields.append(Field("Your request", f"{r.target_role}: {state}"))
    for p in await uow.interviews.pairings(ctx.community_id, ctx.actor.id):
        who = mention(p.partner_of(ctx.actor.id))
        if p.status is PairingStatus.PENDING and p.volunteer_id == ctx.actor.id:
            fields.append(Field("Waiting on you", f"a chat with {who} (see your DMs)"))
        elif p.status is PairingStatus.ACCEPTED:
            fields.append(Field("Upcoming", _upcoming(who, p, zone)))
        elif p.status is PairingStatus.DONE:
            fields.append(Field("Past", f"with {who}"))
    offer_ = await uow.interviews.offer(ctx.community_id, ctx.actor.id)
    if offer_ is not None:
        on = "" if offer_.active else texts.OFFER_PAUSED
        volunteering = f"{offer_.role} in {offer_.industry}, up to {offer_.per_month} a month"
        fields.append(Field("Volunteering", volunteering + on))
    if not fields:
        return Reply(text="Nothing yet: `/interview request` or `/interview offer`.", private=True)
    return Reply(title="Your interviews", fields=tuple(fields), private=True)


@commands.command(
    "interview done",
    help="Close a conversation: did it happen, was it helpful",
    options=(
        MemberOption("with", "Who it was with (needed if you have several)"),
        Boolean("happened", "Did the conversation happen?"),
        Integer("helpful", "How helpful it was, 1-5", min_value=1, max_value=5),
        Text("note", "Anything to add", max_length=500),
    ),
)
async def done(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    running = await uow.interviews.pairings(
        ctx.community_id, ctx.actor.id, (PairingStatus.ACCEPTED,)
    )
    pairing = the_one_meant(
        running, ctx.actor.id, args["with"], none=texts.NO_PAIRING, which=texts.WHICH
    )
    happened = True if args["happened"] is None else args["happened"]
    await uow.interviews.set_question(
        pairing.id,
        PairingStatus.DONE,
        ctx.now,
        happened=happened,
        helpful=args["helpful"],
        note=args["note"],
    )
    text = texts.DONE
    if happened:
        text += " " + thanks_for(pairing, ctx.actor.id)
    return Reply(text=text, private=True)
