"""A value each option kind accepts, as a platform would send it: for whole-catalogue tests."""

from __future__ import annotations


def valid_value(option) -> object:
    """A value each option kind accepts, as Discord would send it."""
    from datetime import timedelta

    from bot.options import (
        Boolean,
        ChannelList,
        ChannelOption,
        Choice,
        Duration,
        Integer,
        MemberOption,
        Text,
        TextList,
        TimeOfDay,
        TimezoneOption,
        Topics,
        Weekday,
        format_duration,
    )
    from bot.taxonomy import DEFAULT_ROLES

    if isinstance(option, ChannelOption | ChannelList):
        return "#general"  # a channel both emulators' workspaces have
    if isinstance(option, Boolean):
        return True
    if isinstance(option, Integer):
        return option.min_value
    if isinstance(option, MemberOption):
        return "1002"
    if isinstance(option, Topics):
        return "Python, NLP"
    if isinstance(option, TimezoneOption):
        return "Europe/Berlin"
    if isinstance(option, Weekday):
        return "monday"
    if isinstance(option, TimeOfDay):
        return "09:00"
    if isinstance(option, Duration):
        return format_duration(max(option.minimum, min(option.maximum, timedelta(days=2))))
    if isinstance(option, Choice):
        return option.choices[0] if option.choices else DEFAULT_ROLES[0]
    if isinstance(option, TextList):
        return "English"
    if isinstance(option, Text):
        return "A clear sentence that is long enough for any goal here"[: option.max_length]
    raise AssertionError(f"no sample for {option}")
