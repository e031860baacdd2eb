"""Encouragement values: what the listener remembers (that it replied, never what was said)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Listener:
    community_id: str
    member_id: str
    listen: bool = True
    last_reply_at: datetime | None = None
    replies: int = 0
    crisis_replies: int = 0
    pool_used: tuple[int, ...] = ()


@dataclass(frozen=True)
class Win:
    community_id: str
    member_id: str
    text: str
    created_at: datetime
    shared: bool = False


@dataclass(frozen=True)
class Kudos:
    community_id: str
    from_member: str
    to_member: str
    message: str
    created_at: datetime
    private: bool = False
