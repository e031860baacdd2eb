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


PEOPLE = f"""
{SETUP.replace("timezone:Europe/London", "timezone:Europe/London remind_before:2h")}
/advance 2h
/as Ana
/profile set timezone:America/New_York
/checkins join
/as Priya
/checkin learned:"Probability, chapter two" minutes:40
/checkins settings public:on
/as Sam
/checkin learned:"A first look at transformers" minutes:25
/as Mentor
/profile set timezone:Europe/London
/as Ada admin
/checkins board
/advance 7d
"""


async def test_reminders_reach_participants_in_their_waking_hours_and_the_board_is_opt_in(
    run_script,
):
    result = await run_script(PEOPLE)
    assert result.code == 0, result.text
    board = result.after("/checkins board")
    assert "@Priya: 1 week" in board and "@Sam" not in board  # only who chose public:on
    week = result.after("/advance 7d")
    # The 2 h window before Monday 10:00 London is 03:00-05:00 in New York: Ana hears the
    # evening before instead of never; nobody who isn't taking part hears anything.
    ana = week.split("── DM to Ana", 1)[1].split("── ", 1)[0]
    assert "gentle nudge" in ana and "closes Mon 30 Nov 2026, 05:00 (America/New_York)" in ana
    assert "── DM to Mentor" not in week and "── DM to Ada" not in week
    assert "── DM to Priya" not in week and "── DM to Sam" not in week  # checked in already
    assert "/checkins board" in week  # the summary points to it


HOLIDAY = f"""
{SETUP}
/advance 2h
/as Priya
/checkin learned:"Week one of the course" minutes:30
/advance 7d
/checkin learned:"Week two of the course" minutes:30
/privacy pause duration:3w
/advance 21d
/checkin learned:"Back from holiday, week three of the course" minutes:30
"""


async def test_a_three_week_holiday_keeps_the_streak(run_script):
    result = await run_script(HOLIDAY)
    assert result.code == 0, result.text
    back = result.after('/checkin learned:"Back from holiday, week three of the course" minutes:30')
    assert "Checked in for week 52, 2026. Your streak: 3 weeks in a row." in back
    assert "gentle nudge" not in result.after("/advance 21d")  # no reminders while away
