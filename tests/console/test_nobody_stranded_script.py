"""Part of issue 15 (nobody stranded): when one side of a question or a pairing erases their
data or can't be reached, the other side is freed at once and told, and the next fitting
person is asked in the same moment."""

from __future__ import annotations

MENTORS = """
/as Sam
/profile set timezone:Europe/London phase:job-search role:"ML engineer" industry:Healthcare
/mentor offer topics:"pytorch, nlp" capacity:1
/as Lee
/profile set timezone:Europe/London phase:projects role:"ML engineer" industry:Finance
/mentor offer topics:"pytorch, nlp" capacity:1
/as Priya
/profile set timezone:Europe/London phase:learning target_role:"ML engineer" target_industry:Healthcare
/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"
"""

MENTOR_ERASES_WHILE_ASKED = (
    MENTORS
    + """
/as Sam
/privacy delete
/click 1
/as Priya
/mentor status
"""
)


async def test_a_mentor_who_erases_while_asked_hands_the_request_on_at_once(run_script):
    result = await run_script(MENTOR_ERASES_WHILE_ASKED)
    assert result.code == 0, result.text
    asked = result.after(
        '/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"'
    )
    assert "── DM to Sam" in asked  # Sam fits best (healthcare) and is asked first
    erased = result.after("/click 1")
    assert "erased everything" in erased
    assert "── DM to Priya" in erased and "has left the community, so I'm asking someone" in erased
    assert "── DM to Lee" in erased and "@Priya is looking for a mentor" in erased
    assert "a mentor is considering it" in result.after("/mentor status")


MENTEE_ERASES_MID_MENTORSHIP = (
    MENTORS
    + """
/as Sam
/click accept
/as Priya
/privacy delete
/click 1
"""
)


async def test_a_mentee_who_erases_mid_mentorship_is_not_a_silent_vanishing(run_script):
    result = await run_script(MENTEE_ERASES_MID_MENTORSHIP)
    assert result.code == 0, result.text
    erased = result.after("/click 1")
    assert "── DM to Sam" in erased and "One of your mentees has left the community" in erased
    assert "@Priya" not in erased.split("── DM to Sam", 1)[1]  # the note never names her


# Sam, the best fit, has closed his DMs: the question to him can't be delivered.
DMS_CLOSED = (
    MENTORS.replace("capacity:1\n/as Lee", "capacity:1\n/dms off\n/as Lee", 1)
    + "/as Sam\n/mentor status\n"
)


async def test_a_question_that_cant_be_delivered_goes_to_the_next_mentor_without_a_lapse(
    run_script,
):
    result = await run_script(DMS_CLOSED)
    assert result.code == 0, result.text
    asked = result.after(
        '/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"'
    )
    assert "── DM to Lee" in asked and "@Priya is looking for a mentor" in asked
    assert "I couldn't reach the mentor I'd picked for you" in asked
    status = result.after("/mentor status")
    assert "Waiting on you" not in status


INTERVIEW_VOLUNTEER_ERASES = """
/as Lena
/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare
/interview offer
/as Omar
/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare
/interview offer
/as Priya
/profile set timezone:Europe/London role:"Data analyst" industry:Healthcare
/interview request target_role:"ML engineer" goal:"Learn what the work is like day to day"
"""


async def test_an_interview_volunteer_who_erases_while_asked_hands_on_at_once(run_script):
    result = await run_script(INTERVIEW_VOLUNTEER_ERASES + "/as Lena\n/privacy delete\n/click 1\n")
    assert result.code == 0, result.text
    asked = result.after(
        '/interview request target_role:"ML engineer" goal:"Learn what the work is like day to day"'
    )
    assert "── DM to Lena" in asked and "── DM to Omar" not in asked  # equal fits: the first
    erased = result.after("/click 1")
    assert "── DM to Priya" in erased and "has left the community, so I'm asking" in erased
    assert "── DM to Omar" in erased and "@Priya would like a short" in erased


CANCEL = (
    MENTORS
    + """/mentor request topics:"nlp" goal:"Another request while one is open already"
/click keep
/mentor cancel
/mentor cancel
/interview cancel
"""
)


async def test_members_can_withdraw_a_request_and_the_asked_mentor_hears(run_script):
    result = await run_script(CANCEL)
    assert result.code == 0, result.text
    again = result.after(
        '/mentor request topics:"nlp" goal:"Another request while one is open already"'
    )
    assert "Shall I replace it with this one?" in again and "[1] Replace it  [2] Keep mine" in again
    assert "stays as it was" in result.after("/click keep")
    withdrawn = result.after("/mentor cancel", occurrence=0)
    assert "Withdrawn: I've stopped looking for a mentor for you" in withdrawn
    assert "── DM to Sam" in withdrawn and "that question is withdrawn" in withdrawn
    assert "nothing to withdraw" in result.after("/mentor cancel", occurrence=1)
    assert "no interview request open" in result.after("/interview cancel")


