"""Short-lived per-community values: read by nearly every command, seldom changed by admins."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any


class CommunityCache:
    """Values kept `ttl` seconds. Admin commands clear their community's entries when they
    commit, so a change shows at once in this process and within `ttl` in any other."""

    def __init__(self, ttl: float = 10.0) -> None:
        self.ttl = ttl
        self._items: dict[tuple[str, str], tuple[float, Any]] = {}

    async def get(self, community_id: str, name: str, load: Callable[[], Awaitable[Any]]) -> Any:
        key = (community_id, name)
        kept = self._items.get(key)
        if kept is not None and time.monotonic() - kept[0] < self.ttl:
            return kept[1]
        value = await load()
        self._items[key] = (time.monotonic(), value)
        return value

    def forget(self, community_id: str) -> None:
        for key in [k for k in self._items if k[0] == community_id]:
            del self._items[key]
