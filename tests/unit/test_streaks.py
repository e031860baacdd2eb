"""Streaks count weeks: freezes cover a missed week, year ends don't matter, milestones show."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.features.checkins.model import Schedule, Streak, week_label


def mondays(start: date, count: int, skip: tuple[int, ...] = ()) -> list[date]:
    return [start + timedelta(weeks=i) for i in range(count) if i not in skip]


def run(weeks: list[date]) -> Streak:
    streak = Streak()
    for week in weeks:
        streak = streak.after(week)
    return streak


START = date(2026, 1, 5)


def test_consecutive_weeks_count_up_and_earn_freezes():
    assert run(mondays(START, 3)) == Streak(3, 3, 0, START + timedelta(weeks=2))
    four = run(mondays(START, 4))
    assert (four.current, four.freezes, four.milestone) == (4, 1, 4)
    eight = run(mondays(START, 8))
    assert eight.freezes == 2 and run(mondays(START, 12)).freezes == 2  # two at most


def test_a_second_checkin_in_the_same_week_changes_nothing():
    once = run([START])
    assert once.after(START) == once


def test_a_freeze_covers_one_missed_week():
    streak = run(mondays(START, 6, skip=(4,)))  # four weeks, a gap, then week six
    assert (streak.current, streak.freezes) == (5, 0)


def test_without_a_freeze_a_missed_week_resets():
    streak = run(mondays(START, 5, skip=(2,)))
    assert (streak.current, streak.longest) == (2, 2)


def test_two_missed_weeks_need_two_freezes():
    weeks = [*mondays(START, 8), START + timedelta(weeks=10)]  # 8 weeks: 2 freezes; miss 2
    streak = run(weeks)
    assert (streak.current, streak.freezes) == (9, 0)
    weeks = [*mondays(START, 4), START + timedelta(weeks=6)]  # 1 freeze; miss 2
    assert run(weeks).current == 1


def test_as_of_shows_the_streak_today_without_a_checkin():
    streak = run(mondays(START, 4))
    this_week = START + timedelta(weeks=4)
    assert streak.as_of(this_week) == streak  # the current week is still open
    spent = streak.as_of(this_week + timedelta(weeks=1))
    assert (spent.current, spent.freezes) == (4, 0)
    assert streak.as_of(this_week + timedelta(weeks=2)).current == 0


def test_streaks_cross_iso_year_ends_including_week_53():
    # 2026 has 53 ISO weeks: 21 Dec is W52, 28 Dec is W53, 4 Jan 2027 is W01.
    weeks = [date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4)]
    assert [week_label(w) for w in weeks] == ["week 52, 2026", "week 53, 2026", "week 1, 2027"]
    assert run(weeks).current == 3
    assert run([date(2025, 12, 22), date(2025, 12, 29), date(2026, 1, 5)]).current == 3


@pytest.mark.parametrize("weeks, milestone", [(4, 4), (12, 12), (26, 26), (52, 52), (5, None)])
def test_milestones(weeks, milestone):
    assert run(mondays(START, weeks)).milestone == milestone


class TestSchedule:
    berlin = Schedule("c", "#learning", weekday=2, time_of_day=time(18), timezone="Europe/Berlin")

    def test_week_of_is_the_latest_opening(self):
        before = datetime(2026, 11, 25, 16, 59, tzinfo=UTC)  # Wed 17:59 Berlin
        after = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)  # Wed 18:00 Berlin
        # Weeks are named by their ISO week's Monday, whatever weekday they open on.
        assert self.berlin.week_of(before) == date(2026, 11, 16)
        assert self.berlin.week_of(after) == date(2026, 11, 23)
        assert self.berlin.closes_at(date(2026, 11, 23)) == datetime(2026, 12, 2, 17, tzinfo=UTC)

    def test_opening_follows_local_time_across_dst(self):
        summer = date(2026, 6, 29)  # opens Wednesday 1 July
        assert self.berlin.opens_at(summer) == datetime(2026, 7, 1, 16, tzinfo=UTC)
        winter = date(2026, 11, 30)  # opens Wednesday 2 December
        assert self.berlin.opens_at(winter) == datetime(2026, 12, 2, 17, tzinfo=UTC)
