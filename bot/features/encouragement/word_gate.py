"""Patterns tried only where they can match: each only on a message holding one of its own
words, which keeps reading every channel message cheap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Most messages hold none of the words a crisis pattern needs, so each pattern is tried only
# when the message has one of its own words (taken from the pattern itself, so a new pattern
# brings its own). Words so common that nearly every message has them don't count; a property
# test checks that every pattern still needs at least one of the words it keeps.
COMMON_WORDS = frozenset(
    (
        "the",
        "and",
        "you",
        "not",
        "for",
        "all",
        "any",
        "just",
        "that",
        "this",
        "with",
        "was",
        "were",
        "are",
        "have",
        "has",
        "had",
        "but",
        "can",
        "don",
        "doesn",
        "won",
        "would",
        "could",
        "should",
        "been",
        "being",
        "going",
        "feel",
        "like",
        "think",
        "keep",
        "get",
        "got",
        "one",
        "out",
        "too",
        "did",
        "didn",
        "isn",
        "who",
        "what",
        "how",
        "why",
        "when",
        "where",
        "then",
        "than",
        "them",
        "their",
        "they",
        "she",
        "her",
        "him",
        "his",
        "its",
        "now",
        "soon",
        "still",
        "even",
        "very",
        "really",
        "also",
    )
)
_WORD = re.compile(r"[a-z']+")


def pattern_words(pattern: str) -> frozenset[str]:
    """The pattern's own words. Those in a lookaround never make a match (a guard's list of
    look-alikes, "overdosed on coffee|tea|…", would only get the pattern tried more often)."""
    literal = re.sub(r"\(\?P<\w+>", "(", without_lookarounds(pattern))  # a group's name
    literal = re.sub(r"\\[a-zA-Z]", " ", literal)  # \b, \s, \w are not letters of a word
    literal = re.sub(r"[a-z']\?", "", literal).replace("'", "")  # hurts? -> hurt, can'?t -> cant
    words = set(re.findall(r"[a-z]{3,}", literal))
    return frozenset(w for w in words if w not in COMMON_WORDS)


def without_lookarounds(pattern: str) -> str:
    """The pattern with its (?=…)/(?!…) parts removed: it matches at least as much."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith(("(?=", "(?!"), i):
            depth = 0
            while True:
                char = pattern[i]
                if char == "\\":
                    i += 2
                    continue
                depth += char == "("
                depth -= char == ")"
                i += 1
                if depth == 0:
                    break
            continue
        out.append(pattern[i])
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i + 1])
            i += 1
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class _WordRule:
    regex: re.Pattern[str]
    words: frozenset[str]


class WordGatedPatterns:
    """Patterns each tried only when the text has one of the pattern's own words."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.rules = tuple(_WordRule(re.compile(p), pattern_words(p)) for p in patterns)
        self._always = frozenset(i for i, rule in enumerate(self.rules) if not rule.words)
        by_word: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.words:
                by_word.setdefault(word, set()).add(i)
        # One scan finds, at each word start, the longest pattern word the text's word begins
        # with; that word also stands for every shorter pattern word it begins with ("ending"
        # brings the rules of "end"). The words are compiled as a trie, which re walks in one
        # step per letter where a flat alternation of hundreds of words would try each.
        self._rules_of = {
            word: frozenset().union(
                *(by_word.get(word[:end], ()) for end in range(3, len(word) + 1))
            )
            for word in by_word
        }
        self._finder = re.compile(rf"(?<![a-z]){_trie_pattern(by_word)}")

    def candidates(self, plain: str) -> tuple[re.Pattern[str], ...]:
        """The patterns worth trying on this text (and on any part of it): the same choice as
        looking up every word_starts(plain) in the patterns' words, in two scans."""
        chosen = set(self._always)
        for text in (plain, plain.replace("'", "")):  # "can't" is also looked up as "cant"
            for word in self._finder.findall(text):
                chosen.update(self._rules_of[word])
        return tuple(self.rules[i].regex for i in sorted(chosen))

    def search(self, plain: str) -> re.Match[str] | None:
        """The earliest match of any pattern, by where its words start: a pattern that looks
        over the whole message first marks them (?P<words>…)."""
        matches = (regex.search(plain) for regex in self.candidates(plain))
        return min((m for m in matches if m), key=words_start, default=None)


def words_start(match: re.Match[str]) -> int:
    return match.start("words") if "words" in match.re.groupindex else match.start()


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly these words, longest first: {"end", "ending"} -> end(?:ing)?"""
    trie: dict = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [
            re.escape(letter) + pattern(child) for letter, child in sorted(node.items()) if letter
        ]
        body = (
            branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})" if branches else ""
        )
        return f"(?:{body})?" if "" in node and body else body

    return f"(?:{pattern(trie)})"


def word_starts(plain: str) -> set[str]:
    """Every start of every word, three letters and longer: what pattern words are looked up in
    (the definition the quicker scan in WordGatedPatterns.candidates must agree with)."""
    words = set()
    for word in _WORD.findall(plain):
        words.add(word.replace("'", ""))  # "can't" is looked up as "cant" ...
        words.update(word.split("'"))  # ... and as "can", since \b stops at an apostrophe
    return {word[:end] for word in words for end in range(3, len(word) + 1)}
