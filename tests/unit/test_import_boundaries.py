"""The core loads no platform library or storage driver: checked in a fresh interpreter, where
lazy imports count too. The static layers (core, composition root, adapters, storage) are
import-linter's contracts in pyproject.toml, run by .ci/run."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bot

FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "aiosqlite")


def test_core_modules_import_no_platform_library():
    modules = sorted(
        m.name
        for m in pkgutil.walk_packages(bot.__path__, prefix="bot.")
        if m.name != "bot.__main__" and not m.name.startswith("bot.bootstrap")
    )
    assert "bot.dispatch" in modules and "bot.features.privacy" in modules
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert json.loads(result.stdout) == []
