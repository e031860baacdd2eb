"""Exact matching at scale: a random community scored from profile features.

python -m bench.matching --mentees 50000 --mentors 10000 --seed 1
python -m bench.matching --kind interviews --seekers 50000 --providers 10000 --seed 1
last line: matching mentees=N mentors=M seconds=S peak_mb=P total_score=T greedy_score=G
(seconds and peak_mb cover the assignment; peak_mb is the process's peak resident memory.)

python -m bench.matching --end-to-end --mentees 50000 --mentors 10000 --seed 1 [--arrivals 1000]
python -m bench.matching --kind teammates --seekers 50000 --providers 10000 [--arrivals 1000]
line: matching-round mentees=N mentors=M seconds=S load_s=L candidates_s=C solve_s=V
write_s=W proposals=P servable=F peak_mb=M (one line; for teammates `kind=teammates
seekers=N providers=M` names the sides: members asking to join, and project leads)
last line with --arrivals: matching-arrival n=N p50_ms=A p99_ms=B

python -m bench.matching --kind buddies --members 20000 --seed 1: see bench/buddies.py
The real path: a fresh SQLite store is filled with the community (not timed), then one round
runs through the consent-first engine as the tick runs it (thinking off the write lock), from
reading the store to proposals and their DMs written. `servable` bounds how many requests any
round could serve: those with a fitting mentor, capped by every mentor's room. Then each
arrival is one request made and asked of its best free mentor, in its own transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from bot.matching import (
    INTERVIEWS,
    MENTORING,
    Person,
    Weights,
    assign,
    score,
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


def greedy_assign(
    seekers: np.ndarray,
    providers: np.ndarray,
    points: np.ndarray,
    capacities: Sequence[int] | np.ndarray,
    n_seekers: int,
    min_score: int = 1,
) -> np.ndarray:
    """Best pair first, the way simple matchers do it: a yardstick for `assign`, not for use."""
    remaining = np.asarray(capacities, dtype=np.int64).copy()
    result = np.full(n_seekers, -1, dtype=np.int64)
    for index in np.argsort(-np.asarray(points), kind="stable"):
        seeker, provider = seekers[index], providers[index]
        if points[index] >= min_score and result[seeker] < 0 and remaining[provider] > 0:
            result[seeker] = provider
            remaining[provider] -= 1
    return result


def total_score(
    result: np.ndarray, seekers: np.ndarray, providers: np.ndarray, points: np.ndarray
) -> int:
    chosen = result[seekers] == providers
    return int(np.asarray(points)[chosen].sum())


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


async def end_to_end(
    mentees: int, mentors: int, seed: int, arrivals: int, kind: str = "mentoring"
) -> list[str]:
    """Fill a store with a generated community, time one round through the engine (the tick's
    round, off the write lock), then, when asked, time requests arriving one by one. `kind`:
    mentoring (mentees ask mentors) or teammates (members ask project leads, each project
    looking for the skills its lead lacks)."""
    from bot.bootstrap.app import build_app
    from bot.clock import ManualClock
    from bot.config import Config
    from bot.features.proposals import match_soon
    from bot.features.proposals.rounds import round_outside_lock
    from bot.fit_table import FitTable, ProviderSide
    from storage import open_store

    market, weights, minimum, fill, arrive = _kind(kind)
    community, now = "bench:round", datetime(2026, 11, 23, 12, tzinfo=UTC)
    rnd = random.Random(seed)
    seekers = [person(rnd, i, mentor=False) for i in range(mentees)]
    providers = [person(rnd, i, mentor=True) for i in range(mentors)]
    newcomers = [person(rnd, mentees + i, mentor=False) for i in range(arrivals)]
    capacities = [rnd.randint(1, 9 if kind == "mentoring" else 5) for _ in providers]
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'round.db'}"
        started = time.perf_counter()
        store = await open_store(url)
        try:
            async with store.unit() as uow:
                await uow.communities.ensure(community, now)
                await _fill(uow, community, [*seekers, *providers, *newcomers], now)
                await fill(uow, community, seekers, providers, capacities, now)
        finally:
            await store.close()  # closing folds the write-ahead log into the file: untimed
        lines.append(f"filled the store in {time.perf_counter() - started:.1f} s")
        store = await open_store(url)
        app = build_app(Config(), store, ManualClock(now), {})
        try:
            timings: dict[str, float] = {}
            started = time.perf_counter()
            asked = await round_outside_lock(market, app.runtime, community, now, timings=timings)
            seconds = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            arrival_ms = []
            async with store.unit(read_only=True) as uow:
                settings = await app.runtime.settings_for(uow, community)
            for who in newcomers:
                started = time.perf_counter()
                async with store.unit() as uow:
                    created = await arrive(uow, community, who, now)
                    await match_soon(market, uow, community, settings, now, created)
                arrival_ms.append((time.perf_counter() - started) * 1000)
        finally:
            await app.close()
    table = FitTable(seekers, ProviderSide(providers, now.date(), weights))
    servable = _most_servable(table, capacities, minimum(settings))
    sides = (
        f"mentees={mentees} mentors={mentors}"
        if kind == "mentoring"
        else f"kind={kind} seekers={mentees} providers={mentors}"
    )
    lines.append(
        f"matching-round {sides} seconds={seconds:.2f} "
        f"load_s={timings.get('load', 0):.2f} candidates_s={timings.get('candidates', 0):.2f} "
        f"solve_s={timings.get('solve', 0):.2f} write_s={timings.get('write', 0):.2f} "
        f"proposals={len(asked)} servable={servable} peak_mb={peak_mb:.0f}"
    )
    if arrival_ms:
        p50, p99 = np.percentile(arrival_ms, [50, 99])
        lines.append(f"matching-arrival n={arrivals} p50_ms={p50:.1f} p99_ms={p99:.1f}")
    return lines


def _kind(kind: str):
    """The market, its weights, its minimum fit, how to fill the store and how a newcomer
    asks, for one kind of round."""
    if kind == "teammates":
        from bot.features.projects.market import MARKET as TEAMS
        from bot.features.projects.market import MINIMUM_FIT
        from bot.features.projects.model import ProjectSize
        from bot.matching import TEAMMATES

        async def fill_teams(uow, community, seekers, providers, capacities, now) -> None:
            for who, capacity in zip(providers, capacities, strict=True):
                # Each lead's project looks for the skills this generated person stands for.
                await uow.projects.add_project(
                    community,
                    who.id,
                    f"Project of {who.name}",
                    "A concrete problem",
                    ProjectSize.MONTH,
                    (),
                    tuple(sorted(who.topics)),
                    capacity,
                    False,
                    now,
                )
            for who in seekers:
                await uow.projects.add_request(
                    community, who.id, "Keen to build", tuple(sorted(who.topics)), None, now
                )

        async def ask_to_join(uow, community, who, now):
            topics = tuple(sorted(who.topics))
            return await uow.projects.add_request(community, who.id, "Keen", topics, None, now)

        return TEAMS, TEAMMATES, lambda settings: MINIMUM_FIT, fill_teams, ask_to_join

    from bot.features.mentoring.market import MARKET as MENTORS
    from bot.features.mentoring.model import MentorOffer

    async def fill_mentoring(uow, community, seekers, providers, capacities, now) -> None:
        for who, capacity in zip(providers, capacities, strict=True):
            await uow.mentoring.save_offer(
                MentorOffer(community, who.id, tuple(sorted(who.topics)), capacity, now)
            )
        for who in seekers:
            await uow.mentoring.add_request(community, who.id, *_wish(who), now)

    async def ask_for_mentor(uow, community, who, now):
        return await uow.mentoring.add_request(community, who.id, *_wish(who), now)

    minimum = lambda settings: settings["mentoring_min_score"]  # noqa: E731
    return MENTORS, MENTORING, minimum, fill_mentoring, ask_for_mentor


def _wish(who: Person) -> tuple[tuple[str, ...], str]:
    return tuple(sorted(who.topics)), "Grow from the basics to a first shipped model"


async def _fill(uow, community: str, people: list[Person], now: datetime) -> None:
    from bot.models import Phase, Profile

    for who in people:
        await uow.members.upsert(community, who.id, who.name, now)
        await uow.profiles.save(
            Profile(
                community,
                who.id,
                timezone=who.timezone,
                phase=Phase(who.phase) if who.phase else None,
                role=who.role,
                industry=who.industry,
                target_role=who.target_role,
                target_industry=who.target_industry,
                languages=tuple(sorted(who.languages)),
                updated_at=now,
            )
        )


def _most_servable(table, capacities: list[int], minimum: int) -> int:
    """An upper bound on how many requests any round could serve at once: no more than have a
    fitting mentor, and no mentor takes more than their room or than the mentees who fit them.
    A round that serves this many has served everyone it possibly could."""
    n = len(table.seeker_ids)
    has_fit = np.zeros(n, dtype=bool)
    fans = np.zeros(len(capacities), dtype=np.int64)
    for start in range(0, n, 1024):
        fits = table.rows(start, min(start + 1024, n), ())[0] >= minimum
        has_fit[start : start + 1024] = fits.any(axis=1)
        fans += fits.sum(axis=0)
    return int(min(has_fit.sum(), np.minimum(fans, capacities).sum()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kind",
        choices=("mentoring", "interviews", "teammates", "buddies"),
        default="mentoring",
        help="teammates runs through the engine end to end (its round exists only there); "
        "buddies opens one study buddies round through the store",
    )
    parser.add_argument("--members", type=int, default=20_000, help="buddies: members taking part")
    parser.add_argument("--group-size", type=int, choices=(2, 3), default=2, help="buddies")
    parser.add_argument("--mentees", "--seekers", dest="mentees", type=int, default=50_000)
    parser.add_argument("--mentors", "--providers", dest="mentors", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top-k", type=int, default=20)
    parser.add_argument("--min-score", type=int, default=30)
    parser.add_argument(
        "--end-to-end", action="store_true", help="one real round through a populated store"
    )
    parser.add_argument(
        "--arrivals", type=int, default=0, help="with --end-to-end: then time N arriving requests"
    )
    args = parser.parse_args()
    if args.kind == "buddies":
        from bench.buddies import round_at_scale

        print("\n".join(asyncio.run(round_at_scale(args.members, args.seed, args.group_size))))
        return
    if args.end_to_end or args.kind == "teammates":
        kind = "teammates" if args.kind == "teammates" else "mentoring"
        lines = asyncio.run(end_to_end(args.mentees, args.mentors, args.seed, args.arrivals, kind))
        print("\n".join(lines))
        return
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
