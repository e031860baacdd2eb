"""The dispatcher: validation, permissions, friendly errors, rollbacks and duplicate invocations."""

from __future__ import annotations

import logging
import re
from contextlib import asynccontextmanager

import pytest

from bot.bootstrap.app import build_app
from bot.commands import Catalogue, Permission
from bot.config import Config
from bot.context import Actor, Click, Invocation
from bot.dispatch import CONFLICT_ATTEMPTS, Dispatcher
from bot.errors import UserError
from bot.options import Integer, Text
from bot.outbox import queue
from bot.ports import DirectMessage, StoreConflict
from bot.replies import Button, Reply
from bot.runtime import Runtime
from tests.fakes import FakeMessenger, table_rows

COMMUNITY = "test:alpha"
ADA = Actor("u1", "Ada")
ADMIN = Actor("u9", "Root", is_admin=True)


def build(store, clock) -> tuple[Dispatcher, dict[str, int]]:
    calls = {"count": 0}
    catalogue = Catalogue()
    catalogue.group("notes", help="Notes")

    @catalogue.command(
        "notes add",
        help="Add a note",
        options=(
            Text("text", "The note", required=True, max_length=20),
            Integer("stars", "Stars", min_value=1, max_value=5),
        ),
    )
    async def add(ctx, uow, args):
        calls["count"] += 1
        await queue(
            uow,
            ctx.community_id,
            f"note:{calls['count']}",
            DirectMessage(ctx.actor.id),
            Reply(args["text"]),
            ctx.now,
        )
        if args["text"] == "explode":
            raise RuntimeError("the handler broke")
        if args["text"] == "refuse":
            raise UserError("I can't take that note.")
        return Reply(
            text=f"noted {args['text']} ({args['stars']})",
            buttons=(Button("Undo", "undo", ctx.actor.id),),
        )

    @catalogue.command("notes purge", help="Purge", permission=Permission.ADMIN)
    async def purge(ctx, uow, args):
        return Reply(text="purged")

    @catalogue.action("undo")
    async def undo(ctx, uow, payload):
        if payload != ctx.actor.id:
            raise UserError("Not your note.")
        return Reply(text="undone", private=True)

    runtime = Runtime(store=store, clock=clock, catalogue=catalogue)
    return Dispatcher(runtime), calls


def invocation(command: str, actor: Actor = ADA, key: str | None = None, **options) -> Invocation:
    return Invocation(COMMUNITY, actor, command, options, "general", key)


async def pending(store) -> int:
    async with store.unit(read_only=True) as uow:
        return await uow.outbox.pending_count()


async def test_valid_command_runs_and_commits(store, clock):
    dispatcher, calls = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add", text="hello", stars="3"))
    assert reply.text == "noted hello (3)"
    assert calls["count"] == 1 and await pending(store) == 1


async def test_every_bad_option_is_reported_at_once_and_nothing_runs(store, clock):
    dispatcher, calls = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add", text="x" * 21, stars="9"))
    assert reply.private
    assert "text: that is 21 characters" in reply.text
    assert "stars: 9 is out of range; pick 1-5" in reply.text
    assert "Nothing was changed" in reply.text
    assert calls["count"] == 0


async def test_missing_required_option_says_what_it_takes(store, clock):
    dispatcher, _ = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add"))
    assert "text: this one is needed (text, up to 20 characters)" in reply.text


async def test_unknown_option_and_command(store, clock):
    dispatcher, _ = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add", text="a", colour="red"))
    assert "has no option `colour`" in reply.text and "text, stars" in reply.text
    reply = await dispatcher.invoke(invocation("notes fly"))
    assert reply.private and "/help" in reply.text


async def test_user_error_rolls_back_the_handlers_writes(store, clock):
    dispatcher, calls = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add", text="refuse"))
    assert reply.private and reply.text == "I can't take that note."
    assert calls["count"] == 1 and await pending(store) == 0


async def test_unexpected_error_is_logged_with_an_id_the_member_sees(store, clock, caplog):
    dispatcher, _ = build(store, clock)
    with caplog.at_level(logging.ERROR, logger="bot.dispatch"):
        reply = await dispatcher.invoke(invocation("notes add", text="explode"))
    error_id = re.search(r"`([0-9a-f]{8})`", reply.text).group(1)
    assert reply.private and "Sorry" in reply.text
    assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)
    assert await pending(store) == 0  # nothing half-done was kept


