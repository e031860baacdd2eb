"""The Discord platform: a discord.py client that feeds interactions and messages to the core."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from typing import Any

import discord
from cachetools import TTLCache
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.inbound import (
    ButtonIds,
    ButtonRefused,
    actor_of,
    command_and_options,
    community_of,
    focused_option,
)
from adapters.discord.messenger import DiscordMessenger
from adapters.discord.payloads import command_payloads, needs_modal
from adapters.discord.render import message_parts
from adapters.discord.settings import DISCORD
from bot import texts
from bot.config import Config
from bot.context import ChannelMessage, Click, Invocation
from bot.dispatch import Dispatcher
from bot.replies import Reply

log = logging.getLogger(__name__)

# Discord wants an answer within 3 seconds; after this long we defer and answer in a follow-up.
DEFER_AFTER = 2.0
NO_SERVER = "I work inside a server: use me there, and your replies stay private to you."
OLD_BUTTON = (
    "This button comes from an older message and I can't tell which server it belongs to. "
    "Run the command again in that server for a fresh one."
)
MODAL_EXPIRED = "That form has expired. Run the command again and I'll ask afresh."
MODAL_TTL = 15 * 60
MESSAGE_CONTENT_OFF = (
    "Discord's Message Content intent is off, so the encouragement listener and check-ins by "
    "replying in the weekly thread can't see messages. Everything else works. To turn them on, "
    "enable the intent in the Developer Portal and set [discord] message_content = true."
)


def point_at(api_base_url: str, gateway_url: str) -> None:
    """Send REST and gateway traffic elsewhere (a proxy, or a test emulator). Process-wide."""
    Route.BASE = api_base_url.rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = discord.gateway.yarl.URL(gateway_url)


class DiscordPlatform:
    """`.messenger` sends; `run(dispatcher)` connects and serves until cancelled."""

    def __init__(self, config: Config, *, guild_ready_timeout: float = 2.0) -> None:
        self.config = config
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = DISCORD.of(config).message_content
        if DISCORD.of(config).shard_count:
            # Several gateway connections; each process may run a range of them (Running at
            # scale in the README). Everything else is the same client.
            self.client: discord.Client = discord.AutoShardedClient(
                intents=intents,
                guild_ready_timeout=guild_ready_timeout,
                shard_count=DISCORD.of(config).shard_count,
                shard_ids=DISCORD.of(config).shards(),
            )
        else:
            self.client = discord.Client(intents=intents, guild_ready_timeout=guild_ready_timeout)
        self.notes: tuple[str, ...] = (
            () if DISCORD.of(config).message_content else (MESSAGE_CONTENT_OFF,)
        )
        # Button ids are signed with a key derived from the bot token: every process of this
        # deployment has it, and nobody else does.
        token = os.environ.get(DISCORD.of(config).token_env, "")
        self.buttons = ButtonIds(token.encode())
        self.messenger = DiscordMessenger(self.client, self.buttons)
        self.dispatcher: Dispatcher | None = None
        self.synced = asyncio.Event()
        # Commands waiting for their modal, by token: (when, command, options already given).
        # A form opened and not yet sent: its command and the options already given.
        self._modals: TTLCache[str, tuple[str, dict[str, object]]] = TTLCache(4096, MODAL_TTL)
        self.client.event(self.on_ready)
        self.client.event(self.on_interaction)
        self.client.event(self.on_message)

    async def run(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        token = os.environ.get(DISCORD.of(self.config).token_env, "")
        try:
            await self.client.start(token)
        finally:
            await self.client.close()

    async def run_outbound(self) -> None:
        """For a worker process: log in for REST calls only (no gateway), until cancelled."""
        await self.client.login(os.environ.get(DISCORD.of(self.config).token_env, ""))
        try:
            await asyncio.Event().wait()
        finally:
            await self.client.close()

    async def sync_once(self, dispatcher: Dispatcher) -> bool:
        """`liftup discord sync`: log in, force the commands up, log out."""
        self.dispatcher = dispatcher
        await self.client.login(os.environ.get(DISCORD.of(self.config).token_env, ""))
        try:
            return await self.sync_commands(force=True)
        finally:
            await self.client.close()

    # --- start-up ---------------------------------------------------------------------------

    async def on_ready(self) -> None:
        """May run again after a reconnect; syncing is skipped when nothing changed."""
        try:
            await self.sync_commands()
        except discord.HTTPException:
            log.exception("could not sync commands with Discord; will try on the next start")
        self.synced.set()

    async def sync_commands(self, force: bool = False) -> bool:
        """Register the catalogue's commands, only when they differ from Discord's copy
        (Discord allows 200 command creations a day per server)."""
        assert self.dispatcher is not None and self.client.application_id is not None
        wanted = command_payloads(self.dispatcher.runtime.catalogue)
        http, app = self.client.http, self.client.application_id
        guild = DISCORD.of(self.config).dev_guild_id
        current = await (
            http.get_guild_commands(app, int(guild)) if guild else http.get_global_commands(app)
        )
        if not force and _same_commands(current, wanted):
            return False
        if guild:
            await http.bulk_upsert_guild_commands(app, int(guild), wanted)
        else:
            await http.bulk_upsert_global_commands(app, wanted)
        log.info("synced %d commands to %s", len(wanted), f"server {guild}" if guild else "all")
        return True

    # --- inbound ----------------------------------------------------------------------------

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        try:
            if interaction.type is discord.InteractionType.application_command:
                await self._command(interaction)
            elif interaction.type is discord.InteractionType.component:
                await self._click(interaction)
            elif interaction.type is discord.InteractionType.autocomplete:
                await self._autocomplete(interaction)
            elif interaction.type is discord.InteractionType.modal_submit:
                await self._modal_submit(interaction)
        except Exception:
            log.exception("could not answer interaction %s", interaction.id)

    async def _command(self, interaction: discord.Interaction) -> None:
        assert self.dispatcher is not None
        if interaction.guild_id is None:
            await interaction.response.send_message(NO_SERVER, ephemeral=True)
            return
        name, options = command_and_options(interaction.data or {})  # type: ignore[arg-type]
        if await self._ask_in_modal(interaction, name, options):
            return
        invocation = Invocation(
            community_id=community_of(interaction.guild_id),
            actor=actor_of(interaction.user, interaction.permissions.value),
            command=name,
            options=options,
            channel_id=str(interaction.channel_id),
            idempotency_key=str(interaction.id),
        )
        await self._answer(interaction, self.dispatcher.invoke(invocation))

    async def _ask_in_modal(
        self, interaction: discord.Interaction, name: str, options: dict[str, object]
    ) -> bool:
        """Open a modal for required long texts left out. It must be the first response."""
        assert self.dispatcher is not None
        command = self.dispatcher.runtime.catalogue.get(name)
        missing = [
            o
            for o in (command.options if command else ())
            if needs_modal(o) and o.required and not options.get(o.name)
        ]
        if not missing:
            return False
        token = secrets.token_hex(6)
        self._modals[token] = (name, options)
        modal = discord.ui.Modal(title=_cut(f"/{name}", 45), custom_id=f"lu-modal:{token}")
        for option in missing:
            modal.add_item(
                discord.ui.TextInput(
                    label=_cut(option.description, 45),
                    custom_id=option.name,
                    style=discord.TextStyle.paragraph,
                    max_length=min(getattr(option, "max_length", 4000), 4000),
                )
            )
        await interaction.response.send_modal(modal)
        return True

    async def _modal_submit(self, interaction: discord.Interaction) -> None:
        assert self.dispatcher is not None
        data = interaction.data or {}
        token = str(data.get("custom_id", "")).removeprefix("lu-modal:")
        pending = self._modals.pop(token, None)
        if pending is None or interaction.guild_id is None:
            await interaction.response.send_message(MODAL_EXPIRED, ephemeral=True)
            return
        name, options = pending
        typed = {c["custom_id"]: c.get("value", "") for c in _inputs(data.get("components", []))}
        invocation = Invocation(
            community_id=community_of(interaction.guild_id),
            actor=actor_of(interaction.user, interaction.permissions.value),
            command=name,
            options={**options, **typed},
            channel_id=str(interaction.channel_id),
            idempotency_key=str(interaction.id),
        )
        await self._answer(interaction, self.dispatcher.invoke(invocation))

    async def _click(self, interaction: discord.Interaction) -> None:
        assert self.dispatcher is not None
        value = str((interaction.data or {}).get("custom_id", ""))
        try:
            pressed = self.buttons.read(value, clicker=str(interaction.user.id))
        except ButtonRefused:
            log.warning("refused a button id that was altered or sent to someone else")
            await interaction.response.send_message(texts.NOT_YOUR_BUTTON, ephemeral=True)
            return
        if pressed is None:
            return
        guild_id = pressed.guild_id or interaction.guild_id or self._only_server()
        if guild_id is None:
            await interaction.response.send_message(OLD_BUTTON, ephemeral=True)
            return
        click = Click(
            community_id=community_of(guild_id),
            actor=actor_of(interaction.user, interaction.permissions.value),
            action=pressed.action,
            payload=pressed.payload,
            channel_id=str(interaction.channel_id),
            idempotency_key=str(interaction.id),
        )
        await self._answer(interaction, self.dispatcher.click(click), guild_id)

    def _only_server(self) -> int | None:
        """For a DM button sent before ids carried their server: only when the bot is in one
        server is that server certain; with several, liftup doesn't guess."""
        guilds = self.client.guilds
        return guilds[0].id if len(guilds) == 1 else None

    def _parts(self, interaction: discord.Interaction, reply: Reply, guild_id: Any) -> dict:
        """An answer's message; its buttons carry the server and are bound to the member."""
        ids = self.buttons.for_message(str(guild_id), str(interaction.user.id))
        return message_parts(reply, ids)

    async def _answer(
        self, interaction: discord.Interaction, pending: Any, guild_id: Any = None
    ) -> None:
        guild_id = guild_id or interaction.guild_id
        task = asyncio.ensure_future(pending)
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        if not done:  # slow: acknowledge now, answer when ready
            await interaction.response.defer(ephemeral=True, thinking=True)
            reply: Reply = await task
            if _has_content(reply):
                await interaction.followup.send(
                    **self._parts(interaction, reply, guild_id), ephemeral=reply.private
                )
            return
        reply = task.result()
        if _has_content(reply):
            await interaction.response.send_message(
                **self._parts(interaction, reply, guild_id), ephemeral=reply.private
            )

    async def _autocomplete(self, interaction: discord.Interaction) -> None:
        assert self.dispatcher is not None
        focused = focused_option(interaction.data or {})  # type: ignore[arg-type]
        if focused is None or interaction.guild_id is None:
            await interaction.response.autocomplete([])
            return
        command, option, typed = focused
        values = await self.dispatcher.suggest(
            community_of(interaction.guild_id), command, option, typed
        )
        await interaction.response.autocomplete(
            [discord.app_commands.Choice(name=v[:100], value=v[:100]) for v in values[:25]]
        )

    async def on_message(self, message: discord.Message) -> None:
        """Channel messages reach the core only with the message-content intent on."""
        if message.author.bot or message.guild is None or self.dispatcher is None:
            return
        thread = message.channel if isinstance(message.channel, discord.Thread) else None
        parent = thread.parent_id if thread else message.channel.id
        permissions = getattr(message.author, "guild_permissions", None)
        await self.dispatcher.message(
            ChannelMessage(
                community_id=community_of(message.guild.id),
                actor=actor_of(message.author, permissions.value if permissions else 0),
                channel_id=str(parent),
                text=message.content,
                message_id=str(message.id),
                thread_id=str(thread.id) if thread else None,
                link=message.jump_url,
            )
        )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inputs(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Text inputs from a modal's rows (or labels), however deeply Discord nests them."""
    found = []
    for component in components:
        if "value" in component and "custom_id" in component:
            found.append(component)
        found += _inputs(component.get("components", []))
        if "component" in component:
            found += _inputs([component["component"]])
    return found


def _has_content(reply: Reply) -> bool:
    return bool(reply.text or reply.title or reply.fields or reply.attachments or reply.buttons)


def _same_commands(current: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> bool:
    """Compare what matters; Discord adds ids, versions and defaults to what it returns."""

    def shape(command: dict[str, Any]) -> tuple:
        return (
            command["name"],
            command.get("description"),
            _options(command.get("options")),
            command.get("default_member_permissions"),
        )

    return sorted(map(shape, current)) == sorted(map(shape, wanted))


def _options(options: list[dict[str, Any]] | None) -> tuple:
    return tuple(
        (
            o["name"],
            o.get("type"),
            o.get("description"),
            bool(o.get("required")),
            o.get("min_value"),
            o.get("max_value"),
            bool(o.get("autocomplete")),
            tuple(c["value"] for c in o.get("choices", []) or []),
            _options(o.get("options")),
        )
        for o in options or []
    )
