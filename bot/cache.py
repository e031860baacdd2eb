"""Short-lived per-community values: read by nearly every command, seldom changed by admins."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from cachetools import TTLCache

MISSING = object()  # a cached value may be None: this says "nothing kept"


class CommunityCache:
    """Values kept `ttl` seconds. Admin commands clear their community's entries when they
    commit, so a change shows at once in this process and within `ttl` in any other. At most
    `size` entries: the least recently used go first."""

    def __init__(self, ttl: float = 10.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self._items: TTLCache[tuple[str, str], Any] = TTLCache(size, ttl)

    async def get(self, community_id: str, name: str, load: Callable[[], Awaitable[Any]]) -> Any:
        key = (community_id, name)
        kept = self._items.get(key, MISSING)
        if kept is not MISSING:
            return kept
        value = await load()
        self._items[key] = value
        return value

    def forget(self, community_id: str) -> None:
        for key in [k for k in self._items if k[0] == community_id]:
            self._items.pop(key, None)
