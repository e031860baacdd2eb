"""Mentoring end to end through the real dispatcher, store and outbox; only the platform is fake."""

from __future__ import annotations

from datetime import timedelta

from bot.features import full_catalogue
from bot.features.mentoring import texts as mentoring_texts
from bot.features.mentoring.market import MARKET
from bot.features.mentoring.model import MentorOffer
from bot.features.proposals import run_round
from bot.models import Profile
from bot.settings import SettingsSchema
from tests.driver import ADMIN, C, actor
from tests.fakes import rows_mentioning

GOAL = "Ship one small NLP model to production this quarter"

# Stretches checked only at their end move six hours a tick: due work runs when due whatever
# the tick (a late tick changes only timing), and PostgreSQL runs them four times faster.
COARSE = timedelta(hours=6)


async def test_the_best_mentor_is_asked_first_and_nobody_is_introduced_before_yes(club):
    sam = await club.mentor("Sam", "pytorch, nlp", role="ML engineer", industry="Healthcare")
    lee = await club.mentor("Lee", "pytorch, nlp", role="Data analyst", industry="Retail")
    priya = await club.member("Priya", target_role="ML engineer", target_industry="Healthcare")
    reply = await club.run(priya, "mentor request", topics="pytorch, nlp", goal=GOAL)
    assert "I've asked a mentor" in reply.text and "Sam" not in reply.text
    [question] = club.dms_to("sam")
    assert question.reply.text.startswith("<@priya> is looking for a mentor.")
    assert GOAL in question.reply.text and "the role <@priya> is aiming for" in question.reply.text
    assert [b.label for b in question.reply.buttons] == ["Accept", "Decline"]
    assert club.dms_to("lee") == []
    assert not [s for s in club.messenger.sent if s.kind == "private"]  # consent first

    refused = await club.click(lee, "mentor-accept", question.reply.buttons[0].payload)
    assert "another mentor" in refused.text
    assert not [s for s in club.messenger.sent if s.kind == "private"]

    accepted = await club.click(sam, "mentor-accept", question.reply.buttons[0].payload)
    assert "introduced you to <@priya>" in accepted.text
    [intro] = [s for s in club.messenger.sent if s.kind == "private"]
    assert intro.target == "priya,sam"
    assert "<@priya>, meet <@sam>" in intro.reply.text and GOAL in intro.reply.text
    again = await club.click(sam, "mentor-accept", question.reply.buttons[0].payload)
    assert "already settled (accepted)" in again.text


async def test_decline_asks_the_next_mentor_at_once(club):
    sam = await club.mentor("Sam", "pytorch", role="ML engineer")
    await club.mentor("Lee", "pytorch")
    priya = await club.member("Priya", target_role="ML engineer")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    reply = await club.click(
        sam, "mentor-decline", club.last_button("sam", "mentor-decline").payload
    )
    assert "I'll ask someone else" in reply.text
    assert len(club.dms_to("lee")) == 1 and club.dms_to("lee")[0].reply.text.startswith(
        "<@priya> is looking"
    )
    assert len(club.dms_to("sam")) == 1  # never asked twice about the same request


async def test_capacity_is_respected_and_the_total_fit_is_maximised(club):
    await club.mentor("Sam", "pytorch, nlp", capacity=1, role="ML engineer")
    await club.mentor("Lee", "pytorch", capacity=1)
    # Ada fits Sam best, but Bo can only be helped by Sam (NLP): exact matching asks Sam for Bo
    # and Lee for Ada, where best-first would leave Bo waiting.
    ada = await club.member("Ada", target_role="ML engineer")
    await club.run(ada, "mentor request", topics="pytorch", goal=GOAL)
    assert len(club.dms_to("sam")) == 1  # Ada alone: Sam fits best
    await club.run(ADMIN, "admin settings")
    bo = await club.member("Bo")
    await club.run(bo, "mentor request", topics="nlp", goal=GOAL)
    assert len(club.dms_to("sam")) == 1 and club.dms_to("lee") == []  # Sam's one slot is asked
    reply = await club.run(bo, "mentor status")
    assert "who cover NLP are all full right now" in str(reply.fields)


async def test_a_round_maximises_the_total_fit_not_each_first_choice(store, clock):
    """Ada fits Sam best, but only Sam knows NLP, which Bo needs. Best-first would give Sam to
    Ada and leave Bo waiting; the exact round asks Sam about Bo and Lee about Ada."""
    now = clock.now()
    async with store.unit() as uow:
        await uow.communities.ensure(C, now)
        for member_id, name in (("sam", "Sam"), ("lee", "Lee"), ("ada", "Ada"), ("bo", "Bo")):
            await uow.members.upsert(C, member_id, name, now)
        await uow.profiles.save(Profile(C, "sam", role="ML engineer", updated_at=now))
        await uow.profiles.save(Profile(C, "ada", target_role="ML engineer", updated_at=now))
        await uow.mentoring.save_offer(MentorOffer(C, "sam", ("PyTorch", "NLP"), 1, now))
        await uow.mentoring.save_offer(MentorOffer(C, "lee", ("PyTorch",), 1, now))
        await uow.mentoring.add_request(C, "ada", ("PyTorch",), GOAL, now)
        await uow.mentoring.add_request(C, "bo", ("NLP",), GOAL, now)
        settings = SettingsSchema(full_catalogue().settings).resolve({})
        proposals = await run_round(MARKET, uow, C, settings, now)
    assert {(p.mentee_id, p.mentor_id) for p in proposals} == {("bo", "sam"), ("ada", "lee")}


