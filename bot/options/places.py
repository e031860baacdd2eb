"""Options that name someone or somewhere: a member, a channel, several channels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from bot.channels import TypedChannel
from bot.options.base import Option, OptionKind, clean_text, quoted
from bot.taxonomy import Vocabulary

_MENTION = re.compile(r"^<@!?([^<>@\s]+)>$")
_MEMBER_ID = re.compile(r"^[^\s<>@#:,]{1,64}$")


@dataclass(frozen=True)
class MemberOption(Option):
    """A member of the community: the adapter passes the platform id; a mention also works."""

    kind: ClassVar[OptionKind] = OptionKind.MEMBER

    def parse(self, raw: object, vocabulary: Vocabulary) -> str:
        text = clean_text(raw)
        match = _MENTION.match(text)
        member_id = match.group(1) if match else text.removeprefix("@")
        if not _MEMBER_ID.match(member_id):
            raise self.error(f"{quoted(text)} is not a member; mention them, like @sam")
        return member_id

    @property
    def accepts(self) -> str:
        return "a member, like @sam"


_CHANNEL_TEXT = re.compile(r"^(<#[^<>\s]+>|#?[^\s<>#,@]{1,100})$")


def _typed_channel(option: Option, raw: object) -> TypedChannel:
    text = clean_text(raw)
    if not _CHANNEL_TEXT.match(text):
        raise option.error(f"{quoted(text)} is not a channel; name it like #general")
    return TypedChannel.parse(text)


@dataclass(frozen=True)
class ChannelOption(Option):
    """A channel of the community, typed as `#name`, a mention or an id. Parsing only reads
    what was typed; the dispatcher then asks the adapter for the channel's id in this
    community, and the handler receives that id."""

    kind: ClassVar[OptionKind] = OptionKind.CHANNEL

    def parse(self, raw: object, vocabulary: Vocabulary) -> TypedChannel:
        return _typed_channel(self, raw)

    @property
    def accepts(self) -> str:
        return "a channel, like #general"


@dataclass(frozen=True)
class ChannelList(Option):
    """Several channels separated by commas or spaces; each is resolved like a ChannelOption."""

    max_items: int = 20
    kind: ClassVar[OptionKind] = OptionKind.CHANNEL

    def parse(self, raw: object, vocabulary: Vocabulary) -> tuple[TypedChannel, ...]:
        items = raw if isinstance(raw, list | tuple) else re.split(r"[,\s]+", clean_text(raw))
        channels: list[TypedChannel] = []
        for item in (clean_text(i) for i in items):
            if item and item not in {c.text for c in channels}:
                channels.append(_typed_channel(self, item))
        if len(channels) > self.max_items:
            raise self.error(f"that is {len(channels)} channels; {self.max_items} at most")
        if self.required and not channels:
            raise self.error("name at least one channel, like #general")
        return tuple(channels)

    @property
    def accepts(self) -> str:
        return "channels, like #general, #help"
