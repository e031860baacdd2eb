"""Check-in values: a community's schedule, its weeks, members' entries and their streaks.

A week is named by the Monday of the ISO week that holds most of its days, whatever weekday it
opens on: weeks are always seven days apart, so streaks, stats and history stay continuous when
the schedule changes, and "week 48" means the same thing everywhere. Streaks count weeks, never
days, so time zones and year boundaries (ISO week 52 or 53 to 1) cannot break them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MILESTONES = (4, 12, 26, 52)
WEEKS_PER_FREEZE = 4
MAX_FREEZES = 2
WEEK = timedelta(days=7)


def weeks_between(earlier: date, later: date) -> int:
    return round((later - earlier).days / 7)


def week_named(opening_day: date) -> date:
    """The week a check-in week opening on `opening_day` is named by: the Monday of the ISO
    week holding most of its days (Friday to Sunday openings belong to the week after)."""
    middle = opening_day + timedelta(days=3)
    return middle - timedelta(days=middle.weekday())


def week_label(week: date) -> str:
    year, number, _ = week.isocalendar()
    return f"week {number}, {year}"


@dataclass(frozen=True)
class Schedule:
    community_id: str
    channel_id: str | None
    weekday: int = 0
    time_of_day: time = time(9)
    timezone: str = "UTC"
    remind_before: timedelta = timedelta(hours=24)
    enabled: bool = True
    # The week in progress when the schedule last changed: time never goes back before it, so
    # a later weekday can't reopen an older week; that week closes at the new schedule's next
    # opening.
    floor: date | None = None

    def opens_at(self, week: date) -> datetime:
        """When `week` (a Monday) opens: on its weekday from the Friday before to Thursday."""
        offset = self.weekday if self.weekday <= 3 else self.weekday - 7
        day = week + timedelta(days=offset)
        return datetime.combine(day, self.time_of_day, ZoneInfo(self.timezone)).astimezone(UTC)

    def closes_at(self, week: date) -> datetime:
        return self.opens_at(week + WEEK)

    def week_of(self, moment: datetime) -> date:
        """The week `moment` belongs to: the latest to open at or before it, never before the
        floor."""
        local = moment.astimezone(ZoneInfo(self.timezone)).date()
        monday = local - timedelta(days=local.weekday())
        week = next(w for w in (monday + WEEK, monday, monday - WEEK) if self.opens_at(w) <= moment)
        return max(week, self.floor) if self.floor else week

    def changed_to(self, new: Schedule, now: datetime) -> Schedule:
        """`new`, taking over from this schedule at `now`: the week in progress carries on."""
        return dataclasses.replace(new, floor=max(self.week_of(now), new.week_of(now)))


def default_schedule(community_id: str) -> Schedule:
    """Until admins set one up, weeks still exist (Monday 09:00 UTC), with no thread or summary."""
    return Schedule(community_id, None)


@dataclass(frozen=True)
class Week:
    community_id: str
    week: date
    channel_id: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None


@dataclass(frozen=True)
class CheckIn:
    community_id: str
    member_id: str
    week: date
    learned: str
    minutes: int | None = None
    next_goal: str | None = None
    blocker: str | None = None
    kept_goal: bool | None = None
    via: str = "command"


Held = tuple[date, date] | None  # the first and last week a pause covers


@dataclass(frozen=True)
class Streak:
    current: int = 0
    longest: int = 0
    freezes: int = 0
    last_week: date | None = None

    def as_of(self, week: date, held: Held = None) -> Streak:
        """The streak as it stands in `week` before any check-in then: missed weeks in between
        spend freezes, and with too few the streak is back to zero. Weeks a pause covered
        (`held`, first and last) are neither missed nor counted."""
        if self.last_week is None:
            return self
        gap = (self.last_week + WEEK * i for i in range(1, weeks_between(self.last_week, week)))
        missed = sum(1 for w in gap if not (held and held[0] <= w <= held[1]))
        if missed <= 0:
            return self
        if missed <= self.freezes:
            return dataclasses.replace(
                self, freezes=self.freezes - missed, last_week=week - timedelta(days=7)
            )
        return dataclasses.replace(self, current=0)

    def after(self, week: date, held: Held = None) -> Streak:
        """The streak after a check-in during `week`; a second one that week changes nothing."""
        if self.last_week is not None and weeks_between(self.last_week, week) <= 0:
            return self
        base = self.as_of(week, held)
        current = base.current + 1
        freezes = base.freezes
        if current % WEEKS_PER_FREEZE == 0:
            freezes = min(MAX_FREEZES, freezes + 1)
        return Streak(current, max(base.longest, current), freezes, week)

    @property
    def milestone(self) -> int | None:
        return self.current if self.current in MILESTONES else None


@dataclass(frozen=True)
class CheckinMember:
    community_id: str
    member_id: str
    reminders: bool = True
    public: bool = True
    streak: Streak = Streak()
    reminded_week: date | None = None
    participating: bool = False  # joined by checking in or /checkins join
    held: Held = None  # the weeks their latest pause covers
    public_chosen: bool = False  # they set `public` themselves: the board needs public:on chosen

    @property
    def on_board(self) -> bool:
        return self.public and self.public_chosen
