"""Per destination: the lane whose order a message keeps, how admins read where it was going,
and which Messenger call sends it."""

from __future__ import annotations

from bot.channels import channel_mention
from bot.models import OutboxMessage
from bot.ports import (
    ChannelPost,
    Delivery,
    Destination,
    DirectMessage,
    Messenger,
    NewThread,
    PrivateSpace,
    Reaction,
    ThreadReply,
)
from bot.replies import Reply, mention


def lane_of(message: OutboxMessage) -> tuple:
    """Messages to the same place keep their order: a thread's opening before its replies."""
    match message.destination:
        case DirectMessage(member_id):
            return (message.community_id, "dm", member_id)
        case (
            ChannelPost(channel_id, _)
            | NewThread(channel_id, _)
            | ThreadReply(channel_id, _, _)
            | Reaction(channel_id, _, _, _)
        ):
            return (message.community_id, "channel", channel_id)
        case PrivateSpace(member_ids, _):
            return (message.community_id, "private", tuple(sorted(member_ids)))
    return (message.community_id, "other", message.id)


def describe(destination: Destination) -> str:
    """A short human description of where a message was going, for admins."""
    match destination:
        case DirectMessage(member_id):
            return f"{mention(member_id)} by direct message"
        case ChannelPost(channel_id, None):
            return f"channel {channel_mention(channel_id)}"
        case ChannelPost(channel_id, _):
            return f"a thread in channel {channel_mention(channel_id)}"
        case NewThread(channel_id, title):
            return f'a new thread "{title}" in channel {channel_mention(channel_id)}'
        case ThreadReply(channel_id, _, _):
            return f"a thread under a message in channel {channel_mention(channel_id)}"
        case PrivateSpace(member_ids, _):
            return "a private space for " + ", ".join(mention(m) for m in member_ids)
        case Reaction(channel_id, _, emoji, _):
            return f"a {emoji} on a message in channel {channel_mention(channel_id)}"
    return "somewhere"


async def send(
    messenger: Messenger, destination: Destination, reply: Reply, community_id: str
) -> Delivery:
    match destination:
        case DirectMessage(member_id):
            return await messenger.send_dm(member_id, reply, community_id)
        case ChannelPost(channel_id, thread_id):
            return await messenger.post(channel_id, reply, thread_id, community_id)
        case NewThread(channel_id, title):
            return await messenger.open_thread(channel_id, title, reply, community_id)
        case ThreadReply(channel_id, message_id, title):
            return await messenger.reply_in_thread(
                channel_id, message_id, title, reply, community_id
            )
        case PrivateSpace(member_ids, title):
            return await messenger.open_private_space(member_ids, title, reply, community_id)
        case Reaction(channel_id, message_id, emoji, thread_id):
            return await messenger.react(channel_id, message_id, emoji, thread_id, community_id)
    raise TypeError(f"unknown destination {destination!r}")
