"""How well two peers fit as study buddies: the same on both sides, with a reason for each point.

Mentoring's fit asks what one side can give the other; buddies are equals, so every part is
symmetric: topics both are learning (counted against the shorter list, so a member who names one
topic isn't outweighed by one who names ten), waking hours that overlap, a shared language, and
stages of the career close to each other. `peer_score` is the one definition and the source of
every introduction's reasons; `PeerTable` computes the same totals for whole rows with numpy, so a
large community's round scores everyone against everyone without calling it millions of times.
A property test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from bot.matching import PHASE_ORDER, Part, Person, Score, listing, overlap_hours


@dataclass(frozen=True)
class PeerWeights:
    topics: int = 45
    overlap: int = 25
    language: int = 15
    same_phase: int = 15
    next_phase: int = 7  # one stage apart: close enough to learn together
    full_overlap_hours: float = 6.0


BUDDIES = PeerWeights()


def _phase_points(a: int, b: int, weights: PeerWeights) -> int:
    if a < 0 or b < 0:
        return 0
    gap = abs(a - b)
    return weights.same_phase if gap == 0 else weights.next_phase if gap == 1 else 0


def _overlap_points(hours: float | None, weights: PeerWeights) -> int:
    if hours is None or hours <= 0:
        return 0
    return round(weights.overlap * min(1.0, hours / weights.full_overlap_hours))


def shared_hours(a: str | None, b: str | None, on: date) -> float | None:
    """Waking hours both share on `on`, the same either way round. `overlap_hours` measures from
    the first zone's day, which differs by an hour on a day a clock changes in only one zone."""
    there, back = overlap_hours(a, b, on), overlap_hours(b, a, on)
    return None if there is None or back is None else max(there, back)


def peer_score(a: Person, b: Person, on: date, weights: PeerWeights = BUDDIES) -> Score:
    """How well `a` and `b` fit as buddies; `peer_score(a, b) == peer_score(b, a)`."""
    if a.id == b.id:
        return Score(0, ())
    parts: list[Part] = []
    shared = sorted(a.topics & b.topics)
    if shared:
        points = round(weights.topics * len(shared) / min(len(a.topics), len(b.topics)))
        parts.append(Part("topics", points, f"you're both learning {listing(shared)}"))
    hours = shared_hours(a.timezone, b.timezone, on)
    points = _overlap_points(hours, weights)
    if points:
        parts.append(Part("overlap", points, f"your waking hours overlap {hours:.0f} h a day"))
    common = sorted(a.languages & b.languages)
    if common:
        parts.append(Part("language", weights.language, f"you both speak {listing(common, 2)}"))
    a_phase, b_phase = PHASE_ORDER.get(a.phase or "", -1), PHASE_ORDER.get(b.phase or "", -1)
    points = _phase_points(a_phase, b_phase, weights)
    if points:
        same = a_phase == b_phase
        reason = f"you're both at the {a.phase} stage" if same else "your stages are close"
        parts.append(Part("phase", points, reason))
    return Score(sum(p.points for p in parts), tuple(parts))


def _codes(values: Sequence[str | None]) -> tuple[np.ndarray, list[str | None]]:
    index: dict[str | None, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.intp, len(values))
    return codes, list(index)


def _indicator(sets: Sequence[frozenset[str]]) -> np.ndarray:
    index: dict[str, int] = {}
    for items in sets:
        for item in items:
            index.setdefault(item, len(index))
    matrix = np.zeros((len(sets), len(index)), dtype=np.float32)
    for row, items in enumerate(sets):
        matrix[row, [index[item] for item in items]] = 1
    return matrix


class PeerTable:
    """Every peer's fit with every other, a block of rows at a time (int16; -1 on the diagonal,
    so nobody is their own candidate even when every fit is zero)."""

    def __init__(self, people: Sequence[Person], on: date, weights: PeerWeights = BUDDIES) -> None:
        self.people = list(people)
        self.weights = weights
        self._topics = _indicator([p.topics for p in people])
        self._counts = self._topics.sum(axis=1).astype(np.int16)
        # Topic points for (shared, shorter list) looked up, not divided: peer_score's own round()
        # made every entry, so the two can't differ, and a lookup is faster than dividing.
        self._stride = int(self._counts.max(initial=0)) + 1
        self._topic_points = np.array(
            [
                round(weights.topics * shared / shorter) if shared and shorter else 0
                for shared in range(self._stride)
                for shorter in range(self._stride)
            ],
            dtype=np.int16,
        )
        self._speaks = _indicator([p.languages for p in people])
        phases = [PHASE_ORDER.get(p.phase or "", -1) for p in people]
        self._phase = np.array(phases, dtype=np.int16)
        self._zone, zones = _codes([p.timezone for p in people])
        # One small table of overlap points per pair of zones: there are few zones, many people.
        self._overlap = np.array(
            [[_overlap_points(shared_hours(x, y, on), weights) for y in zones] for x in zones],
            dtype=np.int16,
        ).reshape(len(zones), len(zones))
        phase_points = [
            [_phase_points(x, y, weights) for y in range(-1, len(PHASE_ORDER))]
            for x in range(-1, len(PHASE_ORDER))
        ]
        # Each zone's and each stage's points against everyone, as rows: taking a few whole rows
        # is several times faster than picking points one pair at a time.
        self._overlap_rows = self._overlap[:, self._zone]
        self._phase_rows = np.array(phase_points, dtype=np.int16)[:, self._phase + 1]

    def __len__(self) -> int:
        return len(self.people)

    def rows(self, start: int, stop: int) -> np.ndarray:
        return self.rows_of(np.arange(start, stop))

    def rows_of(self, members: np.ndarray) -> np.ndarray:
        """The fit of each of `members` (indexes) with everyone."""
        w = self.weights
        shared = self._topics[members] @ self._topics.T  # float32 holds these counts exactly
        index = np.int16 if self._stride**2 <= np.iinfo(np.int16).max else np.int32
        at = shared.astype(index)
        at *= index(self._stride)
        at += np.minimum(self._counts[members][:, None], self._counts[None, :])
        total = self._topic_points[at]
        total += self._overlap_rows[self._zone[members]]
        if self._speaks.shape[1]:
            common = (self._speaks[members] @ self._speaks.T) > 0
            total += common.astype(np.int16) * np.int16(w.language)
        total += self._phase_rows[self._phase[members] + 1]
        total[np.arange(len(members)), members] = -1
        return total
