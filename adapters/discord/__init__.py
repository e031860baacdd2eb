"""The Discord adapter: slash commands, buttons, threads and DMs through discord.py."""

from __future__ import annotations

from adapters.discord.platform import DiscordPlatform, point_at
from bot.config import Config
from bot.ports import Store


def create(config: Config, store: Store | None = None) -> DiscordPlatform:
    """One bot token serves every server; `store` is not needed here."""
    d = config.discord
    if d.api_base_url or d.gateway_url:
        point_at(
            d.api_base_url or "https://discord.com/api/v10",
            d.gateway_url or "wss://gateway.discord.gg/",
        )
    return DiscordPlatform(config)


__all__ = ["DiscordPlatform", "create", "point_at"]
