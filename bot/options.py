"""Typed command options and their validation: one set of rules for every platform."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import time, timedelta
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.channels import TypedChannel
from bot.taxonomy import LANGUAGES, Vocabulary, canonical_language, fold

NAME_PATTERN = re.compile(r"^[a-z0-9_-]{1,32}$")
MAX_DESCRIPTION = 100
MAX_RAW_LENGTH = 4000  # longer than any option accepts; refuse early instead of parsing megabytes


class OptionKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TOPICS = "topics"
    MEMBER = "member"
    TIMEZONE = "timezone"
    WEEKDAY = "weekday"
    TIME_OF_DAY = "time of day"
    DURATION = "duration"
    CHANNEL = "channel"


class OptionError(ValueError):
    """A value an option does not accept; the message is written for the member who typed it."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.message = message


def quoted(raw: object, limit: int = 40) -> str:
    text = str(raw)
    return f'"{text[: limit - 1]}…"' if len(text) > limit else f'"{text}"'


def clean_text(raw: object, *, keep_newlines: bool = False) -> str:
    """Drop control and format characters a platform may smuggle in; trim the ends."""
    text = str(raw)
    allowed = "\n" if keep_newlines else ""
    text = "".join(
        ch
        for ch in text
        if ch in allowed or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    return text.strip()


@dataclass(frozen=True)
class Option:
    """One declared option. Subclasses say what they accept and convert raw input to a value."""

    name: str
    description: str
    required: bool = False
    kind: ClassVar[OptionKind]

    def check_declaration(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"option name {self.name!r} must be 1-32 of a-z, 0-9, - or _")
        if not 0 < len(self.description) <= MAX_DESCRIPTION:
            raise ValueError(f"option {self.name!r}: description must be 1-{MAX_DESCRIPTION} chars")

    def convert(self, raw: object, vocabulary: Vocabulary) -> Any:
        """Return the typed value, or raise OptionError naming this option and what it accepts."""
        if isinstance(raw, str) and len(raw) > MAX_RAW_LENGTH:
            raise self.error(f"that is {len(raw)} characters, far more than it accepts")
        return self.parse(raw, vocabulary)

    def parse(self, raw: object, vocabulary: Vocabulary) -> Any:
        raise NotImplementedError

    def error(self, message: str) -> OptionError:
        return OptionError(self.name, message)

    @property
    def accepts(self) -> str:
        """A short phrase for help text: what kind of value goes here."""
        return self.kind.value


@dataclass(frozen=True)
class Text(Option):
    max_length: int = 200
    min_length: int = 0
    multiline: bool = False
    kind: ClassVar[OptionKind] = OptionKind.TEXT

    def check_declaration(self) -> None:
        super().check_declaration()
        if not 0 <= self.min_length <= self.max_length <= MAX_RAW_LENGTH:
            raise ValueError(f"option {self.name!r}: bad length bounds")

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw, keep_newlines=self.multiline)
        if len(text) > self.max_length:
            raise self.error(
                f"that is {len(text)} characters; please keep it to {self.max_length} or fewer"
            )
        if len(text) < max(self.min_length, 1 if self.required else 0):
            if not text:
                raise self.error("this can't be empty")
            raise self.error(
                f"that is only {len(text)} characters; say a little more "
                f"({self.min_length} at least)"
            )
        return text

    @property
    def accepts(self) -> str:
        if self.min_length:
            return f"text, {self.min_length}-{self.max_length} characters"
        return f"text, up to {self.max_length} characters"


@dataclass(frozen=True)
class TextList(Text):
    """Several short items separated by commas, e.g. languages; shown to platforms as text."""

    max_items: int = 5
    item_max_length: int = 40

    # A list is read as one text first, then split: the override returns the items.
    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:  # type: ignore[override]
        items = raw if isinstance(raw, list | tuple) else super().parse(raw, vocabulary).split(",")
        result: list[str] = []
        for item in (clean_text(i) for i in items):
            if not item:
                continue
            if len(item) > self.item_max_length:
                raise self.error(f"{quoted(item)} is longer than {self.item_max_length} characters")
            if fold(item) not in {fold(r) for r in result}:
                result.append(item)
        if len(result) > self.max_items:
            raise self.error(f"that is {len(result)} items; {self.max_items} at most")
        if self.required and not result:
            raise self.error("name at least one, separated by commas")
        return tuple(result)

    @property
    def accepts(self) -> str:
        return f"up to {self.max_items} items, separated by commas"


