"""The `liftup` command as an organiser runs it, in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def liftup(*args: str, cwd: Path, stdin: str = "", env: dict | None = None):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LIFTUP_")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


def test_version(tmp_path):
    result = liftup("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("liftup 0.")


def test_demo_runs_every_feature_and_leaves_nothing_behind(tmp_path):
    result = liftup("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for expected in (
        "What I can do",
        "Your profile",
        '"Middle Earth" is not a time zone',
        "Your pause has ended",
        "@Priya is looking for a mentor",
        "Meet your mentoring match",
        "Did you two meet?",
        "Learning check-in — week",
        "Week in review",
        "A note for you",
        "Your preparation kit",
        "You don't have to carry this alone",
        "liftup-export.json",
        "erased everything I held about you",
        "#mods",
        "Community settings",
    ):
        assert expected in result.stdout, expected
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []  # the demo's database was temporary


def test_console_script_from_stdin_with_db_and_clock(tmp_path):
    result = liftup(
        "console",
        "--db",
        "mine.db",
        "--now",
        "2026-11-23T09:00Z",
        "--script",
        "-",
        cwd=tmp_path,
        stdin="/privacy pause duration:1w\n/now\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Paused until Mon 30 Nov 2026, 09:00 UTC, 1w from now." in result.stdout
    assert "It is now Mon 23 Nov 2026, 09:00 UTC." in result.stdout
    assert (tmp_path / "mine.db").exists()


def test_console_script_exits_non_zero_on_parse_failure(tmp_path):
    script = tmp_path / "bad.txt"
    script.write_text("/profile fly\n")
    result = liftup("console", "--script", str(script), cwd=tmp_path)
    assert result.returncode == 1


def test_run_without_platforms_says_what_to_set(tmp_path):
    result = liftup("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "No platform is enabled" in result.stderr and "liftup console" in result.stderr


def test_run_without_token_names_the_variable(tmp_path):
    result = liftup("run", cwd=tmp_path, env={"LIFTUP_DISCORD_ENABLED": "true"})
    assert result.returncode == 2
    assert "DISCORD_TOKEN is empty" in result.stderr


def test_invalid_config_fails_at_start(tmp_path):
    (tmp_path / "config.toml").write_text('[outbox]\nrate_per_second = "fast"\n')
    result = liftup("console", "--script", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert "[outbox] rate_per_second = 'fast'" in result.stderr


def test_migrate_reports_what_it_did(tmp_path):
    first = liftup("migrate", "--db", "m.db", cwd=tmp_path)
    second = liftup("migrate", "--db", "m.db", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert "applied 0001_core" in first.stdout
    assert "is up to date" in second.stdout


def test_migrate_copies_a_database_and_explains_mistakes(tmp_path):
    script = "/as Priya\n/profile set timezone:Europe/Berlin phase:projects\n"
    made = liftup("console", "--db", "old.db", "--script", "-", cwd=tmp_path, stdin=script)
    assert made.returncode == 0, made.stderr
    copied = liftup(
        "migrate", "--from", "sqlite:///old.db", "--to", "sqlite:///new.db", cwd=tmp_path
    )
    assert copied.returncode == 0, copied.stderr
    assert "Copied console:local from sqlite:///old.db to sqlite:///new.db" in copied.stdout
    assert "profiles: 1" in copied.stdout
    again = liftup(
        "migrate", "--from", "sqlite:///old.db", "--to", "sqlite:///new.db", cwd=tmp_path
    )
    assert again.returncode == 2 and "already holds community 'console:local'" in again.stderr
    half = liftup("migrate", "--from", "sqlite:///old.db", cwd=tmp_path)
    assert half.returncode == 2 and "needs both --from URL and --to URL" in half.stderr
    wrong = liftup("migrate", "--from", "old.db", "--to", "sqlite:///x.db", cwd=tmp_path)
    assert wrong.returncode == 2 and "is not a storage URL" in wrong.stderr


def test_interactive_console_reads_until_quit(tmp_path):
    result = liftup("console", cwd=tmp_path, stdin="/topics\n/quit\n/help\n")
    assert result.returncode == 0, result.stderr
    assert "liftup console: community console:local" in result.stdout
    assert "Linear algebra" in result.stdout
    assert "What I can do" not in result.stdout  # nothing after /quit runs


def test_command_line_flags_are_validated_like_config(tmp_path):
    result = liftup("console", "--community", "two words", "--script", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert "[console] community = 'two words'" in result.stderr


def test_slack_keys_are_made_and_rotated_from_the_command_line(tmp_path):
    import asyncio

    from adapters.slack.installs import LiftupInstallationStore, TokenSeal
    from storage import open_store
    from tests.unit.test_slack_installs import TOKEN, installation

    made = liftup("slack", "new-key", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    old = made.stdout.strip()
    new = liftup("slack", "new-key", cwd=tmp_path).stdout.strip()
    assert old != new and len(new) == 44  # 32 bytes, URL-safe base64

    async def install_then_read(key: str, save: bool) -> str:
        store = await open_store(f"sqlite:///{tmp_path / 'k.db'}")
        try:
            installs = LiftupInstallationStore(store, TokenSeal(key))
            if save:
                await installs.async_save(installation())
            return (await installs.async_find_bot(enterprise_id=None, team_id="T1")).bot_token
        finally:
            await store.close()

    assert asyncio.run(install_then_read(old, save=True)) == TOKEN
    unset = liftup("slack", "rotate-key", "--db", "k.db", cwd=tmp_path)
    assert unset.returncode == 2 and "set SLACK_TOKEN_KEY to the new key" in unset.stderr
    keys = {"SLACK_TOKEN_KEY": new, "SLACK_PREVIOUS_TOKEN_KEY": old}
    rotated = liftup("slack", "rotate-key", "--db", "k.db", cwd=tmp_path, env=keys)
    assert rotated.returncode == 0, rotated.stderr
    assert "Sealed 1 installed workspace under the new key" in rotated.stdout
    assert asyncio.run(install_then_read(new, save=False)) == TOKEN
    wrong = {"SLACK_TOKEN_KEY": old, "SLACK_PREVIOUS_TOKEN_KEY": old}
    refused = liftup("slack", "rotate-key", "--db", "k.db", cwd=tmp_path, env=wrong)
    assert refused.returncode == 2 and "nothing was changed" in refused.stderr


def test_the_slack_manifest_is_json_slack_can_import(tmp_path):
    import json

    printed = liftup("slack", "manifest", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    data = json.loads(printed.stdout)
    commands = {c["command"] for c in data["features"]["slash_commands"]}
    assert "/mentor" in commands and "/buddies" in commands
    assert data["display_information"]["name"] and data["oauth_config"]["scopes"]["bot"]


def test_dashboard_serves_a_local_database_behind_a_printed_link(tmp_path):
    import http.cookiejar
    import re
    import socket
    import urllib.parse
    import urllib.request

    made = liftup(
        "console",
        "--db",
        "here.db",
        "--script",
        "-",
        cwd=tmp_path,
        stdin='/checkin learned:"pandas, at last" minutes:40\n',
    )
    assert made.returncode == 0, made.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LIFTUP_")}
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "dashboard", "--db", "here.db", "--port", str(port)],
        cwd=tmp_path,
        env={**environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            printed = [server.stdout.readline() for _ in range(3)]
            assert f"http://127.0.0.1:{port}" in printed[0] and "console:local" in printed[0]
            [url] = re.findall(r"https?://\S+", printed[2])
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
            )
            token = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["token"][0]
            assert "Open the dashboard" in opener.open(url, timeout=10).read().decode()
            data = urllib.parse.urlencode({"token": token}).encode()
            overview = opener.open(f"http://127.0.0.1:{port}/sign-in", data, timeout=10)
            html = overview.read().decode()
            assert overview.url.endswith("/c/console:local/overview")
            assert "<dt>Minutes this week</dt><dd>40</dd>" in html
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_dashboard_names_the_communities_a_database_holds(tmp_path):
    liftup("console", "--db", "here.db", "--script", "-", cwd=tmp_path, stdin="/topics\n")
    result = liftup("dashboard", "--db", "here.db", "--community", "elsewhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "no community 'console:elsewhere'" in result.stderr and "console:local" in result.stderr


def test_dashboard_says_when_its_port_is_taken(tmp_path):
    import socket

    liftup("console", "--db", "here.db", "--script", "-", cwd=tmp_path, stdin="/topics\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = liftup("dashboard", "--db", "here.db", "--port", port, cwd=tmp_path)
    assert result.returncode == 2
    assert f"Can't listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Sign in" not in result.stdout  # no link to a dashboard that isn't there
