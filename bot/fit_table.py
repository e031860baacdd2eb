"""The fit of many seekers against many providers at once, as numpy arrays.

`bot.matching.score` stays the one definition of fit and the source of every explanation; this
module computes the same totals for whole rows (one seeker against every provider) so a round can
pick each seeker's best candidates without calling `score` millions of times. Each profile is
encoded once: topics and languages as 0/1 columns, roles, industries and phases as small integer
codes, and time zones as codes into a table of shared waking hours for the round's date (the only
part that depends on the date, so daylight saving time is exact). A property test holds the two
definitions equal.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np

from bot.matching import PHASE_ORDER, Person, Weights, overlap_hours

PARTS = ("topics", "role", "industry", "overlap", "language", "phase")


class _Codes:
    """Small integer codes for strings, shared by both sides; -1 stands for none."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def of(self, value: str | None) -> int:
        if value is None:
            return -1
        return self.index.setdefault(value, len(self.index))


def _indicator(sets: Sequence[Iterable[str]], codes: _Codes) -> np.ndarray:
    """One 0/1 row per set, a column per code (every code is known before this is called)."""
    matrix = np.zeros((len(sets), len(codes.index)), dtype=np.uint8)
    for row, items in enumerate(sets):
        matrix[row, [codes.index[item] for item in items]] = 1
    return matrix


@dataclass(frozen=True)
class _Side:
    ids: np.ndarray  # object array of member ids
    topics: np.ndarray  # 0/1, a column per topic
    topic_count: np.ndarray
    languages: np.ndarray  # 0/1, a column per language
    zone: np.ndarray
    phase: np.ndarray
    role: np.ndarray
    industry: np.ndarray
    target_role: np.ndarray
    target_industry: np.ndarray