async def test_an_interview_request_can_be_withdrawn_and_the_volunteer_hears(run_script):
    result = await run_script(
        INTERVIEW_VOLUNTEER_ERASES + "/interview cancel role:Student\n/interview cancel\n"
    )
    assert result.code == 0, result.text
    assert "no open request for Student" in result.after("/interview cancel role:Student")
    withdrawn = result.after("/interview cancel")
    assert "stopped looking for someone in ML engineer" in withdrawn
    assert "── DM to Lena" in withdrawn and "that question is withdrawn" in withdrawn


COMES_BACK = """
/as Sam
/profile set timezone:Europe/London phase:job-search role:"ML engineer" industry:Healthcare
/mentor offer topics:"pytorch, nlp" capacity:1
/as Priya
/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"
/advance 4d
/as Sam
/mentor offer topics:"pytorch, nlp" capacity:1
"""


async def test_a_mentor_who_let_a_question_lapse_is_asked_again_once_back(run_script):
    """Asked before is a fact with a date: a lapse holds only until the mentor says they're
    available again; a decline would stand."""
    result = await run_script(COMES_BACK)
    assert result.code == 0, result.text
    assert "@Priya is looking for a mentor" not in result.after("/advance 4d")  # lapsed
    back = result.after('/mentor offer topics:"pytorch, nlp" capacity:1', occurrence=1)
    assert "── DM to Sam" in back and "@Priya is looking for a mentor" in back


async def test_a_mentor_who_pauses_while_asked_hands_the_request_on_at_once(run_script):
    script = MENTORS + "/as Sam\n/privacy pause duration:1w\n/mentor stop\n"
    script += "/as Lee\n/privacy pause duration:2w\n/as Mo admin\n"
    result = await run_script(script + "/admin mentoring\n")
    assert result.code == 0, result.text
    paused = result.after("/privacy pause duration:1w")
    assert "── DM to Priya" in paused and "is taking a break, so I'm asking" in paused
    assert "── DM to Lee" in paused and "@Priya is looking for a mentor" in paused
    overview = result.after("/admin mentoring")  # admins see who is away, not just who is on
    assert "Mentors (1 on, 1 paused)" in overview and "@Sam: offer paused" in overview
    assert "@Lee: 1 of 1 free, on a break until 07 Dec" in overview
    assert "@Priya: PyTorch, NLP, 0 d: its mentors are on a break" in overview


async def test_a_second_request_can_replace_the_first(run_script):
    script = (
        MENTORS + '/mentor request topics:"statistics" goal:"Get confident with hypothesis tests"\n'
    )
    result = await run_script(script + "/click replace\n/mentor status\n")
    assert result.code == 0, result.text
    replaced = result.after("/click replace")
    assert "Replaced: your earlier request is withdrawn." in replaced
    assert "── DM to Sam" in replaced and "that question is withdrawn" in replaced
    assert (
        "Statistics" in result.after("/mentor status")
        or "statistics" in result.after("/mentor status").lower()
    )


async def test_an_interview_volunteer_who_let_a_question_lapse_is_asked_again_once_back(
    run_script,
):
    lena_only = INTERVIEW_VOLUNTEER_ERASES.replace(
        '/as Omar\n/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare\n'
        "/interview offer\n",
        "",
    )
    result = await run_script(lena_only + "/advance 4d\n/as Lena\n/interview offer\n")
    assert result.code == 0, result.text
    assert "@Priya would like a short" not in result.after("/advance 4d")  # lapsed, not re-asked
    back = result.after("/interview offer", occurrence=1)
    assert "── DM to Lena" in back and "@Priya would like a short" in back


# Lena, the first of two equal fits, has closed her DMs: the question to her can't be delivered.
INTERVIEW_DMS_CLOSED = INTERVIEW_VOLUNTEER_ERASES.replace(
    "/interview offer\n", "/interview offer\n/dms off\n", 1
)


async def test_an_interview_question_that_cant_be_delivered_goes_to_the_next_volunteer(
    run_script,
):
    result = await run_script(INTERVIEW_DMS_CLOSED + "/as Lena\n/dms on\n/advance 4d\n")
    assert result.code == 0, result.text
    asked = result.after(
        '/interview request target_role:"ML engineer" goal:"Learn what the work is like day to day"'
    )
    assert "── DM to Omar" in asked and "@Priya would like a short" in asked
    assert "── DM to Priya" in asked and "couldn't reach the person I'd picked" in asked
    # Not a lapse of Lena's: days later nothing says her silence paused her offer.
    assert "paused your interview offer" not in result.after("/advance 4d")


THREE_UNANSWERED = """
/as Lena
/profile set timezone:Europe/London role:"ML engineer" industry:Healthcare
/interview offer per_month:3
/as Priya
/interview request target_role:"ML engineer" goal:"Learn what the work is like day to day"
/as Tomas
/interview request target_role:"ML engineer" goal:"Hear how a week of ML work really goes"
/as Kofi
/interview request target_role:"ML engineer" goal:"Find out which skills matter most first"
/advance 4d
/as Lena
/interview status
"""


async def test_a_volunteer_who_leaves_three_questions_unanswered_is_paused_kindly(run_script):
    result = await run_script(THREE_UNANSWERED)
    assert result.code == 0, result.text
    lapsed = result.after("/advance 4d")
    assert "── DM to Lena" in lapsed and "paused your interview offer" in lapsed
    assert "paused" in result.after("/interview status").lower()
