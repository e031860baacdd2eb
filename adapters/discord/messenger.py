"""The Discord Messenger: DMs, channel posts, public threads and private threads."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from cachetools import TTLCache

from adapters.discord.inbound import ButtonIds
from adapters.discord.render import message_parts
from bot.channels import ChannelLookup, ChannelProblem, TypedChannel
from bot.ports import Delivery, UndeliverableReason
from bot.replies import Reply
from bot.sending import current_progress

log = logging.getLogger(__name__)
CANNOT_DM = 50007
CHANNEL_MENTION = re.compile(r"^<#(\d+)>$")
# A server's channel list fetched over REST (a worker has no gateway cache) is reused this long.
CHANNEL_LIST_SECONDS = 300.0
ACCESS_HINT = (
    "Give liftup's role View Channel, Send Messages and Read Message History there "
    "(the channel's settings > Permissions)."
)


def _failure(error: discord.HTTPException) -> Delivery:
    if isinstance(error, discord.Forbidden):
        reason = (
            UndeliverableReason.DMS_CLOSED
            if error.code == CANNOT_DM
            else UndeliverableReason.NO_PERMISSION
        )
        return Delivery.undeliverable(reason)
    if isinstance(error, discord.NotFound):
        return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
    if error.status == 429:
        retry = getattr(error, "retry_after", None) or 5.0
        return Delivery.retry(float(retry))
    return Delivery.retry(30.0)


def _text_channels(channels: Sequence[Any]) -> list[discord.TextChannel]:
    return [c for c in channels if isinstance(c, discord.TextChannel)]


def _named(channels: Sequence[Any], name: str) -> discord.TextChannel | None:
    """The text channel called `name` (with or without its #), ignoring case."""
    wanted = name.removeprefix("#").casefold()
    return next((c for c in _text_channels(channels) if c.name.casefold() == wanted), None)


class DiscordMessenger:
    """Sends through a discord.py client; failures come back as Delivery values, not raised."""

    def __init__(self, client: discord.Client, buttons: ButtonIds) -> None:
        self.client = client
        self.buttons = buttons
        # Servers the gateway doesn't hold (a worker process): their channels, for a while.
        self._fetched: TTLCache[int, list[discord.abc.GuildChannel]] = TTLCache(
            1024, CHANNEL_LIST_SECONDS
        )

    async def _server_channels(self, server_id: int) -> list[discord.abc.GuildChannel]:
        """The server's channels: from the gateway's cache, else over REST (cached a while).
        Raises discord.NotFound / Forbidden when liftup is not in that server."""
        guild = self.client.get_guild(server_id)
        if guild is not None:
            return list(guild.channels)
        fetched = self._fetched.get(server_id)
        if fetched is not None:
            return fetched
        server = await self.client.fetch_guild(server_id, with_counts=False)
        channels = list(await server.fetch_channels())
        self._fetched[server_id] = channels
        return channels

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        """A text channel of this community's own server, by id, mention or name."""
        server = self._server_of(community_id)
        if server is None:
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        try:
            channels = await self._server_channels(server)
        except (discord.NotFound, discord.Forbidden):
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        except discord.HTTPException:
            return ChannelLookup.missing(ChannelProblem.UNAVAILABLE)
        found = next(
            (c for c in _text_channels(channels) if typed.id and str(c.id) == typed.id), None
        )
        if found is None and typed.name:
            found = _named(channels, typed.name)
        if found is None:
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        me = found.guild.me
        if me is not None:
            allowed = found.permissions_for(me)
            if not (allowed.view_channel and allowed.send_messages):
                return ChannelLookup.missing(ChannelProblem.NO_ACCESS, ACCESS_HINT)
        return ChannelLookup.found(str(found.id), found.name)

    @staticmethod
    def _server_of(community_id: str | None) -> int | None:
        server = (community_id or "").partition(":")[2]
        return int(server) if server.isdigit() else None

    async def _channel(
        self, channel_id: str, community_id: str | None = None
    ) -> discord.abc.Messageable | None:
        """A channel (or thread) by id, `<#id>` mention, or `#name`, in the community's own
        server only: another server's channel is never used, and a name is never looked for
        elsewhere when the community's server isn't known."""
        server = self._server_of(community_id)
        text = channel_id.strip()
        match = CHANNEL_MENTION.match(text)
        if match or text.isdigit():
            ident = int(match.group(1) if match else text)
            found = self.client.get_channel(ident) or await self.client.fetch_channel(ident)
            guild = getattr(found, "guild", None)
            if server is not None and (guild is None or guild.id != server):
                log.warning("refused to post in channel %s: it is not in server %s", ident, server)
                return None
            return found  # type: ignore[return-value]
        if server is None:
            return None
        try:
            channels = await self._server_channels(server)
        except (discord.NotFound, discord.Forbidden):
            return None  # liftup is no longer in that server
        return _named(channels, text)

    def _parts(
        self, reply: Reply, community_id: str | None, recipient: str | None = None
    ) -> dict[str, Any]:
        """The message, its buttons' ids carrying the community's server (and, in a DM, bound
        to the member it goes to), and, when the outbox is sending it, a nonce: Discord drops
        a second message with the same nonce, so a resend after a crash never arrives twice."""
        server = self._server_of(community_id)
        ids = None if server is None else self.buttons.for_message(str(server), recipient)
        parts = message_parts(reply, ids)  # refuses buttons when the server is unknown
        progress = current_progress()
        if progress is not None:
            parts["nonce"] = progress.nonce("message")  # discord.py adds enforce_nonce
        return parts

    async def _thread(
        self, make: Callable[[], Awaitable[discord.Thread]]
    ) -> discord.abc.Messageable:
        """The thread this send opened on an earlier attempt, or a new one (remembered at
        once, so a failure posting in it never leads to a second thread)."""
        progress = current_progress()
        if progress is not None and (made := progress.steps.get("thread")):
            return self.client.get_partial_messageable(int(made))
        thread = await make()
        if progress is not None:
            await progress.done(thread=str(thread.id))
        return thread

    async def send_dm(
        self, member_id: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        try:
            user = self.client.get_user(int(member_id)) or await self.client.fetch_user(
                int(member_id)
            )
            message = await user.send(**self._parts(reply, community_id, member_id))
        except discord.NotFound:
            return Delivery.undeliverable(UndeliverableReason.UNKNOWN_MEMBER)
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(str(message.id))

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        try:
            target = await self._channel(thread_id or channel_id, community_id)
            if target is None:
                return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
            message = await target.send(**self._parts(reply, community_id))
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(str(message.id))

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        try:
            channel = await self._channel(channel_id, community_id)
            if not isinstance(channel, discord.TextChannel):
                return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
            thread = await self._thread(
                lambda: channel.create_thread(
                    name=title[:100], type=discord.ChannelType.public_thread
                )
            )
            await thread.send(**self._parts(reply, community_id))
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(str(thread.id))

    async def reply_in_thread(
        self, channel_id: str, message_id: str, title: str, reply: Reply, community_id: str
    ) -> Delivery:
        """A public thread started on the member's message, with the reply inside it."""
        try:
            channel = await self._channel(channel_id, community_id)
            if not isinstance(channel, discord.TextChannel):
                return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
            thread = await self._thread(
                lambda: channel.get_partial_message(int(message_id)).create_thread(name=title[:100])
            )
            await thread.send(**self._parts(reply, community_id))
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(str(thread.id))

    async def react(
        self,
        channel_id: str,
        message_id: str,
        emoji: str,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        """A thread is a channel of its own on Discord: the message is found in it."""
        try:
            channel = await self._channel(thread_id or channel_id, community_id)
            if channel is None or not hasattr(channel, "get_partial_message"):
                return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
            await channel.get_partial_message(int(message_id)).add_reaction(emoji)
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(f"{message_id}:{emoji}")

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery:
        """A private thread in the community's server, with exactly these members."""
        try:
            channel = await self._home_channel(community_id)
            if channel is None:
                return Delivery.undeliverable(UndeliverableReason.UNKNOWN_CHANNEL)
            thread = await self._thread(
                lambda: channel.create_thread(
                    name=title[:100], type=discord.ChannelType.private_thread, invitable=False
                )
            )
            for member_id in member_ids:  # adding someone already there changes nothing
                await self.client.http.add_user_to_thread(thread.id, int(member_id))
            await thread.send(**self._parts(reply, community_id))
        except discord.HTTPException as error:
            return _failure(error)
        return Delivery.delivered(str(thread.id))

    async def _home_channel(self, community_id: str | None) -> discord.TextChannel | None:
        """Where a private thread opens: the community's server's system channel, else its
        first text channel; never another server's."""
        server = self._server_of(community_id)
        if server is None:
            return None
        guild = self.client.get_guild(server)
        if guild is not None and guild.system_channel is not None:
            return guild.system_channel
        try:
            channels = await self._server_channels(server)
        except (discord.NotFound, discord.Forbidden):
            return None
        return min(_text_channels(channels), key=lambda c: c.position, default=None)
