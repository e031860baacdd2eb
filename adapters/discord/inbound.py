"""Discord interactions to core calls: which command, which options, who, where."""

from __future__ import annotations

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


def custom_id(action: str, payload: str) -> str:
    value = f"{CUSTOM_ID_PREFIX}:{action}:{payload}"
    if len(value) > 100:
        raise ValueError(f"button for {action} carries more than Discord's 100 characters")
    return value


def parse_custom_id(value: str) -> tuple[str, str] | None:
    prefix, _, rest = value.partition(":")
    if prefix != CUSTOM_ID_PREFIX:
        return None
    action, _, payload = rest.partition(":")
    return action, payload
