"""The /mentor commands and their buttons (the admins' part: admin.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.mentoring import texts
from bot.features.mentoring.market import MARKET
from bot.features.mentoring.model import MentorOffer
from bot.features.mentoring.waiting import waiting_reason
from bot.features.proposals import match_soon, stop_offer, withdraw_request
from bot.features.proposals.direct import ask_named
from bot.features.proposals.model import ProposalStatus, RequestStatus
from bot.features.proposals.partners import the_one_meant
from bot.options import Duration, Integer, MemberOption, Text, Topics
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Button, ButtonStyle, Field, Reply, mention
from bot.texts import counted, waited
from bot.timefmt import local_time

commands = Catalogue()
commands.group("mentor", help="Find a mentor, or offer to be one")

commands.setting(
    Duration(
        "proposal_expiry",
        "How long a mentor has to answer before I ask the next one",
        minimum=timedelta(hours=1),
        maximum=timedelta(days=14),
    ),
    timedelta(days=3),
)
commands.setting(
    Integer(
        "mentoring_min_score",
        "The least fit (0-100) worth a mentoring pair",
        min_value=1,
        max_value=100,
    ),
    30,
)
commands.setting(
    Integer(
        "mentoring_repeat_weeks",
        "Weeks before the same two people can be paired again",
        min_value=0,
        max_value=104,
    ),
    26,
)


@commands.command(
    "mentor offer",
    help="Offer to mentor: the topics you can help with and how many mentees at once",
    options=(
        Topics("topics", "Topics you can help with, separated by commas", required=True),
        Integer(
            "capacity",
            "How many mentees at a time (1-10)",
            required=True,
            min_value=1,
            max_value=10,
        ),
        Text("note", "Anything mentees should know, e.g. how you like to meet", max_length=300),
    ),
)
async def offer(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    earlier = await uow.mentoring.offer(ctx.community_id, ctx.actor.id)
    saved = MentorOffer(
        community_id=ctx.community_id,
        member_id=ctx.actor.id,
        topics=args["topics"],
        capacity=args["capacity"],
        confirmed_at=ctx.now,
        note=args["note"] if args["note"] is not None else (earlier.note if earlier else None),
    )
    await uow.mentoring.save_offer(saved)
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(
        text=texts.OFFER_SAVED.format(
            capacity=counted(saved.capacity, "mentee"), topics=", ".join(saved.topics)
        ),
        private=True,
    )


@commands.command("mentor stop", help="Stop taking new mentees; current ones carry on")
async def stop(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    current = await uow.mentoring.offer(ctx.community_id, ctx.actor.id)
    if current is None or not current.active:
        raise UserError(texts.NOT_A_MENTOR)
    released = await stop_offer(MARKET, uow, current, ctx.now)
    if released:
        await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, *released)
    text = texts.OFFER_STOPPED
    if released:
        text += texts.OFFER_STOPPED_RELEASED.format(count=counted(len(released), "open question"))
    return Reply(text=text, private=True)


@commands.command(
    "mentor request",
    help="Ask for a mentor: what you want to learn and what you want to achieve",
    options=(
        Topics("topics", "What you want help with, separated by commas", required=True),
        Text(
            "goal",
            "What you want to achieve, in a sentence or two",
            required=True,
            min_length=20,
            max_length=500,
        ),
        MemberOption("with", "A mentor you've had before, to carry on with (asked first)"),
    ),
)
async def request(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if ctx.member.is_paused(ctx.now):
        raise UserError(texts.REQUEST_PAUSED)
    existing = await uow.mentoring.open_request(ctx.community_id, ctx.actor.id)
    if existing is not None:
        # Offer to replace it. The new request waits server-side: a button can't carry a goal.
        wanted = {"topics": list(args["topics"]), "goal": args["goal"], "with": args["with"]}
        key = await uow.forms.keep(ctx.community_id, ctx.actor.id, wanted, ctx.now)
        profile = await uow.profiles.get(ctx.community_id, ctx.actor.id)
        since = local_time(existing.created_at, profile.timezone if profile else None)
        return Reply(
            text=texts.REQUEST_EXISTS.format(since=since, topics=", ".join(existing.topics)),
            buttons=(
                Button("Replace it", "mentor-replace", key, ButtonStyle.PRIMARY),
                Button("Keep mine", "mentor-keep", key),
            ),
            private=True,
        )
    return await _ask_for_a_mentor(ctx, uow, args["topics"], args["goal"], args["with"])


async def _former_mentor(ctx: Context, uow: UnitOfWork, mentor_id: str) -> None:
    """`with:` carries on a mentorship that ran its course; it isn't a way to pick anyone."""
    ships = await uow.mentoring.mentorships(
        ctx.community_id, member_id=ctx.actor.id, active_only=False
    )
    mine = [s for s in ships if s.mentor_id == mentor_id and s.mentee_id == ctx.actor.id]
    if any(s.status == "active" for s in mine):
        raise UserError(texts.ALREADY_WITH.format(who=mention(mentor_id)))
    if not any(s.end_reason == "ended" for s in mine):
        raise UserError(texts.CONTINUE_ONLY.format(who=mention(mentor_id)))


async def _ask_for_a_mentor(
    ctx: Context, uow: UnitOfWork, topics: tuple[str, ...], goal: str, with_: str | None = None
) -> Reply:
    if with_ is not None:
        await _former_mentor(ctx, uow, with_)
    created = await uow.mentoring.add_request(ctx.community_id, ctx.actor.id, topics, goal, ctx.now)
    if with_ is not None:  # asked first, past the repeat window; a no sends it to the round
        await ask_named(MARKET, uow, created, with_, ctx.settings, ctx.now)
        return Reply(text=texts.REQUEST_CONTINUE.format(who=mention(with_)), private=True)
    proposals = await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now, created)
    asked = any(p.request_id == created.id for p in proposals)
    return Reply(text=texts.REQUEST_PROPOSED if asked else texts.REQUEST_WAITING, private=True)


