"""Configuration from TOML and LIFTUP_* environment variables, validated once at start."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from bot.options import OptionError
from bot.platforms import PlatformSpec
from bot.settings import SettingsSchema

ENV_PREFIX = "LIFTUP_"
NOT_SECTIONS = ("platforms", "community", "source")  # Config fields that are no [section]
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
class WebSection:
    """The organiser dashboard (README: Dashboard)."""

    enabled: bool = False
    host: str = "127.0.0.1"
    port: int = 8080
    # The address browsers use (behind a reverse proxy: its https:// URL); default http://host:port.
    public_url: str = ""
    # The environment variable holding the secret that signs dashboard sessions.
    secret_env: str = "DASHBOARD_SECRET"

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")


@dataclass(frozen=True)
class Config:
    bot: BotSection = field(default_factory=BotSection)
    storage: StorageSection = field(default_factory=StorageSection)
    scheduler: SchedulerSection = field(default_factory=SchedulerSection)
    outbox: OutboxSection = field(default_factory=OutboxSection)
    console: ConsoleSection = field(default_factory=ConsoleSection)
    web: WebSection = field(default_factory=WebSection)
    # Each platform's own section, by name ([discord], [slack]): the adapters declare them
    # (bot.platforms.PlatformSpec) and read theirs with `SPEC.of(config)`.
    platforms: Mapping[str, Any] = field(default_factory=dict)
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


def _check(config: Config, platforms: Sequence[PlatformSpec]) -> None:
    """Rules beyond types: ranges, closed sets and names."""
    where = config.source
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
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", config.console.community):
        raise ConfigError(
            f"{where}: [console] community = {config.console.community!r}; "
            "use 1-40 letters, digits, '.', '-' or '_'"
        )
    web = config.web
    if not 1 <= web.port <= 65535:
        raise ConfigError(f"{where}: [web] port = {web.port}; use 1 to 65535")
    if web.public_url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", web.public_url):
        raise ConfigError(
            f"{where}: [web] public_url = {web.public_url!r}; use the address browsers open, "
            "like https://liftup.example.org"
        )
    if not ENV_NAME.match(web.secret_env) or web.secret_env.startswith(ENV_PREFIX):
        raise ConfigError(
            f"{where}: [web] secret_env = {web.secret_env!r} must name an environment variable "
            "(letters, digits and _, not starting with LIFTUP_), not hold the secret itself"
        )
    for spec in platforms:
        section = spec.of(config)
        spec.check(where, section)
        for key in spec.token_keys:
            name = getattr(section, key)
            if not ENV_NAME.match(name):
                raise ConfigError(
                    f"{where}: [{spec.name}] {key} = {name!r} must name an environment variable "
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
    platforms: Sequence[PlatformSpec] = (),
) -> Config:
    """Build a Config from TOML data with LIFTUP_<SECTION>_<KEY> environment overrides; each of
    `platforms` brings its own section."""
    hints = get_type_hints(Config)
    core = {f.name: hints[f.name] for f in fields(Config) if f.name not in NOT_SECTIONS}
    sections = {**core, **{spec.name: spec.section for spec in platforms}}
    unknown = [k for k in data if k not in (*sections, "community")]
    if unknown:
        raise ConfigError(
            f"{source}: unknown section [{unknown[0]}]; known: "
            + ", ".join(f"[{s}]" for s in (*sections, "community"))
        )
    values: dict[str, Any] = {}
    for name, cls in sections.items():
        merged = dict(data.get(name, {}))
        overridden = set()
        for var, text in environ.items():
            if var.startswith(ENV_PREFIX + name.upper() + "_"):
                key = var[len(ENV_PREFIX + name) + 1 :].lower()
                merged[key] = text
                overridden.add(key)
        file_part = {k: v for k, v in merged.items() if k not in overridden}
        env_part = {k: v for k, v in merged.items() if k in overridden}
        section = _section(name, cls, file_part, source, env=False)
        if env_part:
            # The file's values with the environment's on top, all read again as text.
            merged_section = {**section.__dict__, **env_part}
            section = _section(name, cls, merged_section, "environment", env=True)
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
    config = Config(
        **{name: values[name] for name in core},
        platforms={spec.name: values[spec.name] for spec in platforms},
        community=defaults,
        source=source,
    )
    _check(config, platforms)
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
    platforms: Sequence[PlatformSpec] = (),
) -> Config:
    environ = os.environ if environ is None else environ
    path = find_config_file(explicit, environ)
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    where = str(path) if path else "built-in defaults"
    return parse_config(data, environ, schema, source=where, platforms=platforms)
