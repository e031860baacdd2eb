"""Part of issue 16: a schedule changed mid-week keeps one thread and one summary per week, and
stats, streaks and history stay continuous."""

from __future__ import annotations

SETUP = "/admin checkins setup channel:#learning weekday:monday time:10:00 timezone:Europe/London"

TO_WEDNESDAY = f"""
{SETUP}
/advance 2h
/as Priya
/checkin learned:"Notes on CNNs" minutes:61
/advance 1d
/as Ada admin
/admin checkins setup weekday:wednesday time:18:00
/advance 9d
/as Priya
/checkin learned:"RNNs and why they forget" minutes:30
/checkins history
/as Ada admin
/admin checkins stats weeks:3
/admin checkins setup enabled:no
"""


async def test_a_change_to_wednesday_on_a_tuesday_keeps_every_week_whole(run_script):
    result = await run_script(TO_WEDNESDAY)
    assert result.code == 0, result.text
    changed = result.after("/admin checkins setup weekday:wednesday time:18:00")
    assert "keeps its check-ins and now closes Wed 02 Dec 2026, 18:00 (Europe/London)" in changed
    later = result.after("/advance 9d")
    assert later.count("Week in review — week 48, 2026") == 1
    assert later.count('thread "Learning check-in — week 49, 2026"') == 1
    assert "week 47" not in later and "week 50" not in later
    second = result.after('/checkin learned:"RNNs and why they forget" minutes:30')
    assert "Checked in for week 49, 2026. Your streak: 2 weeks in a row." in second
    history = result.after("/checkins history")
    assert history.count("Week 49, 2026") == 1 and history.count("Week 48, 2026") == 1
    stats = result.after("/admin checkins stats weeks:3")
    assert "Week 47, 2026: 0" in stats and "Week 48, 2026: 1" in stats
    assert "Week 49, 2026: 1" in stats
    assert "switched off for now" in result.after("/admin checkins setup enabled:no")


TO_SUNDAY = f"""
{SETUP}
/advance 2h
/as Ada admin
/admin checkins setup weekday:sunday time:09:00
/advance 7d
/as Priya
/checkin learned:"A Monday check-in after a Sunday opening" minutes:20
/as Ada admin
/admin checkins stats weeks:2
"""


async def test_a_monday_check_in_counts_after_a_change_to_sunday(run_script):
    result = await run_script(TO_SUNDAY)
    assert result.code == 0, result.text
    week = result.after("/advance 7d")
    assert week.count("Week in review — week 48, 2026") == 1
    assert week.count('thread "Learning check-in — week 49, 2026"') == 1
    checked = result.after('/checkin learned:"A Monday check-in after a Sunday opening" minutes:20')
    assert "Checked in for week 49, 2026" in checked
    assert "Week 49, 2026: 1" in result.after("/admin checkins stats weeks:2")


async def test_the_first_setup_asks_for_what_it_needs(run_script):
    result = await run_script("/admin checkins setup weekday:monday\n")
    assert result.code == 0, result.text
    reply = result.after("/admin checkins setup weekday:monday")
    assert "the first time I need `channel`, `time`, `timezone`" in reply


MISSING = f"""
{SETUP}
/advance 2h
/as Priya
/checkins join
/as Sam
/checkins join
/checkins settings public:no
/as Lee
/checkins join
/privacy pause duration:2w
/as Tomas
/checkin learned:"Linear algebra refreshers" minutes:30
/as Ada admin
/admin checkins missing
/admin checkins pause
/admin checkins pause
/advance 7d
/admin checkins resume
/streak member:kofi
"""


async def test_admins_see_who_is_missing_and_pause_without_the_schedule(run_script):
    result = await run_script(MISSING)
    assert result.code == 0, result.text
    missing = result.after("/admin checkins missing")
    assert "Not checked in yet, week 48, 2026: 2" in missing
    assert "@Priya" in missing and "@Sam" not in missing and "@Tomas" not in missing
    assert "and 1 more who'd rather not be named" in missing and "1 member on a pause" in missing
    assert "switched off for now" in result.after("/admin checkins pause", occurrence=0)
    assert "already switched off" in result.after("/admin checkins pause")
    assert "week 49" not in result.after("/advance 7d")  # no thread while paused
    assert "back on" in result.after("/admin checkins resume")
    assert "@kofi hasn't checked in yet" in result.after("/streak member:kofi").lower()
