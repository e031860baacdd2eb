"""The core imports no platform library or storage driver: checked in a fresh interpreter."""

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
        if m.name != "bot.__main__"
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


def test_core_source_names_no_adapter_or_storage_at_module_level():
    root = Path(bot.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name in ("app.py", "cli.py"):
            continue  # the composition root may know concrete parts, lazily
        for line in path.read_text().splitlines():
            if line.startswith(("import ", "from ")) and line.split()[1].split(".")[0] in (
                *FORBIDDEN,
                "adapters",
                "storage",
            ):
                offenders.append(f"{path.name}: {line}")
    assert offenders == []
