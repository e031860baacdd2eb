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
