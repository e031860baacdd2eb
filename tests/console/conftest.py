"""Console scripts as tests: a script in, the transcript a member would read out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bot.bootstrap.console import run_console
from bot.config import Config
from tests.fakes import START

PROMPT = re.compile(r'^[^\s─·].* in (#[\w-]+|".*")> ')


@dataclass
class Transcript:
    code: int
    lines: list[str]
    db: Path

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def after(self, typed: str, occurrence: int = -1) -> str:
        """What was printed after `typed` was entered (the last time, by default)."""
        starts = [i for i, line in enumerate(self.lines) if PROMPT.match(line)]
        mine = [i for i in starts if self.lines[i].endswith("> " + typed)]
        assert mine, f"{typed!r} was never typed"
        start = mine[occurrence]
        end = next((i for i in starts if i > start), len(self.lines))
        return "\n".join(self.lines[start + 1 : end])


@pytest.fixture
def run_script(tmp_path):
    async def run(script: str, *, community: str = "local") -> Transcript:
        db = tmp_path / "console.db"
        config = Config()
        config = replace(
            config,
            storage=replace(config.storage, url=f"sqlite:///{db}"),
            console=replace(config.console, community=community),
        )
        lines: list[str] = []
        code = await run_console(
            config, script=script.strip().splitlines(), start=START, write=lines.append
        )
        return Transcript(code, lines, db)

    return run
