"""The Slack adapter: slash commands, Block Kit modals, App Home, threads and DMs via slack-bolt.

slack-bolt loads only when the adapter is used (`create`, or SlackPlatform asked for): reading
the config needs only adapters/slack/settings.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.config import Config
from bot.ports import Store

if TYPE_CHECKING:
    from adapters.slack.platform import SlackPlatform


def create(config: Config, store: Store) -> SlackPlatform:
    from adapters.slack.platform import SlackPlatform

    return SlackPlatform(config, store=store)


def __getattr__(name: str) -> Any:
    if name == "SlackPlatform":
        from adapters.slack.platform import SlackPlatform

        return SlackPlatform
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SlackPlatform", "create"]
