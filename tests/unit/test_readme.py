"""The README stays true: every command is documented, and CI runs its test command."""

from __future__ import annotations

from pathlib import Path

from bot.features import full_catalogue

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_every_command_is_in_the_readme():
    missing = [c.name for c in full_catalogue() if f"`/{c.name}" not in README]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    assert "<!-- ci: test command -->" in README
    assert "README.md" in (ROOT / ".ci" / "run").read_text()


def test_quick_start_comes_first():
    headings = [line for line in README.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Quick start"
