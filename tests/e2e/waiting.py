"""Waiting for a loopback platform to see what the app does: on a condition, never a fixed
sleep, so a test is as fast as the app and only as slow as it must be."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any


class Watched:
    """An emulator's record of calls: each one `touched()`, so `wait_for` wakes to look."""

    def __init__(self) -> None:
        self.changed = asyncio.Event()

    def touched(self) -> None:
        self.changed.set()

    async def wait_for(self, check: Callable[[], Any], within: float = 5.0) -> Any:
        """Wait until `check()` is truthy, as the app's calls arrive; return what it returned."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            result = check()
            if result:
                return result
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise AssertionError("the app did not do what was expected in time")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)
