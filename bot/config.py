"""Configuration from TOML and LIFTUP_* environment variables, validated once at start."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from bot.options import OptionError
from bot.settings import SettingsSchema

ENV_PREFIX = "LIFTUP_"
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """A config problem, worded as: where, the bad value, and what is allowed."""


@dataclass(frozen=True)
class BotSection:
    log_level: str = "INFO"


STORAGE_SCHEMES = ("sqlite:///", "postgresql://", "postgres://")


@dataclass(frozen=True)
class StorageSection:
    url: str = "sqlite:///liftup.db"


@dataclass(frozen=True)
class SchedulerSection:
    tick_seconds: int = 60


@dataclass(frozen=True)
class OutboxSection:
    rate_per_second: float = 5.0
    max_attempts: int = 8
    # A process claims rows for this long; if it dies mid-send, another takes them over after.
    lease_seconds: int = 120


@dataclass(frozen=True)
class ConsoleSection:
    community: str = "local"


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


PUBLIC_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


@dataclass(frozen=True)
class SlackSection:
    enabled: bool = False
    mode: str = "socket"
    bot_token_env: str = "SLACK_BOT_TOKEN"
    app_token_env: str = "SLACK_APP_TOKEN"
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    # The key that seals installed workspaces' tokens at rest (`liftup slack new-key` makes
    # one), and, while changing it, the key they were sealed with.
    token_key_env: str = "SLACK_TOKEN_KEY"
    previous_token_key_env: str = "SLACK_PREVIOUS_TOKEN_KEY"
    # The app's OAuth client id and secret: when both variables are set, workspaces install
    # liftup with an "Add to Slack" link (HTTP mode) and the bot token above is not used.
    client_id_env: str = "SLACK_CLIENT_ID"
    client_secret_env: str = "SLACK_CLIENT_SECRET"
    # Where Slack reaches this app in HTTP mode, e.g. https://liftup.example.org: the
    # manifest's URLs and the OAuth redirect are made from it.
    public_url: str = ""
    port: int = 3000
    # Put before every command name (e.g. "lu-" gives /lu-mentor) to avoid clashes with other apps.
    command_prefix: str = ""
    # Member ids who are admins here besides the workspace's own admins and owners, comma-separated.
    admin_ids: str = ""
    # Where the Web API lives; empty means Slack's. For proxies and test emulators.
    api_base_url: str = ""

    def installs_by_oauth(self, environ: Mapping[str, str]) -> bool:
        """Whether workspaces install liftup themselves: the app's client id and secret are set."""
        return all(environ.get(n, "").strip() for n in (self.client_id_env, self.client_secret_env))


@dataclass(frozen=True)
class Config:
    bot: BotSection = field(default_factory=BotSection)
    storage: StorageSection = field(default_factory=StorageSection)
    scheduler: SchedulerSection = field(default_factory=SchedulerSection)
    outbox: OutboxSection = field(default_factory=OutboxSection)
    console: ConsoleSection = field(default_factory=ConsoleSection)
    discord: DiscordSection = field(default_factory=DiscordSection)
    slack: SlackSection = field(default_factory=SlackSection)
    # Defaults for every community, with the same keys and rules as `/admin set`.
    community: Mapping[str, Any] = field(default_factory=dict)
    source: str = "built-in defaults"


def _coerce(where: str, value: Any, kind: type, from_env: bool) -> Any:
    if from_env and isinstance(value, str):
        text = value.strip()
        if kind is bool:
            if text.lower() in ("true", "yes", "on", "1"):
                return True
            if text.lower() in ("false", "no", "off", "0"):
                return False
        elif kind is int and re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        elif kind is float and re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
            return float(text)
        elif kind is str:
            return value
    elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    elif isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    wanted = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}[kind]
    raise ConfigError(f"{where} = {value!r} is not valid; use {wanted}")


def _check_shards(where: str, discord: DiscordSection) -> None:
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


