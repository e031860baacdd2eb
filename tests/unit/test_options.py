"""Every option kind: what it accepts, and the message it gives for what it doesn't."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.options import (
    Boolean,
    Choice,
    Duration,
    Integer,
    MemberOption,
    OptionError,
    Text,
    TextList,
    TimeOfDay,
    TimezoneOption,
    Topics,
    Weekday,
    format_duration,
)
from bot.taxonomy import Vocabulary

VOCAB = Vocabulary.default(extra_topics=["AI ethics"])


def error_of(option, raw) -> str:
    with pytest.raises(OptionError) as caught:
        option.convert(raw, VOCAB)
    assert str(caught.value).startswith(f"{option.name}: ")
    return str(caught.value)


class TestText:
    bio = Text("bio", "A bio", max_length=300)

    def test_trims_and_keeps_inner_text(self):
        assert self.bio.convert("  Hello there  ", VOCAB) == "Hello there"

    def test_too_long_names_the_limit(self):
        message = error_of(self.bio, "x" * 301)
        assert "301 characters" in message and "300 or fewer" in message

    def test_exactly_at_limit_is_fine(self):
        assert len(self.bio.convert("x" * 300, VOCAB)) == 300

    def test_control_characters_are_dropped(self):
        assert self.bio.convert("a\x00b\u200bc", VOCAB) == "abc"

    def test_min_length(self):
        goal = Text("goal", "A goal", min_length=20, max_length=500)
        assert "20 at least" in error_of(goal, "learn ML")
        assert goal.convert("Ship one small model to production", VOCAB)

    def test_required_empty_is_refused(self):
        assert "can't be empty" in error_of(Text("note", "n", required=True), "   ")

    def test_huge_input_is_refused_early(self):
        assert "far more" in error_of(self.bio, "y" * 50_000)


class TestTextList:
    languages = TextList("languages", "Languages", max_items=3, item_max_length=10)

    def test_splits_and_dedupes(self):
        assert self.languages.convert("English, hindi ,English,", VOCAB) == ("English", "hindi")

    def test_too_many(self):
        assert "3 at most" in error_of(self.languages, "a, b, c, d")

    def test_item_too_long(self):
        assert "longer than 10" in error_of(self.languages, "Portuguese-Brazil")


class TestInteger:
    capacity = Integer("capacity", "Mentees", min_value=1, max_value=10)

    @pytest.mark.parametrize("raw, value", [("3", 3), (7, 7), (" 10 ", 10), ("+1", 1)])
    def test_valid(self, raw, value):
        assert self.capacity.convert(raw, VOCAB) == value

    @pytest.mark.parametrize("raw", ["0", "11", -3])
    def test_out_of_range_names_the_range(self, raw):
        assert "pick 1-10" in error_of(self.capacity, raw)

    @pytest.mark.parametrize("raw", ["three", "2.5", "", True])
    def test_not_a_number(self, raw):
        assert "whole number" in error_of(self.capacity, raw)


class TestBoolean:
    public = Boolean("public", "Public?")

    @pytest.mark.parametrize("raw", ["yes", "TRUE", "on", "1", True])
    def test_true(self, raw):
        assert self.public.convert(raw, VOCAB) is True

    @pytest.mark.parametrize("raw", ["no", "False", "off", "0", False])
    def test_false(self, raw):
        assert self.public.convert(raw, VOCAB) is False

    def test_other(self):
        assert "yes, no, on or off" in error_of(self.public, "maybe")


class TestChoice:
    phase = Choice("phase", "Phase", choices=("learning", "projects", "job-search"))
    role = Choice("role", "Role", choices_from="roles")

    def test_case_and_punctuation_forgiven(self):
        assert self.phase.convert("Job Search", VOCAB) == "job-search"
        assert self.role.convert("ml-engineer", VOCAB) == "ML engineer"

    def test_typo_gets_a_suggestion(self):
        assert "did you mean projects" in error_of(self.phase, "projets")

    def test_unrelated_lists_the_choices(self):
        assert "learning, projects, job-search" in error_of(self.phase, "zzz")

    def test_community_list(self):
        custom = Vocabulary(topics=VOCAB.topics, roles=("Prompt engineer",))
        assert self.role.convert("prompt engineer", custom) == "Prompt engineer"
        with pytest.raises(OptionError):
            self.role.convert("ML engineer", custom)


class TestTopics:
    topics = Topics("topics", "Topics", max_items=4)

    def test_aliases_and_case(self):
        assert self.topics.convert("python, LIN ALG, sklearn, ai ethics", VOCAB) == (
            "Python",
            "Linear algebra",
            "scikit-learn",
            "AI ethics",
        )

    def test_duplicates_collapse(self):
        assert self.topics.convert("python, Python, PYTHON", VOCAB) == ("Python",)

    def test_unknown_topic_suggests(self):
        message = error_of(self.topics, "python, pytorh")
        assert '"pytorh" is not a topic' in message and "PyTorch" in message

    def test_too_many(self):
        assert "pick your 4 main ones" in error_of(self.topics, "python, nlp, cv, rl, mlops")

    def test_list_input(self):
        assert self.topics.convert(["NLP", "transformers"], VOCAB) == ("NLP", "Transformers")


class TestMember:
    member = MemberOption("member", "Who")

    @pytest.mark.parametrize("raw", ["<@123>", "<@!123>", "123", "@123"])
    def test_forms(self, raw):
        assert self.member.convert(raw, VOCAB) == "123"

    @pytest.mark.parametrize("raw", ["", "two words", "<@>"])
    def test_not_a_member(self, raw):
        assert "not a member" in error_of(self.member, raw)


class TestTimezone:
    tz = TimezoneOption("timezone", "Zone")

    @pytest.mark.parametrize(
        "raw, zone",
        [
            ("Europe/Berlin", "Europe/Berlin"),
            ("america/new york", "America/New_York"),
            ("UTC", "UTC"),
            ("Berlin", "Europe/Berlin"),
            ("Mumbai", "Asia/Kolkata"),
        ],
    )
    def test_valid(self, raw, zone):
        assert self.tz.convert(raw, VOCAB) == zone

    def test_the_issue_example(self):
        message = error_of(self.tz, "Mars/Base")
        assert message.startswith('timezone: "Mars/Base" is not a time zone; try ')
        assert "Europe/Berlin" in message

    def test_typo_suggests_the_real_zone(self):
        assert error_of(self.tz, "Europe/Berln").endswith("try Europe/Berlin")


class TestWeekday:
    day = Weekday("weekday", "Day")

    @pytest.mark.parametrize("raw, index", [("monday", 0), ("Mon", 0), ("SU", 6), ("fri", 4)])
    def test_valid(self, raw, index):
        assert self.day.convert(raw, VOCAB) == index

    @pytest.mark.parametrize("raw", ["m", "funday", "8"])
    def test_invalid(self, raw):
        assert "not a weekday" in error_of(self.day, raw)


class TestTimeOfDay:
    at = TimeOfDay("time", "When")

    @pytest.mark.parametrize(
        "raw, value",
        [
            ("09:00", time(9)),
            ("9:30", time(9, 30)),
            ("6:30pm", time(18, 30)),
            ("12am", time(0)),
            ("12pm", time(12)),
            ("21.15", time(21, 15)),
        ],
    )
    def test_valid(self, raw, value):
        assert self.at.convert(raw, VOCAB) == value

    @pytest.mark.parametrize("raw", ["25:00", "9", "13pm", "noonish", "10:75"])
    def test_invalid(self, raw):
        assert "not a time of day" in error_of(self.at, raw)


class TestDuration:
    pause = Duration("duration", "How long", minimum=timedelta(days=1), maximum=timedelta(weeks=26))

    @pytest.mark.parametrize(
        "raw, value",
        [
            ("2w", timedelta(weeks=2)),
            ("3d", timedelta(days=3)),
            ("1d12h", timedelta(days=1, hours=12)),
            ("2 weeks", timedelta(weeks=2)),
            ("36h", timedelta(hours=36)),
        ],
    )
    def test_valid(self, raw, value):
        assert self.pause.convert(raw, VOCAB) == value

    def test_out_of_range_names_the_range(self):
        assert "pick 1d to 26w" in error_of(self.pause, "2h")
        assert "pick 1d to 26w" in error_of(self.pause, "30w")

    @pytest.mark.parametrize("raw", ["soon", "3", "w2", "3x"])
    def test_not_a_duration(self, raw):
        assert "try 3d, 2w or 1d12h" in error_of(self.pause, raw)

    def test_format_round_trips(self):
        assert format_duration(timedelta(days=9, hours=3)) == "1w2d3h"


ALL_OPTIONS = [
    TestText.bio,
    TestTextList.languages,
    TestInteger.capacity,
    TestBoolean.public,
    TestChoice.phase,
    TestChoice.role,
    TestTopics.topics,
    TestMember.member,
    TestTimezone.tz,
    TestWeekday.day,
    TestTimeOfDay.at,
    TestDuration.pause,
]


@pytest.mark.parametrize("option", ALL_OPTIONS, ids=lambda o: o.kind.value)
@given(raw=st.one_of(st.text(max_size=300), st.integers(), st.booleans()))
def test_any_input_gives_a_value_or_a_message(option, raw):
    """Whatever a member types, validation returns a value or an OptionError; nothing else."""
    try:
        option.convert(raw, VOCAB)
    except OptionError as exc:
        assert exc.option == option.name
        assert exc.message.strip()


@pytest.mark.parametrize(
    "typed, channel_id, name",
    [
        ("#general", None, "general"),
        ("<#920000000000000001>", "920000000000000001", None),
        ("<#C1|general>", "C1", "general"),
        ("C0123ABC", "C0123ABC", "C0123ABC"),  # bare: tried as an id, then as a name
    ],
)
def test_a_channel_is_read_as_typed_for_the_adapter_to_look_up(typed, channel_id, name):
    from bot.options import ChannelOption

    value = ChannelOption("channel", "A channel").convert(typed, Vocabulary.default())
    assert (value.id, value.name, str(value)) == (channel_id, name, typed)


def test_a_channel_list_takes_commas_or_spaces_and_refuses_what_is_not_a_channel():
    from bot.options import ChannelList, OptionError

    option = ChannelList("channels", "Channels", max_items=3)
    value = option.convert("#general, <#C2|mods> #help", Vocabulary.default())
    assert [str(c) for c in value] == ["#general", "<#C2|mods>", "#help"]
    with pytest.raises(OptionError, match="not a channel"):
        option.convert("#general, @sam", Vocabulary.default())
    with pytest.raises(OptionError, match="3 at most"):
        option.convert("#a #b #c #d", Vocabulary.default())


def test_languages_take_short_forms_and_are_stored_by_name():
    from bot.options import Languages, OptionError

    option = Languages("languages", "Languages")
    assert option.parse("en, Español, hi, english", VOCAB) == ("English", "Spanish", "Hindi")
    with pytest.raises(OptionError, match="did you mean English"):
        option.parse("Englsh", VOCAB)
    with pytest.raises(OptionError, match="not a language I know"):
        option.parse("Klingon", VOCAB)


def test_a_short_form_saved_before_and_a_name_now_are_one_language():
    from datetime import UTC, datetime

    from bot.features.proposals import person
    from bot.models import Member, Profile

    old = Profile("c", "a", languages=("en",))  # saved as typed, before short forms
    new = Profile("c", "b", languages=("English",))
    member = Member("c", "a", "A", datetime(2026, 1, 1, tzinfo=UTC))
    assert person(member, old, ()).languages == person(member, new, ()).languages
