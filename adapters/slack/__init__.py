"""The Slack adapter: slash commands, Block Kit modals, App Home, threads and DMs via slack-bolt."""

from __future__ import annotations

from adapters.slack.platform import SlackPlatform
from bot.config import Config


def create(config: Config) -> SlackPlatform:
    return SlackPlatform(config)


__all__ = ["SlackPlatform", "create"]
