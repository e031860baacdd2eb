"""A round's groups: everyone taking part placed exactly once, the community's total fit as high
as it goes, and nobody paired with someone they met in the last six rounds while another way
exists.

Peers pair on a general graph (anyone may pair with anyone), so this is maximum-weight matching,
not the two-sided assignment mentoring uses. Each member's best fresh candidates (`PeerTable`,
leaving out whoever they met in the last six rounds) make a sparse graph, matched for the most
pairs and then the most fit. Whoever it leaves unpaired is paired among themselves with every
pair a candidate: fresh pairs first, and where there is no other way, the oldest repeat.

The matching itself is in matching.py; groups of three (`group_size:3`) in threes.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import combinations

import numpy as np
from threadpoolctl import threadpool_limits

from bot.features.buddies.fit import PeerTable, group_fit
from bot.features.buddies.matching import Pairs, max_weight_pairs
from bot.fit_table import best_per_row
from bot.matching import Person

COMPLETE_UP_TO = 200  # members; below this every pair is a candidate, so the matching is exact
CANDIDATES = 12  # per member in a larger community
SEARCH_UP_TO = 60  # members; an odd one out in a smaller community may search for a fresh three
SEARCH_TRIES = 200
SWAP_TRIES = 20  # pairs an odd one out from the last three may swap into
CHUNK = 128
TIE_SPREAD = 64  # fits (0-100) are ranked as fit x 64 + a part in 0-63 that spreads ties


def fresh_bonus(n: int) -> int:
    """A weight above every sum of fits (at most 100 a pair, 101 with the tie-breaker) and of
    repeat weights (at most 6)."""
    return 102 * (n // 2 + 1)


class Grouping:
    """What one round's grouping knows: the people, their fit, and who met whom lately."""

    def __init__(
        self,
        people: Sequence[Person],
        on: date,
        met: Mapping[frozenset[str], int],
        last_three: frozenset[str],
    ) -> None:
        self.people = list(people)
        self.n = len(self.people)
        self.on = on
        self.table = PeerTable(self.people, on)
        self.bonus = fresh_bonus(self.n)
        at = {p.id: i for i, p in enumerate(self.people)}
        # Rounds ago (1 = the last) for each pair of today's members who met lately.
        self.ago: dict[tuple[int, int], int] = {}
        self.partners: dict[int, set[int]] = {}
        for pair, ago in met.items():
            found = [at[member] for member in pair if member in at]
            if len(found) == 2:
                i, j = sorted(found)
                self.ago[(i, j)] = ago
                self.partners.setdefault(i, set()).add(j)
                self.partners.setdefault(j, set()).add(i)
        self.in_last_three = np.array([p.id in last_three for p in self.people], dtype=bool)
        # Equal fits are common (members who named no topics fit many alike). A small part that
        # looks random, the same either way round, spreads candidates among equals instead of
        # piling everyone onto the first members listed, and makes the best pairing unique,
        # which the relaxation below needs to come out whole.
        self._everyone = np.arange(self.n)
        self._h, self._g = np.random.default_rng(self.n).integers(0, 2**32, (2, self.n), np.uint32)

    def fresh(self, i: int, j: int) -> bool:
        return (min(i, j), max(i, j)) not in self.ago

    def weight(self, i: int, j: int, fit: int) -> int:
        if self.fresh(i, j):
            return self.bonus + max(fit, 0)
        return self.ago[(min(i, j), max(i, j))]

    def row(self, i: int) -> np.ndarray:
        return self.table.rows(i, i + 1)[0]

    # --- the candidate graph --------------------------------------------------------------

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidate pairs (i < j) and their weights (fit x 64 and the tie-breaker): every
        member's best fresh candidates. Repeats are left to `pair_among`, for whoever this graph
        can't pair: as many fresh pairs as can be, then the fewest repeats among the rest, is the
        fewest repeats there are."""
        n = self.n
        keep = n - 1 if n <= COMPLETE_UP_TO else min(CANDIDATES, n - 1)

        def best_of(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            members = np.arange(start, min(n, start + CHUNK))
            ranked = self.ranked(members)
            rows, cols = best_per_row(ranked, keep, 0)
            return members[rows], cols, ranked[rows, cols]

        starts = range(0, n, CHUNK)
        if len(starts) == 1:
            found = [best_of(0)]
        else:  # numpy lets go of the interpreter lock: chunks run on every core
            with (
                threadpool_limits(limits=1, user_api="blas"),
                ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool,
            ):
                found = list(pool.map(best_of, starts))
        a = np.concatenate([rows for rows, _, _ in found]).astype(np.int64)
        b = np.concatenate([cols for _, cols, _ in found]).astype(np.int64)
        ranks = np.concatenate([ranked for _, _, ranked in found]).astype(np.int64)
        low, high = np.minimum(a, b), np.maximum(a, b)
        _, first = np.unique(low * n + high, return_index=True)  # each pair once
        return low[first], high[first], ranks[first]

    def ranked(self, members: np.ndarray) -> np.ndarray:
        """Fits of `members` with everyone, ranked: fit x 64 plus a tie-breaking part (below),
        -1 for themselves and for whoever they met lately."""
        ranked = self.table.rows_of(members)
        ranked *= np.int16(TIE_SPREAD)
        ranked += self.tie(members[:, None], self._everyone)
        ranked[np.arange(len(members)), members] = -1
        for k, i in enumerate(members):
            for j in self.partners.get(int(i), ()):
                ranked[k, j] = -1
        return ranked

    def tie(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The tie-breaker of pairs i-j (broadcast): 0-63, the same for j-i, well mixed."""
        h, g = self._h, self._g
        mixed = (h[i] + h[j]) * (g[i] + g[j])  # wraps around: that is the mixing
        return (mixed >> np.uint32(26)).astype(np.int16)

    # --- pairs ----------------------------------------------------------------------------

    def pairs(self) -> tuple[Pairs, list[int]]:
        """The best pairs, and who is left without one (at most one when everyone can pair)."""
        if self.n < 2:
            return [], list(range(self.n))
        a, b, w = self.edges()
        pairs = max_weight_pairs(self.n, a, b, w)
        placed = np.zeros(self.n, dtype=bool)
        for i, j in pairs:
            placed[[i, j]] = True
        more, rest = self.pair_among([int(i) for i in np.flatnonzero(~placed)])
        return pairs + more, rest

    def pair_among(self, members: list[int]) -> tuple[Pairs, list[int]]:
        """Pairs among members the sparse graph left unpaired (its candidates were all taken):
        every pair among them is a candidate, or, when they are many, a round of their own."""
        if len(members) < 2:
            return [], members
        people = [self.people[i] for i in members]
        if len(members) > COMPLETE_UP_TO:
            lately = {
                frozenset((self.people[i].id, self.people[j].id)): ago
                for (i, j), ago in self.ago.items()
            }
            inner = Grouping(people, self.on, lately, frozenset())
            if inner.n < self.n:  # each round smaller than the last: this ends
                local, left = inner.pairs()
                return [(members[i], members[j]) for i, j in local], [members[k] for k in left]
        total = PeerTable(people, self.on).rows(0, len(people)).astype(np.int64)
        weights = self.bonus + np.maximum(total, 0)
        at = {m: k for k, m in enumerate(members)}
        for (i, j), ago in self.ago.items():
            if i in at and j in at:
                weights[at[i], at[j]] = weights[at[j], at[i]] = ago
        a, b = np.triu_indices(len(people), 1)
        local = max_weight_pairs(len(people), a.astype(np.int64), b.astype(np.int64), weights[a, b])
        placed = {i for pair in local for i in pair}
        pairs = [(members[i], members[j]) for i, j in local]
        return pairs, [m for k, m in enumerate(members) if k not in placed]

    # --- an odd one out -------------------------------------------------------------------

    def _lately(self, i: int) -> np.ndarray:
        return np.fromiter(self.partners.get(i, ()), np.int64)

    def _joining(self, odd: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """For `odd` joining each pair x-y: a key to maximise. Fewest repeated pairs first,
        then fewest members of the last round's three, then the best fit."""
        row, lately = self.row(odd), self._lately(odd)
        repeats = np.isin(x, lately).astype(np.int64) + np.isin(y, lately)
        again = self.in_last_three[x].astype(np.int64) + self.in_last_three[y]
        fit = np.maximum(row[x], 0).astype(np.int64) + np.maximum(row[y], 0)
        return -repeats * 1_000_000 - again * 1000 + fit

    def with_three(self, pairs: Pairs, odd: int) -> list[tuple[int, ...]]:
        """The pairs, with the odd one out joining the pair that suits them best. When the odd
        one out was in the last round's three, they may take a place in a pair instead, and
        that pair's other member, who wasn't, is the odd one out: the three changes."""
        x, y = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
        best_key = self._joining(odd, x, y)
        # (the pair joined, who joins it, and a swap: the pair the newcomer left, who left it
        # for the old odd one out, and who stays)
        choice: tuple[int, int, tuple[int, int, int] | None] = (int(np.argmax(best_key)), odd, None)
        score = int(best_key.max()) - 1000 * int(self.in_last_three[odd])
        if self.in_last_three[odd] and len(pairs) > 1:
            lately = self._lately(odd)
            stays, leaves = np.concatenate([x, y]), np.concatenate([y, x])
            fresh = ~np.isin(stays, lately)
            hopeful = np.flatnonzero(fresh & ~self.in_last_three[leaves])
            for k in hopeful[:SWAP_TRIES]:
                at = int(k) % len(pairs)
                keys = self._joining(int(leaves[k]), x, y)
                keys[at] = np.iinfo(np.int64).min  # not back into the pair they just left
                if (swapped := int(keys.max())) > score:
                    score, choice = (
                        swapped,
                        (int(np.argmax(keys)), int(leaves[k]), (at, odd, int(stays[k]))),
                    )
        joined, newcomer, swap = choice
        groups: list[tuple[int, ...]] = [tuple(pair) for pair in pairs]
        if swap is not None:
            at, odd_before, partner = swap
            groups[at] = (odd_before, partner)
        groups[joined] = (*groups[joined], newcomer)
        return groups

    def cost(self, groups: Sequence[tuple[int, ...]]) -> tuple[int, int]:
        """What a grouping gives up: pairs repeated, and members of the last three in the three."""
        again = sum(int(self.in_last_three[i]) for g in groups if len(g) == 3 for i in g)
        return self.repeats(groups), again

    def best_with_three(self, pairs: Pairs, odd: int) -> list[tuple[int, ...]]:
        """`with_three`, and in a small community, when that repeats a pair or puts someone in
        the three twice running, a search over threes for a grouping that costs less."""
        best = self.with_three(pairs, odd)
        if self.n > SEARCH_UP_TO or self.cost(best) == (0, 0):
            return best
        fits = self.table.rows(0, self.n)

        def promise(t: tuple[int, ...]) -> tuple[int, int, int]:
            repeats, again = self.cost([t])
            return repeats, again, -(fits[t[0], t[1]] + fits[t[0], t[2]] + fits[t[1], t[2]])

        for three in sorted(combinations(range(self.n), 3), key=promise)[:SEARCH_TRIES]:
            if self.cost([three]) >= self.cost(best):
                break  # sorted: no later three can do better
            rest, left = self.pair_among([i for i in range(self.n) if i not in three])
            if not left and self.cost([*rest, three]) < self.cost(best):
                best = [*rest, three]
                if self.cost(best) == (0, 0):
                    break
        return best

    # --- quality --------------------------------------------------------------------------

    def repeats(self, groups: Sequence[tuple[int, ...]]) -> int:
        return sum(1 for g in groups for i, j in combinations(g, 2) if not self.fresh(i, j))

    def fit(self, group: tuple[int, ...]) -> int:
        return group_fit(self.people, group, self.on)
