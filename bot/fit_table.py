"""The fit of many seekers against many providers at once, as numpy arrays.

`bot.matching.score` stays the one definition of fit and the source of every explanation; this
module computes the same totals for whole rows (one seeker against every provider) so a round can
pick each seeker's best candidates without calling `score` millions of times. Providers are
encoded once (`ProviderSide`): topics and languages as 0/1 columns, roles, industries and phases
as small integer codes, time zones by name. A seeker's fit is then a matrix product for the
topics and a few cached rows (one per value a seeker brings: a target role, a zone, a phase, a
set of languages) added together. Waking hours depend on the date, so a side is built for one
date and daylight saving time is exact. A property test holds the two definitions equal.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from bot.matching import PHASE_ORDER, Person, Weights, overlap_hours

PARTS = ("topics", "role", "industry", "overlap", "language", "phase")
_ROW_PARTS = PARTS[1:]  # every part but topics is a cached row per seeker value


class _Codes:
    """Small integer codes for strings."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def of(self, value: str) -> int:
        return self.index.setdefault(value, len(self.index))


def _indicator(sets: Sequence[Iterable[str]], codes: _Codes) -> np.ndarray:
    """One 0/1 row per set, a column per known code; items without a code are left out."""
    matrix = np.zeros((len(sets), len(codes.index)), dtype=np.uint8)
    for row, items in enumerate(sets):
        columns = [codes.index[item] for item in items if item in codes.index]
        matrix[row, columns] = 1
    return matrix


class ProviderSide:
    """Providers encoded once for one date and one set of weights, so a round's seekers, or a
    single request arriving, are scored against them without encoding them again."""

    def __init__(self, providers: Sequence[Person], on: date, weights: Weights) -> None:
        self.people = list(providers)
        self.on, self.weights = on, weights
        # Totals are small: one byte each halves the memory every row pass moves.
        most = sum(getattr(weights, part) for part in PARTS)
        self.dtype = np.uint8 if most <= np.iinfo(np.uint8).max else np.int16
        self.topics, self.languages = _Codes(), _Codes()
        for person in providers:
            for item in person.topics:
                self.topics.of(item)
            for item in person.languages:
                self.languages.of(item)
        self.ids = np.array([p.id for p in providers], dtype=object)
        self.columns_of: dict[str, list[int]] = {}
        for column, member_id in enumerate(self.ids):
            self.columns_of.setdefault(member_id, []).append(column)
        self.knows = _indicator([p.topics for p in providers], self.topics).astype(np.float32).T
        self.knows = np.ascontiguousarray(self.knows)  # topics x providers
        self._speaks = _indicator([p.languages for p in providers], self.languages).astype(bool)
        self._zones = [p.timezone for p in providers]
        self._phase = np.fromiter((PHASE_ORDER.get(p.phase or "", -1) for p in providers), np.int32)
        self._role = np.array([p.role for p in providers], dtype=object)
        self._industry = np.array([p.industry for p in providers], dtype=object)
        self._rows: dict[tuple[str, Hashable], tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, part: str, value: Any) -> tuple[np.ndarray, np.ndarray]:
        """For a seeker bringing `value` to `part` (a target role, a zone, ...): the points
        each provider earns for it and whether the part is present (bool)."""
        key = (part, value)
        if key not in self._rows:
            present = self._present(part, value)
            points = present.astype(self.dtype) * int(getattr(self.weights, part))
            if part == "overlap":
                points = self._overlap_points(value, present)
            self._rows[key] = (points, present)
        return self._rows[key]

    def _present(self, part: str, value: Any) -> np.ndarray:
        n = len(self.ids)
        if part in ("role", "industry"):
            mine = self._role if part == "role" else self._industry
            return mine == value if value is not None else np.zeros(n, dtype=bool)
        if part == "phase":
            return self._phase > value if value >= 0 else np.zeros(n, dtype=bool)
        if part == "language":
            spoken = [self.languages.index[x] for x in value if x in self.languages.index]
            return np.asarray(self._speaks[:, spoken].any(axis=1))
        hours = self._hours(value)  # overlap
        return hours > 0

    def _hours(self, zone: str | None) -> np.ndarray:
        """Shared waking hours with each provider on this date; -1 where a zone is unknown."""
        by_zone = {z: overlap_hours(zone, z, self.on) for z in set(self._zones)}
        return np.array([-1.0 if by_zone[z] is None else by_zone[z] for z in self._zones])

    def _overlap_points(self, zone: str | None, present: np.ndarray) -> np.ndarray:
        w = self.weights
        points = np.zeros(len(self.ids), dtype=self.dtype)
        hours = self._hours(zone)
        for value in np.unique(hours[present]):
            points[hours == value] = round(w.overlap * min(1.0, value / w.full_overlap_hours))
        return points


_NOTHING: dict[str, Hashable] = {
    "role": None,
    "industry": None,
    "overlap": None,
    "language": frozenset(),
    "phase": -1,
}


def _seeker_values(seeker: Person) -> dict[str, Hashable]:
    return {
        "role": seeker.target_role or None,
        "industry": seeker.target_industry or None,
        "overlap": seeker.timezone,
        "language": frozenset(seeker.languages),
        "phase": PHASE_ORDER.get(seeker.phase or "", -1),
    }


