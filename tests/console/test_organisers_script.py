"""Part of issue 15 (admins in control): organisers pause, resume and take down a provider's
offer, move a stuck request on, and ask a named provider first, in mentoring and interviews
alike; and a mentee carries on with a mentor they had before. The provider always consents."""

from __future__ import annotations

from tests.console.test_nobody_stranded_script import INTERVIEW_VOLUNTEER_ERASES, MENTORS

REQUEST = (
    '/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"'
)

PAUSE_RESUME_REMOVE = (
    MENTORS
    + """/as Ada admin
/admin mentor pause member:sam
/admin mentor pause member:sam
/advance 1h
/admin mentor resume member:sam
/admin mentor remove member:lee
/admin mentor resume member:lee
/as Priya
/mentor status
"""
)


async def test_organisers_pause_resume_and_take_down_a_mentor_offer(run_script):
    result = await run_script(PAUSE_RESUME_REMOVE)
    assert result.code == 0, result.text
    paused = result.after("/admin mentor pause member:sam", occurrence=0)
    assert "Paused @Sam's mentor offer" in paused and "1 question waiting on them" in paused
    assert "── DM to Sam" in paused and "An organiser has paused your mentor offer" in paused
    assert "── DM to Lee" in paused and "@Priya is looking for a mentor" in paused  # at once
    assert "already paused" in result.after("/admin mentor pause member:sam")
    resumed = result.after("/admin mentor resume member:sam")
    assert "on again" in resumed and "switched your mentor offer back on" in resumed
    removed = result.after("/admin mentor remove member:lee")
    assert "Took down @Lee's mentor offer" in removed
    assert "── DM to Lee" in removed and "taken down your mentor offer" in removed
    # Sam is back and was only ever released, never declined: he is asked again at once.
    assert "── DM to Sam" in removed and "@Priya is looking for a mentor" in removed
    assert "isn't a mentor here" in result.after("/admin mentor resume member:lee")
    assert "a mentor is considering it" in result.after("/mentor status")


PAIR_AND_REQUEUE = (
    MENTORS
    + """/as Ada admin
/admin mentor requeue member:priya
/admin mentor pair mentee:priya mentor:sam
/admin mentor pair mentee:tomas mentor:sam
/admin mentor pair mentee:priya mentor:priya
/as Sam
/click accept
"""
)


async def test_organisers_move_a_request_on_and_ask_a_named_mentor_first(run_script):
    result = await run_script(PAIR_AND_REQUEUE)
    assert result.code == 0, result.text
    requeued = result.after("/admin mentor requeue member:priya")
    assert "Moved @Priya's request on: I've asked @Lee" in requeued
    assert "── DM to Sam" in requeued and "passed the request I asked you about" in requeued
    assert "── DM to Lee" in requeued and "@Priya is looking for a mentor" in requeued
    paired = result.after("/admin mentor pair mentee:priya mentor:sam")
    assert "Asked @Sam about @Priya's request" in paired
    assert "── DM to Sam" in paired and "An organiser thought of you" in paired
    assert "── DM to Lee" in paired and "passed the request" in paired
    nobody = result.after("/admin mentor pair mentee:tomas mentor:sam")
    assert "@tomas has no open request" in nobody.lower()
    assert "can be paired with themselves" in result.after(
        "/admin mentor pair mentee:priya mentor:priya"
    )
    assert "introduced you to @Priya" in result.after("/click accept")


CARRY_ON = (
    MENTORS
    + """/as Sam
/click accept
/as Priya
/mentor end rating:5
/mentor request topics:"nlp" goal:"Take the NLP model from last time into production" with:lee
/mentor request topics:"nlp" goal:"Take the NLP model from last time into production" with:sam
"""
)


async def test_a_mentee_carries_on_with_a_mentor_she_had_before(run_script):
    result = await run_script(CARRY_ON)
    assert result.code == 0, result.text
    request = (
        '/mentor request topics:"nlp" goal:"Take the NLP model from last time into production"'
    )
    refused = result.after(request + " with:lee")
    assert "isn't one yet" in refused and "── DM to Lee" not in refused
    again = result.after(request + " with:sam")
    assert "asked @Sam whether they'd carry on with you" in again
    # Within the 26-week repeat window, asked first because she named him.
    assert "── DM to Sam" in again and "@Priya is looking for a mentor" in again


async def test_organisers_pause_an_interview_volunteer_and_the_next_is_asked(run_script):
    script = INTERVIEW_VOLUNTEER_ERASES + (
        "/as Ada admin\n/admin interview pause member:lena\n/as Lena\n/interview status\n"
    )
    result = await run_script(script)
    assert result.code == 0, result.text
    paused = result.after("/admin interview pause member:lena")
    assert "Paused @Lena's volunteer offer" in paused
    assert "── DM to Lena" in paused and "paused your volunteer offer" in paused
    assert "── DM to Omar" in paused and "@Priya would like a short" in paused
    assert "paused for now" in result.after("/interview status")
