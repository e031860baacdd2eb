"""The console, wired: a store, a clock you can move, the core, and a terminal session."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from adapters.console import ConsoleSession, demo_script, demo_start, drive
from bot.bootstrap.app import build_app
from bot.clock import ManualClock
from bot.config import Config


async def run_console(
    config: Config,
    *,
    script: Iterable[str] | None = None,
    start: datetime | None = None,
    write: Callable[[str], None] = print,
) -> int:
    """Run lines from `script`, or interactively from the terminal. Returns the exit code."""
    from storage import open_store

    store = await open_store(config.storage.url)
    clock = ManualClock(start)
    session = ConsoleSession(clock, config.console.community, write)
    app = build_app(config, store, clock, {"console": session.messenger})
    session.attach(app)
    try:
        return await drive(session, script, write)
    finally:
        await app.close()


async def run_demo(config: Config, write: Callable[[str], None] = print) -> int:
    """The built-in walkthrough, in a fresh temporary database."""
    with tempfile.TemporaryDirectory(prefix="liftup-demo-") as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        demo_config = replace(config, storage=replace(config.storage, url=url))
        return await run_console(
            demo_config, script=demo_script().splitlines(), start=demo_start(), write=write
        )
