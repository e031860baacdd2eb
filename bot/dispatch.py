"""Invocation -> validation -> permission -> handler -> Reply, each in its own transaction."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from bot import texts
from bot.channel_options import resolve_channel_options
from bot.commands import Command, Permission
from bot.context import Actor, ChannelMessage, Click, Context, Invocation
from bot.errors import OptionErrors, UserError
from bot.hooks import ListenerSpec
from bot.models import Member
from bot.options import (
    Choice,
    Option,
    OptionError,
    TimezoneOption,
    Topics,
    available_zones,
)
from bot.ports import StoreConflict, UnitOfWork
from bot.replies import Reply
from bot.runtime import Runtime
from bot.taxonomy import Vocabulary, fold

log = logging.getLogger(__name__)

# How often an invocation that collided with another process's transaction is run again.
CONFLICT_ATTEMPTS = 3

Body = Callable[[Context, UnitOfWork], Awaitable[Reply | None]]


def validate_options(
    command: Command, raw: Mapping[str, object], vocabulary: Vocabulary
) -> dict[str, Any]:
    """Convert every given option and check the required ones; raise all problems at once."""
    unknown = [name for name in raw if command.option(name) is None]
    if unknown:
        known = ", ".join(o.name for o in command.options)
        message = (
            texts.UNKNOWN_OPTION.format(command=command.name, option=unknown[0], known=known)
            if command.options
            else texts.NO_OPTIONS.format(command=command.name)
        )
        raise UserError(message)
    values: dict[str, Any] = {}
    errors: list[OptionError] = []
    for option in command.options:
        given = raw.get(option.name)
        if given is None or (isinstance(given, str) and not given.strip()):
            if option.required:
                errors.append(
                    OptionError(
                        option.name,
                        texts.MISSING_OPTION.format(option=option.name, accepts=option.accepts),
                    )
                )
            values[option.name] = None
            continue
        try:
            values[option.name] = option.convert(given, vocabulary)
        except OptionError as exc:
            errors.append(exc)
    if errors:
        raise OptionErrors(errors)
    return values


def suggestions(option: Option, typed: str, vocabulary: Vocabulary) -> list[str]:
    """What a member may mean so far: topics (the last of a comma list), zones, community lists."""
    if isinstance(option, Topics):
        *done, last = [p.strip() for p in typed.split(",")] or [""]
        prefix = ", ".join(p for p in done if p)
        picked = {fold(p) for p in done}
        matches = [t for t in vocabulary.topics if fold(last) in fold(t) and fold(t) not in picked]
        return [f"{prefix}, {t}" if prefix else t for t in matches]
    if isinstance(option, TimezoneOption):
        wanted = typed.strip().casefold().replace(" ", "_")
        return sorted(z for z in available_zones() if wanted in z.casefold())
    if isinstance(option, Choice):
        return [c for c in option.options_in(vocabulary) if fold(typed) in fold(c)]
    return []


def apology(error_id: str) -> Reply:
    return Reply(text=texts.APOLOGY.format(error_id=error_id), private=True)


class Dispatcher:
    """The one way into the core for commands, button clicks and channel messages."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def invoke(self, invocation: Invocation) -> Reply:
        command = self.runtime.catalogue.get(invocation.command)
        if command is None:
            return Reply(text=texts.UNKNOWN_COMMAND.format(name=invocation.command), private=True)

        async def body(ctx: Context, uow: UnitOfWork) -> Reply:
            if command.permission is Permission.ADMIN and not ctx.actor.is_admin:
                raise UserError(texts.ADMIN_ONLY.format(command=command.name))
            args = validate_options(command, invocation.options, ctx.vocabulary)
            args = await resolve_channel_options(command, args, ctx.find_channel)
            return await command.handler(ctx, uow, args)

        reply = await self._run(
            invocation.community_id,
            invocation.actor,
            invocation.channel_id,
            invocation.idempotency_key,
            f"/{command.name}",
            body,
        )
        if command.permission is Permission.ADMIN:
            self.runtime.cache.forget(invocation.community_id)  # it may have changed settings
        return reply or Reply(private=True)

    async def click(self, click: Click) -> Reply:
        action = self.runtime.catalogue.action_for(click.action)
        if action is None:
            return Reply(text=texts.UNKNOWN_ACTION, private=True)

        async def body(ctx: Context, uow: UnitOfWork) -> Reply:
            if action.permission is Permission.ADMIN and not ctx.actor.is_admin:
                raise UserError(texts.ADMIN_ONLY_ACTION)
            return await action.handler(ctx, uow, click.payload)

        reply = await self._run(
            click.community_id,
            click.actor,
            click.channel_id,
            click.idempotency_key,
            f"action {action.id}",
            body,
        )
        return reply or Reply(private=True)

    async def message(self, message: ChannelMessage) -> list[Reply]:
        """Offer a channel message to every listener that wants it; returns their replies.
        A message no listener wants touches no storage at all."""
        replies: list[Reply] = []
        wanted = await self._listeners_wanting(message)
        if not wanted:
            return replies

        async def body(ctx: Context, uow: UnitOfWork) -> None:
            for listener in wanted:
                reply = await listener.act(ctx, uow, message)
                if reply is not None:
                    replies.append(reply)

        await self._run(
            message.community_id,
            message.actor,
            message.channel_id,
            f"message:{message.message_id}",
            "channel message",
            body,
        )
        return replies

    async def installed(self, community_id: str, installer_id: str) -> None:
        """A workspace installed liftup; `installer_id` is whoever clicked "Add to Slack"."""
        from bot.features.installs import welcome_installer  # features import the dispatcher

        await welcome_installer(self.runtime, community_id, installer_id)

    async def uninstalled(self, community_id: str) -> None:
        """The platform removed liftup from the community."""
        from bot.features.installs import workspace_left

        await workspace_left(self.runtime, community_id)

    async def _listeners_wanting(self, message: ChannelMessage) -> list[ListenerSpec]:
        listeners = self.runtime.catalogue.listeners
        if all(listener.wants is None for listener in listeners):
            return list(listeners)
        runtime = self.runtime
        async with runtime.store.unit(read_only=True) as uow:
            member = await uow.members.get(message.community_id, message.actor.id)
            ctx = await runtime.context_for(
                uow,
                message.community_id,
                message.actor,
                member
                or Member(message.community_id, message.actor.id, message.actor.display_name),
                runtime.clock.now(),
                message.channel_id,
            )
            return [
                listener
                for listener in listeners
                if listener.wants is None or await listener.wants(ctx, uow, message)
            ]

    async def suggest(
        self, community_id: str, command_name: str, option_name: str, typed: str, limit: int = 25
    ) -> list[str]:
        """Values to offer while a member types an option (autocomplete on Discord)."""
        command = self.runtime.catalogue.get(command_name)
        option = command.option(option_name) if command else None
        if option is None:
            return []
        async with self.runtime.store.unit(read_only=True) as uow:
            settings = await self.runtime.settings_for(uow, community_id)
        return suggestions(option, typed, settings.vocabulary())[:limit]

    async def keep_form(self, community_id: str, member_id: str, data: dict[str, Any]) -> str:
        """Hold a command's answers so far while its form is open, for platforms that can't
        carry them (Slack's private_metadata is 3,000 characters); a key to resume with."""
        async with self.runtime.store.unit() as uow:
            return await uow.forms.keep(community_id, member_id, data, self.runtime.clock.now())

    async def resume_form(
        self, community_id: str, member_id: str, key: str
    ) -> dict[str, Any] | None:
        """The answers kept under `key` for this member; None when gone or not theirs."""
        async with self.runtime.store.unit(read_only=True) as uow:
            return await uow.forms.get(community_id, member_id, key)

    async def finish_form(self, key: str) -> None:
        async with self.runtime.store.unit() as uow:
            await uow.forms.drop(key)

    async def check(self, invocation: Invocation) -> list[OptionError]:
        """Validate without running: the option errors a modal should show beside its fields."""
        command = self.runtime.catalogue.get(invocation.command)
        if command is None:
            return []
        async with self.runtime.store.unit(read_only=True) as uow:
            settings = await self.runtime.settings_for(uow, invocation.community_id)
        try:
            validate_options(command, invocation.options, settings.vocabulary())
        except OptionErrors as exc:
            return exc.errors
        except UserError as exc:
            return [OptionError("options", exc.message)]
        return []

    async def _run(
        self,
        community_id: str,
        actor: Actor,
        channel_id: str | None,
        key: str | None,
        what: str,
        body: Body,
    ) -> Reply | None:
        runtime = self.runtime
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            try:
                async with runtime.store.unit() as uow:
                    now = runtime.clock.now()
                    if key is not None and not await uow.idempotency.claim(
                        community_id, key, actor.id, now
                    ):
                        log.info("duplicate %s dropped (same idempotency key)", what)
                        return Reply(private=True)  # the first delivery already answered
                    if community_id not in runtime.known_communities:
                        await uow.communities.ensure(community_id, now)
                    member = await uow.members.upsert(
                        community_id, actor.id, actor.display_name, now
                    )
                    ctx = await runtime.context_for(
                        uow, community_id, actor, member, now, channel_id
                    )
                    reply = await body(ctx, uow)
                break
            except UserError as exc:
                return Reply(text=exc.message, private=True)
            except StoreConflict:
                # Another process's transaction collided with ours and ours was rolled back
                # whole; nothing left the transaction, so running it again is safe.
                log.info("%s collided with another process (attempt %d)", what, attempt)
                if attempt < CONFLICT_ATTEMPTS:
                    continue
                error_id = secrets.token_hex(4)
                log.warning("error %s: %s kept colliding; gave up", error_id, what)
                return apology(error_id)
            except Exception:
                error_id = secrets.token_hex(4)
                log.exception("error %s while running %s in %s", error_id, what, community_id)
                return apology(error_id)
        runtime.known_communities.add(community_id)  # only once its row is surely committed
        runtime.outbox_ready()
        return reply
