"""What encouragement needs from the store (implemented in storage/sql/encouragement.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.features.encouragement.model import Kudos, Listener, Win
from bot.repositories import MemberData


class EncouragementRepository(MemberData, Protocol):
    """What the listener remembers (that it replied, never the text), wins and kudos."""

    async def listener(self, community_id: str, member_id: str) -> Listener: ...

    async def save_listener(self, listener: Listener) -> None: ...

    async def add_win(self, win: Win) -> int: ...

    async def wins(self, community_id: str, member_id: str, since: datetime) -> list[Win]: ...

    async def win_count(self, community_id: str, member_id: str) -> int: ...

    async def add_kudos(self, kudos: Kudos) -> int: ...

    async def kudos_received(
        self, community_id: str, member_id: str, since: datetime
    ) -> list[Kudos]: ...

    async def kudos_sent_since(self, community_id: str, member_id: str, since: datetime) -> int: ...
