"""Encouragement in a console community: doubt, a look-alike, a crisis, wins and kudos."""

from __future__ import annotations

SCRIPT = """
/admin set key:moderator_channel value:#mods
/admin set key:wins_channel value:#wins
/admin encouragement channels:"#general, #study" mode:dm cooldown:24h
/as Priya
I feel like such a fraud at my new ML job, everyone assumes I know what I'm doing
I'm building a fraud detection model with XGBoost, any advice on class imbalance?
/win text:"Got my first PR merged at work" share:yes
/as Sam
/kudos member:priya message:"Your notebook on attention helped me a lot"
I don't want to be alive anymore
/as Priya
/wins
/encourage listen:off
I'll never get backprop
"""


async def test_listener_wins_and_kudos(run_script):
    result = await run_script(SCRIPT)
    assert result.code == 0, result.text

    doubt = result.after(
        "I feel like such a fraud at my new ML job, everyone assumes I know what I'm doing"
    )
    assert "── DM to Priya" in doubt and "A note for you" in doubt
    assert "`/mentor request` finds one" in doubt
    assert "such a fraud" not in doubt  # never quoted back

    assert (
        result.after(
            "I'm building a fraud detection model with XGBoost, any advice on class imbalance?"
        )
        == ""
    )

    win = result.after('/win text:"Got my first PR merged at work" share:yes')
    assert "Logged and shared in #wins." in win
    assert "── #wins" in win and "@Priya logged a win: Got my first PR merged at work" in win

    kudos = result.after('/kudos member:priya message:"Your notebook on attention helped me a lot"')
    assert "Kudos to @Priya from @Sam: Your notebook on attention helped me a lot" in kudos

    crisis = result.after("I don't want to be alive anymore")
    assert "── DM to Sam" in crisis and "You don't have to carry this alone" in crisis
    assert "findahelpline.com" in crisis
    assert "── #mods" in crisis and "@Sam wrote something in #general" in crisis
    assert "console://#general/" in crisis
    assert "A note for you" not in crisis  # no pep talk

    wins = result.after("/wins")
    assert "Got my first PR merged at work" in wins and "kudos from: @Sam" in wins
    assert result.after("I'll never get backprop") == ""  # listener switched off
