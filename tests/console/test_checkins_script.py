"""A week of check-ins watched in seconds: setup, opening, three check-ins, reminder, summary."""

from __future__ import annotations

import re

SCRIPT = """
/admin checkins setup channel:#learning weekday:monday time:10:00 timezone:Europe/London remind_before:24h
/advance 2h
/as Priya
/checkin learned:"Backprop finally clicked; trained a tiny CNN in PyTorch" minutes:120 next:"10 minutes of the CNN lecture a day"
/as Sam
/checkin learned:"Tokenizers and a first NLP pipeline in PyTorch" minutes:45 kept_goal:yes
/as Tomas
/checkins join
/in "week 48"
Spent the week on linear algebra refreshers
/in #general
/as Ana
/profile set timezone:Asia/Tokyo
/checkins join
/advance 6d
/as you
/checkins settings reminders:off
/advance 1d
/as Priya
/streak
"""


async def test_a_week_of_checkins(run_script):
    result = await run_script(SCRIPT)
    assert result.code == 0, result.text

    opened = result.after("/advance 2h")
    assert 'thread "Learning check-in — week 48, 2026" in #learning' in opened
    assert "What did you learn" in opened

    first = result.after(
        '/checkin learned:"Backprop finally clicked; trained a tiny CNN in PyTorch" minutes:120 next:"10 minutes of the CNN lecture a day"'
    )
    assert "Checked in for week 48, 2026. Your streak: 1 week in a row." in first
    assert "Your tiny habit for next week: 10 minutes of the CNN lecture a day." in first

    replied = result.after("Spent the week on linear algebra refreshers")
    assert "reaction in thread" in replied and "✅ on the member's message" in replied

    # Nobody who checked in is nudged; Ana hears at a waking hour in Tokyo.
    week = result.after("/advance 6d")
    assert "── DM to Ana" in week and "closes Mon 30 Nov 2026, 19:00 (Asia/Tokyo)" in week
    assert "── DM to Priya" not in week and "── DM to Sam" not in week
    assert "── DM to Tomas" not in week  # his thread reply counted as a check-in

    close = result.after("/advance 1d")
    assert "── #learning" in close and "Week in review — week 48, 2026" in close
    assert "Checked in: 3" in close and "on last week" not in close  # the first week
    assert "Minutes: 165" in close and "Tiny habits kept: 1" in close
    assert "Most mentioned: PyTorch" in close
    size = re.search(r"checkins\.png \((\d+) bytes, (\d+)×(\d+) PNG image\)", close)
    assert size and 5_000 < int(size.group(1)) < 200_000
    assert (int(size.group(2)), int(size.group(3))) == (640, 280)
    assert 'thread "Learning check-in — week 49, 2026"' in close
    assert "Last week 3 of you checked in" in close
    assert close.index("Week in review") < close.index("week 49, 2026")

    assert "Current: 1 week" in result.after("/streak")


REPLIES = """
/admin checkins setup channel:#learning weekday:monday time:10:00 timezone:Europe/London
/advance 2h
/as Priya
/checkin learned:"Notes on CNNs and pooling layers" minutes:61
/in "week 48"
thanks everyone, see you next week!
/as Sam
/checkins join
/in "week 48"
Finished the probability chapter and two exercises
Nice one Priya!
/as Lee
/in "week 48"
Great thread, following along
/as Priya
/checkins history
/as Lee
/streak
"""


async def test_thread_replies_are_conversation_unless_they_are_a_first_check_in(run_script):
    result = await run_script(REPLIES)
    assert result.code == 0, result.text
    assert "✅" not in result.after("thanks everyone, see you next week!")  # she had one
    history = result.after("/checkins history", occurrence=-1)
    assert "Notes on CNNs and pooling layers" in history and "see you next week" not in history
    counted = result.after("Finished the probability chapter and two exercises")
    assert "✅ on the member's message" in counted
    assert "✅" not in result.after("Nice one Priya!")  # his second reply is conversation
    assert "✅" not in result.after("Great thread, following along")  # Lee hasn't joined
    assert "No check-ins yet" in result.after("/streak")
