"""Part of issue 15: whatever members do, in whatever order, nobody is stranded. Random
communities live through random events (offers, requests, answers, expiry, erasure, pauses,
cancels, closed DMs) on the real core; after every step the mentoring engine's promises hold."""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_app
from bot.config import Config
from bot.features.mentoring.market import still_asked
from bot.models import ProposalStatus, RequestStatus
from storage.sqlite import SqliteStore
from tests.driver import ADMIN, C, Club, actor
from tests.fakes import FakeMessenger, fixed_clock

MENTORS = ("sam", "lee", "ana")
MENTEES = ("priya", "tomas", "kofi")
TOPICS = ("pytorch", "nlp", "statistics")
GOAL = "Build and ship one small model this quarter"

events = st.one_of(
    st.tuples(st.just("offer"), st.sampled_from(MENTORS), st.integers(1, 2)),
    st.tuples(st.just("stop"), st.sampled_from(MENTORS), st.just(0)),
    st.tuples(st.just("request"), st.sampled_from(MENTEES), st.integers(0, 2)),
    st.tuples(st.just("cancel"), st.sampled_from(MENTEES), st.just(0)),
    st.tuples(st.just("accept"), st.sampled_from(MENTORS), st.just(0)),
    st.tuples(st.just("decline"), st.sampled_from(MENTORS), st.just(0)),
    st.tuples(st.just("erase"), st.sampled_from(MENTORS + MENTEES), st.just(0)),
    st.tuples(st.just("pause"), st.sampled_from(MENTORS + MENTEES), st.just(0)),
    st.tuples(st.just("close-dms"), st.sampled_from(MENTORS), st.just(0)),
    st.tuples(st.just("wait"), st.just(""), st.integers(1, 80)),  # hours
)


async def _step(club: Club, event: tuple[str, str, int]) -> None:
    kind, name, number = event
    who = actor(name.title()) if name else ADMIN
    if kind == "offer":
        await club.run(who, "mentor offer", topics="pytorch, nlp, statistics", capacity=str(number))
    elif kind == "stop":
        await club.run(who, "mentor stop")
    elif kind == "request":
        await club.run(who, "mentor request", topics=TOPICS[number], goal=GOAL)
    elif kind == "cancel":
        await club.run(who, "mentor cancel")
    elif kind in ("accept", "decline"):
        for sent in reversed(club.dms_to(name)):
            button = next((b for b in sent.reply.buttons if b.action == f"mentor-{kind}"), None)
            if button is not None:
                await club.click(who, button.action, button.payload)
                break
    elif kind == "erase":
        ask = await club.run(who, "privacy delete")
        await club.click(who, "privacy-delete", ask.buttons[0].payload)
    elif kind == "pause":
        await club.run(who, "privacy pause", duration="1d")
    elif kind == "close-dms":
        club.messenger.dms_closed.add(name)
    else:
        await club.advance(timedelta(hours=number), step=timedelta(hours=8))


async def _check(club: Club) -> None:
    """Nobody is asked who can't answer; nobody holds more than they offered; and after a tick,
    no open request sits beside a free mentor who may still be asked about it."""
    store, now = club.app.runtime.store, club.clock.now()
    async with store.unit(read_only=True) as uow:
        offers = {o.member_id: o for o in await uow.mentoring.offers(C)}
        members = await uow.members.many(C, list(MENTORS + MENTEES))
        pending = await uow.mentoring.questions(C, ProposalStatus.PENDING)
        running = await uow.mentoring.mentorships(C)
        load = Counter(p.mentor_id for p in pending) + Counter(s.mentor_id for s in running)
        for proposal in pending:
            mentor = members.get(proposal.mentor_id)
            assert mentor is not None, "a question waits on a member who erased their data"
            assert not mentor.is_paused(now), "a question waits on a paused mentor"
            assert proposal.mentor_id not in club.messenger.dms_closed, "a question nobody got"
        for mentor_id, held in load.items():
            offer = offers.get(mentor_id) or await uow.mentoring.offer(C, mentor_id)
            assert offer is not None and held <= offer.capacity, f"{mentor_id} is over capacity"
        proposed = await uow.mentoring.requests(C, (RequestStatus.PROPOSED,))
        asked_now = Counter(p.request_id for p in pending)
        for request in proposed:  # "a mentor is considering it" must be true
            assert asked_now[request.id] == 1, f"{request.member_id}'s request waits on nobody"
        waiting = await uow.mentoring.requests(C, (RequestStatus.OPEN,))
        asked = await uow.mentoring.asked_mentors(C)
        recent = await uow.mentoring.paired_since(C, now - timedelta(weeks=26))
    for request in waiting:
        seeker = members.get(request.member_id)
        if seeker is None or seeker.is_paused(now):
            continue
        for mentor_id, offer in offers.items():
            mentor = members.get(mentor_id)
            free = offer.capacity - load[mentor_id] > 0
            if (
                mentor is None
                or mentor_id == request.member_id
                or not free
                or mentor.is_paused(now)
                or (request.member_id, mentor_id) in recent
            ):
                continue
            before = asked.get(request.id, {}).get(mentor_id)
            assert before is not None and still_asked(*before, offer.confirmed_at), (
                f"{request.member_id}'s request waits while {mentor_id} is free and unasked"
            )


async def _live(events_: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = await SqliteStore.open(str(Path(folder) / "liftup.db"))
        try:
            clock, messenger = fixed_clock(), FakeMessenger()
            config = Config()
            config = replace(config, outbox=replace(config.outbox, rate_per_second=1000.0))
            club = Club(build_app(config, store, clock, {"test": messenger}), messenger, clock)
            await club.run(ADMIN, "admin set", key="mentoring_min_score", value="1")
            for name in MENTORS + MENTEES:
                await club.member(name.title())
            for event in events_:
                await _step(club, event)
                await club.advance(timedelta(hours=1))  # one tick: rounds catch up
                await _check(club)
        finally:
            await store.close()


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(events, min_size=3, max_size=14))
def test_nobody_is_stranded_whatever_members_do(events_):
    asyncio.run(_live(events_))
