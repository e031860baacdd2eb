"""Check-ins through the real core: weeks open once, reminders wait for daylight, summaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.bootstrap.app import build_app
from bot.config import Config
from tests.driver import ADMIN, Club, actor
from tests.fakes import rows_mentioning

PNG = b"\x89PNG\r\n\x1a\n"


async def set_up(club: Club, **overrides) -> None:
    options = {
        "channel": "#learning",
        "weekday": "monday",
        "time": "09:00",
        "timezone": "Europe/London",
        **overrides,
    }
    reply = await club.run(ADMIN, "admin checkins setup", **options)
    assert reply.text.startswith("Check-ins are set")


def threads(club: Club):
    return [s for s in club.messenger.sent if s.kind == "thread"]


def summaries(club: Club):
    return [s for s in club.messenger.sent if s.kind == "post" and s.reply.title]


async def test_the_week_opens_once_whatever_the_ticks_do(club, clock, store, messenger):
    # The clock starts Monday 23 Nov 2026, 09:00 UTC; this community opens at 10:00.
    await set_up(club, time="10:00")
    await club.advance(timedelta(minutes=50))
    assert threads(club) == []
    await club.advance(timedelta(minutes=20))
    assert [t.title for t in threads(club)] == ["Learning check-in — week 48, 2026"]
    for _ in range(3):  # duplicate ticks
        await club.app.tick()
        await club.app.drain()
    # A restart: a new process on the same database ticks too.
    restarted = build_app(Config(), store, clock, {"test": messenger})
    await restarted.tick()
    await restarted.drain()
    assert len(threads(club)) == 1


async def test_a_clock_jump_opens_only_the_current_week(club):
    await set_up(club)
    await club.advance(timedelta(hours=1))
    club.clock.advance(timedelta(weeks=3))  # the bot was down for three weeks
    await club.app.tick()
    await club.app.drain()
    titles = [t.title for t in threads(club)]
    assert titles == ["Learning check-in — week 48, 2026", "Learning check-in — week 51, 2026"]
    # The week left open while down still gets its summary, once.
    assert [s.reply.title for s in summaries(club)] == ["Week in review — week 48, 2026"]


async def test_down_at_opening_time_opens_on_return(club):
    await set_up(club)
    club.clock.advance(timedelta(days=2))  # no ticks on Monday at all
    await club.app.tick()
    await club.app.drain()
    assert [t.title for t in threads(club)] == ["Learning check-in — week 48, 2026"]


async def test_second_checkin_updates_and_thread_reply_counts(club):
    await set_up(club)
    await club.advance(timedelta(hours=1))
    priya, sam = actor("Priya"), actor("Sam")
    first = await club.run(priya, "checkin", learned="Read about CNNs", minutes="30")
    assert first.text.startswith("Checked in for week 48, 2026. Your streak: 1 week")
    again = await club.run(
        priya, "checkin", learned="Read about CNNs and built one", next="10 min a day"
    )
    assert again.text.startswith("Updated your check-in for week 48, 2026")
    await club.run(sam, "checkins join")
    await club.say(sam, "Worked through linear algebra exercises", "learning", "ref-1")
    [ack] = [sent for sent in club.messenger.sent if sent.kind == "reaction"]
    assert ack.reply.text == "✅"  # his first reply this week counted, and he can see it did
    await club.say(actor("Ola"), "Hello all!", "general")  # not in the thread: ignored
    history = await club.run(priya, "checkins history")
    assert len(history.fields) == 1 and "built one" in history.fields[0].value
    assert "30 min" in history.fields[0].value  # minutes kept from the first entry
    assert "Current" in str((await club.run(sam, "streak")).fields)
    assert "No check-ins yet" in (await club.run(actor("Ola"), "streak")).text


async def test_reminders_wait_for_a_waking_hour_and_skip_who_should_not_get_one(club):
    # The week closes Monday 09:00 London; the reminder window opens 24 h before.
    await set_up(club)
    await club.advance(timedelta(hours=1))
    tokyo, done, paused, quiet, plain = (
        actor(n) for n in ("Kenji", "Done", "Paused", "Quiet", "Plain")
    )
    for member in (tokyo, paused, quiet, plain):  # participants; the admin only set it up
        await club.run(member, "checkins join")
    await club.run(tokyo, "profile set", timezone="Asia/Tokyo")
    await club.run(done, "checkin", learned="Finished the probability module")
    await club.run(paused, "privacy pause", duration="2w")
    await club.run(quiet, "checkins settings", reminders="no")
    await club.run(plain, "topics")
    sent_at: dict[str, datetime] = {}
    for _ in range(7 * 24):
        await club.advance(timedelta(hours=1))
        for sent in club.messenger.sent:
            if sent.kind == "dm" and "gentle nudge" in sent.reply.text:
                sent_at.setdefault(sent.target, club.clock.now())
    # Window opens Sun 29 Nov 09:00 UTC = 18:00 in Tokyo: Kenji is awake; Plain (London) too.
    assert set(sent_at) == {"kenji", "plain"}  # participants only: not the admin, not Done
    assert sent_at["plain"] == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    reminders = [s for s in club.messenger.sent if "gentle nudge" in s.reply.text]
    assert len(reminders) == 2  # one each, not one per tick
    assert "(Asia/Tokyo)" in next(s.reply.text for s in reminders if s.target == "kenji")


async def test_night_owls_are_reminded_in_their_morning(club):
    # Weeks open Wednesday 08:00 UTC; a 10 h window opens Tuesday 22:00 UTC, which is 07:00 on
    # Wednesday in Tokyo: too early. The reminder waits for 08:00 there.
    await set_up(club, weekday="wednesday", time="08:00", timezone="UTC", remind_before="10h")
    await club.run(actor("Kenji"), "profile set", timezone="Asia/Tokyo")
    await club.run(actor("Kenji"), "checkins join")
    sent_at = None
    while sent_at is None and club.clock.now() < datetime(2026, 11, 26, tzinfo=UTC):
        await club.advance(timedelta(hours=1))
        if any(s.target == "kenji" and "nudge" in s.reply.text for s in club.messenger.sent):
            sent_at = club.clock.now()
    assert sent_at == datetime(2026, 11, 24, 23, 0, tzinfo=UTC)


async def test_the_week_closes_with_a_summary_and_a_chart(club):
    await set_up(club)
    await club.advance(timedelta(hours=1))
    await club.run(
        actor("Priya"),
        "checkin",
        learned="PyTorch autograd and a CNN",
        minutes="90",
        kept_goal="yes",
    )
    await club.run(actor("Sam"), "checkin", learned="NLP tokenizers, more PyTorch", minutes="45")
    await club.run(actor("Quiet"), "checkins settings", public="no")
    await club.run(actor("Quiet"), "checkin", learned="Calculus review")
    await club.advance(timedelta(days=7))
    [summary] = summaries(club)
    fields = {f.name: f.value for f in summary.reply.fields}
    assert summary.target == "learning"
    assert fields["Checked in"] == "3"  # the first week: nothing to compare with
    assert fields["Minutes"] == "135" and fields["Tiny habits kept"] == "1"
    assert fields["Most mentioned"].startswith("PyTorch")
    [chart] = summary.reply.attachments
    assert chart.data.startswith(PNG) and 5_000 < len(chart.data) < 200_000
    await club.advance(timedelta(days=1))
    assert len(summaries(club)) == 1


async def test_milestones_name_only_those_who_allow_it(club):
    await set_up(club)
    await club.advance(timedelta(hours=1))
    for week in range(4):
        await club.run(actor("Ada"), "checkin", learned=f"Week {week} of statistics")
        await club.run(actor("Bo"), "checkin", learned=f"Week {week} of Python")
        if week == 0:
            await club.run(actor("Bo"), "checkins settings", public="no")
        await club.advance(timedelta(days=7), step=timedelta(hours=6))  # checked at the end
    last = summaries(club)[-1]
    milestones = next(f.value for f in last.reply.fields if f.name == "Milestones")
    assert milestones == "<@ada> (4 weeks) and 1 more who prefer not to be named"
    private = await club.run(actor("Ada"), "streak", member="bo")
    assert "keeps their streak to themselves" in private.text


async def test_stats_for_admins_and_privacy(club, store):
    await set_up(club)
    await club.advance(timedelta(hours=1))
    await club.run(actor("Priya"), "checkin", learned="Transformers from scratch", minutes="60")
    refused = await club.run(actor("Priya"), "admin checkins stats")
    assert "Only the community's admins" in refused.text
    stats = await club.run(ADMIN, "admin checkins stats", weeks="4")
    assert "Week 48, 2026: 1" in stats.text and stats.attachments[0].data.startswith(PNG)
    earlier = await club.run(ADMIN, "admin checkins stats", weeks="2", weeks_ago="3")
    assert earlier.text.splitlines() == ["Week 44, 2026: 0", "Week 45, 2026: 0"]
    ask = await club.run(actor("Priya"), "privacy delete")
    await club.click(actor("Priya"), "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "priya") == []


async def test_bad_setup_values_are_explained(club):
    reply = await club.run(
        ADMIN,
        "admin checkins setup",
        channel="#learning",
        weekday="someday",
        time="25:00",
        timezone="Mars/Base",
    )
    assert "weekday:" in reply.text and "time:" in reply.text and "timezone:" in reply.text


async def test_a_reminder_window_in_someones_night_moves_to_their_evening(club):
    # The week closes Monday 09:00 London; a 2 h window is 02:00-04:00 in New York. Ana there
    # hears the evening before, at 20:00 her time, instead of never.
    await set_up(club, remind_before="2h")
    ana = actor("Ana")
    await club.run(ana, "profile set", timezone="America/New_York")
    await club.run(ana, "checkins join")
    sent_at = None
    while sent_at is None and club.clock.now() < datetime(2026, 12, 1, tzinfo=UTC):
        await club.advance(timedelta(hours=1))
        if any(s.target == "ana" and "nudge" in s.reply.text for s in club.messenger.sent):
            sent_at = club.clock.now()
    assert sent_at == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Sun 29 Nov, 20:00 in New York


async def test_a_three_week_holiday_pause_keeps_the_streak(club):
    await set_up(club)
    priya, sam = actor("Priya"), actor("Sam")
    for _ in range(3):  # weeks 48, 49 and 50
        await club.advance(timedelta(hours=1))
        for member in (priya, sam):
            await club.run(member, "checkin", learned="Another chapter of the deep learning book")
        await club.advance(timedelta(days=7) - timedelta(hours=1), step=timedelta(hours=8))
    await club.run(priya, "privacy pause", duration="3w")  # weeks 51 to 53 away; Sam just stops
    await club.advance(timedelta(weeks=3, hours=1), step=timedelta(hours=8))
    for member in (priya, sam):
        await club.run(member, "checkin", learned="Back to the book after three weeks")
    kept = {f.name: f.value for f in (await club.run(priya, "streak")).fields}
    assert kept["Current"] == "4 weeks"  # the pause neither broke nor extended it
    broken = {f.name: f.value for f in (await club.run(sam, "streak")).fields}
    assert broken["Current"] == "1 week"
