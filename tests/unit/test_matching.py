"""Scores explain themselves; the assignment is exact, respects capacity, skips weak pairs."""

from __future__ import annotations

import itertools
import random
from datetime import date

import numpy as np
import pytest

from bench.matching import greedy_assign, total_score
from bot.matching import Person, assign, overlap_hours, score

WINTER = date(2026, 1, 14)
SUMMER = date(2026, 7, 14)


@pytest.mark.parametrize(
    "zone_a, zone_b, on, hours",
    [
        ("Europe/Berlin", "Europe/Berlin", WINTER, 14),
        ("Europe/London", "Europe/Berlin", WINTER, 13),
        ("America/New_York", "Europe/Berlin", WINTER, 8),
        # Far apart, one's evening is the other's morning: 13.5 h apart share 3.5 h.
        ("Asia/Kolkata", "America/Los_Angeles", WINTER, 3.5),
        ("Asia/Tokyo", "America/New_York", WINTER, 4),
        ("Australia/Sydney", "Europe/London", WINTER, 3),  # Sydney on summer time: 11 h
        ("Etc/GMT-12", "UTC", WINTER, 2),  # 12 h apart is the least two 14 h days can share
        ("America/New_York", "Europe/Berlin", date(2026, 3, 20), 9),  # US already on DST
    ],
)
def test_overlap_hours(zone_a, zone_b, on, hours):
    assert overlap_hours(zone_a, zone_b, on) == pytest.approx(hours)
    assert overlap_hours(zone_b, zone_a, on) == pytest.approx(hours)


def test_overlap_unknown_without_zones():
    assert overlap_hours(None, "Europe/Berlin", WINTER) is None


PRIYA = Person(
    "priya",
    "Priya",
    timezone="Asia/Kolkata",
    phase="learning",
    role="Data analyst",
    industry="Finance",
    target_role="ML engineer",
    target_industry="Healthcare",
    topics=frozenset({"PyTorch", "NLP", "MLOps"}),
    languages=frozenset({"English", "Hindi"}),
)
SAM = Person(
    "sam",
    "Sam",
    timezone="Europe/London",
    phase="job-search",
    role="ML engineer",
    industry="Healthcare",
    topics=frozenset({"PyTorch", "NLP", "CNNs"}),
    languages=frozenset({"English"}),
)


def test_score_parts_explain_the_pair():
    result = score(PRIYA, SAM, WINTER)
    parts = {p.name: p.points for p in result.parts}
    assert parts == {
        "topics": 27,  # 2 of 3 wanted topics
        "role": 20,
        "industry": 10,
        "overlap": 15,  # 8.5 h shared, more than the 6 h that earn everything
        "language": 10,
        "phase": 5,
    }
    assert result.total == sum(parts.values())
    text = result.explanation()
    assert text.startswith("Sam knows NLP and PyTorch, which Priya wants to learn; ")
    assert "Sam already works as ML engineer, the role Priya is aiming for" in text
    assert "where Priya hopes to move from finance" in text
    assert "their waking hours overlap 8 h a day" in text and "both speak English" in text


def test_no_shared_topic_means_no_pair():
    other = Person("ola", "Ola", topics=frozenset({"Calculus"}))
    assert score(PRIYA, other, WINTER).total == 0
    assert score(PRIYA, PRIYA, WINTER).total == 0  # never yourself


def brute_force(n_seekers, rows, cols, points, capacities, min_score):
    options = [[(-1, 0)] for _ in range(n_seekers)]
    for s, p, w in zip(rows, cols, points, strict=True):
        if w >= min_score:
            options[s].append((p, w))
    best = 0
    for choice in itertools.product(*options):
        load = np.bincount([p for p, _ in choice if p >= 0], minlength=len(capacities))
        if (load <= capacities).all():
            best = max(best, sum(w for _, w in choice))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_exact_on_small_random_instances(seed):
    rnd = random.Random(seed)
    n_seekers, n_providers = rnd.randint(1, 7), rnd.randint(1, 4)
    capacities = np.array([rnd.randint(1, 3) for _ in range(n_providers)])
    rows, cols, points = [], [], []
    for s in range(n_seekers):
        for p in rnd.sample(range(n_providers), rnd.randint(0, min(3, n_providers))):
            rows.append(s)
            cols.append(p)
            points.append(rnd.randint(1, 60))
    rows, cols, points = np.array(rows, int), np.array(cols, int), np.array(points, int)
    min_score = rnd.choice([1, 20])
    result = assign(rows, cols, points, capacities, n_seekers, min_score)
    achieved = total_score(result, rows, cols, points)
    assert achieved == brute_force(n_seekers, rows, cols, points, capacities, min_score)
    load = np.bincount(result[result >= 0], minlength=n_providers)
    assert (load <= capacities).all()
    for s, p in enumerate(result):
        if p >= 0:  # every chosen pair was a candidate above the minimum
            assert any(
                rows[i] == s and cols[i] == p and points[i] >= min_score for i in range(len(rows))
            )
    greedy = greedy_assign(rows, cols, points, capacities, n_seekers, min_score)
    assert achieved >= total_score(greedy, rows, cols, points)


def test_exact_beats_greedy_where_greedy_is_short_sighted():
    # Greedy gives seeker 0 its 10-point favourite and strands seeker 1; exact pairs both.
    rows, cols, points = np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([10, 9, 8])
    result = assign(rows, cols, points, np.array([1, 1]), 2)
    assert list(result) == [1, 0]
    assert (
        total_score(greedy_assign(rows, cols, points, np.array([1, 1]), 2), rows, cols, points)
        == 10
    )


def test_empty_inputs():
    empty = np.array([], dtype=int)
    assert list(assign(empty, empty, empty, np.array([2]), 3)) == [-1, -1, -1]
