"""A round's plan: its groups, as indexes into the people taking part, and their fit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from bot.features.buddies.fit import group_fit
from bot.features.buddies.grouping import Grouping
from bot.features.buddies.threes import groups_of_three
from bot.matching import Person


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
    grouping = Grouping(people, on, met, last_three)
    groups: Sequence[tuple[int, ...]]
    if size == 3:
        groups = groups_of_three(grouping)
    else:
        pairs, rest = grouping.pairs()
        groups = grouping.best_with_three(pairs, rest[0]) if len(rest) == 1 and pairs else pairs
    return sorted(tuple(sorted(group)) for group in groups)


def total_fit(people: Sequence[Person], on: date, groups: Sequence[tuple[int, ...]]) -> int:
    """The fit of every pair inside every group, added up."""
    return sum(group_fit(people, group, on) for group in groups)