@dataclass(frozen=True)
class Languages(TextList):
    """Languages by name or short form (`en`, `es`, `hi`): stored by name, so they match."""

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:  # type: ignore[override]
        chosen: list[str] = []
        for typed in super().parse(raw, vocabulary):
            language = canonical_language(typed)
            if language is None:
                close = difflib.get_close_matches(typed.title(), list(LANGUAGES), n=2)
                hint = f"did you mean {' or '.join(close)}?" if close else "try its English name"
                raise self.error(f"{quoted(typed)} is not a language I know; {hint}")
            if language not in chosen:
                chosen.append(language)
        return tuple(chosen)

    @property
    def accepts(self) -> str:
        return f"up to {self.max_items} languages by name or short form (en, es, hi), with commas"


@dataclass(frozen=True)
class Integer(Option):
    min_value: int = 0
    max_value: int = 1_000_000
    kind: ClassVar[OptionKind] = OptionKind.INTEGER

    def check_declaration(self) -> None:
        super().check_declaration()
        if self.min_value > self.max_value:
            raise ValueError(f"option {self.name!r}: min_value > max_value")

    def parse(self, raw: object, vocabulary: Vocabulary) -> int:
        if isinstance(raw, bool):
            raise self.error("expected a whole number")
        if isinstance(raw, int):
            value = raw
        else:
            text = clean_text(raw).replace("_", "")
            if not re.fullmatch(r"[+-]?\d{1,12}", text):
                raise self.error(f"{quoted(text)} is not a whole number")
            value = int(text)
        if not self.min_value <= value <= self.max_value:
            raise self.error(f"{value} is out of range; pick {self.min_value}-{self.max_value}")
        return value

    @property
    def accepts(self) -> str:
        return f"a whole number {self.min_value}-{self.max_value}"


_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}


@dataclass(frozen=True)
class Boolean(Option):
    kind: ClassVar[OptionKind] = OptionKind.BOOLEAN

    def parse(self, raw: object, vocabulary: Vocabulary) -> bool:
        if isinstance(raw, bool):
            return raw
        text = clean_text(raw).casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.error(f"{quoted(text)} is not yes or no; try yes, no, on or off")

    @property
    def accepts(self) -> str:
        return "yes or no"


def _suggest(text: str, candidates: tuple[str, ...], n: int = 3) -> list[str]:
    by_fold = {fold(c): c for c in candidates}
    close = difflib.get_close_matches(fold(text), list(by_fold), n=n, cutoff=0.6)
    starts = [c for f, c in by_fold.items() if fold(text) and f.startswith(fold(text))]
    return list(dict.fromkeys([*(by_fold[c] for c in close), *starts]))[:n]


def _one_of(candidates: tuple[str, ...], limit: int = 12) -> str:
    if len(candidates) <= limit:
        return "one of " + ", ".join(candidates)
    return "one of " + ", ".join(candidates[:limit]) + f" (and {len(candidates) - limit} more)"


@dataclass(frozen=True)
class Choice(Option):
    """One value from a fixed list, or from a community list named by `choices_from`."""

    choices: tuple[str, ...] = ()
    choices_from: str | None = None  # "roles" | "industries"
    kind: ClassVar[OptionKind] = OptionKind.CHOICE

    def check_declaration(self) -> None:
        super().check_declaration()
        if bool(self.choices) == bool(self.choices_from):
            raise ValueError(f"option {self.name!r}: give choices or choices_from, not both")
        if len(self.choices) > 25:
            raise ValueError(f"option {self.name!r}: at most 25 fixed choices (Discord's limit)")

    def options_in(self, vocabulary: Vocabulary) -> tuple[str, ...]:
        return self.choices or vocabulary.choices(self.choices_from or "")

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw)
        candidates = self.options_in(vocabulary)
        for candidate in candidates:
            if fold(candidate) == fold(text) and fold(text):
                return candidate
        close = _suggest(text, candidates)
        hint = f"did you mean {' or '.join(close)}?" if close else f"choose {_one_of(candidates)}"
        raise self.error(f"{quoted(text)} is not an option here; {hint}")

    @property
    def accepts(self) -> str:
        if self.choices:
            return " | ".join(self.choices)
        return f"one of the community's {self.choices_from}"


