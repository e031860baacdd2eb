"""The Discord adapter: slash commands, buttons, threads and DMs through discord.py.

discord.py loads only when the adapter is used (`create`, or DiscordPlatform asked for):
reading the config needs only adapters/discord/settings.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adapters.discord.settings import DISCORD
from bot.config import Config
from bot.ports import Store

if TYPE_CHECKING:
    from adapters.discord.platform import DiscordPlatform


def create(config: Config, store: Store | None = None) -> DiscordPlatform:
    """One bot token serves every server; `store` is not needed here."""
    from adapters.discord.platform import DiscordPlatform, point_at

    d = DISCORD.of(config)
    if d.api_base_url or d.gateway_url:
        point_at(
            d.api_base_url or "https://discord.com/api/v10",
            d.gateway_url or "wss://gateway.discord.gg/",
        )
    return DiscordPlatform(config)


def __getattr__(name: str) -> Any:
    if name in ("DiscordPlatform", "point_at"):
        from adapters.discord import platform

        return getattr(platform, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DiscordPlatform", "create", "point_at"]
