"""Study buddies at scale: one real round for a large community, through the store.

python -m bench.matching --kind buddies --members 20000 --seed 1 [--group-size 3]
last line: buddies members=N seconds=S peak_mb=M total_score=T greedy_score=G

A fresh SQLite store is filled with the community (not timed): members, profiles, everyone
taking part, and last round's groups so the round must avoid repeats. Then the tick's job opens
the round: it reads who takes part, groups them outside any transaction, writes the groups and
queues every introduction. `seconds` is that whole job; `total_score` adds up the fit of every
pair in every group as recorded; `greedy_score` is the same for the usual way simple pairing
bots do it, best pair first on the same candidates, on the same members.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as clock_time
from itertools import combinations
from pathlib import Path

import numpy as np

from bench.matching import _fill, person
from bot.features.buddies.fit import peer_score
from bot.features.buddies.grouping import Grouping
from bot.features.buddies.plan import total_fit
from bot.matching import Person


def greedy_groups(people: list[Person], on, met, size: int) -> list[tuple[int, ...]]:
    """Best pair first over the same candidates, the rest paired in order, an odd one out (or
    threes' third members) added in order: a yardstick, not for use."""
    grouping = Grouping(people, on, met, frozenset())
    a, b, weights = grouping.edges()
    taken: set[int] = set()
    pairs: list[tuple[int, ...]] = []
    for k in np.argsort(-weights, kind="stable"):
        if a[k] not in taken and b[k] not in taken:
            taken |= {int(a[k]), int(b[k])}
            pairs.append((int(a[k]), int(b[k])))
    rest = [i for i in range(len(people)) if i not in taken]
    pairs += [tuple(rest[i : i + 2]) for i in range(0, len(rest) - 1, 2)]
    leftover = [rest[-1]] if len(rest) % 2 else []
    if size == 3:
        threes = len(people) // 3
        pairs.sort(key=lambda p: -grouping.fit(p))
        cores, split = pairs[:threes], pairs[threes:]
        leftover += [i for pair in split for i in pair]
        groups = [list(core) for core in cores]
        for k, single in enumerate(leftover):
            groups[k % len(groups)].append(single)
        return [tuple(g) for g in groups]
    if leftover:
        pairs[-1] = (*pairs[-1], leftover[0])
    return pairs


async def round_at_scale(members: int, seed: int, size: int) -> list[str]:
    from bot.bootstrap.app import build_app
    from bot.clock import ManualClock
    from bot.config import Config
    from bot.features.buddies.model import Buddy, BuddySchedule, Cadence, Round
    from bot.features.buddies.rounds import open_rounds
    from storage import open_store

    community = "bench:buddies"
    opens = datetime(2026, 11, 23, 9, tzinfo=UTC)  # a Monday
    rnd = random.Random(seed)
    people = [person(rnd, i, mentor=False) for i in range(members)]
    schedule = BuddySchedule(
        community, "C-buddies", Cadence.WEEKLY, 0, clock_time(9), "UTC", size
    ).starting_from(opens)
    before = opens.date().replace(day=16)
    # Last round: everyone in order, so this round has repeats to steer clear of.
    last = [tuple(p.id for p in people[i : i + 2]) for i in range(0, members - 1, 2)]
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'buddies.db'}"
        started = time.perf_counter()
        store = await open_store(url)
        try:
            async with store.unit() as uow:
                await uow.communities.ensure(community, opens)
                await _fill(uow, community, people, opens)
                for who in people:
                    await uow.buddies.save_buddy(
                        Buddy(community, who.id, opens, tuple(sorted(who.topics)))
                    )
                await uow.buddies.save_schedule(schedule, opens)
                previous = Round(0, community, before, opens, opens, opens, asked_at=opens)
                round_id = await uow.buddies.open_round(previous)
                await uow.buddies.add_groups(community, round_id, [(g, 0, "") for g in last])
        finally:
            await store.close()
        lines.append(f"filled the store in {time.perf_counter() - started:.1f} s")
        store = await open_store(url)
        app = build_app(Config(), store, ManualClock(opens), {})
        try:
            async with store.unit(read_only=True) as uow:
                met = await uow.buddies.met_lately(community, 6)
            started = time.perf_counter()
            opened = await open_rounds(app.runtime, opens)
            seconds = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            async with store.unit(read_only=True) as uow:
                [made] = await uow.buddies.rounds(community, 1)
                groups = await uow.buddies.groups(made.id)
        finally:
            await app.close()
    assert opened == 1 and made.day == opens.date()
    total = sum(g.score for g in groups)
    by_id = {p.id: p for p in people}
    placed = sorted(m for g in groups for m in g.member_ids)
    repeats = sum(
        1 for g in groups for pair in combinations(g.member_ids, 2) if frozenset(pair) in met
    )
    # The fit recorded is the fit of each pair in each group, as peer_score defines it.
    sample = groups[: min(50, len(groups))]
    assert all(
        g.score
        == sum(
            peer_score(by_id[a], by_id[b], made.day).total for a, b in combinations(g.member_ids, 2)
        )
        for g in sample
    )
    greedy = greedy_groups(people, made.day, met, size)
    greedy_total = total_fit(people, made.day, greedy)
    lines.append(
        f"groups={len(groups)} sizes={sorted({len(g.members) for g in groups})} "
        f"placed={len(placed)} of {members} once each={len(set(placed)) == len(placed)} "
        f"repeats_of_last_round={repeats}"
    )
    lines.append(
        f"buddies members={members} seconds={seconds:.2f} peak_mb={peak_mb:.0f} "
        f"total_score={total} greedy_score={greedy_total}"
    )
    return lines
