"""Typed commands, read the same way wherever people type them: the console's lines and the text
after a Slack slash command. A command's path, then name:value options or bare values in order;
members are turned into ids by the platform's own resolver, passed in."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.commands import Catalogue, Command
from bot.options import OptionKind


class ParseError(ValueError):
    """The text can't be read as a command; the message says what to type instead."""


@dataclass(frozen=True)
class CommandLine:
    command: Command
    options: dict[str, str] = field(default_factory=dict)


def split_words(text: str) -> list[str]:
    """Words as a shell splits them, so a quoted value keeps its spaces."""
    try:
        return shlex.split(text, posix=True)
    except ValueError as exc:  # "No closing quotation", "No escaped character"
        raise ParseError(f"I couldn't read that line: {str(exc).lower()}.") from exc


def parse_command(
    words: list[str], catalogue: Catalogue, member: Callable[[str], str]
) -> CommandLine:
    """The command `words` name and its options. Raises ParseError for what can't be one."""
    if not words:
        raise ParseError("A lone / is not a command. Type /help to see the commands.")
    head = words[0].lower()
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
            options[option.name] = member(options[option.name])
    return CommandLine(command, options)
