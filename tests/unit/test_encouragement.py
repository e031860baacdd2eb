"""Encouragement through the real core: kind to doubt, safe in a crisis, forgetful of words."""

from __future__ import annotations

from datetime import timedelta

from bot.features.encouragement import texts
from bot.features.encouragement.listener import ALERT_WAITS_FOR_DM
from bot.outbox import queue_dm
from bot.ports import Delivery
from bot.replies import Reply
from tests.driver import ADMIN, C, Club, actor
from tests.fakes import rows_mentioning

DOUBT = "I feel like such a fraud at my new ML job"
CRISIS = "I don't want to be alive anymore"


async def turn_on(club: Club, mode: str = "dm", moderators: bool = True) -> None:
    if moderators:
        await club.run(ADMIN, "admin set", key="moderator_channel", value="#mods")
    reply = await club.run(
        ADMIN, "admin encouragement", channels="#general, #study", mode=mode, cooldown="24h"
    )
    assert reply.text.startswith("Encouragement is on in <#general>, <#study>")


def notes_to(club: Club, member: str):
    return [s for s in club.dms_to(member) if s.reply.title == texts.TITLE]


def pool_part(text: str) -> str:
    return text.split("\n\n")[0]


async def test_doubt_in_a_watched_channel_gets_one_kind_private_note(club):
    await turn_on(club)
    priya = actor("Priya")
    await club.say(priya, DOUBT, "general")
    [note] = notes_to(club, "priya")
    assert pool_part(note.reply.text) in texts.POOL
    assert note.reply.text.endswith(texts.NEXT_MENTOR)  # no mentor yet: that's the next step
    assert DOUBT not in note.reply.text  # never quotes them
    await club.say(priya, DOUBT, "random")  # not a watched channel
    await club.say(priya, "Our fraud detection model is live", "general")  # not doubt
    assert len(notes_to(club, "priya")) == 1


async def test_cooldown_then_a_different_message(club):
    await turn_on(club)
    priya = actor("Priya")
    await club.say(priya, DOUBT, "general")
    await club.say(priya, "I'll never get backprop", "study")
    assert len(notes_to(club, "priya")) == 1
    club.clock.advance(timedelta(hours=24))
    await club.say(priya, "I'll never get backprop", "study")
    first, second = notes_to(club, "priya")
    assert pool_part(first.reply.text) != pool_part(second.reply.text)


async def test_the_pool_does_not_repeat_until_it_runs_out(club):
    priya = actor("Priya")
    seen = []
    for _ in range(len(texts.POOL) + 1):
        club.clock.advance(timedelta(minutes=1))
        seen.append(pool_part((await club.run(priya, "boost")).text))
    assert len(texts.POOL) >= 20
    assert sorted(seen[: len(texts.POOL)]) == sorted(texts.POOL)  # each exactly once
    assert seen[-1] in texts.POOL  # and then it starts over


async def test_crisis_gets_resources_and_a_human_never_a_pep_talk(club):
    await turn_on(club)
    sam = actor("Sam")
    await club.say(sam, DOUBT, "general")  # uses up the cooldown
    await club.run(sam, "encourage", listen="off")
    await club.run(sam, "privacy pause", duration="1w")
    await club.say(sam, CRISIS, "general")
    crisis = [s for s in club.dms_to("sam") if "don't have to carry this alone" in s.reply.text]
    assert len(crisis) == 1
    text = crisis[0].reply.text
    assert texts.DEFAULT_RESOURCES in text and "moderator here may also check in" in text
    assert not any(line in text for line in texts.POOL)
    [alert] = [s for s in club.messenger.sent if s.kind == "post" and s.target == "mods"]
    assert "<@sam>" in alert.reply.text and "<#general>" in alert.reply.text
    assert "(message m2)" in alert.reply.text  # where to find it (platforms give a link)
    assert CRISIS not in alert.reply.text  # a link, not the words


async def test_crisis_without_moderators_still_reaches_the_member(club):
    await turn_on(club, moderators=False)
    await club.say(actor("Sam"), "honestly I just want to die", "study")
    [help_] = club.dms_to("sam")
    assert "moderator" not in help_.reply.text
    assert not [s for s in club.messenger.sent if s.kind == "post"]


