"""Typed command options and their validation: one set of rules for every platform. Each kind
lives with its family (base, text, places, time); this package names them all."""

from __future__ import annotations

from bot.options.base import (
    MAX_DESCRIPTION,
    MAX_RAW_LENGTH,
    NAME_PATTERN,
    Option,
    OptionError,
    OptionKind,
    clean_text,
    quoted,
)
from bot.options.places import (
    ChannelList,
    ChannelOption,
    MemberOption,
)
from bot.options.text import (
    Boolean,
    Choice,
    Integer,
    Languages,
    Text,
    TextList,
    Topics,
)
from bot.options.time import (
    CITY_ZONES,
    WEEKDAYS,
    Duration,
    TimeOfDay,
    TimezoneOption,
    Weekday,
    available_zones,
    format_duration,
    parse_duration,
)

__all__ = [
    "CITY_ZONES",
    "MAX_DESCRIPTION",
    "MAX_RAW_LENGTH",
    "NAME_PATTERN",
    "WEEKDAYS",
    "Boolean",
    "ChannelList",
    "ChannelOption",
    "Choice",
    "Duration",
    "Integer",
    "Languages",
    "MemberOption",
    "Option",
    "OptionError",
    "OptionKind",
    "Text",
    "TextList",
    "TimeOfDay",
    "TimezoneOption",
    "Topics",
    "Weekday",
    "available_zones",
    "clean_text",
    "format_duration",
    "parse_duration",
    "quoted",
]
