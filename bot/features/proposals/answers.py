"""After the question: accept, decline, lapse, undeliverable, and providers who go away."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.proposals.arrivals import match_soon
from bot.features.proposals.market import Market
from bot.features.proposals.model import ProposalStatus, RequestStatus
from bot.features.proposals.rounds import round_outside_lock
from bot.hooks import Away
from bot.models import OutboxMessage
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Reply
from bot.runtime import Runtime

WAITING_NOTICE = timedelta(days=7)


async def pending_question(market: Market, ctx: Context, uow: UnitOfWork, payload: str) -> Any:
    """The open question a button refers to, if it's still open and for whoever pressed it."""
    question = await market.repo(uow).question(int(payload)) if payload.isdigit() else None
    if question is None or question.community_id != ctx.community_id:
        raise UserError(market.texts.settled.format(status="no longer open"))
    if question.provider_id != ctx.actor.id:
        raise UserError(market.texts.not_yours)
    if question.status != ProposalStatus.PENDING:
        raise UserError(market.texts.settled.format(status=question.status))
    return question


async def accept_question(market: Market, uow: UnitOfWork, question: Any, now: datetime) -> None:
    """Mark a question accepted and its request matched; what follows is the feature's."""
    repo = market.repo(uow)
    await repo.set_question(question.id, ProposalStatus.ACCEPTED, now)
    await repo.set_request_status(question.request_id, RequestStatus.MATCHED, now)
    await _answered(market, uow, question)


async def _answered(market: Market, uow: UnitOfWork, question: Any) -> None:
    """An answer, yes or no, clears the provider's run of unanswered questions."""
    offer = await market.repo(uow).offer(question.community_id, question.provider_id)
    if offer is not None and offer.expired_in_a_row:
        await market.repo(uow).save_offer(dataclasses.replace(offer, expired_in_a_row=0))


async def _reopen(
    market: Market, uow: UnitOfWork, question: Any, status: ProposalStatus, now: datetime
) -> None:
    """The question is closed; its request waits again, or, if it was only ever for this one
    provider, ends and its seeker hears so."""
    repo = market.repo(uow)
    await repo.set_question(question.id, status, now)
    request = await repo.request(question.request_id)
    if request is not None and not market.keeps_looking(request):
        await repo.set_request_status(request.id, RequestStatus.CLOSED, now)
        await market.stopped_looking(uow, request, question, status, now)
        return
    await repo.set_request_status(question.request_id, RequestStatus.OPEN, now)


async def decline(market: Market, ctx: Context, uow: UnitOfWork, payload: str) -> Reply:
    question = await pending_question(market, ctx, uow, payload)
    await _reopen(market, uow, question, ProposalStatus.DECLINED, ctx.now)
    await _answered(market, uow, question)
    request = await market.repo(uow).request(question.request_id)  # the next, right away
    await match_soon(market, uow, ctx.community_id, ctx.settings, ctx.now, request)
    return Reply(text=market.texts.declined, private=True)


async def expire(market: Market, runtime: Runtime, now: datetime) -> int:
    """Unanswered questions lapse; the request goes to the next provider; silence thrice pauses."""
    async with runtime.store.unit() as uow:
        lapsed = await market.repo(uow).questions_lapsed(now)
        reopened: dict[str, list[Any]] = {}
        for question in lapsed:
            # Each lapse counts once, even if another process expires this ask at this moment.
            key = f"{market.prefix}-question-lapsed:{question.id}"
            if await uow.effects.claim(question.community_id, key, now, question.provider_id):
                await _reopen(market, uow, question, ProposalStatus.EXPIRED, now)
                await _count_lapse(market, uow, question, now)
                reopened.setdefault(question.community_id, []).append(question)
        for community_id, questions in sorted(reopened.items()):
            settings = await runtime.settings_for(uow, community_id)
            back = await _requests_of(market, uow, questions)
            await match_soon(market, uow, community_id, settings, now, *back)  # the next, now
    return len(lapsed)


