"""Every dashboard page for a large community with a year of history, over real HTTP.

python -m bench.dashboard --members 50000 --weeks 52
python -m bench.dashboard --members 50000 --weeks 52 --store postgresql://…
last line: dashboard pages=N p50_ms=A p99_ms=B peak_mb=M

A separate process fills the database first (so the serving process's memory is its own):
`--members` members; a twentieth of them in the weekly check-ins, most checking in each week
for `--weeks` weeks with text that names topics; mentor and interview requests, offers,
proposals and pairings at a steady monthly pace; wins, kudos, listener counts and an outbox
with undelivered messages. Then each page is requested `--rounds` times, signed in, through
the dashboard's own aiohttp app on a loopback port; p50/p99 are over every request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import re
import resource
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from adapters.web import dashboard_app
from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config
from bot.features.dashboard.access import make_link
from bot.features.dashboard.pages import PAGES
from bot.ports import DirectMessage, destination_to_dict
from bot.replies import Reply
from storage import open_store
from storage.sql.base import to_db
from tests.postgres_server import fresh_schema

COMMUNITY = "bench:dashboard"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
TOPICS = ("Python", "PyTorch", "Transformers", "Linear algebra", "SQL", "CNNs", "Clustering")
SECRET = "bench-secret-0123456789-abcdefghijklmnop"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def fill(url: str, members: int, weeks: int, seed: int) -> None:
    """Rows as a year of real use leaves them, written in bulk through storage's connection."""
    rng = random.Random(seed)
    store = await open_store(url)
    t = to_db
    try:
        async with store.unit() as uow:
            conn = uow.connection

            async def bulk(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
                per = max(1, 9000 // len(columns))
                group = "(" + ", ".join("?" * len(columns)) + ")"
                for i in range(0, len(rows), per):
                    part = rows[i : i + per]
                    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join(
                        [group] * len(part)
                    )
                    await conn.execute_fetchall(sql, [v for row in part for v in row])

            await uow.communities.ensure(COMMUNITY, NOW - timedelta(weeks=weeks))
            start = NOW - timedelta(weeks=weeks)
            ids = [f"m{i}" for i in range(members)]
            await bulk(
                "members",
                ("community_id", "member_id", "display_name", "first_seen_at", "last_seen_at"),
                [(COMMUNITY, m, f"Member {m[1:]}", t(start), t(NOW)) for m in ids],
            )
            await bulk(
                "checkin_schedules",
                (
                    "community_id",
                    "channel_id",
                    "weekday",
                    "time_of_day",
                    "timezone",
                    "remind_minutes",
                    "enabled",
                    "updated_at",
                ),
                [(COMMUNITY, "general", 0, "09:00", "Europe/London", 1440, 1, t(start))],
            )
            # Check-ins: a twentieth take part; each checks in most weeks.
            takers = ids[: members // 20]
            this_week = _monday(NOW.date())
            checkins, habits = [], []
            for back in range(weeks):
                week = this_week - timedelta(weeks=back)
                for m in takers:
                    if rng.random() < (0.45 if back == 0 else 0.7):
                        topic = rng.choice(TOPICS)
                        checkins.append(
                            (
                                COMMUNITY,
                                m,
                                week.isoformat(),
                                f"worked through {topic} exercises",
                                rng.choice((15, 30, 45, 60, 90)),
                                rng.choice((None, 0, 1, 1)),
                                "command",
                                t(NOW),
                                t(NOW),
                            )
                        )
            await bulk(
                "checkins",
                (
                    "community_id",
                    "member_id",
                    "week",
                    "learned",
                    "minutes",
                    "kept_goal",
                    "via",
                    "created_at",
                    "updated_at",
                ),
                checkins,
            )
            await bulk(
                "checkin_members",
                (
                    "community_id",
                    "member_id",
                    "streak_current",
                    "streak_longest",
                    "participating",
                    "public",
                    "public_chosen",
                ),
                [
                    (COMMUNITY, m, rng.randint(0, 20), 20, 1, 1, int(rng.random() < 0.3))
                    for m in takers
                ],
            )
            del checkins, habits
            # Mentoring: 400 requests a month; offers from 800 members.
            mentors = ids[-800:]
            await bulk(
                "mentor_offers",
                (
                    "community_id",
                    "member_id",
                    "topics",
                    "capacity",
                    "active",
                    "confirmed_at",
                    "created_at",
                ),
                [
                    (
                        COMMUNITY,
                        m,
                        json.dumps(rng.sample(TOPICS, 2)),
                        rng.randint(1, 3),
                        int(rng.random() < 0.9),
                        t(NOW - timedelta(days=10)),
                        t(start),
                    )
                    for m in mentors
                ],
            )
            await _requests(conn, bulk, rng, ids, mentors, start, weeks, "mentor")
            await _requests(conn, bulk, rng, ids, ids[-1100:-800], start, weeks, "interview")
            await bulk(
                "wins",
                ("community_id", "member_id", "text", "shared", "created_at"),
                [
                    (
                        COMMUNITY,
                        rng.choice(ids),
                        "finished my first Kaggle notebook",
                        int(rng.random() < 0.1),
                        t(start + (NOW - start) * rng.random()),
                    )
                    for _ in range(members // 2)
                ],
            )
            await bulk(
                "encouragement_members",
                ("community_id", "member_id", "listen", "replies", "crisis_replies"),
                [
                    (
                        COMMUNITY,
                        m,
                        int(rng.random() < 0.95),
                        rng.randint(0, 4),
                        int(rng.random() < 0.002),
                    )
                    for m in ids[: members // 5]
                ],
            )
            await bulk(
                "outbox",
                (
                    "community_id",
                    "platform",
                    "key",
                    "destination",
                    "reply",
                    "recipient_id",
                    "status",
                    "attempts",
                    "next_attempt_at",
                    "created_at",
                    "finished_at",
                    "last_error",
                ),
                [
                    (
                        COMMUNITY,
                        "bench",
                        f"k{i}",
                        json.dumps(destination_to_dict(DirectMessage(m))),
                        json.dumps(Reply(text="hi").to_dict()),
                        m,
                        "failed" if i % 60 == 0 else "delivered",
                        1,
                        t(NOW),
                        t(NOW - timedelta(hours=i % 5000)),
                        t(NOW),
                        rng.choice(("dms-closed", "no-permission")) if i % 60 == 0 else None,
                    )
                    for i, m in enumerate(rng.choices(ids, k=members * 4))
                ],
            )
        if url.startswith("postgres"):
            # A live server's autovacuum gathers statistics after big writes; without them
            # the planner guesses one row per table and picks nested loops.
            async with store.unit() as uow:
                await uow.connection.execute_fetchall("ANALYZE")
    finally:
        await store.close()


async def _requests(conn, bulk, rng, ids, providers, start, weeks, kind) -> None:
    """A steady flow of requests; most asked, many accepted, some met and ended well."""
    months = max(1, weeks * 7 // 30)
    requests, asks, matches = [], [], []
    count = months * (400 if kind == "mentor" else 200)
    for i in range(count):
        created = start + (NOW - start) * (i / count)
        age = NOW - created
        status = "open" if age < timedelta(days=21) and rng.random() < 0.5 else "matched"
        requests.append((i + 1, created, status, rng.choice(ids)))
    if kind == "mentor":
        await bulk(
            "mentor_requests",
            ("id", "community_id", "member_id", "topics", "goal", "status", "created_at"),
            [
                (
                    rid,
                    COMMUNITY,
                    m,
                    json.dumps([rng.choice(TOPICS)]),
                    "grow as an ML engineer",
                    st,
                    to_db(at),
                )
                for rid, at, st, m in requests
            ],
        )
    else:
        await bulk(
            "interview_requests",
            (
                "id",
                "community_id",
                "member_id",
                "target_role",
                "target_industry",
                "goal",
                "status",
                "created_at",
            ),
            [
                (
                    rid,
                    COMMUNITY,
                    m,
                    rng.choice(("ML engineer", "Data scientist", "Robotics lead")),
                    "Finance",
                    "learn the day to day",
                    st,
                    to_db(at),
                )
                for rid, at, st, m in requests
            ],
        )
    for rid, at, st, m in requests:
        if st == "matched":
            provider = rng.choice(providers)
            decided = at + timedelta(days=rng.randint(1, 10))
            asks.append((rid, m, provider, decided, at))
            if rng.random() < 0.8:
                matches.append((rid, m, provider, decided))
    if kind == "mentor":
        await bulk(
            "mentor_proposals",
            (
                "community_id",
                "request_id",
                "mentee_id",
                "mentor_id",
                "score",
                "explanation",
                "status",
                "created_at",
                "expires_at",
                "decided_at",
            ),
            [
                (COMMUNITY, rid, m, p, 50, "fit", "accepted", to_db(at), to_db(at), to_db(d))
                for rid, m, p, d, at in asks
            ],
        )
        await bulk(
            "mentorships",
            (
                "community_id",
                "mentee_id",
                "mentor_id",
                "request_id",
                "explanation",
                "status",
                "met",
                "started_at",
                "ended_at",
                "end_reason",
                "rating",
            ),
            [
                (
                    COMMUNITY,
                    m,
                    p,
                    rid,
                    "fit",
                    "ended" if i % 2 else "active",
                    "yes" if i % 3 else "unknown",
                    to_db(d),
                    to_db(d) if i % 2 else None,
                    "ended" if i % 2 else None,
                    5 if i % 2 else None,
                )
                for i, (rid, m, p, d) in enumerate(matches)
            ],
        )
    else:
        await bulk(
            "interview_offers",
            ("community_id", "member_id", "role", "industry", "per_month", "created_at"),
            [(COMMUNITY, p, "ML engineer", "Finance", 2, to_db(NOW)) for p in providers],
        )
        await bulk(
            "interview_pairings",
            (
                "community_id",
                "request_id",
                "requester_id",
                "volunteer_id",
                "score",
                "explanation",
                "status",
                "created_at",
                "expires_at",
                "decided_at",
                "happened",
                "helpful",
            ),
            [
                (
                    COMMUNITY,
                    rid,
                    m,
                    p,
                    50,
                    "fit",
                    "done",
                    to_db(at),
                    to_db(at),
                    to_db(d),
                    int(rng.random() < 0.7),
                    int(rng.random() < 0.6),
                )
                for rid, m, p, d, at in asks
            ],
        )


def _fill_in_process(url: str, members: int, weeks: int, seed: int) -> None:
    asyncio.run(fill(url, members, weeks, seed))


async def measure(url: str, rounds: int) -> list[tuple[str, float]]:
    store = await open_store(url)
    app = build_app(Config(), store, ManualClock(NOW), {}, dashboard_url="http://127.0.0.1")
    client = TestClient(TestServer(dashboard_app(app.runtime, SECRET, "http://127.0.0.1")))
    await client.start_server()
    timings = []
    try:
        async with store.unit() as uow:
            link = await make_link(uow, "http://127.0.0.1", COMMUNITY, "m1", NOW)
        token = link.url.partition("token=")[2]
        signed = await client.post("/sign-in", data={"token": token}, allow_redirects=False)
        assert signed.status == 303, signed.status
        for slug in [p.slug for p in PAGES]:  # once each first: caches and query plans warm
            assert (await client.get(f"/c/{COMMUNITY}/{slug}")).status == 200
        for _ in range(rounds):
            for slug in [p.slug for p in PAGES]:
                began = time.perf_counter()
                response = await client.get(f"/c/{COMMUNITY}/{slug}")
                body = await response.text()
                timings.append((slug, (time.perf_counter() - began) * 1000))
                assert response.status == 200 and re.search("<h1>", body)
    finally:
        await client.close()
        await app.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store", metavar="URL", help="a PostgreSQL server (default: SQLite)")
    parser.add_argument("--keep", metavar="PATH", help="keep the SQLite database here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="liftup-dashboard-") as folder:
        if args.store:
            url = asyncio.run(fresh_schema(args.store))
        else:
            url = f"sqlite:///{Path(args.keep or Path(folder) / 'bench.db')}"
        began = time.perf_counter()
        filler = multiprocessing.get_context("spawn").Process(
            target=_fill_in_process, args=(url, args.members, args.weeks, args.seed)
        )
        filler.start()
        filler.join()
        if filler.exitcode != 0:
            raise SystemExit("filling the database failed")
        print(f"filled in {time.perf_counter() - began:.1f} s")
        timings = asyncio.run(measure(url, args.rounds))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for slug in [p.slug for p in PAGES]:
        mine = sorted(ms for s, ms in timings if s == slug)
        print(f"  {slug}: p50 {statistics.median(mine):.1f} ms, max {mine[-1]:.1f} ms")
    every = sorted(ms for _, ms in timings)
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))]
    print(
        f"dashboard pages={len(PAGES)} p50_ms={statistics.median(every):.1f} "
        f"p99_ms={p99:.1f} peak_mb={peak_mb:.0f}"
    )


if __name__ == "__main__":
    main()
