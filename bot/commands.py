"""The command catalogue: every command and button action, declared once for every platform."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.hooks import (
    ActionHandler,
    AwayHook,
    DeliveryHook,
    DueJob,
    Handler,
    Listener,
    ListenerSpec,
    ListenerWants,
)
from bot.options import MAX_DESCRIPTION, NAME_PATTERN, Option
from bot.settings import Setting

MAX_OPTIONS = 25  # Discord's limit, the strictest of our platforms
MAX_CHILDREN = 25
MAX_DEPTH = 3  # group -> subgroup -> command


class Permission(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class CatalogueError(ValueError):
    """A declaration that cannot work on every platform; raised when it is made."""


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    help: str
    options: tuple[Option, ...]
    permission: Permission
    handler: Handler

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)


@dataclass(frozen=True)
class Action:
    id: str
    permission: Permission
    handler: ActionHandler


def _check_help(what: str, text: str) -> None:
    if not 0 < len(text) <= MAX_DESCRIPTION:
        raise CatalogueError(f"{what}: help must be 1-{MAX_DESCRIPTION} characters")


def _check_options(name: str, options: tuple[Option, ...]) -> None:
    if len(options) > MAX_OPTIONS:
        raise CatalogueError(f"/{name}: {len(options)} options; at most {MAX_OPTIONS}")
    seen: set[str] = set()
    optional_seen = False
    for option in options:
        try:
            option.check_declaration()
        except ValueError as exc:
            raise CatalogueError(f"/{name}: {exc}") from exc
        if option.name in seen:
            raise CatalogueError(f"/{name}: option {option.name!r} declared twice")
        seen.add(option.name)
        if option.required and optional_seen:
            raise CatalogueError(f"/{name}: required option {option.name!r} after optional ones")
        optional_seen = optional_seen or not option.required


class Catalogue:
    """What features declare: commands, groups, actions, listeners, due jobs and settings.

    Every rule is checked when a declaration is made, so a mistake fails at import, not in use.
    """

    def __init__(self) -> None:
        self._commands: dict[tuple[str, ...], Command] = {}
        self._groups: dict[tuple[str, ...], str] = {}
        self._actions: dict[str, Action] = {}
        self._listeners: list[ListenerSpec] = []
        self._due: dict[str, DueJob] = {}
        self._settings: dict[str, Setting] = {}
        self._delivery_hooks: dict[str, DeliveryHook] = {}
        self._away_hooks: list[AwayHook] = []

    # --- declaring ----------------------------------------------------------------------

    def group(self, *path: str, help: str) -> None:
        """Declare a group or subgroup; platforms need a description for each."""
        self._check_path(path, max_depth=MAX_DEPTH - 1)
        _check_help(f"group /{' '.join(path)}", help)
        if path in self._commands:
            raise CatalogueError(f"/{' '.join(path)} is a command; it cannot also be a group")
        if len(path) == 2 and path[:1] not in self._groups:
            raise CatalogueError(f"declare group /{path[0]} before its subgroup")
        known = self._groups.get(path)
        if known is not None and known != help:
            raise CatalogueError(f"group /{' '.join(path)} declared twice with different help")
        self._groups[path] = help

    def command(
        self,
        name: str,
        *,
        help: str,
        options: tuple[Option, ...] = (),
        permission: Permission = Permission.MEMBER,
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.add(Command(tuple(name.split()), help, options, permission, handler))
            return handler

        return register

    def action(
        self, action_id: str, *, permission: Permission = Permission.MEMBER
    ) -> Callable[[ActionHandler], ActionHandler]:
        def register(handler: ActionHandler) -> ActionHandler:
            self.add_action(Action(action_id, permission, handler))
            return handler

        return register

    def listener(self, *, wants: ListenerWants | None = None) -> Callable[[Listener], Listener]:
        """Declare a listener; `wants` says, by reading only, whether it would act."""

        def register(fn: Listener) -> Listener:
            self._listeners.append(ListenerSpec(fn, wants))
            return fn

        return register

    def due(self, name: str) -> Callable[[DueJob], DueJob]:
        def register(fn: DueJob) -> DueJob:
            self.add_due(name, fn)
            return fn

        return register

    def add_due(self, name: str, fn: DueJob) -> None:
        if name in self._due:
            raise CatalogueError(f"due job {name!r} is declared twice")
        self._due[name] = fn

    def after_delivery(self, key_prefix: str) -> Callable[[DeliveryHook], DeliveryHook]:
        """Declare what happens once messages queued under `key_prefix` are sent or given up."""

        def register(fn: DeliveryHook) -> DeliveryHook:
            self.add_delivery_hook(key_prefix, fn)
            return fn

        return register

    def add_delivery_hook(self, key_prefix: str, fn: DeliveryHook) -> None:
        if key_prefix in self._delivery_hooks:
            raise CatalogueError(f"delivery hook for {key_prefix!r} is declared twice")
        self._delivery_hooks[key_prefix] = fn

    def on_away(self, fn: AwayHook) -> AwayHook:
        """Declare what a feature does for others when a member pauses or erases their data."""
        self._away_hooks.append(fn)
        return fn

    def setting(self, option: Option, default: Any) -> None:
        if option.name in self._settings:
            raise CatalogueError(f"setting {option.name!r} is declared twice")
        try:
            option.check_declaration()
        except ValueError as exc:
            raise CatalogueError(f"setting {option.name!r}: {exc}") from exc
        self._settings[option.name] = Setting(option, default)

    def add(self, command: Command) -> None:
        path, name = command.path, command.name
        self._check_path(path, max_depth=MAX_DEPTH)
        _check_help(f"/{name}", command.help)
        _check_options(name, command.options)
        if path in self._commands:
            raise CatalogueError(f"/{name} is declared twice")
        if path in self._groups:
            raise CatalogueError(f"/{name} is a group; a group cannot also take options")
        for depth in range(1, len(path)):
            if path[:depth] in self._commands:
                raise CatalogueError(
                    f"/{' '.join(path[:depth])} is a command; it cannot also have subcommands"
                )
            if path[:depth] not in self._groups:
                raise CatalogueError(f"declare group /{' '.join(path[:depth])} before /{name}")
        parent = path[:-1]
        siblings = sum(1 for p in [*self._commands, *self._groups] if p[:-1] == parent)
        if parent and siblings >= MAX_CHILDREN:
            raise CatalogueError(f"group /{' '.join(parent)} has {MAX_CHILDREN} children already")
        self._commands[path] = command

    def add_action(self, action: Action) -> None:
        if not action.id or len(action.id) > 40 or ":" in action.id:
            raise CatalogueError(f"action id {action.id!r} must be 1-40 characters without ':'")
        if action.id in self._actions:
            raise CatalogueError(f"action {action.id!r} is declared twice")
        self._actions[action.id] = action

    def include(self, other: Catalogue) -> None:
        """Take in another catalogue's declarations, applying every rule again."""
        for path, help in other._groups.items():
            self.group(*path, help=help)
        for command in other._commands.values():
            self.add(command)
        for action in other._actions.values():
            self.add_action(action)
        self._listeners.extend(other._listeners)
        for name, fn in other._due.items():
            self.add_due(name, fn)
        for setting in other._settings.values():
            self.setting(setting.option, setting.default)
        for prefix, hook in other._delivery_hooks.items():
            self.add_delivery_hook(prefix, hook)
        self._away_hooks.extend(other._away_hooks)

    @staticmethod
    def _check_path(path: tuple[str, ...], *, max_depth: int) -> None:
        if not 1 <= len(path) <= max_depth:
            raise CatalogueError(
                f"/{' '.join(path)}: nesting is at most group > subgroup > command"
            )
        for part in path:
            if not NAME_PATTERN.match(part):
                raise CatalogueError(f"/{' '.join(path)}: {part!r} must be 1-32 of a-z 0-9 - _")

    # --- reading ------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands.values())

    def __len__(self) -> int:
        return len(self._commands)

    def get(self, name: str) -> Command | None:
        return self._commands.get(tuple(name.split()))

    def action_for(self, action_id: str) -> Action | None:
        return self._actions.get(action_id)

    @property
    def listeners(self) -> tuple[ListenerSpec, ...]:
        return tuple(self._listeners)

    @property
    def due_jobs(self) -> Mapping[str, DueJob]:
        return dict(self._due)

    @property
    def away_hooks(self) -> tuple[AwayHook, ...]:
        return tuple(self._away_hooks)

    def delivery_hook(self, key: str) -> DeliveryHook | None:
        return next((h for p, h in self._delivery_hooks.items() if key.startswith(p)), None)

    @property
    def settings(self) -> tuple[Setting, ...]:
        return tuple(self._settings.values())

    @property
    def groups(self) -> Mapping[tuple[str, ...], str]:
        return dict(self._groups)

    def resolve(self, words: list[str]) -> tuple[Command | None, int]:
        """The command named by the longest prefix of `words`, and how many words it used."""
        for length in range(min(MAX_DEPTH, len(words)), 0, -1):
            command = self._commands.get(tuple(words[:length]))
            if command is not None:
                return command, length
        return None, 0

    def is_group(self, path: tuple[str, ...]) -> bool:
        return path in self._groups

    def children(self, path: tuple[str, ...]) -> list[str]:
        depth = len(path)
        paths = [*self._commands, *self._groups]
        return sorted({p[depth] for p in paths if len(p) > depth and p[:depth] == path})