class FitTable:
    """Seekers by the providers of a `ProviderSide`; rows come in chunks."""

    def __init__(self, seekers: Sequence[Person], providers: ProviderSide) -> None:
        self.side = providers
        self.weights = providers.weights
        self.seeker_ids = np.array([p.id for p in seekers], dtype=object)
        self.provider_at = {member_id: i for i, member_id in enumerate(providers.ids)}
        self._wants = _indicator([p.topics for p in seekers], providers.topics).astype(np.float32)
        self._wanted = np.fromiter((len(p.topics) for p in seekers), np.float32, len(seekers))
        # Each part: one row per distinct value seekers bring, and which row each seeker uses.
        self._points: dict[str, np.ndarray] = {}
        self._present: dict[str, np.ndarray] = {}
        self._index: dict[str, np.ndarray] = {}
        values = [_seeker_values(p) for p in seekers]
        for part in _ROW_PARTS:
            distinct: dict[Hashable, int] = {}
            self._index[part] = np.fromiter(
                (distinct.setdefault(v[part], len(distinct)) for v in values),
                np.intp,
                len(values),
            )
            rows = [providers.row(part, value) for value in distinct] or [
                providers.row(part, _NOTHING[part])  # no seekers: one row keeps shapes right
            ]
            self._points[part] = np.stack([points for points, _ in rows])
            self._present[part] = np.stack([present for _, present in rows])

    def rows(
        self, start: int, stop: int, parts: Iterable[str] = PARTS
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The totals of seekers `start:stop` against every provider (small integers), and,
        for the parts named, whether each is present (what a market's `must_share` asks)."""
        here = slice(start, stop)
        shared = self._wants[here] @ self.side.knows  # float32 holds these counts exactly
        wanted = self._wanted[here][:, None]
        # score()'s (points x shared) / wanted, rounded half to even. Division, not a multiplied
        # reciprocal, keeps exact halves exact: a true quotient that is no half never rounds to one.
        topic = np.multiply(shared, np.float32(self.weights.topics))
        np.divide(topic, np.maximum(wanted, 1), out=topic)
        total = np.rint(topic, out=topic).astype(self.side.dtype)
        for part in _ROW_PARTS:
            total += self._points[part][self._index[part][here]]
        if self.weights.need_topic:  # wanting topics and sharing none is no pair at all
            total *= (shared > 0) | (wanted == 0)  # (a multiply: far faster than a masked set)
        asked = {}
        for part in parts:
            if part == "topics":
                asked[part] = (wanted > 0) & (shared > 0)
            else:
                asked[part] = self._present[part][self._index[part][here]]
        for row, member_id in enumerate(self.seeker_ids[here]):  # nobody pairs with themselves
            for column in self.side.columns_of.get(member_id, ()):
                total[row, column] = 0
                for mask in asked.values():
                    mask[row, column] = False
        return total, asked


SAMPLE = 2048  # columns that set each row's first bar in `best_per_row`


def best_per_row(
    total: np.ndarray, keep: int, minimum: int, sample: int = SAMPLE
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each row's `keep` highest totals of at least `minimum`, ties kept in
    column order, in row then column order.

    The `keep`-th highest of a row's first `sample` columns can't be above that of the whole row,
    so every total at least as high is a candidate: a few times `keep` of them in each row, and
    the best are sorted out of those exactly. numpy's partition of 16-bit integers for a small k
    finds the bar; on a sample it is ten times cheaper than on the whole row."""
    if keep < total.shape[1]:
        # Negated, the keep-th largest is the keep-th smallest.
        negated = np.negative(total[:, : max(sample, keep)], dtype=np.int16)
        bar = np.maximum(-np.partition(negated, keep - 1, axis=1)[:, keep - 1], minimum)
    else:
        bar = np.full(total.shape[0], minimum)
    rows, cols = _where(total >= bar[:, None].astype(total.dtype))
    # Within each row, best first and equals in column order; the first `keep` stay.
    order = np.lexsort((cols, -total[rows, cols].astype(np.int32), rows))
    ranked_rows = rows[order]
    place = np.arange(len(rows)) - np.searchsorted(ranked_rows, ranked_rows)
    kept = np.zeros(len(rows), dtype=bool)
    kept[order] = place < keep
    return rows[kept], cols[kept]


def _where(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.nonzero for a sparse 2-D mask, several times faster: eight flags are read as one
    64-bit word and only the words with a flag set are looked into."""
    flat = np.ascontiguousarray(mask).reshape(-1)
    whole = len(flat) // 8 * 8
    words = np.flatnonzero(flat[:whole].view(np.uint64))
    word_at, byte_at = np.nonzero(flat[:whole].reshape(-1, 8)[words])
    found = np.concatenate([words[word_at] * 8 + byte_at, whole + np.flatnonzero(flat[whole:])])
    return np.divmod(found, mask.shape[1])


def top_candidates(
    table: FitTable,
    minimum: int,
    must_share: frozenset[str] = frozenset(),
    blocked: Sequence[Iterable[int]] = (),
    per_seeker: int = 20,
    chunk: int = 128,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each seeker's best `per_seeker` providers with a fit of at least `minimum` and at least
    one part named in `must_share` (when given), leaving out `blocked[row]` (provider indexes):
    the three parallel arrays `bot.matching.assign` takes. Chunks of rows run on every core:
    numpy lets go of the interpreter lock for the heavy work."""
    n_seekers, n_providers = len(table.seeker_ids), len(table.side)
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
        rows, cols = best_per_row(total, keep, max(1, minimum))
        return rows + start, cols, total[rows, cols]

    starts = range(0, n_seekers, chunk)
    if len(starts) == 1:  # a small community: no threads to start
        parts = [best_of(0)]
    else:
        # One BLAS thread per chunk's thread: BLAS's own threads would fight ours for cores.
        with (
            threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool,
        ):
            parts = list(pool.map(best_of, starts))
    return (
        np.concatenate([rows for rows, _, _ in parts]).astype(np.int64),
        np.concatenate([cols for _, cols, _ in parts]).astype(np.int64),
        np.concatenate([points for _, _, points in parts]).astype(np.int64),
    )


__all__ = ["PARTS", "FitTable", "ProviderSide", "best_per_row", "top_candidates"]
