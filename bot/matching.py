"""Who fits whom: explainable compatibility scores and an exact, capacity-aware assignment.

Pure functions shared by mentoring and interview pairing. A score is built from named parts, so
every introduction can say why two people were paired. The assignment maximises the total score
exactly (a min-cost flow), because greedy pairing leaves several percent of compatibility unused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

WAKING_START = time(8)
WAKING_END = time(22)
PHASE_ORDER = {"learning": 0, "projects": 1, "job-search": 2}


@dataclass(frozen=True)
class Person:
    """One side of a possible pair, as matching sees it: profile facts, nothing more."""

    id: str
    name: str
    timezone: str | None = None
    phase: str | None = None
    role: str | None = None
    industry: str | None = None
    target_role: str | None = None
    target_industry: str | None = None
    topics: frozenset[str] = frozenset()  # seeker: wants to learn; provider: knows
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Weights:
    """Points each part can add; the total is at most their sum."""

    topics: int = 40
    role: int = 20
    industry: int = 10
    overlap: int = 15
    language: int = 10
    phase: int = 5
    full_overlap_hours: float = 6.0  # this many shared waking hours a day earn all overlap points
    need_topic: bool = True  # without a shared topic there is no pair at all
    # Why shared topics count: {them} the provider, {you} the seeker, {topics} the shared ones.
    topics_reason: str = "{them} knows {topics}, which {you} wants to learn"


MENTORING = Weights()
# Informational interviews: the role they want matters most, then the industry.
INTERVIEWS = Weights(
    topics=10, role=40, industry=25, overlap=15, language=10, phase=0, need_topic=False
)
# Project teammates: what a joiner brings that the team lacks, then hours to work together.
TEAMMATES = Weights(
    topics=55,
    role=0,
    industry=0,
    overlap=30,
    language=15,
    phase=0,
    topics_reason="{you} brings {topics}, which {them}'s team still needs",
)


@dataclass(frozen=True)
class Part:
    name: str
    points: int
    reason: str


@dataclass(frozen=True)
class Score:
    total: int
    parts: tuple[Part, ...]

    def explanation(self) -> str:
        """The reasons, best first, as one sentence for an introduction."""
        reasons = [p.reason for p in sorted(self.parts, key=lambda p: -p.points) if p.reason]
        text = "; ".join(reasons)
        return text[:1].upper() + text[1:] + "." if text else ""


NO_MATCH = Score(0, ())


def _waking_window(zone: str, on: date) -> tuple[datetime, datetime]:
    tz = ZoneInfo(zone)
    start = datetime.combine(on, WAKING_START, tz).astimezone(UTC)
    end = datetime.combine(on, WAKING_END, tz).astimezone(UTC)
    return start, end


@lru_cache(maxsize=8192)
def overlap_hours(zone_a: str | None, zone_b: str | None, on: date) -> float | None:
    """Hours a day both are between 08:00 and 22:00 local time; None if a zone is unknown.

    Windows are compared on the day before, of and after `on`, so pairs far apart (whose waking
    hours straddle midnight UTC) are measured correctly, and daylight saving time is respected.
    """
    if not zone_a or not zone_b:
        return None
    best = 0.0
    a_start, a_end = _waking_window(zone_a, on)
    for shift in (-1, 0, 1):
        b_start, b_end = _waking_window(zone_b, on + timedelta(days=shift))
        shared = (min(a_end, b_end) - max(a_start, b_start)).total_seconds() / 3600
        best = max(best, shared)
    return best


def listing(items: Sequence[str], limit: int = 3) -> str:
    shown = list(items)[:limit]
    more = len(items) - len(shown)
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    return ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]


def score(seeker: Person, provider: Person, on: date, weights: Weights = MENTORING) -> Score:
    """How well `provider` fits `seeker`, with the reason for every point."""
    if seeker.id == provider.id:
        return NO_MATCH
    parts: list[Part] = []
    shared = sorted(seeker.topics & provider.topics)
    if weights.need_topic and seeker.topics and not shared:
        return NO_MATCH
    # Reasons name both people, so the same sentence reads right to either of them, or to both.
    them, you = provider.name, seeker.name
    if seeker.topics and shared:
        points = round(weights.topics * len(shared) / len(seeker.topics))
        reason = weights.topics_reason.format(them=them, you=you, topics=listing(shared))
        parts.append(Part("topics", points, reason))
    if seeker.target_role and provider.role == seeker.target_role:
        reason = f"{them} already works as {seeker.target_role}, the role {you} is aiming for"
        parts.append(Part("role", weights.role, reason))
    if seeker.target_industry and provider.industry == seeker.target_industry:
        reason = f"{them} works in {seeker.target_industry.lower()}"
        if seeker.industry and seeker.industry != seeker.target_industry:
            reason += f", where {you} hopes to move from {seeker.industry.lower()}"
        parts.append(Part("industry", weights.industry, reason))
    hours = overlap_hours(seeker.timezone, provider.timezone, on)
    if hours is not None and hours > 0:
        points = round(weights.overlap * min(1.0, hours / weights.full_overlap_hours))
        parts.append(Part("overlap", points, f"their waking hours overlap {hours:.0f} h a day"))
    common = sorted(seeker.languages & provider.languages)
    if common:
        parts.append(Part("language", weights.language, f"both speak {listing(common, 2)}"))
    seeker_phase = PHASE_ORDER.get(seeker.phase or "", -1)
    provider_phase = PHASE_ORDER.get(provider.phase or "", -1)
    if seeker_phase >= 0 and provider_phase > seeker_phase:
        parts.append(Part("phase", weights.phase, ""))
    return Score(sum(p.points for p in parts), tuple(parts))


def assign(
    seekers: Iterable[int] | np.ndarray,
    providers: Iterable[int] | np.ndarray,
    points: Iterable[int] | np.ndarray,
    capacities: Sequence[int] | np.ndarray,
    n_seekers: int,
    min_score: int = 1,
) -> np.ndarray:
    """The pairing with the greatest total score: each seeker at most once, each provider at most
    its capacity, no pair below `min_score`. Candidate pairs come as three parallel arrays.

    Returns, for every seeker index, the provider index it gets, or -1. Exact: it solves the
    min-cost flow source -> seeker -> provider -> sink (OR-Tools), with a free bypass so leaving a
    seeker unpaired is allowed when that is best for the total.
    """
    from ortools.graph.python import min_cost_flow  # heavy: load only when pairing

    rows = np.asarray(seekers, dtype=np.int64)
    cols = np.asarray(providers, dtype=np.int64)
    weights = np.asarray(points, dtype=np.int64)
    caps = np.asarray(capacities, dtype=np.int64)
    keep = weights >= max(1, min_score)
    rows, cols, weights = rows[keep], cols[keep], weights[keep]
    result = np.full(n_seekers, -1, dtype=np.int64)
    if len(rows) == 0 or n_seekers == 0:
        return result
    n_providers = len(caps)
    source, sink = n_seekers + n_providers, n_seekers + n_providers + 1
    seeker_nodes = np.arange(n_seekers, dtype=np.int64)
    provider_nodes = n_seekers + np.arange(n_providers, dtype=np.int64)
    tails = np.concatenate([np.full(n_seekers, source), rows, provider_nodes, [source]])
    heads = np.concatenate([seeker_nodes, n_seekers + cols, np.full(n_providers, sink), [sink]])
    arc_caps = np.concatenate(
        [np.ones(n_seekers + len(rows), dtype=np.int64), caps, [n_seekers]]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(n_seekers, dtype=np.int64), -weights, np.zeros(n_providers + 1, dtype=np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, arc_caps, costs)
    supplies = np.zeros(n_seekers + n_providers + 2, dtype=np.int64)
    supplies[source], supplies[sink] = n_seekers, -n_seekers
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int64), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"pairing could not be solved (min-cost flow status {status})")
    used = flow.flows(arcs[n_seekers : n_seekers + len(rows)]) > 0
    result[rows[used]] = cols[used]
    return result
