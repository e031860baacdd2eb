"""The Discord adapter's config section and platform entry: light, no discord.py, so liftup
reads and checks its config without loading the adapter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.config import ConfigError
from bot.platforms import PlatformSpec


@dataclass(frozen=True)
class DiscordSection:
    enabled: bool = False
    token_env: str = "DISCORD_TOKEN"
    dev_guild_id: str = ""
    message_content: bool = False
    # Where REST and the gateway live; empty means Discord's own. For proxies and test emulators.
    api_base_url: str = ""
    gateway_url: str = ""
    # Sharding, for very large bots: the total shard count (0 = one connection, no sharding)
    # and which shards this process runs, e.g. "0-3" or "4,5" (empty = all of them).
    shard_count: int = 0
    shard_ids: str = ""

    def shards(self) -> list[int] | None:
        """The shard ids this process runs; None for all of them."""
        return parse_shard_ids(self.shard_ids) if self.shard_ids.strip() else None


def parse_shard_ids(text: str) -> list[int]:
    """ "0-3,6" -> [0, 1, 2, 3, 6]; ValueError on anything else."""
    ids: list[int] = []
    for part in text.split(","):
        low, dash, high = part.strip().partition("-")
        first = int(low)
        last = int(high) if dash else first
        if last < first:
            raise ValueError(part)
        ids += range(first, last + 1)
    return sorted(set(ids))


def check(where: str, discord: DiscordSection) -> None:
    if not 0 <= discord.shard_count <= 1024:
        raise ConfigError(f"{where}: [discord] shard_count = {discord.shard_count}; use 0 to 1024")
    if not discord.shard_ids.strip():
        return
    try:
        ids = parse_shard_ids(discord.shard_ids)
    except ValueError:
        raise ConfigError(
            f"{where}: [discord] shard_ids = {discord.shard_ids!r}; use numbers and ranges like "
            '"0-3" or "4,5"'
        ) from None
    if discord.shard_count == 0 or ids[-1] >= discord.shard_count:
        raise ConfigError(
            f"{where}: [discord] shard_ids = {discord.shard_ids!r} needs shard_count above "
            f"{ids[-1]} (shards are numbered from 0 to shard_count - 1)"
        )


def required_env(discord: DiscordSection, environ: Mapping[str, str]) -> list[str]:
    return [discord.token_env]


DISCORD = PlatformSpec(
    name="discord",
    label="Discord",
    section=DiscordSection,
    module="adapters.discord",
    required_env=required_env,
    token_keys=("token_env",),
    check=check,
)
