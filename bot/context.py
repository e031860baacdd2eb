"""What an adapter hands the core (invocations, clicks, messages) and what a handler receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.cache import CommunityCache
    from bot.channels import ChannelLookup, TypedChannel
    from bot.commands import Catalogue
    from bot.models import Member
    from bot.settings import CommunitySettings
    from bot.taxonomy import Vocabulary


def platform_of(community_id: str) -> str:
    """`discord:123` -> `discord`. Community ids are `<platform>:<id on that platform>`."""
    platform, sep, rest = community_id.partition(":")
    if not sep or not platform or not rest:
        raise ValueError(f"community id {community_id!r} is not '<platform>:<id>'")
    return platform


@dataclass(frozen=True)
class Actor:
    """The member doing something; `is_admin` is what the platform says about them."""

    id: str
    display_name: str
    is_admin: bool = False


@dataclass(frozen=True)
class Invocation:
    community_id: str
    actor: Actor
    command: str
    options: Mapping[str, object] = field(default_factory=dict)
    channel_id: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Click:
    """A button press, coming back as the action and payload the button carried."""

    community_id: str
    actor: Actor
    action: str
    payload: str = ""
    channel_id: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class ChannelMessage:
    """A plain message seen in a channel (or thread) the community opted in."""

    community_id: str
    actor: Actor
    channel_id: str
    text: str
    message_id: str
    thread_id: str | None = None
    link: str | None = None  # a URL that opens the message, where the platform has one


@dataclass(frozen=True)
class Context:
    """Everything a handler may know about the moment it runs in."""

    community_id: str
    actor: Actor
    member: Member  # the actor's stored row, as of this transaction
    now: datetime
    settings: CommunitySettings
    vocabulary: Vocabulary
    catalogue: Catalogue
    cache: CommunityCache
    # Looks a typed channel up in this community's own server or workspace.
    find_channel: Callable[[TypedChannel], Awaitable[ChannelLookup]]
    channel_id: str | None = None
    platform_notes: tuple[str, ...] = ()  # what this community's platform says admins should know
    dashboard_url: str | None = None  # where the web dashboard answers; None when it is off
