"""An informational interview from offer to follow-up, as members see it in the console."""

from __future__ import annotations

SCRIPT = """
/as Sam
/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare
/interview offer per_month:2 note:"I work on imaging models at a hospital group"
/as Priya
/profile set timezone:Asia/Kolkata role:"Data analyst" industry:Finance target_role:"ML engineer" target_industry:Healthcare
/interview request goal:"Understand what an ML engineer in healthcare does all week"
/as Sam
/click accept
/advance 5d
/as Priya
/click "it happened"
/interview status
"""


async def test_an_interview_end_to_end(run_script):
    result = await run_script(SCRIPT)
    assert result.code == 0, result.text

    offer = result.after(
        '/interview offer per_month:2 note:"I work on imaging models at a hospital group"'
    )
    assert "at most 2 a month, about working as ML engineer in healthcare" in offer

    request = result.after(
        '/interview request goal:"Understand what an ML engineer in healthcare does all week"'
    )
    assert "I've asked someone who does that job" in request
    assert "changing role and industry at once" in request
    assert "── DM to Sam" in request and "Would you talk to a career switcher?" in request
    assert "hospital group" not in request  # the volunteer's note is for their match only

    accepted = result.after("/click accept")
    assert 'private space "Interview: Priya and Sam"' in accepted
    assert "@Priya, meet @Sam, who works as ML engineer in healthcare" in accepted
    assert accepted.count("(Asia/Kolkata) for @Priya") == 3
    assert "A note from @Sam: I work on imaging models at a hospital group" in accepted
    assert "── DM to Priya" in accepted and "Your preparation kit" in accepted
    assert "How much of your time goes to data and deployment versus modelling?" in accepted

    follow_up = result.after("/advance 5d")
    assert "Did your conversation happen?" in follow_up
    happened = result.after('/click "it happened"')
    assert "Remember to thank @Sam" in happened and "pay it forward" in happened
    assert "Past: with @Sam" in result.after("/interview status")


TIMES = (
    SCRIPT.split("/advance 5d")[0]
    + """/as Priya
/click "time 2"
/advance 10d
/click "not yet"
/as Sam
/interview time weekday:thursday time:4pm
/interview time weekday:thursday time:25:00
"""
)


async def test_a_suggested_time_pressed_by_either_side_is_settled_and_reminded(run_script):
    result = await run_script(TIMES)
    assert result.code == 0, result.text
    accepted = result.after("/click accept")
    assert "Either of you can press a time below" in accepted
    settled = result.after('/click "time 2"')
    assert "Settled: you're talking with @Sam on" in settled and "(Asia/Kolkata)" in settled
    assert "── DM to Sam" in settled and "@Priya settled the time" in settled
    assert "(Europe/London)" in settled.split("── DM to Sam", 1)[1]  # Sam reads his own time
    later = result.after("/advance 10d")
    for who in ("Sam", "Priya"):  # each reminded twice, then asked how it went
        mine = [part for part in later.split("── DM to ")[1:] if part.startswith(who)]
        assert sum("Coming up: your conversation" in m for m in mine) == 1, who
        assert sum("In about an hour: your conversation" in m for m in mine) == 1, who
        assert sum("Did your conversation happen?" in m for m in mine) == 1, who
    assert "I'll ask again on" in result.after('/click "not yet"')
    reset = result.after("/interview time weekday:thursday time:4pm")
    assert (
        "Settled: you're talking with @Priya on Thu" in reset and "16:00 (Europe/London)" in reset
    )
    assert "── DM to Priya" in reset and "21:30 (Asia/Kolkata)" in reset
    assert "not a time of day" in result.after("/interview time weekday:thursday time:25:00")


NOBODY_DOES_IT = """
/as Lena
/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare
/interview offer per_month:1
/as Priya
/profile set timezone:Europe/London role:"Data analyst" industry:Finance
/interview request target_role:"Research scientist" target_industry:Education goal:"Learn how research work is chosen"
/as Tomas
/profile set timezone:Europe/London role:"Data analyst" industry:Retail
/interview request target_role:"ML engineer" goal:"Hear how a week of ML work really goes"
/as Kofi
/profile set timezone:Europe/London role:"Data analyst" industry:Retail
/interview request target_role:"ML engineer" goal:"Find out which skills matter most first"
/as Lena
/click accept
/advance 8d
/as Kofi
/interview status
"""


async def test_nobody_waits_for_an_interview_without_hearing_the_real_reason(run_script):
    result = await run_script(NOBODY_DOES_IT)
    assert result.code == 0, result.text
    week = result.after("/advance 8d")
    priya = week.split("── DM to Priya", 1)[1].split("── ", 1)[0]
    assert "nobody here works as Research scientist yet" in priya
    kofi = week.split("── DM to Kofi", 1)[1].split("── ", 1)[0]
    # Lena said yes to Tomas, her one conversation this month: Kofi hears when room opens.
    assert "had all the conversations they offered this month" in kofi and "Room opens" in kofi
    status = result.after("/interview status")
    assert "waiting for 8 days. The people here who do that work have had" in status
