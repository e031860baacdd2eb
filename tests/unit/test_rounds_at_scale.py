"""Issue 17: how rounds behave in a large community. Events there ask an arriving request's
best free provider at once and leave the exact round to the next tick; the tick's round thinks
off the write lock and writes only the pairs that still hold."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.features.mentoring.market import MARKET
from bot.features.mentoring.model import MentorOffer
from bot.features.proposals import arrivals, rounds
from bot.features.proposals.model import ProposalStatus, RequestStatus
from bot.models import Profile
from tests.driver import ADMIN, C, actor

GOAL = "Ship one small NLP model to production this quarter"


@pytest.fixture
def large(monkeypatch):
    """Every community counts as large: no event runs the whole round at once."""
    monkeypatch.setattr(arrivals, "ROUND_AT_ONCE_PAIRS", 0)


async def test_an_arriving_request_is_asked_of_its_best_free_mentor_at_once(club, large):
    await club.mentor("Sam", "pytorch", capacity=1, role="ML engineer")
    await club.mentor("Lee", "pytorch", capacity=1)
    priya = await club.member("Priya", target_role="ML engineer")
    reply = await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    assert "I've asked a mentor" in reply.text
    assert [s.reply.text.split()[0] for s in club.dms_to("sam")] == ["<@priya>"]  # the best
    bo = await club.member("Bo", target_role="ML engineer")
    await club.run(bo, "mentor request", topics="pytorch", goal=GOAL)
    # Sam has no room left: the next best with room is asked, at once, without a round.
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@bo>"]
    async with club.app.runtime.store.unit() as uow:
        assert C in await uow.rounds.wanted("mentoring")


async def test_a_new_mentor_is_offered_at_the_next_tick_not_at_once(club, large):
    ada = await club.member("Ada")
    reply = await club.run(ada, "mentor request", topics="nlp", goal=GOAL)
    assert "I've asked" not in reply.text  # nobody covers NLP yet
    await club.mentor("Nia", "nlp")
    assert club.dms_to("nia") == []  # a large community's round waits for the tick
    await club.advance(timedelta(minutes=1), step=timedelta(minutes=1))
    assert [s.reply.text.split()[0] for s in club.dms_to("nia")] == ["<@ada>"]
    async with club.app.runtime.store.unit() as uow:
        assert await uow.rounds.wanted("mentoring") == {}  # the round ran on every change


async def test_a_decline_sends_the_request_on_at_once_in_a_large_community(club, large):
    sam = await club.mentor("Sam", "pytorch", role="ML engineer")
    await club.mentor("Lee", "pytorch")
    priya = await club.member("Priya", target_role="ML engineer")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    await club.click(sam, "mentor-decline", club.last_button("sam", "mentor-decline").payload)
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@priya>"]
    assert len(club.dms_to("sam")) == 1  # never asked again about a request they declined


async def test_the_ticks_round_writes_only_the_pairs_that_still_hold(
    app, store, clock, monkeypatch
):
    """Between the round's snapshot and its write: Ada withdraws, Lee's one slot is taken by
    someone else, and Sam declines Bo. The plan paired all three; only the pair that still
    holds is written."""
    now = clock.now()
    async with store.unit() as uow:
        await uow.communities.ensure(C, now)
        for member_id in ("sam", "lee", "ada", "bo", "cy", "dee"):
            await uow.members.upsert(C, member_id, member_id.title(), now)
        await uow.profiles.save(Profile(C, "sam", role="ML engineer", updated_at=now))
        await uow.profiles.save(Profile(C, "cy", target_role="ML engineer", updated_at=now))
        await uow.mentoring.save_offer(MentorOffer(C, "sam", ("PyTorch",), 2, now))
        await uow.mentoring.save_offer(MentorOffer(C, "lee", ("PyTorch",), 1, now))
        ada = await uow.mentoring.add_request(C, "ada", ("PyTorch",), GOAL, now)
        bo = await uow.mentoring.add_request(C, "bo", ("PyTorch",), GOAL, now)
        cy = await uow.mentoring.add_request(C, "cy", ("PyTorch",), GOAL, now)
    planned = []
    real_plan, real_snapshot = rounds._plan, rounds._snapshot

    def plan(*args):
        planned.extend(real_plan(*args))
        return planned

    async def snapshot(market, uow, community_id, settings, when):
        taken = await real_snapshot(market, uow, community_id, settings, when)
        async with store.unit() as other:  # what happens while the round thinks
            await other.mentoring.set_request_status(ada.id, RequestStatus.CLOSED, when)
            dee = await other.mentoring.add_request(C, "dee", ("PyTorch",), GOAL, when)
            await other.mentoring.add_questions([(dee, "lee", 50, "fits")], when, when)
            [declined] = await other.mentoring.add_questions([(bo, "sam", 50, "x")], when, when)
            await other.mentoring.set_question(declined.id, ProposalStatus.DECLINED, when)
        return taken

    monkeypatch.setattr(rounds, "_plan", plan)
    monkeypatch.setattr(rounds, "_snapshot", snapshot)
    asked = await rounds.round_outside_lock(MARKET, app.runtime, C, now)
    # The plan: Cy to Sam (the role they aim for), Ada and Bo to Sam's other slot and Lee's.
    assert {(r.member_id, mentor) for r, mentor, _ in planned if r.member_id == "cy"} == {
        ("cy", "sam")
    }
    assert {mentor for r, mentor, _ in planned if r.member_id != "cy"} == {"sam", "lee"}
    # Ada withdrew, and Bo's mentor is either full (Lee) or declined Bo (Sam): only Cy is asked.
    assert [(q.request_id, q.mentor_id) for q in asked] == [(cy.id, "sam")]


async def test_rounds_wanted_count_events_so_one_during_a_round_keeps_the_next(store, clock):
    now = clock.now()
    async with store.unit() as uow:
        await uow.communities.ensure(C, now)
        await uow.rounds.want("mentoring", C)
        await uow.rounds.want("mentoring", C)
        await uow.rounds.want("interviews", C)
        assert await uow.rounds.wanted("mentoring") == {C: 2}
        await uow.rounds.done("mentoring", C, 1)  # the round saw one; a second came meanwhile
        assert await uow.rounds.wanted("mentoring") == {C: 2}
        await uow.rounds.done("mentoring", C, 2)
        assert await uow.rounds.wanted("mentoring") == {}
        assert await uow.rounds.wanted("interviews") == {C: 1}


async def test_match_now_in_a_large_community_queues_the_round_for_the_tick(club, large):
    ada = await club.member("Ada")
    await club.run(ada, "mentor request", topics="nlp", goal=GOAL)
    await club.mentor("Nia", "nlp")
    reply = await club.run(ADMIN, "admin match-now")
    assert "runs within a minute" in reply.text
    assert club.dms_to("nia") == []  # not inside the command's transaction
    await club.advance(timedelta(minutes=1), step=timedelta(minutes=1))
    assert [s.reply.text.split()[0] for s in club.dms_to("nia")] == ["<@ada>"]


async def test_arrivals_reuse_the_providers_for_minutes_and_the_tick_covers_newcomers(club, large):
    await club.mentor("Sam", "pytorch", capacity=1)
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)  # Sam, kept in memo
    await club.mentor("Lee", "pytorch")  # offers after the providers were read
    bo = await club.member("Bo")
    await club.run(bo, "mentor request", topics="pytorch", goal=GOAL)
    assert club.dms_to("lee") == []  # Sam is full, Lee not yet among the kept providers
    await club.advance(timedelta(minutes=1), step=timedelta(minutes=1))
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@bo>"]  # the tick's round
    await club.advance(arrivals.PROVIDERS_KEPT, step=arrivals.PROVIDERS_KEPT)
    cy = await club.member("Cy")
    await club.run(cy, "mentor request", topics="pytorch", goal=GOAL)
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@bo>", "<@cy>"]  # read anew
    async with club.app.runtime.store.unit(read_only=True) as uow:
        kept = [key for key in uow.memo if key.endswith(arrivals.PROVIDERS_MEMO)]
    assert kept == [f"{C}:mentoring{arrivals.PROVIDERS_MEMO}"]


async def test_a_mentor_who_pauses_hands_the_question_on_at_once_in_a_large_community(club, large):
    sam = await club.mentor("Sam", "pytorch", role="ML engineer")
    await club.mentor("Lee", "pytorch")
    priya = await club.member("Priya", target_role="ML engineer")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    assert [s.reply.text.split()[0] for s in club.dms_to("sam")] == ["<@priya>"]
    await club.run(sam, "privacy pause", duration="1d")
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@priya>"]  # no tick


async def test_a_mentor_who_stops_hands_the_question_on_at_once_in_a_large_community(club, large):
    sam = await club.mentor("Sam", "pytorch", role="ML engineer")
    await club.mentor("Lee", "pytorch")
    priya = await club.member("Priya", target_role="ML engineer")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    reply = await club.run(sam, "mentor stop")
    assert "1 open question" in reply.text
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@priya>"]


async def test_when_the_best_are_all_full_one_read_finds_who_has_room(club, large, monkeypatch):
    """Only the best provider's room is checked first (a batch of one here); Sam is full, so
    the whole community's room is read at once and Lee, further down, is asked."""
    monkeypatch.setattr(arrivals, "ARRIVAL_BATCH", 1)
    await club.mentor("Sam", "pytorch", capacity=1, role="ML engineer")
    await club.mentor("Lee", "pytorch", capacity=1)
    for name in ("Priya", "Bo"):
        who = await club.member(name, target_role="ML engineer")
        await club.run(who, "mentor request", topics="pytorch", goal=GOAL)
    assert [s.reply.text.split()[0] for s in club.dms_to("sam")] == ["<@priya>"]
    assert [s.reply.text.split()[0] for s in club.dms_to("lee")] == ["<@bo>"]


async def test_interview_arrivals_find_a_volunteer_with_room_left_this_month(
    club, large, monkeypatch
):
    monkeypatch.setattr(arrivals, "ARRIVAL_BATCH", 1)
    for name, industry in (("Sam", "Finance"), ("Lee", "Retail")):
        who = actor(name)
        await club.run(who, "profile set", timezone="Europe/London", role="ML engineer")
        await club.run(who, "interview offer", per_month="1", industry=industry)
    for name in ("Priya", "Bo"):
        who = actor(name)
        await club.run(
            who,
            "profile set",
            timezone="Europe/London",
            role="Data analyst",
            industry="Finance",
            target_role="ML engineer",
        )
        await club.run(who, "interview request", goal=GOAL)
    assert [s.reply.text.count("<@priya>") > 0 for s in club.dms_to("sam")] == [True]
    assert [s.reply.text.count("<@bo>") > 0 for s in club.dms_to("lee")] == [True]
