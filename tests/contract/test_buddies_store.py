"""The study buddies repository on every backend: schedules, who takes part, a round opened
once, groups and answers, who met lately, admin figures, and a member's export and erasure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from bot.features.buddies.model import Buddy, BuddySchedule, Cadence, Met, Round
from bot.ports import Store
from tests.fakes import START

A, B = "test:alpha", "test:beta"
NOW = START


def _round(community: str, day: date, when=NOW) -> Round:
    return Round(0, community, day, when, when + timedelta(days=7), when + timedelta(days=3))


async def test_schedules_and_who_takes_part(any_store: Store):
    schedule = BuddySchedule(A, "C1", Cadence.BIWEEKLY, 2, time(18, 30), "Asia/Kolkata", 3)
    async with any_store.unit() as uow:
        await uow.buddies.save_schedule(schedule.starting_from(NOW), NOW)
        await uow.buddies.save_schedule(replace(schedule, community_id=B, paused=True), NOW)
        await uow.buddies.save_buddy(Buddy(A, "ada", NOW, ("Python",), "evenings"))
        await uow.buddies.save_buddy(Buddy(A, "sam", NOW + timedelta(seconds=1)))
        await uow.buddies.save_buddy(Buddy(B, "ada", NOW))
    async with any_store.unit() as uow:
        saved = await uow.buddies.schedule(A)
        assert saved == schedule.starting_from(NOW) and saved.first_day is not None
        assert [s.community_id for s in await uow.buddies.schedules()] == [A]  # B is paused
        assert [b.member_id for b in await uow.buddies.buddies(A)] == ["ada", "sam"]
        assert await uow.buddies.joined(A) == {"ada", "sam"}
        ada = await uow.buddies.buddy(A, "ada")
        assert ada.topics == ("Python",) and ada.note == "evenings"
        await uow.buddies.save_buddy(replace(ada, skip_day=date(2026, 12, 2)))
        assert (await uow.buddies.buddy(A, "ada")).skip_day == date(2026, 12, 2)
        assert await uow.buddies.remove_buddy(A, "sam")
        assert not await uow.buddies.remove_buddy(A, "sam")
        assert await uow.buddies.buddy(B, "ada") is not None  # one community never touches another


async def test_rounds_groups_answers_and_figures(any_store: Store):
    first_day, second_day = date(2026, 11, 23), date(2026, 11, 30)
    async with any_store.unit() as uow:
        first = await uow.buddies.open_round(_round(A, first_day))
        assert first is not None
        assert await uow.buddies.open_round(_round(A, first_day)) is None  # once per day
        groups = await uow.buddies.add_groups(
            A, first, [(("ada", "sam"), 60, "Both learn NLP."), (("lee", "mo", "kit"), 20, "")]
        )
        assert [g.member_ids for g in groups] == [("ada", "sam"), ("lee", "mo", "kit")]
        later = NOW + timedelta(days=7)
        second = await uow.buddies.open_round(_round(A, second_day, later))
        await uow.buddies.add_groups(A, second, [(("ada", "lee"), 40, "")])
    async with any_store.unit() as uow:
        assert await uow.buddies.met_lately(A, 6) == {
            frozenset({"ada", "lee"}): 1,
            frozenset({"ada", "sam"}): 2,
            frozenset({"lee", "mo"}): 2,
            frozenset({"lee", "kit"}): 2,
            frozenset({"mo", "kit"}): 2,
        }
        assert set(await uow.buddies.met_lately(A, 1)) == {frozenset({"ada", "lee"})}
        assert await uow.buddies.met_lately(B, 6) == {}
        assert await uow.buddies.threes(first) == [frozenset({"lee", "mo", "kit"})]
        assert await uow.buddies.threes(second) == []
        during = NOW + timedelta(days=1)
        now_group = await uow.buddies.current_group(A, "sam", during)
        assert now_group.member_ids == ("ada", "sam")
        await uow.buddies.answer(now_group.id, "sam", Met.YES, during)
        await uow.buddies.leave_group(groups[1].id, "kit", during)
        assert await uow.buddies.current_group(A, "kit", during) is None
        assert (await uow.buddies.group(groups[1].id)).still_in == ("lee", "mo")
        assert (await uow.buddies.group(now_group.id)).met
        assert [r.id for r in await uow.buddies.rounds_to_ask(NOW + timedelta(days=4))] == [first]
        await uow.buddies.mark_asked(first, NOW + timedelta(days=4))
        assert await uow.buddies.rounds_to_ask(NOW + timedelta(days=4)) == []
        figures = await uow.buddies.figures(A, 6)
        assert [(f.day, f.groups, f.members, f.met, f.answered) for f in figures] == [
            (second_day, 1, 2, 0, 0),
            (first_day, 2, 5, 1, 1),
        ]
        assert await uow.buddies.met_between(A, NOW, NOW + timedelta(days=7)) == 1
        assert await uow.buddies.met_between(A, NOW + timedelta(days=2), later) == 0
        history = await uow.buddies.history(A, "ada", 5)
        assert [g.round_id for g in history] == [second, first]


async def test_a_members_export_and_erasure(any_store: Store):
    async with any_store.unit() as uow:
        await uow.buddies.save_buddy(Buddy(A, "ada", NOW, ("Python",), "evenings"))
        await uow.buddies.save_buddy(Buddy(A, "sam", NOW))
        round_id = await uow.buddies.open_round(_round(A, date(2026, 11, 23)))
        [group] = await uow.buddies.add_groups(A, round_id, [(("ada", "sam"), 50, "Both NLP.")])
        await uow.buddies.answer(group.id, "ada", Met.YES, NOW)
    async with any_store.unit() as uow:
        exported = await uow.buddies.export_member(A, "ada")
        assert exported["taking_part"][0]["note"] == "evenings"
        assert exported["rounds"][0]["met"] == "yes"
        assert await uow.buddies.erase_member(A, "ada") == 2
        assert await uow.buddies.buddy(A, "ada") is None
        assert (await uow.buddies.group(group.id)).member_ids == ("sam",)  # sam keeps the record