async def test_crisis_help_goes_out_before_a_backlog_of_reminders(club):
    await turn_on(club)
    now = club.clock.now()
    async with club.app.runtime.store.unit() as uow:  # a week's reminders, not yet sent
        for i in range(300):
            await queue_dm(uow, C, f"m{i}", f"reminder:{i}", Reply("Check in?"), now)
    await club.say(actor("Sam"), CRISIS, "general")  # then everything is sent
    sent = club.messenger.sent
    assert len(sent) == 302
    assert (sent[0].kind, sent[0].target) == ("dm", "sam")
    # The alert waits only for the DM's outcome, then jumps the remaining reminders.
    [alert_at] = [i for i, s in enumerate(sent) if s.target == "mods"]
    last_reminder_at = next(i for i, s in enumerate(sent) if s.target == "m299")
    assert alert_at < last_reminder_at
    assert sent[alert_at].reply.fields[0].value == texts.ALERT_DM_DELIVERED


async def test_opting_out_stops_doubt_replies(club):
    await turn_on(club)
    priya = actor("Priya")
    reply = await club.run(priya, "encourage", listen="off")
    assert "/boost" in reply.text
    await club.say(priya, DOUBT, "general")
    assert notes_to(club, "priya") == []
    await club.run(priya, "encourage", listen="on")
    await club.say(priya, DOUBT, "general")
    assert len(notes_to(club, "priya")) == 1


async def test_thread_mode_answers_under_the_message(club):
    await turn_on(club, mode="thread")
    await club.say(actor("Priya"), DOUBT, "general")
    [reply] = [s for s in club.messenger.sent if s.kind == "reply"]
    assert reply.target == "general/m1" and reply.reply.title == texts.TITLE
    await club.say(actor("Sam"), DOUBT, "general", thread="t9")  # already inside a thread
    [inside] = [s for s in club.messenger.sent if s.kind == "post"]
    assert inside.target == "t9" and inside.reply.title == texts.TITLE


async def test_next_steps_follow_the_members_state(club):
    priya = actor("Priya")
    assert (await club.run(priya, "boost")).text.endswith(texts.NEXT_MENTOR)
    await club.run(priya, "mentor request", topics="pytorch", goal="Ship one small model this year")
    assert (await club.run(priya, "boost")).text.endswith(texts.NEXT_POST)
    await club.run(priya, "checkin", learned="Autograd in PyTorch")
    assert "checked in 1 week running" in (await club.run(priya, "boost")).text
    await club.run(priya, "win", text="Explained backprop to a friend")
    assert "logged 1 win" in (await club.run(priya, "boost")).text


async def test_no_message_text_is_stored(club, store):
    await turn_on(club)
    await club.say(actor("Priya"), "I feel like an imposter in the zebra reading group", "general")
    await club.say(actor("Sam"), "I want to end my life, said the zebra", "general")
    assert await rows_mentioning(store, "zebra") == []


async def test_kudos_rules(club):
    ada, bo = actor("Ada"), actor("Bo")
    await club.run(bo, "topics")  # Bo is known here
    assert (
        "better logged as a win" in (await club.run(ada, "kudos", member="ada", message="me")).text
    )
    assert "haven't met" in (await club.run(ada, "kudos", member="zed", message="hi")).text
    for i in range(5):
        sent = await club.run(
            ada, "kudos", in_channel="general", member="bo", message=f"thanks {i}"
        )
        assert sent.text.startswith("Sent")
    limited = await club.run(ada, "kudos", in_channel="general", member="bo", message="one more")
    assert "5 kudos today" in limited.text
    posts = [s for s in club.messenger.sent if s.kind == "post"]
    assert len(posts) == 5 and posts[0].target == "general"
    assert posts[0].reply.text == "Kudos to <@bo> from <@ada>: thanks 0"
    club.clock.advance(timedelta(days=1))
    await club.run(ada, "kudos", member="bo", message="a quiet thank you", private="yes")
    assert club.dms_to("bo")[-1].reply.text == "<@ada> sent you kudos: a quiet thank you"
    wins = await club.run(bo, "wins")
    assert any("a quiet thank you" in f.value for f in wins.fields)


