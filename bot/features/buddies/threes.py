"""Groups of three (`group_size:3`): the strongest pairs stay together as cores and the rest are
split up to complete them, each single joining the core that suits them best over all."""

from __future__ import annotations

import numpy as np

from bot.features.buddies.grouping import CANDIDATES, CHUNK, COMPLETE_UP_TO, Grouping
from bot.fit_table import best_per_row
from bot.matching import assign


def groups_of_three(grouping: Grouping) -> list[tuple[int, ...]]:
    """Groups of three; where the count doesn't divide, one or two pairs (never a single)."""
    pairs, rest = grouping.pairs()
    if grouping.n < 4:
        return [(*pairs[0], *rest)] if pairs else []
    extra = grouping.n % 3
    twos = {0: 0, 1: 2, 2: 1}[extra]
    cores_wanted = grouping.n // 3 - (1 if extra == 1 else 0) + twos
    # The strongest pairs stay together; the rest are split up to complete them.
    ranked = sorted(pairs, key=lambda p: -grouping.weight(p[0], p[1], grouping.fit(p)))
    cores, split = ranked[:cores_wanted], ranked[cores_wanted:]
    singles = np.array([i for pair in split for i in pair] + rest, dtype=np.int64)
    groups: list[tuple[int, ...]] = [tuple(c) for c in cores]
    x = np.array([c[0] for c in cores], dtype=np.int64)
    y = np.array([c[1] for c in cores], dtype=np.int64)
    open_cores = np.arange(len(cores))
    # Each single joins one of its best cores; the few whose best were all taken try again
    # among the cores still open, every one of them a candidate once they are few.
    while len(singles) and len(open_cores):
        few = len(open_cores) <= COMPLETE_UP_TO or grouping.n <= COMPLETE_UP_TO
        keep = len(open_cores) if few else CANDIDATES
        chosen = _join(grouping, singles, x[open_cores], y[open_cores], keep)
        placed = chosen >= 0
        for single, core in zip(singles[placed], open_cores[chosen[placed]], strict=True):
            groups[core] = (*groups[core], int(single))
        open_cores = np.delete(open_cores, chosen[placed])
        singles = singles[~placed]
    return groups


def _join(
    grouping: Grouping, singles: np.ndarray, x: np.ndarray, y: np.ndarray, keep: int
) -> np.ndarray:
    """For each single, the core (pair x-y) it joins, or -1: the fewest repeats, then the
    best fit, over all, each single choosing among its `keep` best cores."""
    core_of = np.full(grouping.n, -1, dtype=np.int64)
    core_of[x] = core_of[y] = np.arange(len(x))
    found_s, found_c, found_v = [], [], []
    for start in range(0, len(singles), CHUNK):
        block = singles[start : start + CHUNK]
        total = grouping.table.rows_of(block)
        fits = np.maximum(total[:, x], 0) + np.maximum(total[:, y], 0)  # at most 200
        repeats = np.zeros_like(fits)  # of each single with each core's two
        for k, single in enumerate(block):
            for partner in grouping.partners.get(int(single), ()):
                if core_of[partner] >= 0:
                    repeats[k, core_of[partner]] += 1
        rows, cols = best_per_row((2 - repeats) * np.int16(201) + fits, keep, 0)
        fresh = 2 - repeats[rows, cols].astype(np.int64)
        found_s.append(start + rows)
        found_c.append(cols)
        found_v.append(grouping.bonus * fresh + fits[rows, cols] + 1)
    ones = np.ones(len(x), dtype=np.int64)
    return assign(
        np.concatenate(found_s),
        np.concatenate(found_c),
        np.concatenate(found_v),
        ones,
        len(singles),
    )
