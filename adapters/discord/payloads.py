"""The catalogue as Discord application commands: groups, subcommands and typed options."""

from __future__ import annotations

from typing import Any

from bot.commands import Catalogue, Command, Permission
from bot.options import (
    WEEKDAYS,
    Boolean,
    ChannelOption,
    Choice,
    Integer,
    MemberOption,
    Option,
    OptionKind,
    Text,
    Weekday,
)

STRING, INTEGER, BOOLEAN, USER, CHANNEL = 3, 4, 5, 6, 7
TEXT_CHANNEL, ANNOUNCEMENT_CHANNEL = 0, 5
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
MANAGE_GUILD = 1 << 5
# Values typed freely but better picked from a list the core knows: offered as autocomplete.
AUTOCOMPLETE = {OptionKind.TOPICS, OptionKind.TIMEZONE}


def needs_modal(option: Option) -> bool:
    """Long, multi-line text is better typed in a modal than in the one-line command box."""
    return isinstance(option, Text) and option.multiline


def option_payload(option: Option) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": option.name,
        "description": option.description,
        # A long text left out is asked for in a modal, so Discord need not insist on it.
        "required": option.required and not needs_modal(option),
    }
    if isinstance(option, Boolean):
        payload["type"] = BOOLEAN
    elif isinstance(option, Integer):
        payload.update(type=INTEGER, min_value=option.min_value, max_value=option.max_value)
    elif isinstance(option, MemberOption):
        payload["type"] = USER
    elif isinstance(option, ChannelOption):
        # Discord's own picker: the admin chooses from this server's channels, we get the id.
        payload.update(type=CHANNEL, channel_types=[TEXT_CHANNEL, ANNOUNCEMENT_CHANNEL])
    elif isinstance(option, Weekday):
        payload.update(type=STRING, choices=[{"name": d, "value": d} for d in WEEKDAYS])
    elif isinstance(option, Choice) and option.choices:
        payload.update(type=STRING, choices=[{"name": c, "value": c} for c in option.choices])
    else:
        payload["type"] = STRING
        if isinstance(option, Text):
            payload["max_length"] = min(option.max_length, 6000)
        if option.kind in AUTOCOMPLETE or (isinstance(option, Choice) and option.choices_from):
            payload["autocomplete"] = True
    return payload


def _leaf(command: Command) -> dict[str, Any]:
    return {
        "type": SUB_COMMAND,
        "name": command.path[-1],
        "description": command.help,
        "options": [option_payload(o) for o in command.options],
    }


def command_payloads(catalogue: Catalogue) -> list[dict[str, Any]]:
    """One top-level command per group or standalone command, in catalogue order."""
    tops: dict[str, dict[str, Any]] = {}
    admin_only: dict[str, bool] = {}
    for command in catalogue:
        top = command.path[0]
        admin_only[top] = admin_only.get(top, True) and command.permission is Permission.ADMIN
        if len(command.path) == 1:
            tops[top] = {
                "name": top,
                "description": command.help,
                "type": 1,
                "options": [option_payload(o) for o in command.options],
            }
            continue
        entry = tops.setdefault(
            top,
            {
                "name": top,
                "description": catalogue.groups[(top,)],
                "type": 1,
                "options": [],
            },
        )
        if len(command.path) == 2:
            entry["options"].append(_leaf(command))
        else:
            sub = next((o for o in entry["options"] if o["name"] == command.path[1]), None)
            if sub is None:
                sub = {
                    "type": SUB_COMMAND_GROUP,
                    "name": command.path[1],
                    "description": catalogue.groups[command.path[:2]],
                    "options": [],
                }
                entry["options"].append(sub)
            sub["options"].append(_leaf(command))
    for name, entry in tops.items():
        # Discord shows admin-only commands to admins only; the core checks again anyway.
        entry["default_member_permissions"] = str(MANAGE_GUILD) if admin_only[name] else None
        entry["dm_permission"] = False
    return list(tops.values())


# What the features need, and no more (the README lists them with reasons).
PERMISSIONS = {
    "Add Reactions": 1 << 6,  # a ✅ on a thread reply that counted as a check-in
    "View Channels": 1 << 10,  # see the channels it posts in
    "Send Messages": 1 << 11,  # channel posts, summaries, admin notices
    "Embed Links": 1 << 14,  # replies as embeds
    "Attach Files": 1 << 15,  # charts and exports
    "Read Message History": 1 << 16,  # follow the weekly thread
    "Create Public Threads": 1 << 35,  # the weekly check-in thread
    "Create Private Threads": 1 << 36,  # introductions for two
    "Send Messages in Threads": 1 << 38,  # post inside those threads
}


def invite_url(application_id: str) -> str:
    permissions = sum(PERMISSIONS.values())
    return (
        "https://discord.com/oauth2/authorize"
        f"?client_id={application_id}&scope=bot+applications.commands&permissions={permissions}"
    )
