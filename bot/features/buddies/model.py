"""Study buddies: members who opted in, introduced to one another every week or two.

A round opens on the schedule's weekday and time, groups everyone taking part, and runs until the
next round's opening; halfway through, each member is asked whether their group met. Rounds are
named by the day they open (in the community's time zone), so one opens once whatever the ticks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

REPEAT_WINDOW = 6  # rounds in which the same two are not paired again while another way exists


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    @property
    def length(self) -> timedelta:
        return timedelta(days=7 if self is Cadence.WEEKLY else 14)


@dataclass(frozen=True)
class BuddySchedule:
    community_id: str
    channel_id: str
    cadence: Cadence = Cadence.WEEKLY
    weekday: int = 0
    time_of_day: time = time(9)
    timezone: str = "UTC"
    group_size: int = 2
    paused: bool = False
    # The first round of this schedule opens on this day (a `weekday`); biweekly rounds count
    # from it. Set again whenever the schedule changes or resumes, so a round in progress runs
    # its course and no earlier round is ever opened late.
    first_day: date | None = None

    def opens_at(self, day: date) -> datetime:
        return datetime.combine(day, self.time_of_day, ZoneInfo(self.timezone)).astimezone(UTC)

    def next_day_from(self, moment: datetime) -> date:
        """The first day on this weekday whose opening is at or after `moment`."""
        local = moment.astimezone(ZoneInfo(self.timezone)).date()
        day = local + timedelta(days=(self.weekday - local.weekday()) % 7)
        return day if self.opens_at(day) >= moment else day + timedelta(days=7)

    def starting_from(self, moment: datetime) -> BuddySchedule:
        """This schedule with its first round at the next opening after `moment`."""
        return replace(self, first_day=self.next_day_from(moment))

    def round_day(self, moment: datetime) -> date | None:
        """The day of the latest round to open at or before `moment`, or None before the first."""
        if self.first_day is None or moment < self.opens_at(self.first_day):
            return None
        step = self.cadence.length.days
        local = moment.astimezone(ZoneInfo(self.timezone)).date()
        day = self.first_day + timedelta(days=(local - self.first_day).days // step * step)
        return day if self.opens_at(day) <= moment else day - timedelta(days=step)

    def next_round(self, moment: datetime) -> date | None:
        """The day of the first round to open after `moment`; None while paused."""
        if self.paused or self.first_day is None:
            return None
        current = self.round_day(moment)
        if current is None:
            return self.first_day
        return current + self.cadence.length

    def ends_at(self, day: date) -> datetime:
        return self.opens_at(day + self.cadence.length)

    def halfway(self, day: date) -> datetime:
        return self.opens_at(day) + self.cadence.length / 2


@dataclass(frozen=True)
class Buddy:
    """A member taking part: what they'd like to study with someone, and a note for them."""

    community_id: str
    member_id: str
    joined_at: datetime
    topics: tuple[str, ...] = ()
    note: str | None = None
    skip_day: date | None = None  # the round they sit out


class Met(StrEnum):
    YES = "yes"
    NOT_YET = "not-yet"
    NO = "no"


@dataclass(frozen=True)
class Round:
    id: int
    community_id: str
    day: date
    opened_at: datetime
    ends_at: datetime
    halfway_at: datetime
    asked_at: datetime | None = None


@dataclass(frozen=True)
class GroupMember:
    member_id: str
    met: Met | None = None
    answered_at: datetime | None = None
    left_at: datetime | None = None  # stepped out of buddies (or paused) mid-round


@dataclass(frozen=True)
class Group:
    id: int
    community_id: str
    round_id: int
    score: int
    reasons: str
    members: tuple[GroupMember, ...]

    @property
    def member_ids(self) -> tuple[str, ...]:
        return tuple(m.member_id for m in self.members)

    @property
    def still_in(self) -> tuple[str, ...]:
        return tuple(m.member_id for m in self.members if m.left_at is None)

    @property
    def met(self) -> bool:
        return any(m.met is Met.YES for m in self.members)


@dataclass(frozen=True)
class RoundFigures:
    """One round as admins see it."""

    day: date
    groups: int
    members: int
    met: int  # groups where someone said they met
    answered: int  # groups where anyone answered
