"""The listener's reading of messages: crisis first, current first-person doubt, not the topic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.encouragement import evaluate, load
from bot.features.encouragement.detector import Reading, read_message


@pytest.mark.parametrize(
    "text",
    [
        "I feel like a fraud in my new job",
        "honestly I don't belong here, everyone is ahead of me",
        "Im too old to switch careers at 45",
        "I'll never get this, watched it five times",
        "does anyone else feel like they don't belong?",
        "they'll find out I'm a fraud soon",
    ],
)
def test_current_first_person_doubt(text):
    assert read_message(text) is Reading.SELF_DOUBT


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
        "my friend said he wants to kill himself",
        "i wanna die",
        "thinking about self-harm again",
    ],
)
def test_crisis_is_read_first_and_widely(text):
    assert read_message(text) is Reading.CRISIS


@pytest.mark.parametrize(
    "text",
    ["kill the process", "this bug is killing me", "I'd die for a GPU", "the suicide squad film"],
)
def test_everyday_violent_words_are_not_crisis(text):
    assert read_message(text) is not Reading.CRISIS


def test_the_labelled_set_meets_its_targets_on_both_splits():
    for split in ("tuning", "held_out"):
        result = evaluate(load(split))
        assert result["n"] >= 50
        assert result["precision"] >= 0.9 and result["recall"] >= 0.8, split
        assert result["crisis_recall"] == 1.0, split
    assert len(load()) >= 400


@given(st.text(max_size=400))
def test_any_text_gets_a_reading(text):
    assert read_message(text) in Reading
