"""The Slack app manifest: every command, the events, Socket Mode, and exactly the scopes used."""

from __future__ import annotations

from typing import Any

from adapters.slack.settings import SLACK
from bot.commands import Catalogue
from bot.config import Config

# Each scope with the reason it is needed; nothing else is asked for.
BOT_SCOPES = {
    "commands": "slash commands",
    "chat:write": "replies, DMs, posts and threads",
    "im:write": "opening direct messages",
    "mpim:write": "group DMs for introductions",
    "users:read": "whether a member is a workspace admin",
    "channels:history": "the listener and replies in the weekly thread",
    "groups:history": "the listener in private channels an admin invites liftup to",
    "channels:read": "finding public channels named in settings (#general)",
    "groups:read": "finding private channels named in settings (#mods)",
    "files:write": "charts and exports",
    "reactions:write": "a ✅ on a thread reply that counted as a check-in",
}
# The last two need no scope: they say liftup was removed, so its tokens are forgotten at once.
BOT_EVENTS = (
    "message.channels",
    "message.groups",
    "app_home_opened",
    "app_uninstalled",
    "tokens_revoked",
)
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def slash_commands(catalogue: Catalogue, prefix: str = "") -> list[tuple[str, str]]:
    """(command, description): one Slack command per group or standalone command."""
    seen: dict[str, str] = {}
    for command in catalogue:
        top = command.path[0]
        if top not in seen:
            help_text = catalogue.groups.get((top,)) or command.help
            seen[top] = help_text
    return [(f"/{prefix}{name}", help_text) for name, help_text in seen.items()]


def manifest(catalogue: Catalogue, config: Config, prefix: str = "") -> dict[str, Any]:
    socket = SLACK.of(config).mode == "socket"
    host = SLACK.of(config).public_url.rstrip("/") or "https://YOUR-HOST"
    url = None if socket else host + EVENTS_PATH
    commands = []
    for name, description in slash_commands(catalogue, prefix):
        entry = {
            "command": name,
            "description": description[:100],
            "usage_hint": "[subcommand] [name:value …]",
            "should_escape": False,
        }
        if url:
            entry["url"] = url
        commands.append(entry)
    interactivity: dict[str, Any] = {"is_enabled": True}
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    if url:
        interactivity["request_url"] = url
        events["request_url"] = url
    return {
        "display_information": {
            "name": "liftup",
            "description": "Mentoring, check-ins, encouragement and interviews for AI careers",
        },
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True},
            "bot_user": {"display_name": "liftup", "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {
            # Where Slack sends an installer back (HTTP mode: "Add to Slack" for any workspace).
            **({} if socket else {"redirect_urls": [host + REDIRECT_PATH]}),
            "scopes": {"bot": list(BOT_SCOPES)},
        },
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "socket_mode_enabled": socket,
            "org_deploy_enabled": False,
            "token_rotation_enabled": False,
        },
    }