@commands.action("mentor-replace")
async def replace_request(ctx: Context, uow: UnitOfWork, key: str) -> Reply:
    wanted = await uow.forms.get(ctx.community_id, ctx.actor.id, key)
    if wanted is None:
        raise UserError(texts.REPLACE_GONE)
    await uow.forms.drop(key)
    await _withdraw_open_request(ctx, uow)
    asked = await _ask_for_a_mentor(
        ctx, uow, tuple(wanted["topics"]), wanted["goal"], wanted.get("with")
    )
    return Reply(text=texts.REQUEST_REPLACED + asked.text, private=True)


@commands.action("mentor-keep")
async def keep_request(ctx: Context, uow: UnitOfWork, key: str) -> Reply:
    await uow.forms.drop(key)
    return Reply(text=texts.REQUEST_KEPT, private=True)


async def _withdraw_open_request(ctx: Context, uow: UnitOfWork) -> bool:
    """Close the member's open request; a mentor asked about it hears it's withdrawn."""
    mine = await uow.mentoring.open_request(ctx.community_id, ctx.actor.id)
    if mine is None:
        return False
    await withdraw_request(MARKET, uow, mine, ctx.now)
    return True


@commands.command("mentor cancel", help="Withdraw your open request for a mentor")
async def cancel(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if not await _withdraw_open_request(ctx, uow):
        raise UserError(texts.NOTHING_TO_CANCEL)
    # The mentor's slot is free again: someone else waiting may fit them now.
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=texts.CANCELLED, private=True)


@commands.command("mentor status", help="Your request, questions waiting on you, your mentorships")
async def status(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    fields = []
    mine = await uow.mentoring.open_request(ctx.community_id, ctx.actor.id)
    if mine is not None:
        state = "a mentor is considering it"
        if mine.status is not RequestStatus.PROPOSED:
            why = (await waiting_reason(uow, mine, ctx.settings, ctx.now)).text.removeprefix(
                texts.WAITING_PREFIX
            )
            state = f"waiting {waited(mine.created_at, ctx.now)}. {why[:1].upper()}{why[1:]}"
        fields.append(Field("Your request", f"{', '.join(mine.topics)}: {state}"))
    offer_ = await uow.mentoring.offer(ctx.community_id, ctx.actor.id)
    if offer_ is not None:
        on = "on" if offer_.active else "paused (`/mentor offer` to switch it on)"
        fields.append(
            Field("Your offer", f"{', '.join(offer_.topics)}; up to {offer_.capacity}; {on}")
        )
    pending = await uow.mentoring.questions(
        ctx.community_id, ProposalStatus.PENDING, provider_id=ctx.actor.id
    )
    buttons: list[Button] = []
    names = await uow.members.many(ctx.community_id, [p.mentee_id for p in pending])
    for proposal in pending:
        fields.append(Field("Waiting on you", f"Would you mentor {mention(proposal.mentee_id)}?"))
        # Button labels can't mention anyone, so they carry the name as it is now.
        name = names[proposal.mentee_id].display_name if proposal.mentee_id in names else "them"
        ref = str(proposal.id)
        buttons += [
            Button(f"Accept {name}", "mentor-accept", ref, ButtonStyle.PRIMARY),
            Button(f"Decline {name}", "mentor-decline", ref),
        ]
    for ship in await uow.mentoring.mentorships(ctx.community_id, member_id=ctx.actor.id):
        role = "mentoring" if ship.mentor_id == ctx.actor.id else "mentored by"
        since = ship.started_at.strftime("%d %b %Y")
        fields.append(
            Field("Mentorship", f"{role} {mention(ship.partner_of(ctx.actor.id))} since {since}")
        )
    if not fields:
        return Reply(
            text="Nothing yet. `/mentor request` to find a mentor, `/mentor offer` to be one.",
            private=True,
        )
    return Reply(
        title="Your mentoring", fields=tuple(fields), buttons=tuple(buttons[:10]), private=True
    )


@commands.command(
    "mentor end",
    help="End a mentorship; the mentor's slot opens for someone new",
    options=(
        MemberOption("with", "Who the mentorship is with (needed if you have several)"),
        Integer(
            "rating", "How helpful it was, 1-5 (only admins see totals)", min_value=1, max_value=5
        ),
        Text("note", "Anything you'd like to say about it", max_length=500),
    ),
)
async def end(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    running = await uow.mentoring.mentorships(ctx.community_id, member_id=ctx.actor.id)
    ship = the_one_meant(
        running,
        ctx.actor.id,
        args["with"],
        none=texts.NO_MENTORSHIP,
        which=texts.WHICH_MENTORSHIP,
        none_with=texts.NOT_WITH,
    )
    await uow.mentoring.end_mentorship(ship.id, ctx.now, "ended", args["rating"], args["note"])
    partner = ship.partner_of(ctx.actor.id)
    await queue_dm(
        uow,
        ctx.community_id,
        partner,
        f"mentor-ended:{ship.id}",
        Reply(text=texts.ENDED_PARTNER.format(who=mention(ctx.actor.id))),
        ctx.now,
    )
    await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)  # a slot just opened
    return Reply(text=texts.ENDED.format(partner=mention(partner)), private=True)
