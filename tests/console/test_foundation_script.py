"""The foundation as a member meets it in the console: profiles, mistakes, privacy."""

from __future__ import annotations

import sqlite3

from tests.fakes import rows_mentioning

SCRIPT = """
/as Priya
/profile set timezone:Europe/Berlin phase:projects topics_known:"python, linear algebra"
/profile set role:"Data analyst" target_role:"ML engineer" bio:"Data analyst learning ML"
/profile show
/profile set timezone:Mars/Base
/profile set bio:"{long_bio}"
/profile show
/as Sam
/profile set phase:learning
/profile show priya
/as Priya
/privacy pause duration:3w
/profile show
/privacy resume
/privacy export
/privacy delete
/as Sam
/click delete
/as Priya
/click 1
"""


async def test_profiles_mistakes_and_privacy(run_script):
    result = await run_script(SCRIPT.replace("{long_bio}", "I love ML. " * 30))
    assert result.code == 0, result.text

    saved = result.after(
        '/profile set role:"Data analyst" target_role:"ML engineer" bio:"Data analyst learning ML"'
    )
    assert "reply to Priya (only they can see it)" in saved
    assert "Time zone: Europe/Berlin" in saved  # earlier values kept
    assert "Knows: Python, Linear algebra" in saved
    assert "Now: Data analyst in —" in saved and "Heading for: ML engineer in —" in saved

    bad_zone = result.after("/profile set timezone:Mars/Base")
    assert 'timezone: "Mars/Base" is not a time zone; try' in bad_zone
    assert "Nothing was changed" in bad_zone
    long_bio = [line for line in result.lines if "bio: that is" in line]
    assert long_bio and "please keep it to 300 or fewer" in long_bio[0]

    unchanged = result.after("/profile show", occurrence=1)
    assert "Time zone: Europe/Berlin" in unchanged
    assert "Bio: Data analyst learning ML" in unchanged

    public = result.after("/profile show priya")
    assert "Priya's profile" in public and "Knows: Python, Linear algebra" in public
    assert "Time zone" not in public  # where someone lives is theirs alone

    paused = result.after("/privacy pause duration:3w")
    # Times are told in the member's own zone: 09:00 UTC is 10:00 in Berlin in December.
    assert "Paused until Mon 14 Dec 2026, 10:00 (Europe/Berlin), 3w from now." in paused
    assert "Paused: until Mon 14 Dec 2026, 10:00 (Europe/Berlin)" in result.after(
        "/profile show", occurrence=2
    )
    assert "Welcome back" in result.after("/privacy resume")

    export = result.after("/privacy export")
    assert "liftup-export.json" in export
    assert '"bio": "Data analyst learning ML"' in export
    assert '"member": "priya"' in export

    ask = result.after("/privacy delete")
    assert "can't be undone" in ask and "[1] Yes, delete my data  [2] Keep my data" in ask
    assert "Only the member who asked can answer this" in result.after("/click delete")
    assert "erased everything I held about you" in result.after("/click 1")

    db = sqlite3.connect(result.db)
    try:
        members = [r[0] for r in db.execute("SELECT member_id FROM members")]
        profiles = [r[0] for r in db.execute("SELECT member_id FROM profiles")]
    finally:
        db.close()
    assert members == ["sam"] and profiles == ["sam"]


async def test_nothing_of_a_deleted_member_remains(run_script, tmp_path):
    result = await run_script(
        """
/as you admin
/admin set key:admin_channel value:#mods
/as Zoë
/profile set bio:"Zoë here" timezone:Europe/Paris
/dms off
/privacy pause duration:1d
/advance 1d
/privacy delete
/click 1
"""
    )
    assert result.code == 0, result.text
    assert "#mods" in result.text and "@Zoë by direct message" in result.text
    from storage.sqlite import SqliteStore

    store = await SqliteStore.open(str(result.db))
    try:
        assert await rows_mentioning(store, "zoë", "Zoë") == []
    finally:
        await store.close()


async def test_parse_failures_fail_the_script_but_the_rest_runs(run_script):
    result = await run_script(
        """
/profile fly
/profile set timezone:"Europe/Berlin
/profile set colour:blue
/privacy
/topics
"""
    )
    assert result.code == 1
    assert "I don't know /profile fly" not in result.text
    assert "/profile needs a subcommand: set, show." in result.text
    assert "no closing quotation" in result.text
    assert "/profile set has no option 'colour'" in result.text
    assert "/privacy needs a subcommand: delete, export, pause, resume." in result.text
    assert "Topics" in result.after("/topics")  # later lines still ran
    assert result.lines[-1] == "· 4 lines could not be run."


async def test_admin_commands_and_member_limits(run_script):
    result = await run_script(
        """
/as Sam
/admin settings
/as you
/admin set key:extra_topics value:"AI ethics, Graph neural networks"
/admin set key:roles value:"ML engineer, Prompt engineer"
/admin set key:colour value:blue
/admin settings
/as Sam
/profile set topics_learning:"ai ethics" role:"prompt engineer"
/profile set role:"Data scientist"
/help
"""
    )
    assert result.code == 0, result.text
    assert "Only the community's admins can use /admin settings" in result.text
    assert '"colour" is not a setting' in result.after("/admin set key:colour value:blue")
    settings = result.after("/admin settings")
    assert "extra_topics:" in settings and "AI ethics, Graph neural networks" in settings
    mine = result.after('/profile set topics_learning:"ai ethics" role:"prompt engineer"')
    assert "Learning: AI ethics" in mine and "Now: Prompt engineer" in mine
    assert '"Data scientist" is not an option here' in result.after(
        '/profile set role:"Data scientist"'
    )
    help_text = result.after("/help")
    assert "/profile set" in help_text and "/admin" not in help_text  # Sam is no admin


async def test_two_communities_share_a_database_without_mixing(run_script):
    first = await run_script('/as Ada\n/profile set bio:"Hello from A"', community="alpha")
    second = await run_script("/as Ada\n/profile show", community="beta")
    assert first.code == second.code == 0
    assert "You have no profile yet" in second.after("/profile show")


async def test_help_tells_members_which_commands_are_for_admins(run_script):
    result = await run_script('/as Sam\n/help command:"admin set"\n/help command:"fly away"')
    assert "/admin set is for the community's admins." in result.text
    assert "There's no command called /fly away" in result.text
