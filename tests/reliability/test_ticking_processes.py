"""Several processes tick through the same week in lockstep: every effect still happens once.

A week opens, reminds and closes while three processes (one on SQLite) run every due job at the
very same moments, with mentoring rounds and their expiries, and two study buddies rounds,
running beside it.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.context import Actor, Invocation
from bot.features.mentoring import texts as mentoring_texts
from bot.features.mentoring.model import Proposal
from bot.features.proposals.model import ProposalStatus
from storage import open_store
from tests.fakes import FakeMessenger
from tests.postgres_server import fresh_schema
from tests.reliability.processes import PLATFORM, read_sends, ticking_process

COMMUNITY = "test:ticks"
MEMBERS = 150
BEFORE_OPENING = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday; the week opens at 09:00
STEP = timedelta(minutes=30)
STEPS = 7 * 48 + 4  # through the next Monday 10:00: one close and the next week's opening
BUDDIES = [f"m{i}" for i in range(15, 40)]  # 25: pairs and one three each round

pytestmark = pytest.mark.timeout(300)


async def seed(url: str) -> None:
    """Members, a check-in schedule, and mentoring requests waiting for rounds to pair them."""
    store = await open_store(url)
    app = build_app(Config(), store, ManualClock(BEFORE_OPENING), {PLATFORM: FakeMessenger()})
    try:
        async with store.unit() as uow:
            await uow.communities.ensure(COMMUNITY, BEFORE_OPENING)
            for i in range(MEMBERS):
                await uow.members.upsert(COMMUNITY, f"m{i}", f"Member {i}", BEFORE_OPENING)
        admin = Actor("admin", "Admin", is_admin=True)
        setup = {
            "channel": "#learning",
            "weekday": "monday",
            "time": "09:00",
            "timezone": "UTC",
            "remind_before": "24h",
        }
        reply = await app.dispatcher.invoke(
            Invocation(COMMUNITY, admin, "admin checkins setup", setup)
        )
        assert "#learning" in reply.text, reply.text
        for i in range(MEMBERS):  # everyone takes part in the check-ins
            await invoke(app, Actor(f"m{i}", f"Member {i}"), "checkins join", {})
        for i in range(5):  # five mentors with one slot each, ten mentees: rounds must share
            mentor = Actor(f"m{i}", f"Member {i}")
            await invoke(app, mentor, "mentor offer", {"topics": "pytorch", "capacity": "1"})
        for i in range(5, 15):
            mentee = Actor(f"m{i}", f"Member {i}")
            goal = "Ship my first fine-tuned model this quarter"
            await invoke(app, mentee, "mentor request", {"topics": "pytorch", "goal": goal})
        rounds = dict(setup, cadence="weekly")
        del rounds["remind_before"]
        await invoke(app, admin, "admin buddies setup", rounds)
        for member in BUDDIES:
            await invoke(app, Actor(member, member), "buddies join", {"topics": "python"})
    finally:
        await app.close()


async def all_proposals(url: str) -> list[Proposal]:
    store = await open_store(url)
    try:
        async with store.unit(read_only=True) as uow:
            return [
                proposal
                for status in ProposalStatus
                for proposal in await uow.mentoring.questions(COMMUNITY, status)
            ]
    finally:
        await store.close()


async def invoke(app, actor: Actor, command: str, options: dict) -> None:
    reply = await app.dispatcher.invoke(Invocation(COMMUNITY, actor, command, options))
    assert "went wrong" not in reply.text, reply.text


@pytest.fixture(params=["postgresql", "sqlite"])
async def setup(request, tmp_path):
    if request.param == "postgresql":
        return await fresh_schema(request.getfixturevalue("postgres_server")), 3
    return f"sqlite:///{tmp_path / 'ticks.db'}", 1


async def test_every_tick_effect_happens_once_however_many_processes_tick(setup, tmp_path):
    url, processes = setup
    await seed(url)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes)
    children = [
        ctx.Process(
            target=ticking_process,
            args=(url, str(tmp_path), f"p{i}", BEFORE_OPENING, STEPS, STEP, barrier),
        )
        for i in range(processes)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(240)
    assert [child.exitcode for child in children] == [0] * processes

    sends = read_sends(tmp_path)
    threads = Counter(s["text"] for s in sends if s["kind"] == "thread")
    summaries = [s for s in sends if (s["title"] or "").startswith("Week in review")]
    reminders = Counter(s["target"] for s in sends if s["kind"] == "dm" and "closes" in s["text"])
    print(
        f"\nticks backend={url.partition(':')[0]} processes={processes} sends={len(sends)} "
        f"threads={sum(threads.values())} summaries={len(summaries)} "
        f"reminders={sum(reminders.values())} by={dict(Counter(s['worker'] for s in sends))}"
    )
    assert sorted(threads.values()) == [1, 1] and len(threads) == 2  # this week's and the next
    assert len(summaries) == 1
    # Every participant gets one reminder; the admin who only set it up gets none.
    assert set(reminders) == {f"m{i}" for i in range(MEMBERS)}
    assert set(reminders.values()) == {1}
    # Rounds and expiries ran in every process at once; a mentor's one slot was still only
    # ever offered to one mentee at a time, and never twice for the same request.
    proposals = await all_proposals(url)
    assert len(proposals) > 5  # the first asks expired and later rounds asked again
    assert len({(p.request_id, p.mentor_id) for p in proposals}) == len(proposals)
    for mentor in {p.mentor_id for p in proposals}:  # nobody answers, so each ask runs out
        asks = sorted((p for p in proposals if p.mentor_id == mentor), key=lambda p: p.created_at)
        for earlier, later in itertools.pairwise(asks):
            assert later.created_at >= earlier.expires_at, f"{mentor} was asked twice at once"
    # A lapse is counted once: only a mentor asked three times is paused for silence.
    asks = Counter(p.mentor_id for p in proposals)
    paused = [s["target"] for s in sends if s["text"] == mentoring_texts.PAUSED_AFTER_LAPSES]
    assert all(asks[mentor] >= 3 for mentor in paused), (paused, asks)
    by_key = Counter((s["kind"], s["target"], s["text"]) for s in sends)
    assert max(by_key.values()) == 1, "some message went out twice"
    # Each study buddies round opened once: everyone taking part in exactly one group of it.
    spaces = [s for s in sends if s["kind"] == "private"]
    rounds = Counter(s["text"] for s in spaces)
    assert len(rounds) == 2, rounds
    for title in rounds:
        placed = [m for s in spaces if s["text"] == title for m in s["target"].split(",")]
        assert sorted(placed) == sorted(BUDDIES)
