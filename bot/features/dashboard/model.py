"""What the dashboard shows, in the core's own terms: pages of numbers, charts and tables that
any renderer (the web adapter's HTML, SVG and CSV) draws without knowing what they mean."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class Number:
    """One headline figure."""

    label: str
    value: int | str  # a count, shown with thousands separated, or text as it is
    note: str = ""

    @property
    def shown(self) -> str:
        return f"{self.value:,}" if isinstance(self.value, int) else self.value


@dataclass(frozen=True)
class Chart:
    """Bars by label, one or two series sharing the labels (the second drawn as a line)."""

    title: str
    labels: Sequence[str]
    bars: Sequence[float]
    bar_name: str
    line: Sequence[float] = ()
    line_name: str = ""
    same_unit: bool = False  # the line counts the same things as the bars: one scale for both


@dataclass(frozen=True)
class Table:
    """A table with a name (its CSV file is `<name>.csv`), headers and rows of text."""

    name: str
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str = "Nothing yet."
    note: str = ""  # what the table leaves out (e.g. only the longest-waiting 50)
    folded: bool = False  # the figures behind a chart: shown on request, always downloadable


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    intro: str
    numbers: Sequence[Number] = ()
    charts: Sequence[Chart] = ()
    tables: Sequence[Table] = ()
    zone: str = "UTC"  # the community's time zone, that every date on the page is in

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)


@dataclass(frozen=True)
class FunnelMonth:
    """Requests made in one month, and how far each got (a cohort: later steps never exceed
    earlier ones)."""

    month: str = ""  # "Nov 2026", named by the core in the community's time zone
    requested: int = 0
    asked: int = 0
    accepted: int = 0
    met: int = 0
    ended_well: int = 0


@dataclass(frozen=True)
class WeekFigures:
    checked_in: int = 0
    minutes: int = 0
    habits_answered: int = 0
    habits_kept: int = 0


@dataclass(frozen=True)
class Absent:
    """A participant who hasn't checked in this week."""

    display_name: str
    paused_until: datetime | None
    on_board: bool  # chose /checkins settings public:on, so may be named

    def is_paused(self, now: datetime) -> bool:
        return self.paused_until is not None and self.paused_until > now


@dataclass(frozen=True)
class SharedWin:
    display_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Volunteer:
    member_id: str
    display_name: str
    role: str
    industry: str


class LinkProblem(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Grant:
    """Who a link or session lets in, and to which one community."""

    community_id: str
    member_id: str
    expires_at: datetime


@dataclass(frozen=True)
class LinkOutcome:
    grant: Grant | None = None
    problem: LinkProblem | None = None


@dataclass(frozen=True)
class EncouragementCounts:
    replies: int = 0
    crisis_replies: int = 0
    listening_off: int = 0
    wins: int = 0
    wins_shared: int = 0
    kudos: int = 0
