"""Part of issue 17: the fit computed for whole rows at once equals `score()`, pair by pair,
with every part's presence too, on random people and dates (daylight saving time included)."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.fit_table import PARTS, FitTable, ProviderSide, top_candidates
from bot.matching import INTERVIEWS, MENTORING, Person, score

ZONES = (None, "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC")
TOPICS = ("PyTorch", "NLP", "Statistics", "SQL", "Computer vision")
ROLES = (None, "ML engineer", "Data scientist", "Data analyst")
INDUSTRIES = (None, "Healthcare", "Finance", "Retail")
PHASES = (None, "learning", "projects", "job-search")

people = st.builds(
    Person,
    id=st.sampled_from([f"m{i}" for i in range(8)]),
    name=st.just("someone"),
    timezone=st.sampled_from(ZONES),
    phase=st.sampled_from(PHASES),
    role=st.sampled_from(ROLES),
    industry=st.sampled_from(INDUSTRIES),
    target_role=st.sampled_from(ROLES),
    target_industry=st.sampled_from(INDUSTRIES),
    topics=st.frozensets(st.sampled_from(TOPICS), max_size=4),
    languages=st.frozensets(st.sampled_from(("English", "Hindi", "Spanish")), max_size=2),
)
# Dates around both hemispheres' clock changes, and ordinary ones.
dates = st.sampled_from(
    (date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 10, 4), date(2026, 11, 1))
) | st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    seekers=st.lists(people, min_size=1, max_size=6),
    providers=st.lists(people, min_size=1, max_size=6),
    on=dates,
    interviews=st.booleans(),
)
def test_every_total_and_part_equals_score(seekers, providers, on, interviews):
    weights = INTERVIEWS if interviews else MENTORING
    table = FitTable(seekers, ProviderSide(providers, on, weights))
    total, present = table.rows(0, len(seekers))
    for i, seeker in enumerate(seekers):
        for j, provider in enumerate(providers):
            fit = score(seeker, provider, on, weights)
            assert total[i, j] == fit.total, (seeker, provider, fit)
            names = {part.name for part in fit.parts}
            if fit.total or names:
                for part in PARTS:
                    assert present[part][i, j] == (part in names), (part, seeker, provider)


def test_top_candidates_keep_the_best_allowed_and_fitting_ones():
    seeker = Person(
        "s",
        "s",
        "Europe/London",
        "learning",
        target_role="ML engineer",
        topics=frozenset({"PyTorch"}),
    )
    providers = [
        Person(f"p{i}", "p", "Europe/London", "projects", role=role, topics=frozenset(topics))
        for i, (role, topics) in enumerate(
            [
                ("ML engineer", {"PyTorch"}),  # the best
                ("Data analyst", {"PyTorch"}),
                ("ML engineer", {"SQL"}),  # no shared topic: no pair for mentoring
                ("ML engineer", {"PyTorch", "SQL"}),  # as good as the best, but blocked
            ]
        )
    ]
    table = FitTable([seeker], ProviderSide(providers, date(2026, 11, 30), MENTORING))
    rows, cols, points = top_candidates(table, minimum=30, blocked=[{3}], per_seeker=2)
    assert rows.tolist() == [0, 0] and set(cols.tolist()) == {0, 1}  # 3 blocked, 2 no topic
    expected = {j: score(seeker, providers[j], date(2026, 11, 30)).total for j in (0, 1)}
    assert dict(zip(cols.tolist(), points.tolist(), strict=True)) == expected
    # Interviews: a pair must share the role or the industry, so the analyst drops out.
    table = FitTable([seeker], ProviderSide(providers, date(2026, 11, 30), INTERVIEWS))
    _, cols, _ = top_candidates(table, minimum=25, must_share=frozenset({"role", "industry"}))
    assert set(cols.tolist()) == {0, 2, 3}
    assert np.all(cols >= 0)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    totals=st.lists(st.lists(st.integers(0, 12), min_size=6, max_size=6), min_size=1, max_size=5),
    keep=st.integers(1, 7),
    minimum=st.integers(1, 8),
    sample=st.integers(1, 6),
)
def test_each_row_keeps_its_best_totals_ties_cut_in_column_order(totals, keep, minimum, sample):
    from bot.fit_table import best_per_row

    total = np.array(totals, dtype=np.int16)
    # However few columns set the first bar, what is kept is the same, in row then column order.
    rows, cols = best_per_row(total, keep, minimum, sample)
    kept = list(zip(rows.tolist(), cols.tolist(), strict=True))
    assert kept == sorted(kept)
    for r, row in enumerate(totals):
        # What sorting says: the `keep` best of at least `minimum`, earlier columns first on ties.
        ranked = sorted((c for c in range(len(row)) if row[c] >= minimum), key=lambda c: -row[c])
        assert sorted(cols[rows == r].tolist()) == sorted(ranked[:keep]), (row, keep, minimum)