def _check(config: Config) -> None:
    """Rules beyond types: ranges, closed sets and names."""
    where = config.source
    _check_shards(where, config.discord)
    if config.bot.log_level.upper() not in LOG_LEVELS:
        raise ConfigError(
            f"{where}: [bot] log_level = {config.bot.log_level!r}; "
            f"use one of {', '.join(LOG_LEVELS)}"
        )
    if not config.storage.url.startswith(STORAGE_SCHEMES):
        scheme = config.storage.url.partition(":")[0]
        raise ConfigError(
            f"{where}: [storage] url starts with {scheme!r}; use sqlite:///path/to/liftup.db "
            "or postgresql://user@host:5432/database"
        )
    if not 1 <= config.scheduler.tick_seconds <= 3600:
        raise ConfigError(
            f"{where}: [scheduler] tick_seconds = {config.scheduler.tick_seconds}; use 1 to 3600"
        )
    if not 0 < config.outbox.rate_per_second <= 1000:
        raise ConfigError(
            f"{where}: [outbox] rate_per_second = {config.outbox.rate_per_second}; "
            "use a number above 0 and at most 1000"
        )
    if not 10 <= config.outbox.lease_seconds <= 3600:
        raise ConfigError(
            f"{where}: [outbox] lease_seconds = {config.outbox.lease_seconds}; use 10 to 3600"
        )
    if not 1 <= config.outbox.max_attempts <= 50:
        raise ConfigError(
            f"{where}: [outbox] max_attempts = {config.outbox.max_attempts}; use 1 to 50"
        )
    if config.slack.mode not in ("socket", "http"):
        raise ConfigError(f"{where}: [slack] mode = {config.slack.mode!r}; use socket or http")
    if config.slack.public_url and not PUBLIC_URL.fullmatch(config.slack.public_url):
        raise ConfigError(
            f"{where}: [slack] public_url = {config.slack.public_url!r}; give the address "
            "Slack reaches liftup at, e.g. https://liftup.example.org"
        )
    if not 1 <= config.slack.port <= 65535:
        raise ConfigError(f"{where}: [slack] port = {config.slack.port}; use 1 to 65535")
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", config.console.community):
        raise ConfigError(
            f"{where}: [console] community = {config.console.community!r}; "
            "use 1-40 letters, digits, '.', '-' or '_'"
        )
    for section, key in (
        ("discord", "token_env"),
        ("slack", "bot_token_env"),
        ("slack", "app_token_env"),
        ("slack", "signing_secret_env"),
        ("slack", "token_key_env"),
        ("slack", "previous_token_key_env"),
        ("slack", "client_id_env"),
        ("slack", "client_secret_env"),
    ):
        name = getattr(getattr(config, section), key)
        if not ENV_NAME.match(name):
            raise ConfigError(
                f"{where}: [{section}] {key} = {name!r} must name an environment variable "
                "(letters, digits and _), not hold the token itself"
            )


def _section(name: str, cls: type, given: Mapping[str, Any], where: str, env: bool) -> Any:
    if not isinstance(given, Mapping):
        raise ConfigError(f"{where}: [{name}] must be a table")
    hints = get_type_hints(cls)
    known = [f.name for f in fields(cls)]
    unknown = [k for k in given if k not in known]
    if unknown:
        raise ConfigError(
            f"{where}: [{name}] has an unknown key {unknown[0]!r}; known keys: {', '.join(known)}"
        )
    return cls(
        **{
            k: _coerce(f"{where}: [{name}] {k}", v, hints[k], from_env=env)
            for k, v in given.items()
        }
    )


def parse_config(
    data: Mapping[str, Any],
    environ: Mapping[str, str],
    schema: SettingsSchema,
    source: str = "config",
) -> Config:
    """Build a Config from TOML data with LIFTUP_<SECTION>_<KEY> environment overrides."""
    sections = {f.name: f for f in fields(Config) if f.name not in ("community", "source")}
    unknown = [k for k in data if k not in (*sections, "community")]
    if unknown:
        raise ConfigError(
            f"{source}: unknown section [{unknown[0]}]; known: "
            + ", ".join(f"[{s}]" for s in (*sections, "community"))
        )
    hints = get_type_hints(Config)
    values: dict[str, Any] = {}
    for name in sections:
        merged = dict(data.get(name, {}))
        overridden = set()
        for var, text in environ.items():
            if var.startswith(ENV_PREFIX + name.upper() + "_"):
                key = var[len(ENV_PREFIX + name) + 1 :].lower()
                merged[key] = text
                overridden.add(key)
        file_part = {k: v for k, v in merged.items() if k not in overridden}
        env_part = {k: v for k, v in merged.items() if k in overridden}
        section = _section(name, hints[name], file_part, source, env=False)
        if env_part:
            merged_section = {**section.__dict__, **env_part}
            section = _section(name, hints[name], merged_section, "environment", env=True)
        values[name] = section
    stray = [
        var
        for var in environ
        if var.startswith(ENV_PREFIX)
        and var != "LIFTUP_CONFIG"
        and not any(var.startswith(ENV_PREFIX + s.upper() + "_") for s in sections)
    ]
    if stray:
        raise ConfigError(
            f"environment: {stray[0]} is not a liftup setting; use LIFTUP_<SECTION>_<KEY>, "
            "like LIFTUP_STORAGE_URL"
        )
    community = data.get("community", {})
    if not isinstance(community, Mapping):
        raise ConfigError(f"{source}: [community] must be a table")
    defaults = {}
    for key, raw in community.items():
        if schema.get(key) is None:
            raise ConfigError(
                f"{source}: [community] has an unknown key {key!r}; known keys: "
                + ", ".join(schema.keys)
            )
        try:
            defaults[key] = schema.parse(key, raw)
        except OptionError as exc:
            raise ConfigError(f"{source}: [community] {exc}") from exc
    config = Config(**values, community=defaults, source=source)
    _check(config)
    return config


def find_config_file(explicit: str | None, environ: Mapping[str, str]) -> Path | None:
    """--config, then LIFTUP_CONFIG, then ./config.toml; None means built-in defaults."""
    named = explicit or environ.get("LIFTUP_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"config file {named} does not exist")
        return path
    default = Path("config.toml")
    return default if default.is_file() else None


def load_config(
    explicit: str | None,
    schema: SettingsSchema,
    environ: Mapping[str, str] | None = None,
) -> Config:
    environ = os.environ if environ is None else environ
    path = find_config_file(explicit, environ)
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    return parse_config(data, environ, schema, source=str(path) if path else "built-in defaults")
