"""Mentoring as a small community lives it in the console: six members, two mentors."""

from __future__ import annotations

SCRIPT = """
/as Sam
/profile set timezone:Europe/London phase:job-search role:"ML engineer" industry:Healthcare bio:"ML engineer at a hospital group."
/mentor offer topics:"pytorch, nlp, mlops" capacity:2
/as Lee
/profile set timezone:America/New_York phase:projects role:"Data scientist" industry:Finance
/mentor offer topics:"pytorch, statistics" capacity:1
/as Priya
/profile set timezone:Asia/Kolkata phase:learning role:"Data analyst" target_role:"ML engineer" target_industry:Healthcare
/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"
/as Tomas
/profile set timezone:Europe/Berlin phase:learning target_role:"Data scientist"
/mentor request topics:"statistics" goal:"Get confident with hypothesis tests for my job search"
/as Ana
/mentor request topics:"reinforcement learning" goal:"Understand policy gradients well enough to use them"
/as Kofi
/mentor request topics:"mlops" goal:"Learn how to deploy and monitor a model properly"
/as Sam
/mentor status
/click "accept priya"
/as Lee
/mentor status
/click "decline tomas"
/advance 3d
/as Sam
/mentor status
/advance 11d
/as Priya
/click "not yet"
/as Sam admin
/admin mentoring
"""


async def test_six_members_two_mentors(run_script):
    result = await run_script(SCRIPT)
    assert result.code == 0, result.text

    asked = result.after(
        '/mentor request topics:"pytorch, nlp" goal:"Build and ship one small NLP model this quarter"'
    )
    assert "I've asked a mentor who fits you well" in asked
    assert "── DM to Sam" in asked and "@Priya is looking for a mentor" in asked
    assert "@Sam already works as ML engineer, the role @Priya is aiming for" in asked

    tomas = result.after(
        '/mentor request topics:"statistics" goal:"Get confident with hypothesis tests for my job search"'
    )
    assert "── DM to Lee" in tomas and "@Tomas is looking for a mentor" in tomas
    ana = result.after(
        '/mentor request topics:"reinforcement learning" goal:"Understand policy gradients well enough to use them"'
    )
    assert "No mentor fits right now" in ana and "── DM" not in ana

    # Sam's status lists two questions: Priya's, and Kofi's (MLOps), each with its buttons.
    status = result.after("/mentor status", occurrence=0)
    assert "Your offer: PyTorch, NLP, MLOps; up to 2; on" in status

    accepted = result.after('/click "accept priya"')
    assert "I've introduced you to @Priya" in accepted
    assert 'private space "Mentoring: Priya and Sam" (Priya, Sam)' in accepted
    assert "@Priya, meet @Sam" in accepted and "A first half hour" in accepted

    declined = result.after('/click "decline tomas"')
    assert "I'll ask someone else" in declined

    # Sam never answered about Kofi: after three days that question lapses.
    assert "Moved 3d ahead" in result.after("/advance 3d")
    assert "Waiting on you" not in result.after("/mentor status", occurrence=2)

    follow_up = result.after("/advance 11d")
    assert (
        "── DM to Ana" in follow_up and "no mentor here covers Reinforcement learning" in follow_up
    )
    # Lee, the one statistics mentor, declined Tomas and is free: the honest reason is that
    # everyone who could help was asked, not that they're full (issue 15).
    assert "── DM to Tomas" in follow_up and "has already been asked about this" in follow_up
    assert "── DM to Priya" in follow_up and "Did you two meet?" in follow_up
    assert "[1] Yes, we met  [2] Not yet  [3] My mentor hasn't replied" in follow_up
    assert "I'll ask once more in a week" in result.after('/click "not yet"')

    overview = result.after("/admin mentoring")
    assert "@Ana: Reinforcement learning, 14 d: nobody covers it" in overview
    assert "@Kofi: MLOps, 14 d: all its mentors were asked" in overview  # Sam let it lapse
    assert "@Sam: 1 of 2 free" in overview and "@Lee: 1 of 1 free" in overview
    assert "proposed 3, accepted 1, declined 1, expired 1, met 0, running 1" in overview
