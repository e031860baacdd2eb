"""Maximum-weight matching for peers: anyone may pair with anyone, so it is matching on a general
graph, not the two-sided assignment mentoring uses.

The matching is exact (Edmonds' blossom algorithm, rustworkx) up to `EXACT_UP_TO` members. Above
that, the bipartite relaxation (each member once as asker, once as asked; an exact min-cost flow)
settles almost everyone as mutual pairs in about a second, and the blossom algorithm matches the
few it leaves in paths and cycles. Measured against the exact matching on the benchmark's
communities, it keeps all but a few hundredths of a percent of the total.
"""

from __future__ import annotations

import numpy as np

from bot.matching import assign

EXACT_UP_TO = 3000  # members; the exact matching takes about 0.25 s for 2,000, 70 s for 20,000

Pairs = list[tuple[int, int]]


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
