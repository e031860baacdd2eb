"""The platform-neutral Reply: what the core says, before an adapter makes it an embed or blocks."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ButtonStyle(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    DANGER = "danger"


@dataclass(frozen=True)
class Button:
    """A button whose click comes back to the core as the action `action` with `payload`."""

    label: str
    action: str
    payload: str = ""
    style: ButtonStyle = ButtonStyle.SECONDARY


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file sent with the reply: a PNG chart is shown as an image, anything else as a download."""

    filename: str
    data: bytes
    description: str = ""

    @property
    def is_image(self) -> bool:
        return self.filename.lower().endswith(".png")


@dataclass(frozen=True)
class Reply:
    """A message. `text` uses a small markdown subset both platforms render:
    **bold**, _italic_, `code`, bullet lines and <@member> mentions."""

    text: str = ""
    title: str | None = None
    fields: tuple[Field, ...] = ()
    buttons: tuple[Button, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    private: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "fields": [[f.name, f.value, f.inline] for f in self.fields],
            "buttons": [[b.label, b.action, b.payload, b.style.value] for b in self.buttons],
            "attachments": [
                [a.filename, base64.b64encode(a.data).decode("ascii"), a.description]
                for a in self.attachments
            ],
            "private": self.private,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        return cls(
            text=data.get("text", ""),
            title=data.get("title"),
            fields=tuple(Field(n, v, i) for n, v, i in data.get("fields", [])),
            buttons=tuple(
                Button(lb, a, p, ButtonStyle(style)) for lb, a, p, style in data.get("buttons", [])
            ),
            attachments=tuple(
                Attachment(f, base64.b64decode(d), desc)
                for f, d, desc in data.get("attachments", [])
            ),
            private=bool(data.get("private", False)),
        )


def mention(member_id: str) -> str:
    """The neutral mention syntax; Discord and Slack both render `<@id>` natively."""
    return f"<@{member_id}>"


def private(text: str, *, title: str | None = None, fields: tuple[Field, ...] = ()) -> Reply:
    return Reply(text=text, title=title, fields=fields, private=True)
