"""`liftup migrate --from --to`: a community moves from SQLite to PostgreSQL whole, ids and all."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.bootstrap.app import build_app
from bot.config import Config
from bot.features.proposals.model import RequestStatus
from storage import open_store
from storage.transfer import NOT_COPIED, TransferError, copy_communities
from tests.driver import C, Club
from tests.fakes import FakeMessenger, fixed_clock, table_rows
from tests.postgres_server import fresh_schema

GOAL = "Move from analytics into ML engineering within a year"


def fast_config() -> Config:
    config = Config()
    return replace(config, outbox=replace(config.outbox, rate_per_second=1000.0))


async def rows_of(store, community: str) -> dict[str, set[tuple]]:
    """Every row that belongs to `community`, by table (what the copy leaves out, send pacing
    and installs' one-time states, belongs to no community)."""
    layout = dict(await store.layout())
    rows = await table_rows(store)
    found = {}
    for table, columns in layout.items():
        if table in NOT_COPIED:
            continue
        scope = columns.index("id" if table == "communities" else "community_id")
        found[table] = {tuple(row) for row in rows[table] if row[scope] == community}
    return found


@pytest.fixture
async def stores(tmp_path, postgres_server):
    source = await open_store(f"sqlite:///{tmp_path / 'old.db'}")
    target = await open_store(await fresh_schema(postgres_server))
    yield source, target
    await source.close()
    await target.close()


async def test_a_community_moves_whole_and_its_buttons_still_work(stores):
    source, target = stores
    clock, messenger = fixed_clock(), FakeMessenger()
    club = Club(build_app(fast_config(), source, clock, {"test": messenger}), messenger, clock)
    sam = await club.mentor("Sam", "pytorch", role="ML engineer")
    priya = await club.member("Priya", target_role="ML engineer")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    await club.run(priya, "win", text="Trained my first classifier")
    await club.run(sam, "kudos", member="priya", message="Lovely work on the classifier")
    accept = club.last_button("sam", "mentor-accept")  # asked on the old database

    report = await copy_communities(source, target)

    assert report.communities == [C] and report.rows["mentor_proposals"] == 1
    before, after = await rows_of(source, C), await rows_of(target, C)
    assert after == before and sum(len(rows) for rows in after.values()) > 10
    # Sam answers the question sent before the move: the new database knows it by its id, and
    # the mentorship it creates takes a fresh id rather than clashing with a copied one.
    moved = FakeMessenger()
    club = Club(build_app(fast_config(), target, clock, {"test": moved}), moved, clock)
    reply = await club.click(sam, "mentor-accept", accept.payload)
    assert "introduc" in reply.text.lower(), reply.text
    assert [s.kind for s in moved.sent] == ["private"]
    # A new request gets a new id past the copied ones (an identity left at 1 would clash).
    again = await club.run(priya, "mentor request", topics="nlp", goal=GOAL)
    assert again.text.startswith("Got it"), again.text
    async with target.unit(read_only=True) as uow:
        requests = await uow.mentoring.requests(C, (RequestStatus.OPEN,))
    assert [r.topics for r in requests] == [("NLP",)]


async def test_a_copy_never_lands_twice_or_half(stores):
    source, target = stores
    clock, messenger = fixed_clock(), FakeMessenger()
    club = Club(build_app(fast_config(), source, clock, {"test": messenger}), messenger, clock)
    await club.member("Priya")
    await copy_communities(source, target, [C])
    before = await rows_of(target, C)
    with pytest.raises(TransferError, match="already holds community"):
        await copy_communities(source, target, [C])
    with pytest.raises(TransferError, match="no community 'test:nowhere'"):
        await copy_communities(source, target, ["test:nowhere"])
    assert await rows_of(target, C) == before
