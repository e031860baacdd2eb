"""An organiser erases everything liftup keeps for their community (issue 21: the choice to
keep or erase a community's data, offered on install and again on a reinstall)."""

from __future__ import annotations

from storage.sqlite import SqliteStore
from tests.fakes import table_rows

LIVELY_COMMUNITY = """
/admin set key:admin_channel value:#mods
/as Sam
/profile set timezone:Europe/London phase:job-search role:"ML engineer" industry:Healthcare
/mentor offer topics:"pytorch, nlp" capacity:2
/as Priya
/profile set timezone:Europe/London phase:learning target_role:"ML engineer" bio:"Learning NLP"
/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"
/checkin learned:"tokenizers" minutes:45
/win text:"Shipped my first model card"
"""


async def rows_of(db, community: str) -> dict[str, int]:
    store = await SqliteStore.open(str(db))
    try:
        tables = await table_rows(store)
    finally:
        await store.close()
    counted = {table: sum(community in row for row in rows) for table, rows in tables.items()}
    return {table: n for table, n in counted.items() if n}


async def test_erasing_needs_the_word_and_then_leaves_an_empty_community(run_script):
    unsure = await run_script(LIVELY_COMMUNITY + "/as Ada admin\n/admin erase-community\n")
    assert "can't be undone" in unsure.after("/admin erase-community")
    before = await rows_of(unsure.db, "console:local")
    assert {"members", "profiles", "mentor_offers", "mentor_requests"} <= set(before)

    done = await run_script("/admin erase-community confirm:erase\n/profile show\n")
    assert "everything liftup kept for this community is erased" in done.after(
        "/admin erase-community confirm:erase"
    )
    # Nothing of the community is left but the community itself and who ran the last command.
    after = await rows_of(done.db, "console:local")
    assert set(after) <= {"communities", "members", "idempotency"}, after
    assert "Learning NLP" not in done.after("/profile show")
