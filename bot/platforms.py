"""What liftup knows of a platform before loading its adapter: its config section, the
environment it needs to start, and where its adapter lives. Each adapter declares one
(`adapters/<platform>/settings.py`, light: no platform library), and the composition root
lists them (bot/bootstrap/platforms.py), so a new platform touches its own folder and that list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from bot.config import Config

Section = TypeVar("Section")


def _no_rules(where: str, section: Any) -> None:
    """A section with no rules beyond its types."""


@dataclass(frozen=True)
class PlatformSpec(Generic[Section]):
    name: str  # its config section ([discord]) and its communities' prefix (discord:…)
    label: str  # how people name it: "Discord"
    section: type[Section]  # a frozen dataclass with an `enabled` flag; its defaults are built in
    module: str  # its adapter package, whose create(config, store) builds what serves it
    # The environment variables it needs to start with this section (ConfigError if the
    # section can't start as it is), and the section's keys that name environment variables.
    required_env: Callable[[Section, Mapping[str, str]], list[str]]
    token_keys: tuple[str, ...] = ()
    check: Callable[[str, Section], None] = _no_rules  # rules beyond types; raises ConfigError

    def of(self, config: Config) -> Section:
        """This platform's section of `config` (its defaults when the config has none)."""
        found = config.platforms.get(self.name)
        return found if found is not None else self.section()

    def replaced(self, config: Config, **changes: Any) -> Config:
        """`config` with this platform's section changed."""
        section = replace(self.of(config), **changes)  # type: ignore[type-var]
        return replace(config, platforms={**config.platforms, self.name: section})
