"""The Slack adapter: slash commands, Block Kit modals, App Home, threads and DMs via slack-bolt."""

from __future__ import annotations

from adapters.slack.platform import SlackPlatform
from bot.config import Config
from bot.ports import Store


def create(config: Config, store: Store) -> SlackPlatform:
    return SlackPlatform(config, store=store)


__all__ = ["SlackPlatform", "create"]
