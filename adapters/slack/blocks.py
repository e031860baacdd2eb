"""Replies as Block Kit: a header, mrkdwn text, fields, buttons; within Slack's limits."""

from __future__ import annotations

import re
from typing import Any

from bot.replies import ButtonStyle, Reply

MAX_BLOCKS, SECTION_TEXT, FIELD_TEXT, HEADER_TEXT, BUTTON_TEXT = 50, 3000, 2000, 150, 75
ACTION_PREFIX = "lu"
CUT = "… (shortened)"


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
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append(
            {
                "type": "header",
                "text": {"type": "plain_text", "text": cut(reply.title, HEADER_TEXT)},
            }
        )
    for piece in sections(mrkdwn(reply.text)):  # long text: several sections, nothing cut
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": piece}})
    for start in range(0, len(reply.fields), 10):  # ten fields per section at most
        fields = [
            {
                "type": "mrkdwn",
                "text": cut(f"*{escaped(f.name)}*\n{mrkdwn(f.value or '—')}", FIELD_TEXT),
            }
            for f in reply.fields[start : start + 10]
        ]
        blocks.append({"type": "section", "fields": fields})
    for attachment in reply.attachments:
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"📎 {escaped(attachment.filename)} is attached below",
                    }
                ],
            }
        )
    if reply.buttons:
        elements = []
        for index, button in enumerate(reply.buttons[:25]):
            element = {
                "type": "button",
                "text": {"type": "plain_text", "text": cut(button.label, BUTTON_TEXT)},
                "action_id": action_id(button.action, index),
                "value": button.payload or "-",
            }
            if button.style is ButtonStyle.PRIMARY:
                element["style"] = "primary"
            elif button.style is ButtonStyle.DANGER:
                element["style"] = "danger"
            elements.append(element)
        blocks.append({"type": "actions", "elements": elements})
    if len(blocks) > MAX_BLOCKS:
        blocks = [
            *blocks[: MAX_BLOCKS - 1],
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": "… more was cut to fit one message."}],
            },
        ]
    return blocks or [{"type": "section", "text": {"type": "mrkdwn", "text": " "}}]


def fallback_text(reply: Reply) -> str:
    """The plain text notifications and screen readers use."""
    return escaped(cut(reply.title or reply.text or "liftup", 300))
