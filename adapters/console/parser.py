"""Reads one console line: a built-in, a catalogue command with name:value options, or a message."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.commands import Catalogue, Command
from bot.options import OptionKind

BUILTINS = ("as", "advance", "in", "click", "dms", "now", "quit")


class ParseError(ValueError):
    """The line can't be read; the message says what to type instead."""


@dataclass(frozen=True)
class Builtin:
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommandLine:
    command: Command
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlainMessage:
    text: str


Parsed = Builtin | CommandLine | PlainMessage


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line, posix=True)
    except ValueError as exc:  # "No closing quotation", "No escaped character"
        raise ParseError(f"I couldn't read that line: {str(exc).lower()}.") from exc


def parse_line(
    line: str, catalogue: Catalogue, member: Callable[[str], str] | None = None
) -> Parsed | None:
    """None for a blank line. Raises ParseError for what can't be a command. `member` turns a
    typed member into an id (the console's names by default; Slack passes its own)."""
    to_member = member or member_id
    text = line.strip()
    if not text:
        return None
    if not text.startswith("/"):
        return PlainMessage(text)
    words = _split(text[1:])
    if not words:
        raise ParseError("A lone / is not a command. Type /help to see the commands.")
    head = words[0].lower()
    if head in BUILTINS:
        return Builtin(head, tuple(words[1:]))
    lowered = [w.lower() for w in words]
    command, used = catalogue.resolve(lowered)
    if command is None:
        if catalogue.is_group((head,)):
            subs = ", ".join(catalogue.children((head,)))
            raise ParseError(f"/{head} needs a subcommand: {subs}.")
        raise ParseError(f"I don't know /{words[0]}. Type /help to see the commands.")
    options: dict[str, str] = {}
    for word in words[used:]:
        name, sep, value = word.partition(":")
        if sep and command.option(name.lower()) is not None:
            name = name.lower()
        elif sep and name.isidentifier():
            known = ", ".join(o.name for o in command.options) or "no options"
            raise ParseError(f"/{command.name} has no option {name!r}; it takes: {known}.")
        else:
            # A bare value fills the next option not yet given, as a convenience.
            free = [o for o in command.options if o.name not in options]
            if not free:
                raise ParseError(f"I don't know what {word!r} is for in /{command.name}.")
            name, value = free[0].name, word
        if name in options:
            raise ParseError(f"{name} is given twice in /{command.name}.")
        options[name] = value
    for option in command.options:
        if option.kind is OptionKind.MEMBER and option.name in options:
            options[option.name] = to_member(options[option.name])
    return CommandLine(command, options)


def member_id(name: str) -> str:
    """Console members are known by name; their id is the lowercased name without '@'."""
    return name.strip().removeprefix("@").lower()
