"""The Slack Messenger: DMs, group DMs, channel posts and threads through the Web API."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import fallback_text, reply_blocks
from bot.ports import Delivery, UndeliverableReason
from bot.replies import Reply

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


class SlackMessenger:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def _send(self, channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        response = await self.client.chat_postMessage(
            channel=channel.strip().removeprefix("#") if channel.startswith("#") else channel,
            text=fallback_text(reply),
            blocks=reply_blocks(reply),
            thread_ts=thread_ts,
        )
        ts = str(response["ts"])
        for attachment in reply.attachments:
            await self.client.files_upload_v2(
                channel=response["channel"],
                thread_ts=ts,
                filename=attachment.filename,
                content=attachment.data,
                title=attachment.description or attachment.filename,
            )
        return ts

    async def send_dm(self, member_id: str, reply: Reply) -> Delivery:
        try:
            opened = await self.client.conversations_open(users=member_id)
            ts = await self._send(opened["channel"]["id"], reply)
        except SlackApiError as error:
            return _failure(error)
        return Delivery.delivered(ts)

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        try:
            ts = await self._send(channel_id, reply, thread_id)
        except SlackApiError as error:
            return _failure(error)
        return Delivery.delivered(ts)

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        """A thread in Slack is a parent message; its `ts` is what replies attach to."""
        try:
            parent = Reply(title=title, text=reply.text, fields=reply.fields, buttons=reply.buttons)
            ts = await self._send(channel_id, parent)
        except SlackApiError as error:
            return _failure(error)
        return Delivery.delivered(ts)

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery:
        """A group DM with exactly these members and the bot."""
        try:
            opened = await self.client.conversations_open(users=",".join(member_ids))
            channel = opened["channel"]["id"]
            await self._send(channel, reply)
        except SlackApiError as error:
            return _failure(error)
        return Delivery.delivered(channel)
