"""Channels named the way people type them, resolved to the platform's ids within one community.

Admins write `#general`, paste a mention (`<#123>`, Slack's `<#C1|general>`) or an id. Messages
arrive with the platform's id, so a channel is only useful once the adapter has turned what was
typed into that id, inside the community's own server or workspace and nowhere else. The core
compares ids; names are for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

_MENTION = re.compile(r"^<#([^<>|\s]+)(?:\|([^<>]*))?>$")


@dataclass(frozen=True)
class TypedChannel:
    """A channel as someone typed it. A mention gives an id (and on Slack a name); `#name`
    gives a name; a bare word may be either, so the adapter tries it as an id, then a name."""

    text: str
    id: str | None = None
    name: str | None = None

    @classmethod
    def parse(cls, typed: str) -> TypedChannel:
        text = typed.strip()
        match = _MENTION.match(text)
        if match:
            return cls(text, id=match.group(1), name=(match.group(2) or None))
        if text.startswith("#"):
            return cls(text, name=text[1:].strip())
        return cls(text, id=text, name=text)

    @property
    def is_stored_form(self) -> bool:
        """`<#id>` exactly: the form liftup itself stores once it has resolved a channel."""
        return self.id is not None and self.text == channel_mention(self.id)

    def __str__(self) -> str:
        return self.text  # as typed: a mention still shows as the channel on its platform


class ChannelProblem(StrEnum):
    UNKNOWN = "unknown"  # no such channel in this community's server or workspace
    NO_ACCESS = "no-access"  # it exists, but liftup can't read or post there
    UNAVAILABLE = "unavailable"  # the platform didn't answer; nothing is known yet


@dataclass(frozen=True)
class ChannelLookup:
    """What the adapter found: the channel's id and name, or why there is none.
    `hint` is the adapter's own words on how to fix a problem on its platform."""

    id: str | None = None
    name: str | None = None
    problem: ChannelProblem | None = None
    hint: str = ""

    @classmethod
    def found(cls, channel_id: str, name: str | None = None) -> ChannelLookup:
        return cls(id=channel_id, name=name)

    @classmethod
    def missing(cls, problem: ChannelProblem, hint: str = "") -> ChannelLookup:
        return cls(problem=problem, hint=hint)


class ChannelDirectory(Protocol):
    """Looks channels up in one community's own server or workspace, never another's."""

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup: ...


def channel_mention(channel_id: str) -> str:
    """The neutral channel mention; Discord and Slack render `<#id>` natively as the name."""
    return f"<#{channel_id}>"