async def _requests_of(market: Market, uow: UnitOfWork, questions: list[Any]) -> list[Any]:
    """The requests these questions were about, as they stand now."""
    requests = [await market.repo(uow).request(q.request_id) for q in questions]
    return [request for request in requests if request is not None]


async def _count_lapse(market: Market, uow: UnitOfWork, question: Any, now: datetime) -> None:
    repo = market.repo(uow)
    offer = await repo.offer(question.community_id, question.provider_id)
    if offer is None:
        return
    streak = offer.expired_in_a_row + 1
    pause = streak >= market.lapses_before_pause and offer.active
    await repo.save_offer(
        dataclasses.replace(offer, expired_in_a_row=streak, active=offer.active and not pause)
    )
    if pause:
        key = f"{market.prefix}-paused-lapses:{question.id}"
        reply = Reply(text=market.texts.paused_after_lapses)
        await queue_dm(uow, question.community_id, question.provider_id, key, reply, now)


async def release(market: Market, uow: UnitOfWork, question: Any, note: str, now: datetime) -> None:
    """A question its provider can't answer goes back, and the seeker hears why; the caller
    runs the round that asks the next provider. It is no lapse of the provider's."""
    await _reopen(market, uow, question, ProposalStatus.RELEASED, now)
    key = f"{market.prefix}-asked-again:{question.id}"
    await queue_dm(uow, question.community_id, question.seeker_id, key, Reply(text=note), now)


async def undelivered(
    market: Market,
    runtime: Runtime,
    uow: UnitOfWork,
    message: OutboxMessage,
    failure: str | None,
    now: datetime,
) -> None:
    """A question the provider never got (DMs closed, left the server) isn't theirs to answer:
    the next provider is asked at once. Admins see what failed in the outbox's own report."""
    if failure is None:
        return
    question = await market.repo(uow).question(int(message.key.rpartition(":")[2]))
    if question is None or question.status != ProposalStatus.PENDING:
        return
    await release(market, uow, question, market.texts.undelivered, now)
    settings = await runtime.settings_for(uow, question.community_id)
    request = await market.repo(uow).request(question.request_id)
    await match_soon(market, uow, question.community_id, settings, now, request)


async def free_those_waiting_on(market: Market, ctx: Context, uow: UnitOfWork, away: Away) -> None:
    """Whoever waited on a member who pauses or erases their data is freed at once: a question
    to them goes to the next provider this very moment. On erasure their own offer and requests
    end too, and the notes never name them (the erasure would remove them)."""
    repo, community, me, now = market.repo(uow), ctx.community_id, ctx.actor.id, ctx.now
    erased = away is Away.ERASED
    note = market.texts.provider_left if erased else market.texts.provider_away
    released = []
    for question in await repo.questions(community, ProposalStatus.PENDING):
        if question.provider_id == me:
            await release(market, uow, question, note, now)
            released.append(question)
        elif question.seeker_id == me and erased:
            await repo.set_question(question.id, ProposalStatus.RELEASED, now)
    if erased:
        offer = await repo.offer(community, me)
        if offer is not None and offer.active:
            await repo.save_offer(dataclasses.replace(offer, active=False))
        for request in await repo.requests(
            community, (RequestStatus.OPEN, RequestStatus.PROPOSED), member_id=me
        ):
            await repo.set_request_status(request.id, RequestStatus.CLOSED, now)
    await market.partner_away(ctx, uow, away)
    back = await _requests_of(market, uow, released)
    await match_soon(market, uow, community, ctx.settings, now, *back)


