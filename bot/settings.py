"""Per-community settings, declared with an option kind so values are validated like options."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from functools import lru_cache
from typing import Any

from bot.channels import ChannelLookup, TypedChannel, channel_mention
from bot.options import ChannelList, Option, OptionError, OptionKind, format_duration
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


def is_channel_setting(option: Option) -> bool:
    return option.kind is OptionKind.CHANNEL


def channel_text(value: str | tuple[str, ...]) -> str:
    """A channel setting's stored and shown form: mentions of the resolved ids."""
    ids = (value,) if isinstance(value, str) else value
    return ", ".join(channel_mention(i) for i in ids if i)


def _split_channels(value: Any) -> tuple[tuple[str, ...], tuple[TypedChannel, ...]]:
    """Ids liftup stored itself (`<#id>`), and what still needs looking up (names)."""
    items = value if isinstance(value, list | tuple) else (value,)
    ids: list[str] = []
    typed: list[TypedChannel] = []
    for item in items:
        if isinstance(item, TypedChannel):
            channel = item
        elif isinstance(item, str) and item.strip():
            channel = TypedChannel.parse(item)
        else:
            continue
        if channel.is_stored_form and channel.id:
            ids.append(channel.id)
        else:
            typed.append(channel)
    return tuple(ids), tuple(typed)


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
    # Channel settings still holding names, by key, until `with_channels_found` looks them up.
    unresolved: Mapping[str, tuple[TypedChannel, ...]] = field(default_factory=dict)
    # What could not be found in the community, by key: shown to admins in /admin settings.
    unfound: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    async def with_channels_found(
        self, find: Callable[[TypedChannel], Awaitable[ChannelLookup]]
    ) -> CommunitySettings:
        """These settings with every channel name looked up; those not found are left out of
        the values and listed in `unfound`."""
        values = dict(self.values)
        unfound: dict[str, tuple[str, ...]] = {}
        for key, typed in self.unresolved.items():
            found = []
            for channel in typed:
                lookup = await find(channel)
                if lookup.id is not None:
                    found.append(lookup.id)
                else:
                    unfound[key] = (*unfound.get(key, ()), str(channel))
            current = values[key]
            if isinstance(current, tuple):
                values[key] = tuple(dict.fromkeys((*current, *found)))
            else:
                values[key] = found[0] if found else ""
        return dataclasses.replace(self, values=values, unresolved={}, unfound=unfound)

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
        unresolved: dict[str, tuple[TypedChannel, ...]] = {}
        for setting in self._settings.values():
            if is_channel_setting(setting.option):
                ids, typed = _split_channels(values[setting.key])
                many = isinstance(setting.option, ChannelList)
                values[setting.key] = ids if many else (ids[0] if ids else "")
                if typed:
                    unresolved[setting.key] = typed
        return CommunitySettings(values, frozenset(changed), self, unresolved)
