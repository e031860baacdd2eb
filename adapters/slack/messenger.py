"""The Slack Messenger: DMs, group DMs, channel posts and threads through the Web API."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from cachetools import TTLCache
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import fallback_text, reply_blocks
from adapters.slack.workspaces import Workspaces
from bot.channels import ChannelLookup, ChannelProblem, TypedChannel
from bot.ports import Delivery, UndeliverableReason
from bot.replies import Reply
from bot.sending import SendProgress, current_progress

log = logging.getLogger(__name__)

REASONS = {
    "user_not_found": UndeliverableReason.UNKNOWN_MEMBER,
    "cannot_dm_bot": UndeliverableReason.DMS_CLOSED,
    "user_disabled": UndeliverableReason.UNKNOWN_MEMBER,
    "channel_not_found": UndeliverableReason.UNKNOWN_CHANNEL,
    "not_in_channel": UndeliverableReason.NO_PERMISSION,
    "is_archived": UndeliverableReason.UNKNOWN_CHANNEL,
    "missing_scope": UndeliverableReason.NO_PERMISSION,
    "restricted_action": UndeliverableReason.NO_PERMISSION,
    "messages_tab_disabled": UndeliverableReason.DMS_CLOSED,
    # The workspace removed liftup (or revoked its token) since the message was queued.
    "account_inactive": UndeliverableReason.NOT_INSTALLED,
    "invalid_auth": UndeliverableReason.NOT_INSTALLED,
    "token_revoked": UndeliverableReason.NOT_INSTALLED,
}


def _failure(error: SlackApiError) -> Delivery:
    response = error.response
    code = response.get("error", "") if response is not None else ""
    if response is not None and response.status_code == 429:
        return Delivery.retry(float(response.headers.get("Retry-After", 5)))
    if code in REASONS:
        return Delivery.undeliverable(REASONS[code])
    log.warning("Slack refused a message: %s", code or error)
    return Delivery.retry(30.0)


CONVERSATION_ID = re.compile(r"^[CG][A-Z0-9]+$")
# The workspace's channel list is reused this long: names are looked up when admins set them.
CHANNEL_LIST_SECONDS = 300.0
INVITE_HINT = "Invite me there first: type `/invite @liftup` in that channel."

EMOJI_NAMES = {"✅": "white_check_mark"}


class SlackMessenger:
    """Sends for every workspace liftup serves, each with that workspace's own token."""

    # Slack limits each workspace on its own, so each keeps its own pace.
    paced_per_community = True

    def __init__(self, workspaces: Workspaces) -> None:
        self.workspaces = workspaces
        self._listed: TTLCache[str, list[dict[str, Any]]] = TTLCache(1024, CHANNEL_LIST_SECONDS)

    async def _conversations(
        self, community_id: str, client: AsyncWebClient
    ) -> list[dict[str, Any]]:
        """Every public and private channel the app may see, fetched page by page."""
        listed = self._listed.get(community_id)
        if listed is not None:
            return listed
        channels: list[dict[str, Any]] = []
        cursor = None
        while True:
            page = await client.conversations_list(
                types="public_channel,private_channel",
                exclude_archived=True,
                limit=1000,
                cursor=cursor,
            )
            channels += page.get("channels", [])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        self._listed[community_id] = channels
        return channels

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        """A channel of this workspace, by id, mention (`<#C1|general>`) or name. Only ids of
        this workspace's own conversations are accepted; liftup must be a member to use it."""
        try:
            client = await self.workspaces.client_for(community_id)
            if client is None:
                return ChannelLookup.missing(ChannelProblem.UNKNOWN)
            channel: dict[str, Any] | None = None
            if typed.id and CONVERSATION_ID.match(typed.id):
                try:
                    channel = (await client.conversations_info(channel=typed.id))["channel"]
                except SlackApiError as error:
                    if (error.response or {}).get("error") != "channel_not_found":
                        raise
            if channel is None and typed.name:
                wanted = typed.name.removeprefix("#").casefold()
                listed = await self._conversations(community_id, client)
                channel = next((c for c in listed if c.get("name", "").casefold() == wanted), None)
        except SlackApiError as error:
            log.warning("Slack could not look a channel up: %s", error)
            return ChannelLookup.missing(ChannelProblem.UNAVAILABLE)
        if channel is None or channel.get("is_archived"):
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        if not channel.get("is_member", False):
            return ChannelLookup.missing(ChannelProblem.NO_ACCESS, INVITE_HINT)
        return ChannelLookup.found(str(channel["id"]), channel.get("name"))

    async def _send(
        self, client: AsyncWebClient, channel: str, reply: Reply, thread_ts: str | None = None
    ) -> str:
        """Post, then upload the files under the post. Each finished call is noted on the
        outbox row, so a retry after a failed upload uploads what is missing and doesn't post
        the message again."""
        progress = current_progress() or SendProgress(0)
        ts = progress.steps.get("post")
        if ts is None:
            response = await client.chat_postMessage(
                channel=channel.strip().removeprefix("#") if channel.startswith("#") else channel,
                text=fallback_text(reply),
                blocks=reply_blocks(reply),
                thread_ts=thread_ts,
            )
            ts = str(response["ts"])
            await progress.done(post=ts, channel=str(response["channel"]))
        for index, attachment in enumerate(reply.attachments):
            step = f"file{index}"
            if step in progress.steps:
                continue
            await client.files_upload_v2(
                channel=progress.steps["channel"],
                thread_ts=ts,
                filename=attachment.filename,
                content=attachment.data,
                title=attachment.description or attachment.filename,
            )
            await progress.done(**{step: attachment.filename})
        return ts

    async def send_dm(
        self, member_id: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        async def call(client: AsyncWebClient) -> str:
            opened = await client.conversations_open(users=member_id)
            return await self._send(client, opened["channel"]["id"], reply)

        return await self._deliver(community_id, call)

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        return await self._deliver(
            community_id, lambda client: self._send(client, channel_id, reply, thread_id)
        )

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        """A thread in Slack is a parent message; its `ts` is what replies attach to."""
        parent = Reply(title=title, text=reply.text, fields=reply.fields, buttons=reply.buttons)
        return await self._deliver(
            community_id, lambda client: self._send(client, channel_id, parent)
        )

    async def reply_in_thread(
        self, channel_id: str, message_id: str, title: str, reply: Reply, community_id: str
    ) -> Delivery:
        """Slack threads hang off a message's `ts`: the reply goes under the member's own."""
        return await self.post(channel_id, reply, thread_id=message_id, community_id=community_id)

    async def react(
        self,
        channel_id: str,
        message_id: str,
        emoji: str,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        """Slack names its emoji: ✅ is `white_check_mark`. A message is its channel and `ts`."""

        async def call(client: AsyncWebClient) -> str:
            name = EMOJI_NAMES.get(emoji, "white_check_mark")
            try:
                await client.reactions_add(channel=channel_id, timestamp=message_id, name=name)
            except SlackApiError as error:
                if error.response.get("error") != "already_reacted":  # a retry after success
                    raise
            return f"{message_id}:{emoji}"

        return await self._deliver(community_id, call)

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery:
        """A group DM with exactly these members and the bot."""

        async def call(client: AsyncWebClient) -> str:
            opened = await client.conversations_open(users=",".join(member_ids))
            channel = str(opened["channel"]["id"])
            await self._send(client, channel, reply)
            return channel

        return await self._deliver(community_id, call)

    async def _deliver(
        self, community_id: str | None, call: Callable[[AsyncWebClient], Awaitable[str]]
    ) -> Delivery:
        """`call` with the community's workspace client; its result is the reference kept."""
        client = await self.workspaces.client_for(community_id)
        if client is None:
            log.info("not sending to %s: liftup is not installed there", community_id)
            return Delivery.undeliverable(UndeliverableReason.NOT_INSTALLED)
        try:
            return Delivery.delivered(await call(client))
        except SlackApiError as error:
            return _failure(error)
