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
from itertools import combinations

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


def group_fit(people: Sequence[Person], group: Sequence[int], on: date) -> int:
    """A group's fit: that of every pair in it (a three has three)."""
    return sum(peer_score(people[i], people[j], on).total for i, j in combinations(group, 2))


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


# Memory the table may spend keeping each kind of member's row whole (int16 entries, 64 MB).
KIND_ROWS_BUDGET = 32_000_000


class PeerTable:
    """Every peer's fit with every other, a block of rows at a time (int16; -1 on the diagonal,
    so nobody is their own candidate even when every fit is zero).

    A fit has two halves. Topic points depend on how many topics the two share and how many each
    named: one matrix product gives, for every pair, the place of its points in a small table.
    The rest (waking hours, language, stage) depends only on each member's kind (time zone,
    stage, languages), and a community has few kinds: each kind's row against everyone is made
    once and added whole."""

    def __init__(
        self,
        people: Sequence[Person],
        on: date,
        weights: PeerWeights = BUDDIES,
        kind_rows_budget: int = KIND_ROWS_BUDGET,
    ) -> None:
        self.people = list(people)
        n = len(self.people)
        topics = _indicator([p.topics for p in people])
        counts = topics.sum(axis=1)
        stride = int(counts.max(initial=0)) + 1
        # place = (own count x stride + shared) x stride + their count, from one product: each
        # row carries its topics times stride, a 1 and its count x stride²; each column its
        # topics, its count and a 1. float32 holds these small whole numbers exactly.
        ones = np.ones((n, 1), dtype=np.float32)
        self._left = np.hstack([topics * stride, ones, (counts * stride * stride)[:, None]])
        self._right = np.ascontiguousarray(np.hstack([topics, counts[:, None], ones]).T)
        # Looked up, not divided: peer_score's own round() made every entry, so the two agree.
        self._topic_points = np.array(
            [
                round(weights.topics * shared / min(own, their))
                if 0 < shared <= min(own, their)
                else 0
                for own in range(stride)
                for shared in range(stride)
                for their in range(stride)
            ],
            dtype=np.int16,
        )
        zone, zones = _codes([p.timezone for p in people])
        phase = np.array([PHASE_ORDER.get(p.phase or "", -1) for p in people], dtype=np.int16)
        speaks = _indicator([p.languages for p in people])
        self._kind, first = _kinds(zone, phase, speaks)
        overlap = np.array(
            [[_overlap_points(shared_hours(x, y, on), weights) for y in zones] for x in zones],
            dtype=np.int16,
        ).reshape(len(zones), len(zones))
        phase_points = np.array(
            [
                [_phase_points(x, y, weights) for y in range(-1, len(PHASE_ORDER))]
                for x in range(-1, len(PHASE_ORDER))
            ],
            dtype=np.int16,
        )

        def kind_rows(kinds: np.ndarray) -> np.ndarray:
            """Each kind's points but topics against everyone (a kind is shown by its first)."""
            one = first[kinds]
            rows = np.ascontiguousarray(overlap[zone[one]][:, zone])  # rows are taken whole
            rows += phase_points[phase[one] + 1][:, phase + 1]
            if speaks.shape[1]:
                common = (speaks[one] @ speaks.T) > 0
                rows += common.astype(np.int16) * np.int16(weights.language)
            return rows

        self._kind_rows = kind_rows
        kinds = len(first)
        self._rows = kind_rows(np.arange(kinds)) if kinds * n <= kind_rows_budget else None

    def __len__(self) -> int:
        return len(self.people)

    def rows(self, start: int, stop: int) -> np.ndarray:
        return self.rows_of(np.arange(start, stop))

    def rows_of(self, members: np.ndarray) -> np.ndarray:
        """The fit of each of `members` (indexes) with everyone."""
        place = (self._left[members] @ self._right).astype(np.intp)
        total = self._topic_points[place]
        kinds = self._kind[members]
        if self._rows is not None:
            total += self._rows[kinds]
        else:  # too many kinds to keep every row: this block's kinds only
            present, at = np.unique(kinds, return_inverse=True)
            total += self._kind_rows(present)[at]
        total[np.arange(len(members)), members] = -1
        return total


def _kinds(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each member's kind (equal in every column), and the first member of each kind."""
    together = np.column_stack(columns).astype(np.int32)
    if len(together) == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    _, first, kind = np.unique(together, axis=0, return_index=True, return_inverse=True)
    return kind.reshape(-1), first
