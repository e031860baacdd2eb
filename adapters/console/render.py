"""Turns a Reply into terminal text: a header saying where it went, then the message."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable

from bot.replies import Reply

TEXT_PREVIEW_BYTES = 4000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MENTION = re.compile(r"<@!?([^<>@\s]+)>")
_CHANNEL = re.compile(r"<#([^<>|\s]+)(?:\|[^<>]*)?>")
_MARKUP = re.compile(r"\*\*|(?<![\w/])_(?=\S)|(?<=\S)_(?![\w/])")


def plain(text: str, name_of: Callable[[str], str]) -> str:
    """Markdown subset to terminal text: mentions become @Name, emphasis marks go away."""
    text = _MENTION.sub(lambda m: "@" + name_of(m.group(1)), text)
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    return _MARKUP.sub("", text)


def pinged(reply: Reply, name_of: Callable[[str], str]) -> str | None:
    """Who a real platform would notify for this post: the members it mentions, no one else
    (liftup never pings @everyone, @here or a role, whatever a member typed)."""
    texts = [reply.title or "", reply.text, *(f.value for f in reply.fields)]
    members = dict.fromkeys(m for text in texts for m in _MENTION.findall(text))
    return ", ".join("@" + name_of(m) for m in members) or None


def _picture(data: bytes) -> str:
    """A terminal can't show the chart; its size at least proves it is a real PNG."""
    if data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return f", {width}×{height} PNG image"
    return ""


def render(header: str, reply: Reply, name_of: Callable[[str], str]) -> list[str]:
    """Lines for one message; buttons are numbered [1], [2], … for /click."""
    lines = [f"── {header} " + "─" * max(3, 60 - len(header))]
    if reply.title:
        lines.append(f"» {plain(reply.title, name_of)}")
    if reply.text:
        lines.extend(plain(reply.text, name_of).splitlines())
    for f in reply.fields:
        value = plain(f.value, name_of).splitlines() or [""]
        if len(value) == 1:
            lines.append(f"  {f.name}: {value[0]}")
        else:
            lines.append(f"  {f.name}:")
            lines.extend(f"    {line}" for line in value)
    for attachment in reply.attachments:
        lines.append(
            f"  📎 {attachment.filename} ({len(attachment.data)} bytes{_picture(attachment.data)})"
        )
        if not attachment.is_image and len(attachment.data) <= TEXT_PREVIEW_BYTES:
            text = attachment.data.decode("utf-8", errors="replace")
            lines.extend(f"    {line}" for line in text.splitlines())
    if reply.buttons:
        lines.append("  " + "  ".join(f"[{i}] {b.label}" for i, b in enumerate(reply.buttons, 1)))
    if not header.startswith(("DM", "reply to")) and (who := pinged(reply, name_of)):
        lines.append(f"  🔔 notifies {who}")
    return lines
