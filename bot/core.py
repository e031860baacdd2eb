"""The running core, as every adapter and the composition root hold it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.dispatch import Dispatcher
from bot.runtime import Runtime
from bot.scheduler import run_due_work
from bot.sender import DrainReport, OutboxSender


@dataclass
class App:
    """A running core: dispatcher for inbound work, sender for outbound, ticks for due work."""

    config: Config
    runtime: Runtime
    dispatcher: Dispatcher
    sender: OutboxSender

    async def tick(self) -> dict[str, int]:
        return await run_due_work(self.runtime)

    async def drain(self) -> DrainReport:
        return await self.sender.drain()

    async def close(self) -> None:
        await self.runtime.store.close()
