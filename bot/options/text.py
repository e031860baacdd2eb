"""Options read from text: free text, lists, languages, numbers, yes/no, choices and topics."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import ClassVar

from bot.options.base import (
    MAX_RAW_LENGTH,
    Option,
    OptionKind,
    clean_text,
    close_matches,
    one_of,
    quoted,
)
from bot.taxonomy import LANGUAGES, Vocabulary, canonical_language, fold


@dataclass(frozen=True)
class Text(Option):
    max_length: int = 200
    min_length: int = 0
    multiline: bool = False
    kind: ClassVar[OptionKind] = OptionKind.TEXT

    def check_declaration(self) -> None:
        super().check_declaration()
        if not 0 <= self.min_length <= self.max_length <= MAX_RAW_LENGTH:
            raise ValueError(f"option {self.name!r}: bad length bounds")

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw, keep_newlines=self.multiline)
        if len(text) > self.max_length:
            raise self.error(
                f"that is {len(text)} characters; please keep it to {self.max_length} or fewer"
            )
        if len(text) < max(self.min_length, 1 if self.required else 0):
            if not text:
                raise self.error("this can't be empty")
            raise self.error(
                f"that is only {len(text)} characters; say a little more "
                f"({self.min_length} at least)"
            )
        return text

    @property
    def accepts(self) -> str:
        if self.min_length:
            return f"text, {self.min_length}-{self.max_length} characters"
        return f"text, up to {self.max_length} characters"


@dataclass(frozen=True)
class TextList(Text):
    """Several short items separated by commas, e.g. languages; shown to platforms as text."""

    max_items: int = 5
    item_max_length: int = 40

    # A list is read as one text first, then split: the override returns the items.
    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:  # type: ignore[override]
        items = raw if isinstance(raw, list | tuple) else super().parse(raw, vocabulary).split(",")
        result: list[str] = []
        for item in (clean_text(i) for i in items):
            if not item:
                continue
            if len(item) > self.item_max_length:
                raise self.error(f"{quoted(item)} is longer than {self.item_max_length} characters")
            if fold(item) not in {fold(r) for r in result}:
                result.append(item)
        if len(result) > self.max_items:
            raise self.error(f"that is {len(result)} items; {self.max_items} at most")
        if self.required and not result:
            raise self.error("name at least one, separated by commas")
        return tuple(result)

    @property
    def accepts(self) -> str:
        return f"up to {self.max_items} items, separated by commas"


@dataclass(frozen=True)
class Languages(TextList):
    """Languages by name or short form (`en`, `es`, `hi`): stored by name, so they match."""

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:  # type: ignore[override]
        chosen: list[str] = []
        for typed in super().parse(raw, vocabulary):
            language = canonical_language(typed)
            if language is None:
                close = difflib.get_close_matches(typed.title(), list(LANGUAGES), n=2)
                hint = f"did you mean {' or '.join(close)}?" if close else "try its English name"
                raise self.error(f"{quoted(typed)} is not a language I know; {hint}")
            if language not in chosen:
                chosen.append(language)
        return tuple(chosen)

    @property
    def accepts(self) -> str:
        return f"up to {self.max_items} languages by name or short form (en, es, hi), with commas"


@dataclass(frozen=True)
class Integer(Option):
    min_value: int = 0
    max_value: int = 1_000_000
    kind: ClassVar[OptionKind] = OptionKind.INTEGER

    def check_declaration(self) -> None:
        super().check_declaration()
        if self.min_value > self.max_value:
            raise ValueError(f"option {self.name!r}: min_value > max_value")

    def parse(self, raw: object, vocabulary: Vocabulary) -> int:
        if isinstance(raw, bool):
            raise self.error("expected a whole number")
        if isinstance(raw, int):
            value = raw
        else:
            text = clean_text(raw).replace("_", "")
            if not re.fullmatch(r"[+-]?\d{1,12}", text):
                raise self.error(f"{quoted(text)} is not a whole number")
            value = int(text)
        if not self.min_value <= value <= self.max_value:
            raise self.error(f"{value} is out of range; pick {self.min_value}-{self.max_value}")
        return value

    @property
    def accepts(self) -> str:
        return f"a whole number {self.min_value}-{self.max_value}"


_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}


@dataclass(frozen=True)
class Boolean(Option):
    kind: ClassVar[OptionKind] = OptionKind.BOOLEAN

    def parse(self, raw: object, vocabulary: Vocabulary) -> bool:
        if isinstance(raw, bool):
            return raw
        text = clean_text(raw).casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise self.error(f"{quoted(text)} is not yes or no; try yes, no, on or off")

    @property
    def accepts(self) -> str:
        return "yes or no"


@dataclass(frozen=True)
class Choice(Option):
    """One value from a fixed list, or from a community list named by `choices_from`."""

    choices: tuple[str, ...] = ()
    choices_from: str | None = None  # "roles" | "industries"
    kind: ClassVar[OptionKind] = OptionKind.CHOICE

    def check_declaration(self) -> None:
        super().check_declaration()
        if bool(self.choices) == bool(self.choices_from):
            raise ValueError(f"option {self.name!r}: give choices or choices_from, not both")
        if len(self.choices) > 25:
            raise ValueError(f"option {self.name!r}: at most 25 fixed choices (Discord's limit)")

    def options_in(self, vocabulary: Vocabulary) -> tuple[str, ...]:
        return self.choices or vocabulary.choices(self.choices_from or "")

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw)
        candidates = self.options_in(vocabulary)
        for candidate in candidates:
            if fold(candidate) == fold(text) and fold(text):
                return candidate
        close = close_matches(text, candidates)
        hint = f"did you mean {' or '.join(close)}?" if close else f"choose {one_of(candidates)}"
        raise self.error(f"{quoted(text)} is not an option here; {hint}")

    @property
    def accepts(self) -> str:
        if self.choices:
            return " | ".join(self.choices)
        return f"one of the community's {self.choices_from}"


@dataclass(frozen=True)
class Topics(Option):
    """Several topics from the community's taxonomy, separated by commas."""

    max_items: int = 12
    kind: ClassVar[OptionKind] = OptionKind.TOPICS

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[str, ...]:
        items = raw if isinstance(raw, list | tuple) else clean_text(raw).split(",")
        lookup = vocabulary.topic_lookup
        chosen: list[str] = []
        for item in (clean_text(i) for i in items):
            if not item:
                continue
            topic = lookup.get(fold(item))
            if topic is None:
                close = close_matches(item, vocabulary.topics)
                hint = f"did you mean {' or '.join(close)}?" if close else "/topics lists them all"
                raise self.error(f"{quoted(item)} is not a topic here; {hint}")
            if topic not in chosen:
                chosen.append(topic)
        if len(chosen) > self.max_items:
            raise self.error(f"that is {len(chosen)} topics; pick your {self.max_items} main ones")
        if self.required and not chosen:
            raise self.error("name at least one topic, separated by commas")
        return tuple(chosen)

    @property
    def accepts(self) -> str:
        return "topics, separated by commas"
