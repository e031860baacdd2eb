"""Discord interactions to core calls: which command, which options, who, where."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.context import Actor

ADMINISTRATOR, MANAGE_GUILD = 1 << 3, 1 << 5
CUSTOM_ID_PREFIX = "lu"


def community_of(guild_id: int | str | None) -> str:
    return f"discord:{guild_id}"


def actor_of(user: Any, permissions: int | None) -> Actor:
    perms = permissions or 0
    name = getattr(user, "display_name", None) or getattr(user, "name", str(user.id))
    return Actor(str(user.id), name, bool(perms & (ADMINISTRATOR | MANAGE_GUILD)))


def command_and_options(data: dict[str, Any]) -> tuple[str, dict[str, object]]:
    """Walk subcommand groups down to the leaf: ('admin checkins setup', {option: value})."""
    path = [data["name"]]
    options = data.get("options", [])
    while options and options[0].get("type") in (1, 2):
        path.append(options[0]["name"])
        options = options[0].get("options", [])
    return " ".join(path), {o["name"]: o.get("value") for o in options}


def focused_option(data: dict[str, Any]) -> tuple[str, str, str] | None:
    """(command, option, typed text) for an autocomplete request."""
    name, _ = command_and_options(data)
    options = data.get("options", [])
    while options and options[0].get("type") in (1, 2):
        options = options[0].get("options", [])
    for option in options:
        if option.get("focused"):
            return name, option["name"], str(option.get("value", ""))
    return None


MAX_CUSTOM_ID = 100  # Discord's limit
SIGNATURE_LENGTH = 12


@dataclass(frozen=True)
class ButtonPress:
    """What a pressed button says: its action and payload, and the server it belongs to
    (None only for buttons sent before ids carried one)."""

    action: str
    payload: str
    guild_id: str | None = None


class ButtonRefused(Exception):
    """A button id that is ours but not to be trusted: altered, or sent to another member."""


class ButtonIds:
    """Custom ids that carry the button's server and are signed with a key only this bot
    knows, bound to the member the message went to when there is one. A button pressed in a DM
    then reaches the right community, and an id forged, altered or passed to someone else is
    refused before it reaches the core."""

    def __init__(self, key: bytes) -> None:
        self._key = hashlib.sha256(b"liftup-button-ids:" + key).digest()

    def _signature(self, guild_id: str, recipient: str, action: str, payload: str) -> str:
        message = f"{guild_id}:{recipient}:{action}:{payload}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]

    def make(self, action: str, payload: str, guild_id: str, recipient: str | None) -> str:
        signature = self._signature(guild_id, recipient or "", action, payload)
        value = f"{CUSTOM_ID_PREFIX}:{guild_id}:{action}:{payload}:{signature}"
        if len(value) > MAX_CUSTOM_ID:
            raise ValueError(f"button for {action} carries more than Discord's 100 characters")
        return value

    def for_message(self, guild_id: str, recipient: str | None) -> Callable[[str, str], str]:
        """The id maker for one message's buttons (see render.message_parts)."""
        return lambda action, payload: self.make(action, payload, guild_id, recipient)

    def read(self, value: str, clicker: str) -> ButtonPress | None:
        """The press, None when the id isn't liftup's; raises ButtonRefused when it is liftup's
        but was altered or sent to another member."""
        prefix, _, rest = value.partition(":")
        if prefix != CUSTOM_ID_PREFIX:
            return None
        guild_id, _, rest = rest.partition(":")
        if not guild_id.isdigit():  # sent before ids carried their server: `lu:action:payload`
            action, _, payload = f"{guild_id}:{rest}".partition(":")
            return ButtonPress(action, payload)
        action, _, rest = rest.partition(":")
        payload, _, signature = rest.rpartition(":")
        for recipient in (clicker, ""):
            expected = self._signature(guild_id, recipient, action, payload)
            if hmac.compare_digest(expected, signature):
                return ButtonPress(action, payload, guild_id)
        raise ButtonRefused(value)
