"""What every option is: a name, a description, a kind, and how a typed value is read."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from bot.taxonomy import Vocabulary, fold

NAME_PATTERN = re.compile(r"^[a-z0-9_-]{1,32}$")
MAX_DESCRIPTION = 100
MAX_RAW_LENGTH = 4000  # longer than any option accepts; refuse early instead of parsing megabytes


class OptionKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TOPICS = "topics"
    MEMBER = "member"
    TIMEZONE = "timezone"
    WEEKDAY = "weekday"
    TIME_OF_DAY = "time of day"
    DURATION = "duration"
    CHANNEL = "channel"


class OptionError(ValueError):
    """A value an option does not accept; the message is written for the member who typed it."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        self.message = message


def quoted(raw: object, limit: int = 40) -> str:
    text = str(raw)
    return f'"{text[: limit - 1]}…"' if len(text) > limit else f'"{text}"'


def clean_text(raw: object, *, keep_newlines: bool = False) -> str:
    """Drop control and format characters a platform may smuggle in; trim the ends."""
    text = str(raw)
    allowed = "\n" if keep_newlines else ""
    text = "".join(
        ch
        for ch in text
        if ch in allowed or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    return text.strip()


@dataclass(frozen=True)
class Option:
    """One declared option. Subclasses say what they accept and convert raw input to a value."""

    name: str
    description: str
    required: bool = False
    kind: ClassVar[OptionKind]

    def check_declaration(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"option name {self.name!r} must be 1-32 of a-z, 0-9, - or _")
        if not 0 < len(self.description) <= MAX_DESCRIPTION:
            raise ValueError(f"option {self.name!r}: description must be 1-{MAX_DESCRIPTION} chars")

    def convert(self, raw: object, vocabulary: Vocabulary) -> Any:
        """Return the typed value, or raise OptionError naming this option and what it accepts."""
        if isinstance(raw, str) and len(raw) > MAX_RAW_LENGTH:
            raise self.error(f"that is {len(raw)} characters, far more than it accepts")
        return self.parse(raw, vocabulary)

    def parse(self, raw: object, vocabulary: Vocabulary) -> Any:
        raise NotImplementedError

    def error(self, message: str) -> OptionError:
        return OptionError(self.name, message)

    @property
    def accepts(self) -> str:
        """A short phrase for help text: what kind of value goes here."""
        return self.kind.value


def close_matches(text: str, candidates: tuple[str, ...], n: int = 3) -> list[str]:
    """What someone may have meant by `text`: the nearest candidates, as they are spelled."""
    by_fold = {fold(c): c for c in candidates}
    close = difflib.get_close_matches(fold(text), list(by_fold), n=n, cutoff=0.6)
    starts = [c for f, c in by_fold.items() if fold(text) and f.startswith(fold(text))]
    return list(dict.fromkeys([*(by_fold[c] for c in close), *starts]))[:n]


def one_of(candidates: tuple[str, ...], limit: int = 12) -> str:
    """The candidates, listed for an error message (the first few when there are many)."""
    if len(candidates) <= limit:
        return "one of " + ", ".join(candidates)
    return "one of " + ", ".join(candidates[:limit]) + f" (and {len(candidates) - limit} more)"
