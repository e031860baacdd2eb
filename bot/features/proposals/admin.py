"""Organisers in control of any consent-first feature: ask a named provider about a member's
request, pause, resume or take down a provider's offer, and move a stuck request on."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import partial
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.proposals.answers import stop_offer
from bot.features.proposals.arrivals import match_soon
from bot.features.proposals.direct import NO_REQUEST, ask_named, requeue
from bot.features.proposals.market import Market
from bot.features.proposals.model import RequestStatus
from bot.options import MemberOption
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Reply, mention
from bot.texts import counted

NO_OFFER = "{who} isn't a {provider} here, so there's no offer to change."
ALREADY_PAUSED = "{who}'s {provider} offer is already paused."
ALREADY_ON = "{who}'s {provider} offer is already on."
PAUSED = "Paused {who}'s {provider} offer. They've been told."
PAUSED_RELEASED = " {questions} waiting on them went back to be asked of someone else."
RESUMED = "{who}'s {provider} offer is on again, and they've been told."
REMOVED = (
    "Took down {who}'s {provider} offer; anything already agreed carries on. They've been told."
)
ASKED = "Asked {provider} about {seeker}'s request. It's still theirs to accept or decline."
REQUEUED_ASKED = "Moved {seeker}'s request on: I've asked {provider}."
REQUEUED_WAITING = (
    "Moved {seeker}'s request on, but nobody free fits it right now; it waits for the next round."
)

TOLD_PAUSED = (
    "An organiser has paused your {provider} offer for now; anything you've already agreed "
    "carries on. `/{prefix} offer` switches it back on whenever you're ready."
)
TOLD_RESUMED = (
    "An organiser has switched your {provider} offer back on. Thank you! If that isn't what you "
    "want, `/{prefix} stop` turns it off."
)
TOLD_REMOVED = (
    "An organiser has taken down your {provider} offer. Anything you've already agreed carries "
    "on, and the organisers are happy to talk it through if you'd like."
)


def _words(market: Market) -> dict[str, str]:
    return {"provider": market.provider_word, "prefix": market.prefix}


async def _offer_of(market: Market, uow: UnitOfWork, ctx: Context, member_id: str) -> Any:
    offer = await market.repo(uow).offer(ctx.community_id, member_id)
    if offer is None:
        raise UserError(NO_OFFER.format(who=mention(member_id), **_words(market)))
    return offer


async def _tell(
    market: Market, uow: UnitOfWork, ctx: Context, member_id: str, what: str, text: str
) -> None:
    key = f"{market.prefix}-organiser-{what}:{member_id}:{ctx.now.isoformat()}"
    reply = Reply(text=text.format(**_words(market)))
    await queue_dm(uow, ctx.community_id, member_id, key, reply, ctx.now)


async def _request_of(market: Market, uow: UnitOfWork, ctx: Context, member_id: str) -> Any:
    """The member's request an organiser means: the oldest one not yet with anyone, else the
    oldest one someone is considering."""
    waiting = await market.repo(uow).requests(
        ctx.community_id, (RequestStatus.OPEN, RequestStatus.PROPOSED), member_id=member_id
    )
    if not waiting:
        raise UserError(NO_REQUEST.format(who=mention(member_id)))
    return min(waiting, key=lambda r: (r.status != RequestStatus.OPEN, r.created_at, r.id))


async def pause(market: Market, ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = args["member"]
    offer = await _offer_of(market, uow, ctx, member)
    if not offer.active:
        raise UserError(ALREADY_PAUSED.format(who=mention(member), **_words(market)))
    released = await stop_offer(market, uow, offer, ctx.now)
    await match_soon(market, uow, ctx.community_id, ctx.settings, ctx.now, *released)
    await _tell(market, uow, ctx, member, "paused", TOLD_PAUSED)
    text = PAUSED.format(who=mention(member), **_words(market))
    if released:
        text += PAUSED_RELEASED.format(questions=counted(len(released), "question"))
    return Reply(text=text, private=True)


async def resume(market: Market, ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = args["member"]
    offer = await _offer_of(market, uow, ctx, member)
    if offer.active:
        raise UserError(ALREADY_ON.format(who=mention(member), **_words(market)))
    # Switched on afresh: earlier lapses no longer keep them from being asked.
    back = dataclasses.replace(offer, active=True, expired_in_a_row=0, confirmed_at=ctx.now)
    await market.repo(uow).save_offer(back)
    await _tell(market, uow, ctx, member, "resumed", TOLD_RESUMED)
    await match_soon(market, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text=RESUMED.format(who=mention(member), **_words(market)), private=True)


async def remove(market: Market, ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member = args["member"]
    offer = await _offer_of(market, uow, ctx, member)
    released = await stop_offer(market, uow, offer, ctx.now)
    await market.repo(uow).remove_offer(ctx.community_id, member)
    await _tell(market, uow, ctx, member, "removed", TOLD_REMOVED)
    await match_soon(market, uow, ctx.community_id, ctx.settings, ctx.now, *released)
    return Reply(text=REMOVED.format(who=mention(member), **_words(market)), private=True)


async def pair(market: Market, ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    seeker, provider = args[market.seeker_word], args[market.provider_word]
    request = await _request_of(market, uow, ctx, seeker)
    await ask_named(market, uow, request, provider, ctx.settings, ctx.now, by_organiser=True)
    return Reply(
        text=ASKED.format(provider=mention(provider), seeker=mention(seeker)), private=True
    )


async def move_on(market: Market, ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    seeker = args["member"]
    request = await _request_of(market, uow, ctx, seeker)
    asked = await requeue(market, uow, request, ctx.settings, ctx.now)
    mine = next((q for q in asked if q.request_id == request.id), None)
    if mine is None:
        return Reply(text=REQUEUED_WAITING.format(seeker=mention(seeker)), private=True)
    text = REQUEUED_ASKED.format(seeker=mention(seeker), provider=mention(mine.provider_id))
    return Reply(text=text, private=True)


def register_admin(catalogue: Catalogue, market: Market) -> None:
    """Declare `/admin <prefix> pair|pause|resume|remove|requeue` for a feature."""
    group, provider, seeker = market.prefix, market.provider_word, market.seeker_word
    catalogue.group("admin", group, help=f"Manage {provider}s and requests by hand")
    member = MemberOption("member", f"The {provider}", required=True)
    for name, handler, help_ in (
        ("pause", pause, f"Pause a {provider}'s offer; questions waiting on them move on"),
        ("resume", resume, f"Switch a paused {provider}'s offer back on"),
        ("remove", remove, f"Take down a {provider}'s offer; anything agreed carries on"),
    ):
        catalogue.command(
            f"admin {group} {name}",
            help=help_,
            options=(member,),
            permission=Permission.ADMIN,
        )(partial(handler, market))
    catalogue.command(
        f"admin {group} pair",
        help=f"Ask a {provider} about a member's request; still theirs to accept",
        options=(
            MemberOption(seeker, "The member whose request it is", required=True),
            MemberOption(provider, f"The {provider} to ask", required=True),
        ),
        permission=Permission.ADMIN,
    )(partial(pair, market))
    catalogue.command(
        f"admin {group} requeue",
        help="Move a member's waiting request on to someone else now",
        options=(MemberOption("member", "The member whose request it is", required=True),),
        permission=Permission.ADMIN,
    )(partial(move_on, market))
