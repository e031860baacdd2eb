"""Replies as Block Kit: a header, mrkdwn text, fields, buttons; within Slack's limits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.replies import ButtonStyle, Reply

MAX_BLOCKS, SECTION_TEXT, FIELD_TEXT, HEADER_TEXT, BUTTON_TEXT = 50, 3000, 2000, 150, 75
ACTION_PREFIX = "lu"
CUT = "… (shortened)"
OPEN_PREFIX = "lu-open:"  # an App Home shortcut: the command it opens follows
HOME_HINT = "Try `/checkin`, `/mentor request`, `/win` or `/help`."
BUTTON_STYLES = {ButtonStyle.PRIMARY: "primary", ButtonStyle.DANGER: "danger"}


# What may stay live markup after escaping: a member or channel mention (it pings that one
# member, as on Discord). Never <!channel>, <!here>, <!subteam^…> or a masked link.
_KEPT_MARKUP = re.compile(r"&lt;([@#][UWC][A-Z0-9]+(?:\|[^&<>|]{0,80})?)&gt;")


def escaped(text: str) -> str:
    """Slack's three control characters escaped, so whatever a member wrote shows as written;
    then the mentions the reply makes put back."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _KEPT_MARKUP.sub(r"<\1>", text)


def mrkdwn(text: str) -> str:
    """Our markdown subset to Slack's, escaped: **bold** becomes *bold*; `<@id>` stays a mention."""
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", escaped(text))


def sections(text: str, limit: int = SECTION_TEXT) -> list[str]:
    """Long text in pieces of at most `limit`, never splitting an escape such as `&amp;` or a
    mention, so each piece reads on its own."""
    pieces = []
    while len(text) > limit:
        split = limit
        opening = max(text.rfind("&", split - 8, split), text.rfind("<", split - 100, split))
        if opening > 0 and text.find(";" if text[opening] == "&" else ">", opening) >= split:
            split = opening
        pieces.append(text[:split])
        text = text[split:]
    return [*pieces, text] if text else pieces


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(CUT)] + CUT


def action_id(action: str, index: int) -> str:
    """Unique within a message; the action's name is what routes the click."""
    return f"{ACTION_PREFIX}:{action}:{index}"


def parse_action_id(value: str) -> str | None:
    prefix, _, rest = value.partition(":")
    return rest.rpartition(":")[0] if prefix == ACTION_PREFIX else None


def reply_blocks(reply: Reply) -> list[dict[str, Any]]:
    """The reply as Block Kit, built with slack_sdk's block models: each checks Slack's own
    limits as it is turned into JSON, so a block Slack would refuse fails here, in our tests."""
    return [block.to_dict() for block in _blocks(reply)]


def home_view(replies: Sequence[Reply], shortcuts: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The App Home tab: each reply with a divider after it, then a button for each shortcut
    (label, command) and a hint of what to type."""
    blocks: list[Block] = []
    for reply in replies:
        blocks += [*_blocks(reply), DividerBlock()]
    buttons = [
        ButtonElement(text=PlainTextObject(text=label), action_id=OPEN_PREFIX + name, value=name)
        for label, name in shortcuts
    ]
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=HOME_HINT)]))
    return View(type="home", blocks=blocks[:100]).to_dict()


def _blocks(reply: Reply) -> list[Block]:
    blocks: list[Block] = []
    if reply.title:
        blocks.append(HeaderBlock(text=PlainTextObject(text=cut(reply.title, HEADER_TEXT))))
    for piece in sections(mrkdwn(reply.text)):  # long text: several sections, nothing cut
        blocks.append(SectionBlock(text=MarkdownTextObject(text=piece)))
    for start in range(0, len(reply.fields), 10):  # ten fields per section at most
        fields = [
            MarkdownTextObject(
                text=cut(f"*{escaped(f.name)}*\n{mrkdwn(f.value or '—')}", FIELD_TEXT)
            )
            for f in reply.fields[start : start + 10]
        ]
        blocks.append(SectionBlock(fields=fields))
    for attachment in reply.attachments:
        note = f"📎 {escaped(attachment.filename)} is attached below"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    if reply.buttons:
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=PlainTextObject(text=cut(button.label, BUTTON_TEXT)),
                        action_id=action_id(button.action, index),
                        value=button.payload or "-",
                        style=BUTTON_STYLES.get(button.style),
                    )
                    for index, button in enumerate(reply.buttons[:25])
                ]
            )
        )
    if len(blocks) > MAX_BLOCKS:
        more = MarkdownTextObject(text="… more was cut to fit one message.")
        blocks = [*blocks[: MAX_BLOCKS - 1], ContextBlock(elements=[more])]
    return blocks or [SectionBlock(text=MarkdownTextObject(text=" "))]


def fallback_text(reply: Reply) -> str:
    """The plain text notifications and screen readers use."""
    return escaped(cut(reply.title or reply.text or "liftup", 300))