async def take_back_questions_about(
    market: Market, uow: UnitOfWork, request: Any, why: str, note: str, now: datetime
) -> None:
    """Close any question still open on `request`; whoever had it hears `note` (outbox key
    `<prefix>-<why>:<question>`). Not a lapse of theirs."""
    repo = market.repo(uow)
    for question in await repo.questions(request.community_id, ProposalStatus.PENDING):
        if question.request_id == request.id:
            await repo.set_question(question.id, ProposalStatus.RELEASED, now)
            key = f"{market.prefix}-{why}:{question.id}"
            await queue_dm(uow, request.community_id, question.provider_id, key, Reply(note), now)


async def withdraw_request(market: Market, uow: UnitOfWork, request: Any, now: datetime) -> None:
    """Close a seeker's request; a provider asked about it hears it's withdrawn. The caller
    runs the round: the provider's room is free for someone else."""
    await market.repo(uow).set_request_status(request.id, RequestStatus.CLOSED, now)
    await take_back_questions_about(market, uow, request, "withdrawn", market.texts.withdrawn, now)


async def stop_offer(market: Market, uow: UnitOfWork, offer: Any, now: datetime) -> list[Any]:
    """Switch a provider's offer off; questions waiting on them go back to be asked of someone
    else (the caller passes them to `match_soon`). Returns the requests that went back."""
    repo = market.repo(uow)
    await repo.save_offer(dataclasses.replace(offer, active=False))
    waiting = await repo.questions(
        offer.community_id, ProposalStatus.PENDING, provider_id=offer.member_id
    )
    for question in waiting:
        await _reopen(market, uow, question, ProposalStatus.RELEASED, now)
    return await _requests_of(market, uow, waiting)


async def rounds_due(market: Market, runtime: Runtime, now: datetime) -> int:
    """Each tick: the whole round of every large community where something changed since its
    last one, and once an hour of every community with open requests, which catches what no
    event announces (a pause ending, a new zone). Small communities already ran theirs at
    each event. Each round thinks outside the write lock (`round_outside_lock`)."""
    async with runtime.store.unit() as uow:
        wanted = await uow.rounds.wanted(market.feature)
        hourly = [
            community_id
            for community_id in await market.repo(uow).communities_with_open_requests()
            if await uow.effects.claim(
                community_id, f"{market.prefix}-round:{now:%Y-%m-%dT%H}", now
            )
        ]
    asked = 0
    for community_id in sorted(set(wanted) | set(hourly)):
        asked += len(await round_outside_lock(market, runtime, community_id, now))
        if community_id in wanted:
            async with runtime.store.unit() as uow:
                await uow.rounds.done(market.feature, community_id, wanted[community_id])
    return asked


async def tell_who_waits(market: Market, runtime: Runtime, now: datetime) -> int:
    """Nobody waits silently: after a week without a match, say why and what would help."""
    async with runtime.store.unit() as uow:
        repo = market.repo(uow)
        cache: dict[str, Any] = {}
        waiting = await repo.requests_waiting_since(now - WAITING_NOTICE)
        for request in waiting:
            settings = await runtime.settings_for(uow, request.community_id)
            why = await market.waiting_reason(uow, request, settings, now, cache)
            await repo.mark_waiting_told(request.id, now)
            note = Reply(title=market.texts.waiting_title, text=why)
            key = f"{market.prefix}-waiting:{request.id}"
            await queue_dm(uow, request.community_id, request.member_id, key, note, now)
    return len(waiting)


def register(catalogue: Catalogue, market: Market) -> None:
    """Declare the engine's part of a feature: the decline button, the lapse, round and
    waiting-notice jobs, the undeliverable-question hook and the away hook."""
    catalogue.action(f"{market.prefix}-decline")(partial(decline, market))
    catalogue.add_due(f"{market.prefix}-question-expiry", partial(expire, market))
    catalogue.add_due(f"{market.prefix}-rounds", partial(rounds_due, market))
    catalogue.add_due(f"{market.prefix}-waiting-notice", partial(tell_who_waits, market))
    catalogue.add_delivery_hook(f"{market.question_key}:", partial(undelivered, market))
    catalogue.on_away(partial(free_those_waiting_on, market))
