"""The console's Messenger: DMs, posts, threads and private spaces printed to the terminal."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.channels import ChannelLookup, ChannelProblem, TypedChannel
from bot.ports import Delivery, UndeliverableReason
from bot.replies import Reply


@dataclass(frozen=True)
class ConsoleThread:
    id: str
    channel_id: str | None
    title: str
    members: tuple[str, ...] = ()  # empty for a public thread

    @property
    def is_private(self) -> bool:
        return bool(self.members)


def channel_name(channel_id: str) -> str:
    return channel_id.strip().removeprefix("#").lower()


class ConsoleMessenger:
    """Prints what the bot sends. `show(header, reply)` is the session's printer."""

    def __init__(self, show: Callable[[str, Reply], None], name_of: Callable[[str], str]) -> None:
        self.show = show
        self.name_of = name_of
        self.threads: dict[str, ConsoleThread] = {}
        self.dms_closed: set[str] = set()
        self._ids = itertools.count(1)

    async def send_dm(
        self, member_id: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        if member_id in self.dms_closed:
            return Delivery.undeliverable(UndeliverableReason.DMS_CLOSED)
        self.show(f"DM to {self.name_of(member_id)}", reply)
        return Delivery.delivered(f"dm-{next(self._ids)}")

    async def post(
        self,
        channel_id: str,
        reply: Reply,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        if thread_id is not None:
            thread = self.threads.get(thread_id)
            if thread is None:  # a reply thread under a member's message
                self.show(f"thread under a message in #{channel_name(channel_id)}", reply)
            else:
                self.show(self._thread_header(thread), reply)
        else:
            self.show(f"#{channel_name(channel_id)}", reply)
        return Delivery.delivered(f"msg-{next(self._ids)}")

    async def open_thread(
        self, channel_id: str, title: str, reply: Reply, community_id: str | None = None
    ) -> Delivery:
        thread = ConsoleThread(f"t{next(self._ids)}", channel_name(channel_id), title)
        self.threads[thread.id] = thread
        self.show(self._thread_header(thread), reply)
        return Delivery.delivered(thread.id)

    async def reply_in_thread(
        self, channel_id: str, message_id: str, title: str, reply: Reply, community_id: str
    ) -> Delivery:
        thread = ConsoleThread(f"t{next(self._ids)}", channel_name(channel_id), title)
        self.threads[thread.id] = thread
        self.show(f"{self._thread_header(thread)}, under a member's message", reply)
        return Delivery.delivered(thread.id)

    async def react(
        self,
        channel_id: str,
        message_id: str,
        emoji: str,
        thread_id: str | None = None,
        community_id: str | None = None,
    ) -> Delivery:
        thread = self.threads.get(thread_id or "")
        where = self._thread_header(thread) if thread else f"#{channel_name(channel_id)}"
        self.show(f"reaction in {where}", Reply(text=f"{emoji} on the member's message"))
        return Delivery.delivered(f"{message_id}:{emoji}")

    async def find_channel(self, community_id: str, typed: TypedChannel) -> ChannelLookup:
        """The console's channels are their names, and any name can be walked into (`/in`)."""
        name = channel_name(typed.name or typed.id or "")
        if not name:
            return ChannelLookup.missing(ChannelProblem.UNKNOWN)
        return ChannelLookup.found(name, name)

    async def open_private_space(
        self,
        member_ids: Sequence[str],
        title: str,
        reply: Reply,
        community_id: str | None = None,
    ) -> Delivery:
        thread = ConsoleThread(f"p{next(self._ids)}", None, title, tuple(member_ids))
        self.threads[thread.id] = thread
        self.show(self._thread_header(thread), reply)
        return Delivery.delivered(thread.id)

    def _thread_header(self, thread: ConsoleThread) -> str:
        if thread.is_private:
            names = ", ".join(self.name_of(m) for m in thread.members)
            return f'private space "{thread.title}" ({names})'
        return f'thread "{thread.title}" in #{thread.channel_id}'

    def find_thread(self, words: str, member_id: str) -> ConsoleThread | None:
        """The newest thread whose title contains `words` that this member can see."""
        wanted = words.casefold()
        for thread in reversed(list(self.threads.values())):
            visible = not thread.is_private or member_id in thread.members
            if visible and wanted in thread.title.casefold():
                return thread
        return None
