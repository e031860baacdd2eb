"""Send pacing shared by every process on one store, so together they keep a platform's rate."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable

from bot.ports import Store

# Send times are spread 3% wider than the rate asks: the platform clocks each send a little
# after we do, and that jitter must never put one rolling second over its limit.
PACING_MARGIN = 1.03
# A send whose reserved time passed more than this long ago (a busy event loop) waits for a
# fresh one instead: sending late would bunch sends together.
LATE_TOLERANCE = 0.03


class SharedPacer:
    """Send times reserved in the store, so every process on it together keeps one rate.

    Sends are spaced evenly, 1.03/rate seconds apart, each no earlier than its reserved time
    and no later than LATE_TOLERANCE after it. Any rolling second then holds at most
    (1 + LATE_TOLERANCE) / 1.03 × rate < rate sends, across all processes, whatever the
    platform counts in.
    """

    def __init__(
        self,
        store: Store,
        rate: float | None,
        *,
        wall_clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.store = store
        self.rate = rate
        self.spacing = PACING_MARGIN / rate if rate else 0.0
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._times: dict[str, deque[float]] = {}
        self._owed: Counter[str] = Counter()  # sends announced by `reserve` and not yet made
        self._lock = asyncio.Lock()

    async def reserve(self, platform: str, count: int) -> None:
        """Announce `count` sends ahead: their times are reserved in one trip to the store."""
        if not self.rate or count <= 0:
            return
        self._owed[platform] += count
        await self._fetch(platform, count)

    async def _fetch(self, platform: str, count: int) -> None:
        async with self.store.unit() as uow:
            first = await uow.outbox.reserve_send_times(
                platform, count, self.spacing, self._wall_clock()
            )
        times = self._times.setdefault(platform, deque())
        times.extend(first + i * self.spacing for i in range(count))

    async def turn(self, platform: str) -> None:
        """Wait for this process's next reserved send time on `platform`."""
        if not self.rate:
            return
        async with self._lock:  # sends take their times in the order they ask
            times = self._times.setdefault(platform, deque())
            while True:
                if not times:
                    # Times ran out (some went by too late): fetch what the announced sends need.
                    await self._fetch(platform, max(1, self._owed[platform]))
                at = times.popleft()
                wait = at - self._wall_clock()
                if wait > 0:
                    await self._sleep(wait)
                    wait = at - self._wall_clock()
                if wait >= -LATE_TOLERANCE:
                    self._owed[platform] = max(0, self._owed[platform] - 1)
                    return
                # Too late for this time: take the next one, never bunch sends up.
