"""Reads one console line: a built-in, a catalogue command with name:value options, or a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from adapters.text_commands import CommandLine, ParseError, parse_command, split_words
from bot.commands import Catalogue

BUILTINS = ("as", "advance", "in", "click", "dms", "now", "quit")


@dataclass(frozen=True)
class Builtin:
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlainMessage:
    text: str


Parsed = Builtin | CommandLine | PlainMessage


def parse_line(
    line: str, catalogue: Catalogue, member: Callable[[str], str] | None = None
) -> Parsed | None:
    """None for a blank line. Raises ParseError for what can't be a command. `member` turns a
    typed member into an id (the console's names by default)."""
    text = line.strip()
    if not text:
        return None
    if not text.startswith("/"):
        return PlainMessage(text)
    words = split_words(text[1:])
    if words and words[0].lower() in BUILTINS:
        return Builtin(words[0].lower(), tuple(words[1:]))
    return parse_command(words, catalogue, member or member_id)


def member_id(name: str) -> str:
    """Console members are known by name; their id is the lowercased name without '@'."""
    return name.strip().removeprefix("@").lower()


__all__ = ["Builtin", "CommandLine", "ParseError", "PlainMessage", "member_id", "parse_line"]
