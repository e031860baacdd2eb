"""Part of issue 14 (item 8): /privacy export holds every stored field about the member. One
member uses every feature; then every table is scanned for rows about her, and each value in
those rows must be in her export, so a column added later can't be left out unnoticed."""

from __future__ import annotations

import json
import re
import sqlite3

from storage.sqlite import SqliteStore

SCRIPT = """
/admin set key:moderator_channel value:#mods
/admin set key:wins_channel value:#wins
/admin encouragement channels:"#general" mode:dm cooldown:24h
/admin checkins setup channel:#checkins weekday:monday time:09:00 timezone:Europe/London
/as Sam
/profile set timezone:Europe/London phase:job-search role:"ML engineer" industry:Healthcare
/mentor offer topics:"pytorch, nlp" capacity:2
/interview offer
/as Priya
/profile set timezone:Asia/Kolkata phase:learning role:"Data analyst" bio:"Analyst turning to ML"
/profile set target_role:"ML engineer" target_industry:Healthcare
/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"
/interview request goal:"Hear how a hospital ML team ships models" target_role:"ML engineer"
/checkin learned:"attention masks" minutes:95 next:"ten minutes of algebra" blocker:"short evenings"
/win text:"Got my first PR merged at work" share:yes
/kudos member:sam message:"Thanks for the patient code review"
I feel like such a fraud at my new ML job
/as Sam
/click accept
/kudos member:priya message:"Your notebook on attention helped me a lot"
/as Priya
/privacy pause duration:1w
"""

# Columns that say where a row sits, not what it holds about her.
STRUCTURAL = {"community_id", "platform", "id", "key"}


async def test_the_export_holds_every_stored_value_about_the_member(run_script):
    result = await run_script(SCRIPT)
    assert result.code == 0, result.text
    store = await SqliteStore.open(str(result.db))
    try:
        async with store.unit(read_only=True) as uow:
            exported = {
                name: await repo.export_member("console:local", "priya")
                for name, repo in uow.member_data().items()
            }
    finally:
        await store.close()
    export_text = json.dumps(exported, ensure_ascii=False, default=str)

    about_her = re.compile(r"(?<!\w)priya(?!\w)")
    missing = []
    with sqlite3.connect(result.db) as db:
        db.row_factory = sqlite3.Row
        tables = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("sqlite_", "schema_"))
        ]
        for table in tables:
            for row in db.execute(f"SELECT * FROM {table}"):
                if not any(about_her.search(str(v)) for v in row):
                    continue
                for column in row.keys():  # noqa: SIM118 - a sqlite3.Row iterates its values
                    value = row[column]
                    if column in STRUCTURAL or value is None or str(value) in ("", "0", "1"):
                        continue
                    if str(value) not in export_text and not _json_parts_in(value, export_text):
                        missing.append(f"{table}.{column}={str(value)[:60]}")
    assert not missing, "not in /privacy export: " + "; ".join(missing)


def _json_parts_in(value: object, export_text: str) -> bool:
    """A JSON column (a message's text, a topic list) counts when its leaves are exported."""
    try:
        parsed = json.loads(str(value))
    except ValueError:
        return False
    leaves: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif node not in (None, "", True, False):
            leaves.append(str(node))

    walk(parsed)
    return bool(leaves) and all(leaf in export_text for leaf in leaves)
