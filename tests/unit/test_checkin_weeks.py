"""Part of issue 16: weeks are named so that a schedule change can't rename, reopen or
split them. Their naming, how a change carries the week in progress, and the migration that
renames weeks stored the old way (by the local date they opened on)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.features.checkins.model import Schedule, Streak, week_label, week_named
from storage.postgres import PostgresStore
from storage.sql.schema import migrations

LONDON = "Europe/London"


def test_a_week_is_named_by_the_iso_week_holding_most_of_its_days():
    assert week_named(date(2026, 11, 23)) == date(2026, 11, 23)  # Monday
    assert week_named(date(2026, 11, 26)) == date(2026, 11, 23)  # Thursday
    assert week_named(date(2026, 11, 27)) == date(2026, 11, 30)  # Friday: mostly next week
    assert week_named(date(2026, 11, 22)) == date(2026, 11, 23)  # Sunday
    # A Sunday-opening week read on the Monday after is week 48, as the calendar says.
    sunday = Schedule("c", "ch", weekday=6, timezone=LONDON)
    assert week_label(sunday.week_of(datetime(2026, 11, 23, 10, tzinfo=UTC))) == "week 48, 2026"


def test_a_change_mid_week_keeps_the_week_in_progress_until_the_new_opening():
    monday = Schedule("c", "ch", weekday=0, time_of_day=time(9), timezone=LONDON)
    tuesday = datetime(2027, 1, 19, 12, tzinfo=UTC)
    assert monday.week_of(tuesday) == date(2027, 1, 18)
    wednesday = monday.changed_to(
        Schedule("c", "ch", weekday=2, time_of_day=time(18), timezone=LONDON), tuesday
    )
    # Week 3 doesn't go back to week 2; it runs to the Wednesday opening after next.
    assert wednesday.week_of(tuesday) == date(2027, 1, 18)
    assert wednesday.closes_at(date(2027, 1, 18)) == datetime(2027, 1, 27, 18, tzinfo=UTC)
    assert wednesday.week_of(datetime(2027, 1, 27, 18, 30, tzinfo=UTC)) == date(2027, 1, 25)
    sunday = monday.changed_to(Schedule("c", "ch", weekday=6, timezone=LONDON), tuesday)
    assert sunday.closes_at(sunday.week_of(tuesday)) == datetime(2027, 1, 24, 9, tzinfo=UTC)


LEGACY = [  # a Sunday community's rows as the old naming stored them
    "INSERT INTO checkin_weeks (community_id, week, channel_id, opened_at, closes_at) "
    "VALUES ('c', '2026-11-22', 'ch', '2026-11-22T09:00:00.000000Z', "
    "'2026-11-29T09:00:00.000000Z')",
    "INSERT INTO checkins (community_id, member_id, week, learned, via, created_at, updated_at) "
    "VALUES ('c', 'priya', '2026-11-22', 'CNNs', 'command', 'x', 'x')",
    # The old bug: a change to Monday opened a second week for the same days.
    "INSERT INTO checkins (community_id, member_id, week, learned, via, created_at, updated_at) "
    "VALUES ('c', 'priya', '2026-11-23', 'a thread reply', 'thread', 'x', 'x')",
    "INSERT INTO checkin_members (community_id, member_id, streak_current, last_week) "
    "VALUES ('c', 'priya', 3, '2026-11-22')",
]


async def test_weeks_stored_the_old_way_are_renamed_once_and_keep_the_first_entry(store):
    # The store is migrated already: run the renaming's data statements again over legacy rows.
    backend = "postgres" if isinstance(store, PostgresStore) else "sqlite"
    renaming = {number: sql for number, _, sql in migrations(backend)}[14]
    data_part = renaming.split("-- The week in progress when the schedule last changed")[0]
    statements = [
        "\n".join(line for line in chunk.splitlines() if not line.startswith("--")).strip()
        for chunk in data_part.split(";\n")
    ]
    async with store.unit() as uow:
        for statement in LEGACY + [s for s in statements if s]:
            await uow.connection.execute_fetchall(statement)
        weeks = await uow.connection.execute_fetchall("SELECT week FROM checkin_weeks")
        entries = await uow.connection.execute_fetchall("SELECT week, learned FROM checkins")
        member = await uow.connection.execute_fetchall("SELECT last_week FROM checkin_members")
    assert [row["week"] for row in weeks] == ["2026-11-23"]
    assert [(row["week"], row["learned"]) for row in entries] == [("2026-11-23", "CNNs")]
    assert [row["last_week"] for row in member] == ["2026-11-23"]


ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC")
schedules = st.builds(
    lambda weekday, hour, zone: Schedule("c", "ch", weekday, time(hour), zone),
    st.integers(0, 6),
    st.integers(0, 23),
    st.sampled_from(ZONES),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    first=schedules,
    changes=st.lists(st.tuples(st.integers(1, 700), schedules), max_size=6),
    checkin_days=st.sets(st.integers(0, 729), max_size=200),
)
def test_over_two_years_weeks_never_skip_or_go_back_and_streaks_move_by_one(
    first, changes, checkin_days
):
    """Random schedules and changes over two years (DST included): the week, read every six
    hours, only ever stays or moves on by exactly seven days; a week runs seven days, or, across
    a change, until the new schedule opens the next week (hours to two weeks: a Friday opening
    moved to Wednesday on a Saturday carries the week on to the Wednesday after next, since the
    Wednesday in between is the same ISO week); a check-in lands in one week; a streak grows by
    at most one a week."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    change_at = {start + timedelta(days=day): new for day, new in changes}
    schedule, week, streak = first, first.week_of(start), Streak()
    began: datetime | None = None  # when the week under watch began (unknown for the first)
    changed = 0  # weeks yet to close that a change touched: the one running and the next
    moment = start
    while moment < start + timedelta(days=730):
        for when, new in change_at.items():
            if moment - timedelta(hours=6) < when <= moment:
                schedule, changed = schedule.changed_to(new, when), 2
        now_week = schedule.week_of(moment)
        assert now_week.weekday() == 0
        assert now_week in (week, week + timedelta(days=7)), (week, now_week, moment)
        if now_week != week:
            if began is not None:
                length = moment - began
                assert timedelta(0) < length <= timedelta(days=14, hours=6)
                if not changed:  # seven days, read every six hours, DST's hour either way
                    assert abs(length - timedelta(days=7)) <= timedelta(hours=7)
            week, began, changed = now_week, moment, max(0, changed - 1)
        if (moment - start).days in checkin_days and moment.hour == 12:
            after = streak.after(now_week)
            assert after.current <= streak.current + 1
            streak = after
        moment += timedelta(hours=6)
