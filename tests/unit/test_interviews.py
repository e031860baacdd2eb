"""Informational interviews through the real core, and the times they suggest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.features.interviews.commands import advice
from bot.features.interviews.slots import suggest_slots
from bot.matching import INTERVIEWS, Person, score
from tests.driver import ADMIN, Club, actor
from tests.fakes import rows_mentioning

GOAL = "Learn what an ML engineer's week really looks like"


@pytest.mark.parametrize(
    "zone_a, zone_b, apart",
    [
        ("Europe/London", "Europe/London", 0),
        ("America/New_York", "Europe/London", 5),
        ("Europe/London", "Asia/Tokyo", 9),
        ("UTC", "Etc/GMT-13", 13),
    ],
)
def test_suggested_times_fall_in_both_waking_days(zone_a, zone_b, apart):
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    slots = suggest_slots(zone_a, zone_b, now)
    assert len(slots) == 3
    assert all(now < s < now + timedelta(days=11) for s in slots)
    assert len({s.date() for s in slots}) == 3  # spread over different days
    assert all(s.astimezone(ZoneInfo(zone_a)).weekday() < 5 for s in slots)  # working days
    for slot in slots:
        for zone in (zone_a, zone_b):
            start = slot.astimezone(ZoneInfo(zone))
            end = start + timedelta(minutes=30)
            assert (
                start.hour >= 8 and (end.hour, end.minute) <= (22, 0) and end.date() == start.date()
            )


def test_role_counts_most_then_industry():
    seeker = Person("s", "S", target_role="ML engineer", target_industry="Healthcare")
    same_role = Person("a", "A", role="ML engineer", industry="Retail")
    same_industry = Person("b", "B", role="Data analyst", industry="Healthcare")
    both = Person("c", "C", role="ML engineer", industry="Healthcare")
    on = date(2026, 11, 23)
    points = {
        p.id: score(seeker, p, on, INTERVIEWS).total for p in (same_role, same_industry, both)
    }
    assert points["c"] > points["a"] > points["b"] > 0


def test_switch_one_thing_advice():
    assert "harder path" in advice("Data analyst", "Finance", "ML engineer", "Healthcare")
    role_only = advice("Data analyst", "Finance", "ML engineer", "Finance")
    assert "only your role" in role_only and "keeping your industry" in role_only
    assert "only your industry" in advice("ML engineer", "Finance", "ML engineer", "Healthcare")


async def volunteer(club: Club, name: str, role: str, industry: str, per_month: int = 2, **extra):
    who = actor(name)
    await club.run(who, "profile set", timezone="Europe/London", role=role, industry=industry)
    reply = await club.run(who, "interview offer", per_month=str(per_month), **extra)
    assert reply.text.startswith("Thank you!")
    return who


async def switcher(club: Club, name: str = "Priya") -> object:
    who = actor(name)
    await club.run(
        who,
        "profile set",
        timezone="Asia/Kolkata",
        role="Data analyst",
        industry="Finance",
        target_role="ML engineer",
    )
    return who


async def test_the_volunteer_in_the_role_is_asked_first_then_introduced(club):
    sam = await volunteer(club, "Sam", "ML engineer", "Finance", note="I work at a payments firm")
    await volunteer(club, "Lee", "Data analyst", "Finance")
    priya = await switcher(club)
    reply = await club.run(priya, "interview request", goal=GOAL)
    assert "I've asked someone" in reply.text and "only your role" in reply.text
    [ask] = club.dms_to("sam")
    assert ask.reply.title == "Would you talk to a career switcher?" and GOAL in ask.reply.text
    assert "payments firm" not in ask.reply.text and club.dms_to("lee") == []
    accepted = await club.click(
        sam, "interview-accept", club.last_button("sam", "interview-accept").payload
    )
    assert "introduced you to <@priya>" in accepted.text
    [intro] = [s for s in club.messenger.sent if s.kind == "private"]
    assert intro.target == "priya,sam" and intro.reply.text.count("• ") == 3
    assert "payments firm" in intro.reply.text  # the note reaches only the match
    [kit] = [s for s in club.dms_to("priya") if s.reply.title == "Your preparation kit"]
    assert "typical week" in kit.reply.text and "data and deployment" in kit.reply.text


async def test_expiry_moves_to_the_next_volunteer_and_never_the_same_pair(club):
    await volunteer(club, "Sam", "ML engineer", "Finance")
    lee = await volunteer(club, "Lee", "ML engineer", "Retail")
    priya = await switcher(club)
    await club.run(priya, "interview request", goal=GOAL)
    assert len(club.dms_to("sam")) == 1
    await club.advance(timedelta(days=3))
    assert len(club.dms_to("lee")) == 1 and len(club.dms_to("sam")) == 1
    await club.click(lee, "interview-decline", club.last_button("lee", "interview-decline").payload)
    status = await club.run(priya, "interview status")
    # Nobody is left who wasn't asked, and the status says exactly that.
    assert "waiting for 3 days. Everyone here who does that work has been asked" in str(
        status.fields
    )


async def test_monthly_limit_and_two_open_requests(club):
    await volunteer(club, "Sam", "ML engineer", "Finance", per_month=1)
    first, second = await switcher(club, "Priya"), await switcher(club, "Ola")
    await club.run(first, "interview request", goal=GOAL)
    reply = await club.run(second, "interview request", goal=GOAL)
    assert "Nobody who fits is free right now" in reply.text
    assert len(club.dms_to("sam")) == 1
    await club.run(first, "interview request", goal=GOAL)
    third = await club.run(first, "interview request", goal=GOAL)
    assert "two requests open" in third.text


async def test_follow_up_thanks_and_paying_it_forward(club, store):
    sam = await volunteer(club, "Sam", "ML engineer", "Finance")
    priya = await switcher(club)
    await club.run(priya, "interview request", goal=GOAL)
    await club.click(sam, "interview-accept", club.last_button("sam", "interview-accept").payload)
    await club.advance(timedelta(days=4), step=timedelta(hours=6))
    check = club.last_button("priya", "interview-happened")
    assert club.last_button("sam", "interview-happened")
    reply = await club.click(priya, "interview-happened", check.payload)
    assert "thank <@sam>" in reply.text and "/interview offer" in reply.text
    club.clock.advance(timedelta(days=30))
    await club.run(priya, "profile set", role="ML engineer")
    await club.run(priya, "interview offer")
    overview = await club.run(ADMIN, "admin interviews")
    assert "1 former requester now volunteer" in str(overview.fields)
    ask = await club.run(priya, "privacy delete")
    await club.click(priya, "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "priya") == []


async def test_admins_see_what_the_community_lacks(club):
    await volunteer(club, "Sam", "ML engineer", "Finance")
    ola = actor("Ola")
    await club.run(
        ola,
        "interview request",
        goal=GOAL,
        target_role="Research scientist",
        target_industry="Energy",
    )
    overview = await club.run(ADMIN, "admin interviews")
    assert "Research scientist (1), Energy (1)" in str(overview.fields)
    assert "Only the community's admins" in (await club.run(ola, "admin interviews")).text


async def test_a_member_without_a_time_zone_gets_the_others_day_and_is_told_why(club):
    sam = await volunteer(club, "Sam", "ML engineer", "Finance")
    await club.run(sam, "profile set", timezone="Asia/Kolkata")
    priya = actor("Priya")  # never set a profile: no time zone
    await club.run(priya, "profile set", role="Data analyst", industry="Finance")
    await club.run(priya, "interview request", goal=GOAL, target_role="ML engineer")
    await club.click(sam, "interview-accept", club.last_button("sam", "interview-accept").payload)
    [intro] = [s for s in club.messenger.sent if s.kind == "private"]
    slots = [line for line in intro.reply.text.splitlines() if line.startswith("• ")]
    assert len(slots) == 3 and "08:00" not in intro.reply.text
    assert all("(Asia/Kolkata)" in line for line in slots)  # in the middle of Sam's day
    assert "<@priya>, I don't know your time zone yet" in intro.reply.text


async def test_shared_hours_and_a_language_alone_never_make_an_interview_pair(club):
    await volunteer(club, "Sam", "Data engineer", "Retail")
    await club.run(actor("Sam"), "profile set", languages="en")
    priya = await switcher(club)  # wants ML engineer in Finance: neither matches Sam
    await club.run(priya, "profile set", timezone="Europe/London", languages="English")
    reply = await club.run(priya, "interview request", goal=GOAL)
    assert "Nobody who fits is free right now" in reply.text
    assert club.dms_to("sam") == []


async def test_status_says_where_the_times_are_and_when_i_will_check(club):
    sam = await volunteer(club, "Sam", "ML engineer", "Finance")
    priya = await switcher(club)
    await club.run(priya, "interview request", goal=GOAL)
    await club.click(sam, "interview-accept", club.last_button("sam", "interview-accept").payload)
    status = await club.run(priya, "interview status")
    [upcoming] = [f.value for f in status.fields if f.name == "Upcoming"]
    assert upcoming.startswith("with <@sam>: pick one of the times I suggested")
    assert "I'll ask how it went around " in upcoming