async def test_wins_private_shared_and_erased(club, store):
    priya = actor("Priya")
    first = await club.run(priya, "win", text="Finished week 1 of the course")
    assert "1 win" in first.text
    no_channel = await club.run(priya, "win", text="Helped a classmate", share="yes")
    assert "no wins channel yet" in no_channel.text
    await club.run(ADMIN, "admin set", key="wins_channel", value="#wins")
    shared = await club.run(priya, "win", text="Deployed my first model", share="yes")
    assert shared.text == "Logged and shared in <#wins>."
    [post] = [s for s in club.messenger.sent if s.kind == "post"]
    assert post.target == "wins" and "Deployed my first model" in post.reply.text
    listed = await club.run(priya, "wins", weeks="1")
    assert listed.fields[0].value == "Deployed my first model"  # newest first
    ask = await club.run(priya, "privacy delete")
    await club.click(priya, "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "priya") == []


# --- Channels named the way admins name them ------------------------------------------------

CHANNELS = {"C100": "general", "C200": "mods", "C300": "staff"}


async def test_channels_given_by_name_are_stored_as_ids_and_shown_as_mentions(club):
    club.messenger.channels = dict(CHANNELS)
    reply = await club.run(ADMIN, "admin encouragement", channels="#general", mode="dm")
    assert reply.text.startswith("Encouragement is on in <#C100>")
    await club.run(ADMIN, "admin set", key="moderator_channel", value="<#C200>")
    async with club.app.runtime.store.unit(read_only=True) as uow:
        stored = await uow.communities.settings(C)
    assert stored["encouragement_channels"] == "<#C100>"
    assert stored["moderator_channel"] == "<#C200>"
    await club.say(actor("Sam"), CRISIS, "C100")  # messages arrive with the platform's id
    assert [s.target for s in club.messenger.sent] == ["sam", "C200"]


async def test_an_unknown_or_unreadable_channel_is_refused_and_nothing_changes(club):
    club.messenger.channels = dict(CHANNELS)
    club.messenger.unreadable = {"C300"}
    unknown = await club.run(ADMIN, "admin encouragement", channels="#general, #genral", mode="dm")
    assert "I can't find #genral here" in unknown.text and "Nothing was changed" in unknown.text
    hidden = await club.run(ADMIN, "admin set", key="moderator_channel", value="#staff")
    assert "#staff is here, but I can't read or post in it yet. Let me in first." in hidden.text
    settings = await club.run(ADMIN, "admin settings")
    shown = {f.name: f.value for f in settings.fields}
    assert shown["encouragement_channels"].startswith("(not set)")
    assert shown["moderator_channel"].startswith("(not set)")


async def test_names_saved_before_ids_are_looked_up_and_unfound_ones_shown(club):
    club.messenger.channels = dict(CHANNELS)
    now = club.clock.now()
    async with club.app.runtime.store.unit() as uow:  # as an older liftup stored them
        await uow.communities.ensure(C, now)
        await uow.communities.set_setting(C, "encouragement_channels", "#general, #gone", now)
        await uow.communities.set_setting(C, "moderator_channel", "mods", now)
    await club.say(actor("Sam"), CRISIS, "C100")
    assert [s.target for s in club.messenger.sent] == ["sam", "C200"]
    settings = await club.run(ADMIN, "admin settings")
    shown = {f.name: f.value for f in settings.fields}
    assert shown["encouragement_channels"].startswith("<#C100>")
    assert "not found in this community, so not in use: #gone" in shown["encouragement_channels"]


# --- Crisis: everywhere if asked, for a worried friend, and an alert that tells the truth ---


async def test_crisis_watch_everywhere_reads_crisis_but_never_doubt(club):
    await turn_on(club)
    await club.say(actor("Priya"), DOUBT, "random")
    await club.say(actor("Sam"), CRISIS, "random")
    assert club.messenger.sent == []  # "listened": only the chosen channels
    await club.run(ADMIN, "admin set", key="crisis_watch", value="all")
    await club.say(actor("Priya"), DOUBT, "random")
    await club.say(actor("Sam"), CRISIS, "random")
    assert notes_to(club, "priya") == []
    [help_] = club.dms_to("sam")
    assert texts.DEFAULT_RESOURCES in help_.reply.text


async def test_a_worried_friend_gets_help_for_the_helper_and_moderators_are_told(club):
    await turn_on(club)
    await club.say(
        actor("Ola"), "My friend said she wants to kill herself, what do I do?", "general"
    )
    [help_] = club.dms_to("ola")
    assert "Thank you for looking out for them" in help_.reply.text
    assert texts.DEFAULT_RESOURCES in help_.reply.text
    assert "really sorry things feel this heavy" not in help_.reply.text
    [alert] = [s for s in club.messenger.sent if s.target == "mods"]
    assert "someone they know may be in crisis" in alert.reply.text
    assert alert.reply.fields[0].value == texts.ALERT_DM_DELIVERED


async def test_the_alert_says_plainly_when_the_private_message_did_not_arrive(club):
    await turn_on(club)
    club.messenger.dms_closed.add("sam")
    await club.say(actor("Sam"), CRISIS, "general")
    [alert] = [s for s in club.messenger.sent if s.target == "mods"]
    status = alert.reply.fields[0].value
    assert "did not reach them" in status and "direct messages are closed" in status
    assert "reach out to them now" in status
    assert texts.ALERT_DM_DELIVERED not in status


async def test_a_slow_private_message_does_not_hold_the_alert_back_for_long(club):
    await turn_on(club)
    club.messenger.script = [Delivery.retry(600)]  # the DM is rate limited for ten minutes
    await club.say(actor("Sam"), CRISIS, "general")
    assert club.messenger.sent == []
    club.clock.advance(ALERT_WAITS_FOR_DM)
    await club.app.drain()
    [alert] = [s for s in club.messenger.sent if s.target == "mods"]
    assert alert.reply.fields[0].value == texts.ALERT_DM_PENDING  # honest: not known yet
    club.messenger.dms_closed.add("sam")
    club.clock.advance(timedelta(minutes=11))
    await club.app.drain()
    [update] = [s for s in club.messenger.sent if s.target == "mods"][1:]
    assert (
        update.reply.text.startswith("Update on <@sam>")
        and "did not reach them" in update.reply.text
    )


async def test_ordinary_messages_leave_nothing_stored(club, store):
    """Part of issue 14 (item 9): a message no listener acts on writes nothing, not even that
    its author was seen; nor does one straight after /privacy delete."""
    await turn_on(club)
    ola = actor("Ola")
    await club.say(ola, "Anyone up for a study session on Thursday?", "general")
    await club.say(ola, DOUBT, "random")  # doubt outside the chosen channels
    await club.say(ola, "Our fraud detection model is live", "general")
    assert await rows_mentioning(store, "ola") == []
    priya = actor("Priya")
    await club.say(priya, DOUBT, "general")  # acted on: a note, and what that needs
    assert await rows_mentioning(store, "priya")
    await club.say(priya, DOUBT, "general")  # within the cooldown: read, not acted on
    assert len(notes_to(club, "priya")) == 1
    ask = await club.run(priya, "privacy delete")
    await club.click(priya, "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "priya") == []
    await club.say(priya, "thanks all, see you next week", "general")
    assert await rows_mentioning(store, "priya") == []


async def test_export_holds_what_liftup_keeps_about_the_member(club):
    """Part of issue 14 (item 8): ratings and notes the member gave, how encouragement has
    answered them (crisis replies included), and alerts about them, with titles and fields."""
    import json

    await turn_on(club)
    sam = await club.mentor("Sam", "pytorch")
    priya = await club.member("Priya")
    await club.run(priya, "mentor request", topics="pytorch", goal="Ship one small model this year")
    await club.click(sam, "mentor-accept", club.last_button("sam", "mentor-accept").payload)
    await club.run(
        priya, "mentor end", **{"with": "sam", "rating": "5", "note": "Patient and precise"}
    )
    await club.say(priya, CRISIS, "general")
    exported = await club.run(priya, "privacy export")
    data = json.loads(exported.attachments[0].data)["data"]
    [ship] = data["mentoring"]["mentorships"]
    assert (ship["rating"], ship["note"], ship["end_reason"]) == (5, "Patient and precise", "ended")
    listener = data["encouragement"]["listener"]
    assert listener["crisis_replies"] == 1 and "last_reply_at" in listener
    alerts = [m for m in data["messages_to_or_about_you"] if m["destination"]["type"] == "post"]
    assert alerts and alerts[0]["reply"]["fields"][0][0] == texts.ALERT_DM_FIELD
    # The mentor's export shows the mentorship, but not the mentee's rating of him.
    theirs = json.loads((await club.run(sam, "privacy export")).attachments[0].data)["data"]
    assert "rating" not in theirs["mentoring"]["mentorships"][0]
