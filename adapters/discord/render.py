"""Replies as Discord messages: an embed when there is structure, buttons, files."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import discord

from bot.replies import ButtonStyle, Reply

STYLES = {
    ButtonStyle.PRIMARY: discord.ButtonStyle.primary,
    ButtonStyle.SECONDARY: discord.ButtonStyle.secondary,
    ButtonStyle.DANGER: discord.ButtonStyle.danger,
}
EMBED_TEXT, FIELD_VALUE, MAX_FIELDS, CONTENT = 4096, 1024, 25, 2000
COLOUR = discord.Colour(0x4C8BF5)
_MEMBER_MENTION = re.compile(r"<@!?(\d+)>")


def allowed_mentions(reply: Reply) -> discord.AllowedMentions:
    """Never @everyone, @here or a role, whatever a member typed: only the members the reply
    names with a mention can be pinged."""
    texts = [reply.title or "", reply.text, *(f"{f.name} {f.value}" for f in reply.fields)]
    members = dict.fromkeys(m for text in texts for m in _MEMBER_MENTION.findall(text))
    return discord.AllowedMentions(
        everyone=False,
        roles=False,
        users=[discord.Object(int(m)) for m in members],
        replied_user=False,
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# (action, payload) -> the button's custom id; see ButtonIds, which signs it for its server.
ButtonIdMaker = Callable[[str, str], str]


def message_parts(reply: Reply, button_id: ButtonIdMaker | None = None) -> dict[str, Any]:
    """Keyword arguments for `send`/`send_message`: content or embed, view, files."""
    parts: dict[str, Any] = {"allowed_mentions": allowed_mentions(reply)}
    if reply.title or reply.fields:
        embed = discord.Embed(
            title=_cut(reply.title, 256) if reply.title else None,
            description=_cut(reply.text, EMBED_TEXT) if reply.text else None,
            colour=COLOUR,
        )
        for f in reply.fields[:MAX_FIELDS]:
            embed.add_field(
                name=_cut(f.name, 256), value=_cut(f.value or "—", FIELD_VALUE), inline=f.inline
            )
        parts["embed"] = embed
    else:
        parts["content"] = _cut(reply.text, CONTENT) if reply.text else "\u200b"
    if reply.buttons:
        if button_id is None:
            raise ValueError("a reply with buttons needs to know its server to make their ids")
        view = discord.ui.View(timeout=None)
        for button in reply.buttons[:25]:
            view.add_item(
                discord.ui.Button(
                    label=_cut(button.label, 80),
                    style=STYLES[button.style],
                    custom_id=button_id(button.action, button.payload),
                )
            )
        parts["view"] = view
    if reply.attachments:
        parts["files"] = [
            discord.File(io.BytesIO(a.data), filename=a.filename, description=a.description or None)
            for a in reply.attachments
        ]
    return parts
