"""Exact matching at scale: a random community scored from profile features.

python -m bench.matching --mentees 50000 --mentors 10000 --seed 1
python -m bench.matching --kind interviews --seekers 50000 --providers 10000 --seed 1
last line: matching mentees=N mentors=M seconds=S peak_mb=P total_score=T greedy_score=G
(seconds and peak_mb cover the assignment; peak_mb is the process's peak resident memory.)
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date

import numpy as np

from bot.matching import (
    INTERVIEWS,
    MENTORING,
    Person,
    Weights,
    assign,
    greedy_assign,
    score,
    total_score,
)
from bot.taxonomy import DEFAULT_INDUSTRIES, DEFAULT_ROLES, DEFAULT_TOPICS, PHASES

TOPICS = [t for area in DEFAULT_TOPICS.values() for t in area]
ZONES = (
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)
LANGUAGES = ("English", "Spanish", "Hindi", "Portuguese", "German", "French", "Mandarin")


def person(rnd: random.Random, index: int, *, mentor: bool) -> Person:
    # Mentors know more and are further along; mentees want a few topics.
    topics = rnd.sample(TOPICS, rnd.randint(4, 10) if mentor else rnd.randint(1, 4))
    languages = {"English"} | set(rnd.sample(LANGUAGES, rnd.randint(0, 2)))
    return Person(
        id=f"{'m' if mentor else 's'}{index}",
        name=f"Member {index}",
        timezone=rnd.choice(ZONES),
        phase=rnd.choice(PHASES[1:] if mentor else PHASES),
        role=rnd.choice(DEFAULT_ROLES),
        industry=rnd.choice(DEFAULT_INDUSTRIES),
        target_role=None if mentor else rnd.choice(DEFAULT_ROLES[:6]),
        target_industry=None if mentor else rnd.choice(DEFAULT_INDUSTRIES),
        topics=frozenset(topics),
        languages=frozenset(languages),
    )


def community(
    mentees: int, mentors: int, seed: int, sample: int, top_k: int, weights: Weights = MENTORING
):
    """Candidate pairs (top-k per mentee by real score) as parallel arrays, plus capacities."""
    rnd = random.Random(seed)
    seekers = [person(rnd, i, mentor=False) for i in range(mentees)]
    providers = [person(rnd, i, mentor=True) for i in range(mentors)]
    capacities = np.array([rnd.randint(1, 9) for _ in range(mentors)], dtype=np.int64)
    by_topic: dict[str, list[int]] = {t: [] for t in TOPICS}
    for j, p in enumerate(providers):
        for topic in p.topics:
            by_topic[topic].append(j)
    if weights is INTERVIEWS:  # interviews are found by role, not topic
        by_topic = {}
        for j, p in enumerate(providers):
            by_topic.setdefault(p.role or "", []).append(j)
    on = date(2026, 11, 23)
    rows, cols, points = [], [], []
    for i, seeker in enumerate(seekers):
        keys = sorted(seeker.topics) if weights is MENTORING else [seeker.target_role or ""] * 4
        pool = [
            j
            for key in keys  # sorted: set order varies run to run
            for j in rnd.sample(by_topic.get(key, []), min(sample, len(by_topic.get(key, []))))
        ]
        scored = {j: score(seeker, providers[j], on, weights).total for j in set(pool)}
        best = sorted(scored.items(), key=lambda item: -item[1])[:top_k]
        for j, points_ in best:
            rows.append(i)
            cols.append(j)
            points.append(points_)
    return (
        np.array(rows, dtype=np.int64),
        np.array(cols, dtype=np.int64),
        np.array(points, dtype=np.int64),
        capacities,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("mentoring", "interviews"), default="mentoring")
    parser.add_argument("--mentees", "--seekers", dest="mentees", type=int, default=50_000)
    parser.add_argument("--mentors", "--providers", dest="mentors", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top-k", type=int, default=20)
    parser.add_argument("--min-score", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    weights = INTERVIEWS if args.kind == "interviews" else MENTORING
    rows, cols, points, capacities = community(
        args.mentees, args.mentors, args.seed, sample=10, top_k=args.top_k, weights=weights
    )
    built = time.perf_counter() - started
    started = time.perf_counter()
    exact = assign(rows, cols, points, capacities, args.mentees, args.min_score)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    greedy = greedy_assign(rows, cols, points, capacities, args.mentees, args.min_score)
    total = total_score(exact, rows, cols, points)
    greedy_total = total_score(greedy, rows, cols, points)
    print(
        f"community built in {built:.1f} s: {len(points)} candidate pairs, "
        f"capacity {int(capacities.sum())}; paired {int((exact >= 0).sum())} exactly, "
        f"{int((greedy >= 0).sum())} greedily; greedy/exact = {greedy_total / max(total, 1):.4f}"
    )
    print(
        f"matching mentees={args.mentees} mentors={args.mentors} seconds={seconds:.2f} "
        f"peak_mb={peak_mb:.0f} total_score={total} greedy_score={greedy_total}"
    )


if __name__ == "__main__":
    main()