async def test_unanswered_questions_expire_to_the_next_mentor_and_three_pause_the_mentor(club):
    await club.mentor("Sam", "pytorch", capacity=5, role="ML engineer")
    await club.mentor("Lee", "pytorch", capacity=5)
    for name in ("Ada", "Bo", "Cy"):
        who = await club.member(name, target_role="ML engineer")
        await club.run(who, "mentor request", topics="pytorch", goal=GOAL)
    assert len(club.dms_to("sam")) == 3  # Sam fits all three best
    await club.advance(timedelta(days=3))
    asked_about = sorted(s.reply.text.split()[0] for s in club.dms_to("lee"))
    assert asked_about == ["<@ada>", "<@bo>", "<@cy>"]
    [paused] = [s for s in club.dms_to("sam") if "three times in a row" in s.reply.text]
    assert "/mentor offer" in paused.reply.text
    status = await club.run(actor("Sam"), "mentor status")
    assert "paused" in str(status.fields)


async def test_no_repeat_pairing_within_the_window(club):
    sam = await club.mentor("Sam", "pytorch", capacity=1)
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    await club.click(sam, "mentor-accept", club.last_button("sam", "mentor-accept").payload)
    ended = await club.run(priya, "mentor end", rating="5")
    assert "Ended your mentorship with <@sam>" in ended.text
    reply = await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    assert "No mentor fits right now" in reply.text
    await club.run(ADMIN, "admin set", key="mentoring_repeat_weeks", value="0")
    club.clock.advance(timedelta(hours=1))
    matched = await club.run(ADMIN, "admin match-now")
    assert matched.text.startswith("Asked 1 mentor")


async def test_paused_members_are_left_out(club):
    sam = await club.mentor("Sam", "pytorch")
    priya = await club.member("Priya")
    await club.run(sam, "privacy pause", duration="1w")
    reply = await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    assert "No mentor fits right now" in reply.text and club.dms_to("sam") == []
    await club.run(priya, "privacy pause", duration="2w")
    await club.advance(timedelta(weeks=1, hours=1))
    assert not [s for s in club.dms_to("sam") if s.reply.buttons]  # Priya is paused now
    refused = await club.run(priya, "mentor request", topics="nlp", goal=GOAL)
    assert "paused" in refused.text


async def test_one_open_request_and_a_real_goal(club):
    priya = await club.member("Priya")
    short = await club.run(priya, "mentor request", topics="pytorch", goal="help pls")
    assert "goal: that is only 8 characters" in short.text
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    twice = await club.run(priya, "mentor request", topics="nlp", goal=GOAL)
    assert "already have a request open" in twice.text


async def test_the_two_week_check_and_a_silent_mentor(club):
    await club.mentor("Sam", "pytorch")
    lee = await club.mentor("Lee", "pytorch", role="Data analyst")
    sam = actor("Sam")
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    first = "sam" if club.dms_to("sam") else "lee"
    chosen = sam if first == "sam" else lee
    other = "lee" if first == "sam" else "sam"
    await club.click(chosen, "mentor-accept", club.last_button(first, "mentor-accept").payload)
    await club.advance(timedelta(days=14), step=COARSE)
    mentee_check = club.last_button("priya", "mentor-not-yet")
    assert [b.label for b in club.dms_to("priya")[-1].reply.buttons] == [
        "Yes, we met",
        "Not yet",
        "My mentor hasn't replied",
    ]
    assert club.last_button(first, "mentor-met")  # the mentor is asked too
    assert (
        "ask once more in a week"
        in (await club.click(priya, "mentor-not-yet", mentee_check.payload)).text
    )
    await club.advance(timedelta(days=7), step=COARSE)
    silent = club.last_button("priya", "mentor-silent")
    refused = await club.click(chosen, "mentor-silent", silent.payload)
    assert "another mentor" in refused.text  # only the mentee may report silence
    reply = await club.click(priya, "mentor-silent", silent.payload)
    assert "look for another mentor" in reply.text
    assert "slot is free again" in club.dms_to(first)[-1].reply.text
    assert club.dms_to(other)[-1].reply.text.startswith("<@priya> is looking for a mentor")


