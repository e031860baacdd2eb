"""The listener's reading of messages: crisis first and wide, current first-person doubt."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.encouragement import evaluate
from bench.train_listener import DEV_FILE, HELD_OUT_FILE, TRAIN_FILE, load
from bot.features.encouragement import detector
from bot.features.encouragement.detector import (
    RULES_DOUBT_VETO,
    Reading,
    about_someone_else,
    combine,
    normalise,
    read_by_rules,
    read_message,
)
from bot.features.encouragement.word_gate import without_lookarounds, word_starts


@pytest.mark.parametrize(
    "text",
    [
        "I feel like a fraud in my new job",
        "honestly I don't belong here, everyone is ahead of me",
        "Im too old to switch careers at 45",
        "I'll never get this, watched it five times",
        "does anyone else feel like they don't belong?",
        "they'll find out I'm a fraud soon",
        # Once taken for a resolved feeling: "now I'm" that isn't.
        "failed the quiz and now I'm sure I'm not cut out for this",
    ],
)
def test_current_first_person_doubt(text):
    assert read_message(text) is Reading.SELF_DOUBT


@pytest.mark.parametrize(
    "text, past",
    [
        ("I felt like a fraud until I shipped my first model", True),
        ("I was lost until recently, now it clicks", True),
        ("I don't understand any of it, I just tweak code until it runs", False),
        ("I got a B and now I'm sure I'm not cut out for this", False),
        ("I used to feel like a fraud, but now I'm confident", True),
    ],
)
def test_only_a_feeling_that_ended_counts_as_past(text, past):
    assert detector._not_own_current_doubt(detector.normalise(text)) is past


@pytest.mark.parametrize(
    "text, why",
    [
        ("I used to feel like a fraud, now I mentor others", "past"),
        ("I don't feel like a fraud anymore", "denied"),
        ("my friend says she doesn't belong in her bootcamp", "reported speech"),
        ("He feels like a fake at work", "reported speech"),
        ("Our fraud detection model is live", "the ML kind of fraud"),
        ("this helper doesn't belong in utils", "code"),
        ("I'm a total fraud lol /s", "sarcasm"),
        ("You're not a fraud, you're learning", "reassurance"),
        ("It's never too late to start", "encouragement"),
    ],
)
def test_not_a_disclosure(text, why):
    assert read_message(text) in (Reading.NEITHER, Reading.TOPIC), why


def test_talk_about_the_topic_is_its_own_reading():
    assert read_message("Any tips for imposter syndrome?") is Reading.TOPIC


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to be alive anymore",
        "everyone would be better off without me",
        "i wanna die",
        "thinking about self-harm again",
        # Found missing in real use: slang and indirect ways of saying it.
        "I want to sleep and never wake up",
        "I want to disappear",
        "kms",
        "I don't see the point in anything anymore",
        "i'm going to jump. i can't do this",
        "thinking about overdosing tonight",
    ],
)
def test_crisis_is_read_first_and_widely(text):
    assert read_message(text) is Reading.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "My friend said she wants to kill herself, what do I do?",
        "my friend said he wants to kill himself",
        "my brother keeps saying he wants to die and I'm scared",
        # Once read as the writer's own: a relation with a word before it or in the plural,
        # a farewell pattern that matched from the message's start, "me" as an object.
        "my little sister said goodbye to everyone last night and isn't answering",
        "I'm so worried, my roommate said goodbye to everyone and turned off her phone",
        "two of my students said nobody would miss them if they were gone",
        "my cousin keeps talking about ending it and won't tell me why",
        'my flatmate texted me "i want to die" and now she won\'t pick up',
        "a guy from class gave away his pc and said he won't need it. should i worry?",
    ],
)
def test_crisis_about_someone_else_is_a_worried_friend(text):
    assert read_message(text) is Reading.CRISIS_OTHER


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to end it tonight, i just wanted to tell someone",
        "i'm really scared, i keep thinking about killing myself",
        "i can't stop thinking about the pills in my mom's cabinet, i want it to stop for good",
    ],
)
def test_the_writer_telling_someone_is_still_the_writer(text):
    assert read_message(text) is Reading.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "my team thinks I know what I'm doing and I absolutely don't",
        "I can't believe they let me on this team",
        "every lecture makes me feel more lost",
    ],
)
def test_doubt_the_rules_never_listed_is_read_by_the_classifier(text):
    assert read_message(text, use_model=False) is not Reading.SELF_DOUBT
    assert read_message(text) is Reading.SELF_DOUBT


def _scores(crisis: float, doubt: float, other: float = 0.0) -> dict[str, float]:
    rest = 1 - crisis - doubt - other
    return {"crisis": crisis, "crisis_other": other, "self_doubt": doubt, "none": rest}


def test_the_model_overrules_the_rules_doubt_only_when_all_but_sure():
    plain = normalise("I'm so dumb, forgot to save the model checkpoint")
    rules = read_by_rules(plain)
    assert rules is Reading.SELF_DOUBT
    just_below = RULES_DOUBT_VETO - 0.01
    assert combine(plain, rules, _scores(0.0, just_below), 0.7, 0.5) is Reading.NEITHER
    # Unsure is not sure: below the doubt threshold but above the veto, the rules stand.
    assert combine(plain, rules, _scores(0.0, RULES_DOUBT_VETO), 0.7, 0.5) is Reading.SELF_DOUBT


def test_whose_crisis_the_model_found_needs_the_subject_and_the_model_to_agree():
    # "they'll" is the nearest subject, but the letters are the writer's own.
    plain = normalise("i've written letters to everyone i care about. they'll find them")
    assert about_someone_else(plain)
    rules = read_by_rules(plain)
    assert not rules.is_crisis
    sure_its_the_writer = _scores(0.8, 0.0, other=0.1)
    assert combine(plain, rules, sure_its_the_writer, 0.7, 0.5) is Reading.CRISIS
    friend = normalise("my roommate wrote letters to everyone, they'll find them, what do i do")
    assert read_by_rules(friend) is Reading.NEITHER
    a_friend = _scores(0.3, 0.0, other=0.6)
    assert combine(friend, Reading.NEITHER, a_friend, 0.7, 0.5) is Reading.CRISIS_OTHER


def test_the_model_never_overrules_the_rules_crisis():
    plain = normalise("i want to end my life")
    rules = read_by_rules(plain)
    assert rules is Reading.CRISIS
    assert combine(plain, rules, _scores(0.0, 0.0), 0.7, 0.5) is Reading.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "kill the process",
        "this bug is killing me",
        "I'd die for a GPU",
        "the suicide squad film",
        "I'm ready to die on this hill: tabs are better",
        "my laptop died in the middle of the lecture",
        # The rules once read these as crisis: a member hopping on a call, and talk of a topic.
        "brb, I'm going to jump on a quick call with my study buddy",
        "we're going to jump into the transformers chapter tonight",
        "a podcast episode on overdose trends gave me ideas for a dataset",
        "our clinic's readmission model uses overdose history as a feature",
        # Look-alikes that share crisis words, each a category the rules once misread.
        "my goodbye letter to my old team got so many kind replies",
        "overdosed on coffee before the exam, hands shaking",
        "sorry for being a burden with all my questions today!",
        'our sentiment model scores "i want to die" as negative, which is right',
        "i'm reading a novel where the hero attempts suicide, heavy but beautiful",
        "there's nothing left for me to do on this ticket, grabbing the next one",
        "i don't want to wake up early for the standup tomorrow",
        "the team will be fine without me while i'm at the conference",
        "everyone would be better off if we deleted that dead code",
        "i'm at the end of my rope with this CUDA install",
        "i'm tired of waking up to 200 slack notifications, muting some channels",
    ],
)
def test_everyday_violent_words_are_not_crisis(text):
    assert not read_message(text).is_crisis


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("i'm done. not with the course. with living", True),
        ("not quitting the bootcamp, quitting everything", True),
        ("not leaving the server, leaving this world", True),
        ("not with this model, with everything we tried it failed", False),
        ("not quitting the job, quitting everything else on my plate", False),
        ("i'm not done with the course, with everything going on", False),
        ("i'm ready to go and i'm not talking about a trip", True),
        ("i'm not talking about my job when i say i want out", True),
        ("i'm not talking about my job when i say i want out of the group chat", False),
        ("i'm ready to go, not talking about the trip yet though", False),
        ("sitting in the garage with the engine running, can't think", True),
        ("left the car in the garage with the engine running to warm it up", False),
        ("standing on the bridge taking photos of the fog", False),
    ],
)
def test_leaving_that_is_not_the_ordinary_kind_is_read_by_the_rules(text, crisis):
    assert read_message(text, use_model=False).is_crisis is crisis


def test_the_training_set_is_read_as_labelled():
    """The tuning figures: the held-out ones are reported by the benchmark, never tuned on."""
    rows = load(TRAIN_FILE)
    result = evaluate(rows)
    ordinary = sum(1 for label, _ in rows if not label.startswith("crisis"))
    assert result["n"] >= 1000
    # Below 1.0 even on the training file: a linear reader can't fit every indirect message
    # ("i'm giving my cat to my neighbour this weekend") without false alarms elsewhere.
    assert result["crisis_recall"] >= 0.96 and result["false_crisis"] <= 0.01 * ordinary
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9


def test_the_labelled_sets_are_large_apart_and_labelled():
    train, held_out = load(TRAIN_FILE), load(HELD_OUT_FILE)
    assert len(train) + len(held_out) >= 1500 and len(held_out) >= 400

    def key(text: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", text.casefold()).strip()

    assert not {key(t) for _, t in train} & {key(t) for _, t in held_out}
    assert {label for label, _ in held_out} == {"crisis", "crisis_other", "self_doubt", "none"}


@pytest.mark.parametrize(
    "rule", detector.CRISIS.rules + detector.DOUBT.rules, ids=lambda r: r.regex.pattern[:40]
)
def test_each_pattern_is_tried_whenever_it_could_match(rule):
    """A pattern is skipped unless the message has one of its words; a message the pattern
    matches must always have one (so skipping never hides a crisis or a disclosure)."""
    if not rule.words:
        return  # tried on every message
    loose = without_lookarounds(rule.regex.pattern).replace("$", "")

    # The same examples on every run, so CI can't fail by chance; change max_examples or
    # drop derandomize locally to explore further.
    @settings(
        max_examples=25, derandomize=True, suppress_health_check=list(HealthCheck), deadline=None
    )
    @given(st.from_regex(loose, fullmatch=True))
    def check(text: str) -> None:
        if rule.regex.search(text):
            assert not rule.words.isdisjoint(word_starts(text)), text

    check()


def test_skipping_patterns_finds_what_trying_them_all_finds():
    for gated in (detector.CRISIS, detector.DOUBT):
        every = re.compile("|".join(f"(?:{r.regex.pattern})" for r in gated.rules))
        for _, text in load(TRAIN_FILE) + load(HELD_OUT_FILE):
            plain = detector.normalise(text)
            assert bool(every.search(plain)) == bool(gated.search(plain)), text


def _chosen_by_word_starts(gated, plain):
    starts = word_starts(plain)
    return tuple(r.regex for r in gated.rules if not r.words or not r.words.isdisjoint(starts))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="abcdeginorstuw' .,-", max_size=60))
def test_the_quick_word_scan_chooses_what_word_starts_would_for_any_text(text):
    for gated in (detector.CRISIS, detector.DOUBT):
        assert gated.candidates(text) == _chosen_by_word_starts(gated, text)


def test_the_quick_word_scan_chooses_what_word_starts_would_on_every_labelled_message():
    for gated in (detector.CRISIS, detector.DOUBT):
        for _, text in load(TRAIN_FILE) + load(DEV_FILE) + load(HELD_OUT_FILE):
            plain = detector.normalise(text)
            assert gated.candidates(plain) == _chosen_by_word_starts(gated, plain), text


def test_every_crisis_pattern_has_a_word_of_its_own():
    assert all(rule.words for rule in detector.CRISIS.rules)


@given(st.text(max_size=400))
def test_any_text_gets_a_reading(text):
    assert read_message(text) in Reading
