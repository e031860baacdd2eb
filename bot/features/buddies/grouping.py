"""A round's groups: everyone taking part placed exactly once, the community's total fit as high
as it goes, and nobody paired with someone they met in the last six rounds while another way
exists.

Peers pair on a general graph (anyone may pair with anyone), so this is maximum-weight matching,
not the two-sided assignment mentoring uses. Each member's best fresh candidates (`PeerTable`,
leaving out whoever they met in the last six rounds) make a sparse graph, matched for the most
pairs and then the most fit. Whoever it leaves unpaired is paired among themselves with every
pair a candidate: fresh pairs first, and where there is no other way, the oldest repeat.

The matching is exact (Edmonds' blossom algorithm, rustworkx) up to `EXACT_UP_TO` members. Above
that, the bipartite relaxation (each member once as asker, once as asked; an exact min-cost flow)
settles almost everyone as mutual pairs in about a second, and the blossom algorithm matches the
few it leaves in paths and cycles. Measured against the exact matching on the benchmark's
communities, it keeps all but a few hundredths of a percent of the total.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import combinations

import numpy as np
from threadpoolctl import threadpool_limits

from bot.features.buddies.fit import PeerTable, peer_score
from bot.fit_table import best_per_row
from bot.matching import Person, assign

EXACT_UP_TO = 3000  # members; the exact matching takes about 0.25 s for 2,000, 70 s for 20,000
COMPLETE_UP_TO = 200  # members; below this every pair is a candidate, so the matching is exact
CANDIDATES = 12  # per member in a larger community
SEARCH_UP_TO = 60  # members; an odd one out in a smaller community may search for a fresh three
SEARCH_TRIES = 200
SWAP_TRIES = 20  # pairs an odd one out from the last three may swap into
CHUNK = 128
TIE_SPREAD = 64  # fits (0-100) are ranked as fit x 64 + a part in 0-63 that spreads ties

Pairs = list[tuple[int, int]]


def fresh_bonus(n: int) -> int:
    """A weight above every sum of fits (at most 100 a pair, 101 with the tie-breaker) and of
    repeat weights (at most 6)."""
    return 102 * (n // 2 + 1)


class _Round:
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
            inner = _Round(people, self.on, lately, frozenset())
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

    # --- threes ---------------------------------------------------------------------------

    def threes(self) -> list[tuple[int, ...]]:
        """Groups of three; where the count doesn't divide, one or two pairs (never a single)."""
        pairs, rest = self.pairs()
        if self.n < 4:
            return [(*pairs[0], *rest)] if pairs else []
        extra = self.n % 3
        twos = {0: 0, 1: 2, 2: 1}[extra]
        cores_wanted = self.n // 3 - (1 if extra == 1 else 0) + twos
        # The strongest pairs stay together; the rest are split up to complete them.
        ranked = sorted(pairs, key=lambda p: -self.weight(p[0], p[1], self.fit(p)))
        cores, split = ranked[:cores_wanted], ranked[cores_wanted:]
        singles = np.array([i for pair in split for i in pair] + rest, dtype=np.int64)
        groups: list[tuple[int, ...]] = [tuple(c) for c in cores]
        x = np.array([c[0] for c in cores], dtype=np.int64)
        y = np.array([c[1] for c in cores], dtype=np.int64)
        open_cores = np.arange(len(cores))
        # Each single joins one of its best cores; the few whose best were all taken try again
        # among the cores still open, every one of them a candidate once they are few.
        while len(singles) and len(open_cores):
            few = len(open_cores) <= COMPLETE_UP_TO or self.n <= COMPLETE_UP_TO
            keep = len(open_cores) if few else CANDIDATES
            chosen = self._join(singles, x[open_cores], y[open_cores], keep)
            placed = chosen >= 0
            for single, core in zip(singles[placed], open_cores[chosen[placed]], strict=True):
                groups[core] = (*groups[core], int(single))
            open_cores = np.delete(open_cores, chosen[placed])
            singles = singles[~placed]
        return groups

    def _join(self, singles: np.ndarray, x: np.ndarray, y: np.ndarray, keep: int) -> np.ndarray:
        """For each single, the core (pair x-y) it joins, or -1: the fewest repeats, then the
        best fit, over all, each single choosing among its `keep` best cores."""
        core_of = np.full(self.n, -1, dtype=np.int64)
        core_of[x] = core_of[y] = np.arange(len(x))
        found_s, found_c, found_v = [], [], []
        for start in range(0, len(singles), CHUNK):
            block = singles[start : start + CHUNK]
            total = self.table.rows_of(block)
            fits = np.maximum(total[:, x], 0) + np.maximum(total[:, y], 0)  # at most 200
            repeats = np.zeros_like(fits)  # of each single with each core's two
            for k, single in enumerate(block):
                for partner in self.partners.get(int(single), ()):
                    if core_of[partner] >= 0:
                        repeats[k, core_of[partner]] += 1
            rows, cols = best_per_row((2 - repeats) * np.int16(201) + fits, keep, 0)
            fresh = 2 - repeats[rows, cols].astype(np.int64)
            found_s.append(start + rows)
            found_c.append(cols)
            found_v.append(self.bonus * fresh + fits[rows, cols] + 1)
        ones = np.ones(len(x), dtype=np.int64)
        return assign(
            np.concatenate(found_s),
            np.concatenate(found_c),
            np.concatenate(found_v),
            ones,
            len(singles),
        )

    # --- quality --------------------------------------------------------------------------

    def repeats(self, groups: Sequence[tuple[int, ...]]) -> int:
        return sum(1 for g in groups for i, j in combinations(g, 2) if not self.fresh(i, j))

    def fit(self, group: tuple[int, ...]) -> int:
        return group_fit(self.people, group, self.on)


