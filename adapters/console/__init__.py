"""The console adapter: liftup in a terminal, with simulated members and a clock you can move."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from adapters.console.session import BUILTIN_HELP, ConsoleSession
from bot.texts import counted

__all__ = ["ConsoleSession", "demo_script", "demo_start", "drive", "read_script"]


def demo_script() -> str:
    return (resources.files("adapters") / "console" / "demo.txt").read_text("utf-8")


async def drive(
    session: ConsoleSession,
    script: Iterable[str] | None = None,
    write: Callable[[str], None] = print,
) -> int:
    """Run lines from `script`, or interactively from the terminal, in a session attached to a
    running core (bot.bootstrap.console wires them). Returns the exit code."""
    failures = 0
    if script is None:
        await _interactive(session)
    else:
        lines = _script_lines(script)

        async def answer(prompt: str) -> str | None:
            # A form's answers are the script's next lines.
            line = next(lines, (0, None))[1]
            write(f"  {prompt}{line or ''}")
            return line

        session.ask = answer
        for number, line in lines:
            write(f"{session.prompt}{line}")
            if not await session.execute(line):
                failures += 1
                write(f"· (line {number} could not be run)")
            if session.finished:
                break
    if failures:
        write(f"· {counted(failures, 'line')} could not be run.")
    return 1 if failures else 0


def _script_lines(script: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line to run: blank lines and comments are skipped."""
    for number, raw in enumerate(script, 1):
        line = raw.rstrip("\n")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


async def _interactive(session: ConsoleSession) -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history where available)
    session.write(
        f"liftup console: community {session.community_id}. You are 'you', an admin, in #general."
    )
    session.write("Type /help for the bot's commands. " + BUILTIN_HELP)

    async def answer(prompt: str) -> str | None:
        try:
            return await asyncio.to_thread(input, f"  {prompt}")
        except (EOFError, KeyboardInterrupt):
            return None

    session.ask = answer
    while not session.finished:
        try:
            line = await asyncio.to_thread(input, session.prompt)
        except (EOFError, KeyboardInterrupt):
            session.write("")
            return
        await session.execute(line)


def demo_start() -> datetime:
    """The demo starts at 07:00 UTC on the coming Monday, so its weeks line up the same way
    whenever it runs: two weeks of mentoring, then a check-in week opening at 09:00."""
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def read_script(path: str) -> list[str]:
    if path == "-":
        return sys.stdin.read().splitlines()
    return Path(path).read_text("utf-8").splitlines()