async def test_nobody_waits_silently(club):
    await club.mentor("Sam", "pytorch", capacity=1)
    ada = await club.member("Ada")
    bo = await club.member("Bo")
    await club.run(ada, "mentor request", topics="pytorch", goal=GOAL)
    await club.run(bo, "mentor request", topics="reinforcement learning", goal=GOAL)
    await club.advance(timedelta(days=7), step=COARSE)
    [told] = club.dms_to("bo")
    assert "no mentor here covers Reinforcement learning yet" in told.reply.text
    await club.advance(timedelta(days=7), step=COARSE)
    assert len(club.dms_to("bo")) == 1  # told once


async def _why_waiting(club, who) -> str:
    await club.advance(timedelta(days=7), step=timedelta(hours=12))
    return club.dms_to(who.id)[-1].reply.text


async def test_the_waiting_reason_is_the_real_obstacle_full(club):
    sam = await club.mentor("Sam", "pytorch", capacity=1)
    await club.run(await club.member("Ada"), "mentor request", topics="pytorch", goal=GOAL)
    await club.click(sam, "mentor-accept", club.last_button("sam", "mentor-accept").payload)
    bo = await club.member("Bo")
    await club.run(bo, "mentor request", topics="pytorch", goal=GOAL)
    assert "who cover PyTorch are all full right now" in await _why_waiting(club, bo)
    status = await club.run(bo, "mentor status")
    [request_field] = [f.value for f in status.fields if f.name == "Your request"]
    assert request_field.startswith("PyTorch: waiting for 7 days. The mentors who cover PyTorch")


async def test_the_waiting_reason_is_the_real_obstacle_on_a_break(club):
    """Two PyTorch mentors exist but both are paused: not 'nobody covers PyTorch'."""
    for name in ("Sam", "Lee"):
        mentor = await club.mentor(name, "pytorch")
        await club.run(mentor, "privacy pause", duration="4w")
    bo = await club.member("Bo")
    await club.run(bo, "mentor request", topics="pytorch", goal=GOAL)
    assert "who cover PyTorch are taking a break" in await _why_waiting(club, bo)


async def test_a_low_fit_gets_advice_that_raises_it_never_more_topics(club):
    await club.run(ADMIN, "admin set", key="mentoring_min_score", value="90")
    await club.mentor("Sam", "pytorch", role="ML engineer")
    bo = actor("Bo")  # no profile at all: no zone, no target role
    await club.run(bo, "mentor request", topics="pytorch", goal=GOAL)
    reason = await _why_waiting(club, bo)
    assert "fit your request less closely than this community asks for" in reason
    assert "of the 90 points needed" in reason
    assert "timezone:" in reason and "target_role:" in reason
    assert "topic" not in reason.split("asks for", 1)[1]  # more topics would lower the fit


async def test_mentors_confirm_every_eight_weeks(club):
    sam = await club.mentor("Sam", "pytorch")
    await club.mentor("Lee", "nlp")
    await club.advance(timedelta(weeks=8), step=timedelta(days=1))
    assert club.last_button("sam", "mentor-available")
    confirmed = await club.click(sam, "mentor-available", "")
    assert confirmed.text == mentoring_texts.CONFIRMED and confirmed.private
    await club.advance(timedelta(days=8), step=timedelta(days=1))
    assert not any("paused your mentor offer" in s.reply.text for s in club.dms_to("sam"))
    assert any("paused your mentor offer" in s.reply.text for s in club.dms_to("lee"))


async def test_admin_overview_and_privacy_delete(club, store):
    sam = await club.mentor("Sam", "pytorch")
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    await club.click(sam, "mentor-accept", club.last_button("sam", "mentor-accept").payload)
    refused = await club.run(priya, "admin mentoring")
    assert "Only the community's admins" in refused.text
    overview = await club.run(ADMIN, "admin mentoring")
    assert "accepted 1" in str(overview.fields)
    assert "<@sam>: 1 of 2 free" in str(overview.fields)
    exported = await club.run(priya, "privacy export")
    assert GOAL in exported.attachments[0].data.decode()
    ask = await club.run(priya, "privacy delete")
    await club.click(priya, "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "priya", "Priya") == []
    assert (await club.run(sam, "mentor status")).fields  # Sam's offer is untouched


async def test_a_mentor_reported_silent_is_never_proposed_to_that_mentee_again(club):
    sam = await club.mentor("Sam", "pytorch")
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal=GOAL)
    await club.click(sam, "mentor-accept", club.last_button("sam", "mentor-accept").payload)
    await club.run(ADMIN, "admin set", key="mentoring_repeat_weeks", value="0")
    await club.advance(timedelta(days=14), step=COARSE)
    await club.click(priya, "mentor-silent", club.last_button("priya", "mentor-silent").payload)
    await club.advance(timedelta(days=2))
    status = await club.run(priya, "mentor status")
    assert "have been paired with you before" in str(status.fields)
    asked = [s for s in club.dms_to("sam") if "<@priya> is looking for a mentor" in s.reply.text]
    assert len(asked) == 1  # the first time only
