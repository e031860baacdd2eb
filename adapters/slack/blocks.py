"""Replies as Block Kit: a header, mrkdwn text, fields, buttons; within Slack's limits."""

from __future__ import annotations

import re
from typing import Any

from bot.replies import ButtonStyle, Reply

MAX_BLOCKS, SECTION_TEXT, FIELD_TEXT, HEADER_TEXT, BUTTON_TEXT = 50, 3000, 2000, 150, 75
ACTION_PREFIX = "lu"
CUT = "… (shortened)"


def mrkdwn(text: str) -> str:
    """Our markdown subset to Slack's: **bold** becomes *bold*; mentions are already `<@id>`."""
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)


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
    text = mrkdwn(reply.text)
    while text:  # long text becomes several sections rather than being cut
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_TEXT]}})
        text = text[SECTION_TEXT:]
    for start in range(0, len(reply.fields), 10):  # ten fields per section at most
        fields = [
            {"type": "mrkdwn", "text": cut(f"*{f.name}*\n{mrkdwn(f.value or '—')}", FIELD_TEXT)}
            for f in reply.fields[start : start + 10]
        ]
        blocks.append({"type": "section", "fields": fields})
    for attachment in reply.attachments:
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {"type": "mrkdwn", "text": f"📎 {attachment.filename} is attached below"}
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
    return cut(reply.title or reply.text or "liftup", 300)
