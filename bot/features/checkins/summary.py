"""Numbers for a week (or a range) of check-ins, and the participation chart."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bot.features.checkins.model import CheckIn, week_label
from bot.taxonomy import Vocabulary


@lru_cache(maxsize=32)
def _topic_patterns(
    vocabulary: Vocabulary,
) -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    """(topic, the lowercase name that must be in a text for its pattern to match, or None
    when case folding could differ from lower(), pattern)."""
    names = [(t, t) for t in vocabulary.topics] + [
        (topic, alias) for alias, topic in vocabulary.aliases if topic in vocabulary.topics
    ]
    return tuple(
        (
            topic,
            name.lower() if name.isascii() else None,
            re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE),
        )
        for topic, name in names
    )


def topics_in(text: str, vocabulary: Vocabulary) -> set[str]:
    """Topics a check-in mentions, by name or common short form. A name that isn't in the text
    at all is passed over before its pattern runs: a dashboard reads thousands of check-ins."""
    lowered = text.lower()
    return {
        topic
        for topic, needle, pattern in _topic_patterns(vocabulary)
        if (needle is None or needle in lowered) and pattern.search(text)
    }


@dataclass(frozen=True)
class WeekNumbers:
    checked_in: int
    minutes: int
    goals_kept: int
    top_topics: tuple[str, ...]


def numbers(entries: Sequence[CheckIn], vocabulary: Vocabulary, top: int = 3) -> WeekNumbers:
    mentioned: Counter[str] = Counter()
    for entry in entries:
        mentioned.update(topics_in(entry.learned, vocabulary))
    return WeekNumbers(
        checked_in=len({e.member_id for e in entries}),
        minutes=sum(e.minutes or 0 for e in entries),
        goals_kept=sum(1 for e in entries if e.kept_goal),
        top_topics=tuple(sorted(mentioned, key=lambda t: (-mentioned[t], t))[:top]),
    )


def recent_weeks(last: date, count: int) -> list[date]:
    return [last - timedelta(weeks=i) for i in range(count - 1, -1, -1)]


def participation_chart(counts: dict[date, int], title: str) -> bytes:
    """A bar chart as PNG bytes. Slow-ish (matplotlib): call it off the event loop."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    weeks = sorted(counts)
    figure = Figure(figsize=(6.4, 2.8), dpi=100)
    axes = figure.subplots()
    axes.bar([f"W{w.isocalendar()[1]}" for w in weeks], [counts[w] for w in weeks], color="#4c8bf5")
    axes.set_title(title)
    axes.set_ylabel("members")
    axes.spines[["top", "right"]].set_visible(False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole members, never 0.5
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def chart_title(weeks: Sequence[date]) -> str:
    return f"Check-ins, {week_label(weeks[0])} to {week_label(weeks[-1])}"