def max_weight_pairs(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> Pairs:
    """The pairs of greatest total weight among `n` members, as many as can be (edges a-b)."""
    if len(a) == 0:
        return []
    if n <= EXACT_UP_TO:
        return _blossom(a, b, w)
    # Each member once as asker, once as asked: an exact min-cost flow, then mutual choices.
    # Every weight lifted by the heaviest, so two pairs always outweigh one and the flow leaves
    # few unpaired. (A lift large enough to promise the most pairs makes the flow twice as slow:
    # its time grows with the logarithm of the weights. The blossom below makes the most pairs.)
    lifted = w + int(w.max()) + 1
    ones = np.ones(n, dtype=np.int64)
    chosen = assign(
        np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([lifted, lifted]), ones, n
    )
    everyone = np.arange(n)
    mutual = (chosen >= 0) & (chosen[np.maximum(chosen, 0)] == everyone)
    pairs = [(int(i), int(chosen[i])) for i in np.flatnonzero(mutual & (everyone < chosen))]
    # The rest were left in paths and cycles: the exact matching settles them.
    left = ~mutual
    among = left[a] & left[b]
    return pairs + _blossom(a[among], b[among], w[among])


def _blossom(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> Pairs:
    import rustworkx  # loaded only when a round is grouped

    if len(a) == 0:
        return []
    nodes, local = np.unique(np.concatenate([a, b]), return_inverse=True)
    graph = rustworkx.PyGraph()
    graph.add_nodes_from(range(len(nodes)))
    graph.add_edges_from(
        list(zip(local[: len(a)].tolist(), local[len(a) :].tolist(), w.tolist(), strict=True))
    )
    matched = rustworkx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    # A set, in no fixed order: sorted, so the same round always comes out the same.
    return sorted((int(nodes[min(i, j)]), int(nodes[max(i, j)])) for i, j in matched)


def plan_groups(
    people: Sequence[Person],
    on: date,
    met: Mapping[frozenset[str], int],
    last_three: frozenset[str] = frozenset(),
    size: int = 2,
) -> list[tuple[int, ...]]:
    """The round's groups, as indexes into `people`. `met` says, for each pair who met in the
    last six rounds, how many rounds ago (1 = the last); `last_three` is who made up the last
    round's three. Pairs (`size` 2) with one three when the count is odd, or threes (`size` 3)
    with a pair or two when it doesn't divide. A lone member makes no group."""
    grouping = _Round(people, on, met, last_three)
    groups: Sequence[tuple[int, ...]]
    if size == 3:
        groups = grouping.threes()
    else:
        pairs, rest = grouping.pairs()
        groups = grouping.best_with_three(pairs, rest[0]) if len(rest) == 1 and pairs else pairs
    return sorted(tuple(sorted(group)) for group in groups)


def group_fit(people: Sequence[Person], group: Sequence[int], on: date) -> int:
    """A group's fit: that of every pair in it (a three has three)."""
    return sum(peer_score(people[i], people[j], on).total for i, j in combinations(group, 2))


def total_fit(people: Sequence[Person], on: date, groups: Sequence[tuple[int, ...]]) -> int:
    """The fit of every pair inside every group, added up."""
    return sum(group_fit(people, group, on) for group in groups)
