"""Per-community settings, declared with an option kind so values are validated like options."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from functools import lru_cache
from typing import Any

from bot.options import Option, OptionError, format_duration
from bot.taxonomy import Vocabulary

log = logging.getLogger(__name__)


def as_text(value: Any) -> str:
    """The canonical text form of a setting value: what `/admin set` would accept back."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, timedelta):
        return format_duration(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Setting:
    """One setting an admin can change with `/admin set`; `option` validates its value."""

    option: Option
    default: Any

    @property
    def key(self) -> str:
        return self.option.name


@dataclass(frozen=True)
class CommunitySettings:
    """One community's resolved settings; `changed` names those it set itself."""

    values: Mapping[str, Any]
    changed: frozenset[str] = frozenset()
    schema: SettingsSchema | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def vocabulary(self) -> Vocabulary:
        return _vocabulary(
            tuple(self.values.get("extra_topics", ())),
            tuple(self.values.get("roles", ())),
            tuple(self.values.get("industries", ())),
        )


@lru_cache(maxsize=256)
def _vocabulary(
    extra_topics: tuple[str, ...], roles: tuple[str, ...], industries: tuple[str, ...]
) -> Vocabulary:
    """Built once per distinct set of values: every invocation needs one; few communities differ."""
    base = Vocabulary.default(extra_topics)
    return Vocabulary(
        topics=base.topics, roles=roles or base.roles, industries=industries or base.industries
    )


class SettingsSchema:
    """Every declared setting; refuses duplicates when declared."""

    def __init__(self, settings: Iterable[Setting] = ()) -> None:
        self._settings: dict[str, Setting] = {}
        for setting in settings:
            self.add(setting)

    def add(self, setting: Setting) -> None:
        if setting.key in self._settings:
            raise ValueError(f"setting {setting.key!r} declared twice")
        setting.option.check_declaration()
        self._settings[setting.key] = setting

    def __iter__(self) -> Iterator[Setting]:
        return iter(self._settings.values())

    def get(self, key: str) -> Setting | None:
        return self._settings.get(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._settings)

    def parse(self, key: str, raw: object) -> Any:
        """Validate one value for `key`; raises OptionError written for the admin."""
        setting = self._settings.get(key)
        if setting is None:
            raise OptionError("key", f'"{key}" is not a setting; see /admin settings')
        try:
            return setting.option.convert(raw, Vocabulary.default())
        except OptionError as exc:
            raise OptionError(key, f"{exc.message} (takes {setting.option.accepts})") from exc

    def resolve(
        self, stored: Mapping[str, str], defaults: Mapping[str, Any] | None = None
    ) -> CommunitySettings:
        """Declared default < operator config default < the community's own stored value."""
        values = {s.key: s.default for s in self._settings.values()}
        values.update({k: v for k, v in (defaults or {}).items() if k in values})
        changed = set()
        for key, text in stored.items():
            if key not in values:
                continue  # a setting a newer or older version declared; harmless
            try:
                values[key] = self.parse(key, text)
                changed.add(key)
            except OptionError:
                log.warning("ignoring stored setting %s: no longer valid", key)
        return CommunitySettings(values, frozenset(changed), self)