class FitTable:
    """Seekers by providers for one date and one set of weights; rows come in chunks."""

    def __init__(
        self,
        seekers: Sequence[Person],
        providers: Sequence[Person],
        on: date,
        weights: Weights,
    ) -> None:
        self.weights = weights
        topics, languages, zones, words = _Codes(), _Codes(), _Codes(), _Codes()
        # Codes first, so both sides' topic and language columns are the same.
        for person in (*seekers, *providers):
            for item in person.topics:
                topics.of(item)
            for item in person.languages:
                languages.of(item)
        self.seekers = self._encode(seekers, topics, languages, zones, words)
        self.providers = self._encode(providers, topics, languages, zones, words)
        self.provider_at = {member_id: i for i, member_id in enumerate(self.providers.ids)}
        self._columns_of: dict[str, list[int]] = {}
        for column, member_id in enumerate(self.providers.ids):
            self._columns_of.setdefault(member_id, []).append(column)
        # Shared waking hours per pair of zones on this date; -1 where a zone is unknown.
        names = list(zones.index)
        hours = np.full((len(names) + 1, len(names) + 1), -1.0)
        for a, zone_a in enumerate(names):
            for b, zone_b in enumerate(names):
                hours[a, b] = overlap_hours(zone_a, zone_b, on)
        self.hours = hours  # the extra last row and column stand for "no zone" (code -1)
        self.overlap_points = np.zeros(hours.shape, dtype=np.int32)
        shared = hours > 0
        self.overlap_points[shared] = [
            round(weights.overlap * min(1.0, h / weights.full_overlap_hours)) for h in hours[shared]
        ]
        self._prepare()

    @staticmethod
    def _encode(
        people: Sequence[Person], topics: _Codes, languages: _Codes, zones: _Codes, words: _Codes
    ) -> _Side:
        def codes(values: Iterable[str | None]) -> np.ndarray:
            return np.fromiter((words.of(v) for v in values), dtype=np.int32, count=len(people))

        return _Side(
            ids=np.array([p.id for p in people], dtype=object),
            topics=_indicator([p.topics for p in people], topics),
            topic_count=np.fromiter((len(p.topics) for p in people), np.int32, len(people)),
            languages=_indicator([p.languages for p in people], languages),
            zone=np.fromiter((zones.of(p.timezone) for p in people), np.int32, len(people)),
            phase=np.fromiter(
                (PHASE_ORDER.get(p.phase or "", -1) for p in people), np.int32, len(people)
            ),
            role=codes(p.role for p in people),
            industry=codes(p.industry for p in people),
            target_role=codes(p.target_role for p in people),
            target_industry=codes(p.target_industry for p in people),
        )

    def _prepare(self) -> None:
        """Per-provider rows for every value a seeker can bring (a target role, a zone, a
        phase, a set of languages), so a seeker's fit is a few row look-ups and additions; and
        topics as 0/1 matrices, so the topics two people share are one matrix product."""
        s, p, w = self.seekers, self.providers, self.weights

        def rows_for(values: np.ndarray, match) -> tuple[np.ndarray, np.ndarray]:
            distinct, index = np.unique(values, axis=0, return_inverse=True)
            rows = [match(v) for v in distinct] or [np.zeros(len(p.ids), dtype=bool)]
            return np.stack(rows), index.reshape(-1)

        # Role, industry and phase are equal or ordered codes; -1 (none) never matches.
        self._role, self._role_of = rows_for(s.target_role, lambda v: (v >= 0) & (p.role == v))
        self._industry, self._industry_of = rows_for(
            s.target_industry, lambda v: (v >= 0) & (p.industry == v)
        )
        self._phase, self._phase_of = rows_for(s.phase, lambda v: (v >= 0) & (p.phase > v))
        self._overlap, self._zone_of = rows_for(s.zone, lambda v: self.hours[v, p.zone] > 0)
        overlap_points = np.stack(
            [self.overlap_points[v, p.zone] for v in np.unique(s.zone)]
            or [np.zeros(len(p.ids), dtype=np.int32)]
        )
        self._language, self._language_of = rows_for(
            s.languages, lambda spoken: p.languages[:, spoken.astype(bool)].any(axis=1)
        )
        # Points by part, as int16 rows to add.
        self._points = {
            "role": self._role.astype(np.int16) * np.int16(w.role),
            "industry": self._industry.astype(np.int16) * np.int16(w.industry),
            "overlap": overlap_points.astype(np.int16),
            "language": self._language.astype(np.int16) * np.int16(w.language),
            "phase": self._phase.astype(np.int16) * np.int16(w.phase),
        }
        self._index = {
            "role": self._role_of,
            "industry": self._industry_of,
            "overlap": self._zone_of,
            "language": self._language_of,
            "phase": self._phase_of,
        }
        # Topics as 0/1 matrices: float32 holds these small counts exactly.
        self._wants = s.topics.astype(np.float32)
        self._knows = p.topics.astype(np.float32).T.copy()

    def rows(
        self, start: int, stop: int, parts: Iterable[str] = PARTS
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The totals of seekers `start:stop` against every provider, and, for the parts
        named, whether each is present (what a market's `must_share` asks of a pair)."""
        s, w = self.seekers, self.weights
        here = slice(start, stop)
        shared = self._wants[here] @ self._knows
        wanted = s.topic_count[here].astype(np.float32)[:, None]
        # The same arithmetic as score(): (points x shared) / wanted, rounded half to even.
        # Division, not a multiplied reciprocal, keeps exact halves exact in float32.
        topic = np.rint(np.float32(w.topics) * shared / np.maximum(wanted, 1))
        total = topic.astype(np.int16)
        for name, rows in self._points.items():
            total += rows[self._index[name][here]]
        if w.need_topic:  # wanting topics and sharing none is no pair at all
            total *= (shared > 0) | (wanted == 0)
        present = {
            "topics": lambda: (wanted > 0) & (shared > 0),
            "role": lambda: self._role[self._role_of[here]],
            "industry": lambda: self._industry[self._industry_of[here]],
            "overlap": lambda: self._overlap[self._zone_of[here]],
            "language": lambda: self._language[self._language_of[here]],
            "phase": lambda: self._phase[self._phase_of[here]],
        }
        asked = {name: present[name]() for name in parts}
        for row, member_id in enumerate(s.ids[here]):  # nobody is paired with themselves
            for column in self._columns_of.get(member_id, ()):
                total[row, column] = 0
                for mask in asked.values():
                    mask[row, column] = False
        return total, asked


def top_candidates(
    table: FitTable,
    minimum: int,
    must_share: frozenset[str] = frozenset(),
    blocked: Sequence[Iterable[int]] = (),
    per_seeker: int = 20,
    chunk: int = 256,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each seeker's best `per_seeker` providers with a fit of at least `minimum` and at least
    one part named in `must_share` (when given), leaving out `blocked[row]` (provider indexes):
    the three parallel arrays `bot.matching.assign` takes. Chunks of rows run on every core:
    numpy lets go of the interpreter lock for the heavy work."""
    n_seekers, n_providers = len(table.seekers.ids), len(table.providers.ids)
    keep = min(per_seeker, n_providers)
    empty = np.zeros(0, dtype=np.int64)
    if keep == 0 or n_seekers == 0:
        return empty, empty, empty

    def best_of(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        stop = min(n_seekers, start + chunk)
        total, present = table.rows(start, stop, must_share)
        if must_share:
            allowed = np.zeros(total.shape, dtype=bool)
            for part in must_share:
                allowed |= present[part]
            total[~allowed] = 0
        for row in range(start, min(stop, len(blocked))):
            out = list(blocked[row])
            if out:
                total[row - start, out] = 0
        best = np.argpartition(-total, keep - 1, axis=1)[:, :keep]
        best_points = np.take_along_axis(total, best, axis=1)
        good = best_points >= max(1, minimum)
        seeker_rows = np.broadcast_to(np.arange(start, stop)[:, None], best.shape)
        return seeker_rows[good], best[good], best_points[good]

    starts = range(0, n_seekers, chunk)
    if len(starts) == 1:  # a small community: no threads to start
        parts = [best_of(0)]
    else:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            parts = list(pool.map(best_of, starts))
    return (
        np.concatenate([rows for rows, _, _ in parts]).astype(np.int64),
        np.concatenate([cols for _, cols, _ in parts]).astype(np.int64),
        np.concatenate([points for _, _, points in parts]).astype(np.int64),
    )


__all__ = ["PARTS", "FitTable", "top_candidates"]