@dataclass(frozen=True)
class Topics(Option):
    """Several topics from the community's taxonomy, separated by commas."""

    max_items: int = 12
    kind: ClassVar[OptionKind] = OptionKind.TOPICS

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:
        items = raw if isinstance(raw, list | tuple) else clean_text(raw).split(",")
        lookup = vocabulary.topic_lookup
        chosen: list[str] = []
        for item in (clean_text(i) for i in items):
            if not item:
                continue
            topic = lookup.get(fold(item))
            if topic is None:
                close = _suggest(item, vocabulary.topics)
                hint = f"did you mean {' or '.join(close)}?" if close else "/topics lists them all"
                raise self.error(f"{quoted(item)} is not a topic here; {hint}")
            if topic not in chosen:
                chosen.append(topic)
        if len(chosen) > self.max_items:
            raise self.error(f"that is {len(chosen)} topics; pick your {self.max_items} main ones")
        if self.required and not chosen:
            raise self.error("name at least one topic, separated by commas")
        return tuple(chosen)

    @property
    def accepts(self) -> str:
        return "topics, separated by commas"


_MENTION = re.compile(r"^<@!?([^<>@\s]+)>$")
_MEMBER_ID = re.compile(r"^[^\s<>@#:,]{1,64}$")


@dataclass(frozen=True)
class MemberOption(Option):
    """A member of the community: the adapter passes the platform id; a mention also works."""

    kind: ClassVar[OptionKind] = OptionKind.MEMBER

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw)
        match = _MENTION.match(text)
        member_id = match.group(1) if match else text.removeprefix("@")
        if not _MEMBER_ID.match(member_id):
            raise self.error(f"{quoted(text)} is not a member; mention them, like @sam")
        return member_id

    @property
    def accepts(self) -> str:
        return "a member, like @sam"


_CHANNEL_TEXT = re.compile(r"^(<#[^<>\s]+>|#?[^\s<>#,@]{1,100})$")


def _typed_channel(option: Option, raw: object) -> TypedChannel:
    text = clean_text(raw)
    if not _CHANNEL_TEXT.match(text):
        raise option.error(f"{quoted(text)} is not a channel; name it like #general")
    return TypedChannel.parse(text)


@dataclass(frozen=True)
class ChannelOption(Option):
    """A channel of the community, typed as `#name`, a mention or an id. Parsing only reads
    what was typed; the dispatcher then asks the adapter for the channel's id in this
    community, and the handler receives that id."""

    kind: ClassVar[OptionKind] = OptionKind.CHANNEL

    def parse(self, raw: object, vocabulary: Vocabulary) -> TypedChannel:
        return _typed_channel(self, raw)

    @property
    def accepts(self) -> str:
        return "a channel, like #general"


@dataclass(frozen=True)
class ChannelList(Option):
    """Several channels separated by commas or spaces; each is resolved like a ChannelOption."""

    max_items: int = 20
    kind: ClassVar[OptionKind] = OptionKind.CHANNEL

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[TypedChannel, ...]:
        items = raw if isinstance(raw, list | tuple) else re.split(r"[,\s]+", clean_text(raw))
        channels: list[TypedChannel] = []
        for item in (clean_text(i) for i in items):
            if item and item not in {c.text for c in channels}:
                channels.append(_typed_channel(self, item))
        if len(channels) > self.max_items:
            raise self.error(f"that is {len(channels)} channels; {self.max_items} at most")
        if self.required and not channels:
            raise self.error("name at least one channel, like #general")
        return tuple(channels)

    @property
    def accepts(self) -> str:
        return "channels, like #general, #help"


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