async def test_admin_commands_need_an_admin(store, clock):
    dispatcher, _ = build(store, clock)
    refused = await dispatcher.invoke(invocation("notes purge"))
    assert refused.private and "Only the community's admins" in refused.text
    allowed = await dispatcher.invoke(invocation("notes purge", actor=ADMIN))
    assert allowed.text == "purged"


async def test_same_idempotency_key_runs_once(store, clock):
    dispatcher, calls = build(store, clock)
    first = await dispatcher.invoke(invocation("notes add", key="interaction-7", text="once"))
    again = await dispatcher.invoke(invocation("notes add", key="interaction-7", text="once"))
    assert calls["count"] == 1 and await pending(store) == 1
    assert first.text == "noted once (None)"
    assert again == Reply(private=True)  # nothing new to say: the first answer went out


async def test_a_failed_invocation_can_be_retried_with_the_same_key(store, clock):
    dispatcher, calls = build(store, clock)
    await dispatcher.invoke(invocation("notes add", key="k1", text="refuse"))
    reply = await dispatcher.invoke(invocation("notes add", key="k1", text="fixed"))
    assert reply.text.startswith("noted fixed") and calls["count"] == 2


async def test_clicks_are_rechecked_for_the_clicker(store, clock):
    dispatcher, _ = build(store, clock)
    reply = await dispatcher.invoke(invocation("notes add", text="hello"))
    button = reply.buttons[0]
    other = await dispatcher.click(
        Click(COMMUNITY, Actor("u2", "Bo"), button.action, button.payload)
    )
    assert other.private and other.text == "Not your note."
    mine = await dispatcher.click(Click(COMMUNITY, ADA, button.action, button.payload))
    assert mine.text == "undone"
    stale = await dispatcher.click(Click(COMMUNITY, ADA, "no-such-action", ""))
    assert "no longer does anything" in stale.text


async def test_check_returns_field_errors_without_running(store, clock):
    dispatcher, calls = build(store, clock)
    errors = await dispatcher.check(invocation("notes add", stars="0"))
    assert sorted(e.option for e in errors) == ["stars", "text"]
    assert calls["count"] == 0


@pytest.mark.parametrize("command", ["profile set", "help", "topics", "privacy export"])
async def test_real_commands_answer_privately(app, command):
    reply = await app.dispatcher.invoke(Invocation(COMMUNITY, ADA, command, {}, "general", None))
    assert reply.private and (reply.text or reply.fields)


class CollidesWithAnotherProcess:
    """The real store, but its next `collisions` write units end in a deadlock with another
    process's transaction, as PostgreSQL reports one: the unit is rolled back, then raised."""

    def __init__(self, store, collisions: int) -> None:
        self.store, self.collisions = store, collisions

    def __getattr__(self, name):
        return getattr(self.store, name)

    @asynccontextmanager
    async def unit(self, *, read_only: bool = False):
        async with self.store.unit(read_only=read_only) as uow:
            yield uow
            if not read_only and self.collisions:
                self.collisions -= 1
                raise StoreConflict("deadlock detected")


async def wins_logged(store) -> int:
    return len((await table_rows(store))["wins"])


async def test_a_command_that_collides_with_another_process_runs_again(store, clock):
    colliding = CollidesWithAnotherProcess(store, collisions=2)
    app = build_app(Config(), colliding, clock, {"test": FakeMessenger()})
    ada = Actor("u1", "Ada")
    reply = await app.dispatcher.invoke(
        Invocation(COMMUNITY, ada, "win", {"text": "Shipped my demo"})
    )
    assert reply.text.startswith("Logged. That's 1 win"), reply.text
    assert colliding.collisions == 0 and await wins_logged(store) == 1


async def test_a_command_that_keeps_colliding_says_so_and_saves_nothing(store, clock, caplog):
    colliding = CollidesWithAnotherProcess(store, collisions=CONFLICT_ATTEMPTS)
    app = build_app(Config(), colliding, clock, {"test": FakeMessenger()})
    ada = Actor("u1", "Ada")
    with caplog.at_level(logging.WARNING):
        reply = await app.dispatcher.invoke(
            Invocation(COMMUNITY, ada, "win", {"text": "Shipped it"})
        )
    assert "nothing was saved" in reply.text and reply.private
    assert "kept colliding" in caplog.text
    assert await wins_logged(store) == 0


def test_counts_read_naturally():
    from bot.texts import counted

    assert [counted(n, "week") for n in (0, 1, 2)] == ["0 weeks", "1 week", "2 weeks"]
    assert counted(3, "person", "people") == "3 people"
