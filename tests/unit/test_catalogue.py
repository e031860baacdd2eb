"""The catalogue refuses, when declared, anything that would not work on every platform."""

from __future__ import annotations

import pytest

from bot.commands import Catalogue, CatalogueError, Command, Permission
from bot.features import full_catalogue
from bot.options import Choice, Integer, Text
from bot.replies import Reply


async def handler(ctx, uow, args) -> Reply:
    return Reply(text="ok")


def catalogue_with_group(*path: str) -> Catalogue:
    catalogue = Catalogue()
    for depth in range(1, len(path) + 1):
        catalogue.group(*path[:depth], help="A group")
    return catalogue


def test_duplicate_command_is_refused():
    catalogue = catalogue_with_group("profile")
    catalogue.command("profile set", help="Set")(handler)
    with pytest.raises(CatalogueError, match="declared twice"):
        catalogue.command("profile set", help="Set again")(handler)


def test_command_with_options_cannot_also_have_subcommands():
    catalogue = Catalogue()
    catalogue.command("streak", help="Streak", options=(Text("member", "Who"),))(handler)
    with pytest.raises(CatalogueError, match="cannot also have subcommands"):
        catalogue.add(Command(("streak", "show"), "Show", (), Permission.MEMBER, handler))


def test_group_cannot_become_a_command():
    catalogue = catalogue_with_group("admin")
    with pytest.raises(CatalogueError, match="is a group"):
        catalogue.command("admin", help="Admin")(handler)


def test_nesting_is_at_most_three_deep():
    catalogue = catalogue_with_group("admin", "checkins")
    catalogue.command("admin checkins setup", help="Setup")(handler)
    with pytest.raises(CatalogueError, match="nesting"):
        catalogue.command("admin checkins setup now", help="Too deep")(handler)


def test_groups_must_be_declared_with_help():
    with pytest.raises(CatalogueError, match="declare group /mentor"):
        Catalogue().command("mentor offer", help="Offer")(handler)


def test_conflicting_group_help_is_refused():
    catalogue = catalogue_with_group("admin")
    catalogue.group("admin", help="A group")  # the same declaration again is fine
    with pytest.raises(CatalogueError, match="different help"):
        catalogue.group("admin", help="Something else")


@pytest.mark.parametrize("name", ["Profile", "profile!", "x" * 33, "with space"])
def test_bad_names_are_refused(name):
    with pytest.raises(CatalogueError):
        Catalogue().add(Command((name,), "Help", (), Permission.MEMBER, handler))


def test_help_longer_than_discord_allows_is_refused():
    with pytest.raises(CatalogueError, match="help must be"):
        Catalogue().command("wins", help="x" * 101)(handler)


def test_required_option_after_optional_is_refused():
    options = (Text("note", "A note"), Text("goal", "A goal", required=True))
    with pytest.raises(CatalogueError, match="after optional"):
        Catalogue().command("request", help="Ask", options=options)(handler)


def test_duplicate_option_is_refused():
    options = (Text("note", "A note"), Integer("note", "Again"))
    with pytest.raises(CatalogueError, match="declared twice"):
        Catalogue().command("request", help="Ask", options=options)(handler)


def test_more_than_25_options_is_refused():
    options = tuple(Text(f"o{i}", "An option") for i in range(26))
    with pytest.raises(CatalogueError, match="at most 25"):
        Catalogue().command("big", help="Big", options=options)(handler)


def test_more_than_25_fixed_choices_is_refused():
    choice = Choice("pick", "Pick", choices=tuple(f"c{i}" for i in range(26)))
    with pytest.raises(CatalogueError, match="25 fixed choices"):
        Catalogue().command("pick", help="Pick", options=(choice,))(handler)


def test_bad_option_bounds_are_refused():
    with pytest.raises(CatalogueError, match="min_value"):
        Catalogue().command("n", help="N", options=(Integer("n", "N", min_value=5, max_value=1),))(
            handler
        )


def test_duplicate_action_is_refused():
    catalogue = Catalogue()
    catalogue.action("accept")(handler)
    with pytest.raises(CatalogueError, match="declared twice"):
        catalogue.action("accept")(handler)


def test_include_reapplies_the_rules():
    first, second = Catalogue(), Catalogue()
    first.command("wins", help="Wins")(handler)
    second.command("wins", help="Also wins")(handler)
    combined = Catalogue()
    combined.include(first)
    with pytest.raises(CatalogueError, match="declared twice"):
        combined.include(second)


def test_resolve_takes_the_longest_command_prefix():
    catalogue = full_catalogue()
    command, used = catalogue.resolve(["profile", "set", "timezone:UTC"])
    assert command is not None and command.name == "profile set" and used == 2
    assert catalogue.resolve(["nothing"]) == (None, 0)


def test_full_catalogue_fits_discord_limits():
    catalogue = full_catalogue()
    assert len(catalogue) >= 10
    for command in catalogue:
        assert 1 <= len(command.path) <= 3
        assert all(len(part) <= 32 for part in command.path)
        assert 0 < len(command.help) <= 100
        assert len(command.options) <= 25
        for option in command.options:
            assert len(option.name) <= 32 and 0 < len(option.description) <= 100
    for path, help in catalogue.groups.items():
        assert 0 < len(help) <= 100
        assert len(catalogue.children(path)) <= 25
    top_level = {command.path[0] for command in catalogue}
    assert len(top_level) <= 100  # Discord's limit on global commands
