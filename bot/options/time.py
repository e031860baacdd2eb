"""Options about time: a time zone, a weekday, a time of day, a duration."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import time, timedelta
from functools import cache
from typing import ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.options.base import Option, OptionKind, clean_text, quoted
from bot.taxonomy import Vocabulary, fold


@cache
def _zones_by_fold() -> dict[str, str]:
    return {z.casefold(): z for z in available_timezones() if "/" in z or z == "UTC"}


def available_zones() -> list[str]:
    """Every IANA zone name a member can pick."""
    return list(_zones_by_fold().values())


@cache
def _zones_by_city() -> dict[str, list[str]]:
    cities: dict[str, list[str]] = {}
    for zone in _zones_by_fold().values():
        cities.setdefault(fold(zone.rpartition("/")[2]), []).append(zone)
    return cities


# Big cities people type that the tz database names after a neighbour.
CITY_ZONES = {
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "newdelhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "hyderabad": "Asia/Kolkata",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "sanfrancisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "munich": "Europe/Berlin",
    "zurich": "Europe/Zurich",
    "osaka": "Asia/Tokyo",
    "abuja": "Africa/Lagos",
}


@dataclass(frozen=True)
class TimezoneOption(Option):
    """An IANA time zone. A unique city name (Berlin, Mumbai) is accepted for its zone."""

    kind: ClassVar[OptionKind] = OptionKind.TIMEZONE

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        typed = clean_text(raw)
        text = typed.replace(" ", "_")
        zone = _zones_by_fold().get(text.casefold()) or CITY_ZONES.get(fold(text))
        same_city = _zones_by_city().get(fold(text), [])
        if zone is None and "/" not in text and len(same_city) == 1:
            zone = same_city[0]
        if zone is not None:
            try:
                ZoneInfo(zone)
                return zone
            except (ZoneInfoNotFoundError, ValueError):
                pass
        close = difflib.get_close_matches(text.casefold(), list(_zones_by_fold()), n=1, cutoff=0.75)
        if not close:
            close_city = difflib.get_close_matches(
                fold(text), list(_zones_by_city()), n=1, cutoff=0.75
            )
            close = [_zones_by_city()[close_city[0]][0].casefold()] if close_city else []
        suggestion = _zones_by_fold()[close[0]] if close else "a name like Europe/Berlin"
        raise self.error(f"{quoted(typed)} is not a time zone; try {suggestion}")

    @property
    def accepts(self) -> str:
        return "a time zone, like Europe/Berlin or America/New_York"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Weekday(Option):
    """A day of the week; the value is 0 for Monday to 6 for Sunday, as datetime counts."""

    kind: ClassVar[OptionKind] = OptionKind.WEEKDAY

    def parse(self, raw: object, vocabulary: Vocabulary) -> int:
        text = clean_text(raw).casefold()
        for index, day in enumerate(WEEKDAYS):
            if len(text) >= 2 and day.startswith(text):
                return index
        raise self.error(f"{quoted(text)} is not a weekday; try monday or mon")

    @property
    def accepts(self) -> str:
        return "a weekday, like monday"


_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")


@dataclass(frozen=True)
class TimeOfDay(Option):
    kind: ClassVar[OptionKind] = OptionKind.TIME_OF_DAY

    def parse(self, raw: object, vocabulary: Vocabulary) -> time:
        text = clean_text(raw).casefold().replace(".", ":")
        match = _TIME.match(text)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            suffix = match.group(3)
            if suffix and 1 <= hour <= 12:
                hour = hour % 12 + (12 if suffix == "pm" else 0)
            elif suffix:
                hour = 99
            if (match.group(2) or suffix) and hour < 24 and minute < 60:
                return time(hour, minute)
        raise self.error(f"{quoted(text)} is not a time of day; try 09:00 or 6:30pm")

    @property
    def accepts(self) -> str:
        return "a time, like 09:00 or 6:30pm"


_DURATION_PART = re.compile(r"(\d{1,4})\s*(w|d|h|m)")
_UNIT = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1)}
_UNIT["m"] = timedelta(minutes=1)


def parse_duration(text: str) -> timedelta | None:
    """`2w`, `3d`, `1d12h`, `90m` -> timedelta; None when the text is not a duration."""
    compact = re.sub(r"\s+", "", text.casefold())
    compact = re.sub(r"(weeks?|days?|hours?|mins?|minutes?)", lambda m: m.group(1)[0], compact)
    if not compact or _DURATION_PART.sub("", compact):
        return None
    return sum((int(n) * _UNIT[unit] for n, unit in _DURATION_PART.findall(compact)), timedelta())


def format_duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    parts = []
    for unit, size in (("w", 7 * 24 * 60), ("d", 24 * 60), ("h", 60), ("m", 1)):
        if minutes >= size:
            parts.append(f"{minutes // size}{unit}")
            minutes %= size
    return "".join(parts) or "0m"


@dataclass(frozen=True)
class Duration(Option):
    minimum: timedelta = timedelta(minutes=1)
    maximum: timedelta = timedelta(weeks=52)
    kind: ClassVar[OptionKind] = OptionKind.DURATION

    def parse(self, raw: object, vocabulary: Vocabulary) -> timedelta:
        if isinstance(raw, timedelta):
            value: timedelta | None = raw
        else:
            value = parse_duration(clean_text(raw))
        if value is None:
            raise self.error(f"{quoted(raw)} is not a duration; try 3d, 2w or 1d12h")
        if not self.minimum <= value <= self.maximum:
            raise self.error(
                f"{format_duration(value)} is out of range; "
                f"pick {format_duration(self.minimum)} to {format_duration(self.maximum)}"
            )
        return value

    @property
    def accepts(self) -> str:
        return f"a duration from {format_duration(self.minimum)} to {format_duration(self.maximum)}"
