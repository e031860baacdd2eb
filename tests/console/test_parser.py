"""The console's line parser, including random input that must never crash it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.console.parser import (
    Builtin,
    CommandLine,
    ParseError,
    PlainMessage,
    parse_line,
)
from bot.features import full_catalogue

CATALOGUE = full_catalogue()


def test_options_with_quotes_and_slashes():
    parsed = parse_line(
        '/profile set timezone:Europe/Berlin topics_known:"python, linear algebra"', CATALOGUE
    )
    assert isinstance(parsed, CommandLine) and parsed.command.name == "profile set"
    assert parsed.options == {
        "timezone": "Europe/Berlin",
        "topics_known": "python, linear algebra",
    }


def test_bare_values_fill_options_in_order_and_members_are_normalised():
    parsed = parse_line("/profile show @Priya", CATALOGUE)
    assert parsed.options == {"member": "priya"}
    parsed = parse_line('/help "profile set"', CATALOGUE)
    assert parsed.options == {"command": "profile set"}


def test_builtins_messages_and_blank_lines():
    assert parse_line("/as Sam admin", CATALOGUE) == Builtin("as", ("Sam", "admin"))
    assert parse_line('/in "Week 48"', CATALOGUE) == Builtin("in", ("Week 48",))
    assert parse_line("I feel stuck", CATALOGUE) == PlainMessage("I feel stuck")
    assert parse_line("   ", CATALOGUE) is None


@pytest.mark.parametrize(
    "line, message",
    [
        ("/", "A lone / is not a command"),
        ("/fly", "I don't know /fly"),
        ("/profile", "/profile needs a subcommand"),
        ('/profile set bio:"open', "no closing quotation"),
        ("/profile set colour:red", "has no option 'colour'"),
        ("/profile set bio:a bio:b", "bio is given twice"),
        ("/topics extra", "I don't know what 'extra' is for"),
    ],
)
def test_errors_say_what_to_do(line, message):
    with pytest.raises(ParseError, match=message):
        parse_line(line, CATALOGUE)


@given(st.text(max_size=200))
def test_random_lines_parse_or_explain(line):
    try:
        parse_line(line, CATALOGUE)
    except ParseError as exc:
        assert str(exc).strip()


@given(st.text(alphabet=st.sampled_from("/ab:\"\\ '#@profilesthow"), max_size=60))
def test_random_command_like_lines_parse_or_explain(line):
    try:
        parse_line("/" + line, CATALOGUE)
    except ParseError as exc:
        assert str(exc).strip()
