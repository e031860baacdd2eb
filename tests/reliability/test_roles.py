"""`liftup run --role`: two gateways and a worker, real processes, on one PostgreSQL.

The gateways answer Slack (the loopback emulator) and only queue; the worker alone sends. The
same slash command delivered to both gateways (a retry landing elsewhere) runs once.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from storage import open_store
from tests.e2e.slack_emulator import SECRET, TEAM_ID, SlackEmulator, signed
from tests.fakes import table_rows
from tests.postgres_server import fresh_schema

ROOT = Path(__file__).resolve().parents[2]
GOAL = "Ship one small NLP model this quarter"

pytestmark = pytest.mark.timeout(180)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(role: str, url: str, emulator: SlackEmulator, port: int, log: Path) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LIFTUP_")}
    environ |= {
        "PYTHONPATH": str(ROOT),
        "LIFTUP_STORAGE_URL": url,
        "LIFTUP_SLACK_ENABLED": "true",
        "LIFTUP_SLACK_MODE": "http",
        "LIFTUP_SLACK_PORT": str(port),
        "LIFTUP_SLACK_API_BASE_URL": emulator.base_url,
        "LIFTUP_SCHEDULER_TICK_SECONDS": "1",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
    }
    with open(log, "wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--role", role],
            cwd=ROOT,
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


async def listening(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            assert process.poll() is None, tail(log)
            assert time.monotonic() < deadline, tail(log)
            await asyncio.sleep(0.1)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def command(port: int, emulator, top: str, text: str, user: str, trigger: str) -> None:
    body = urlencode(
        {
            "command": f"/{top}",
            "text": text,
            "team_id": TEAM_ID,
            "user_id": user,
            "user_name": user.lower(),
            "channel_id": "C1",
            "trigger_id": trigger,
            "response_url": emulator.response_url(trigger),
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signed(body)}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers) as answer,
    ):
        assert answer.status == 200, await answer.text()


def dms_to(emulator: SlackEmulator, user: str) -> list:
    return [
        call
        for call in emulator.called("chat.postMessage")
        if call.args.get("channel") in (user, f"D{user}")
    ]


async def test_gateways_only_queue_the_worker_sends_and_a_retry_runs_once(
    postgres_server, tmp_path
):
    url = await fresh_schema(postgres_server)
    emulator = SlackEmulator()
    await emulator.start()
    ports = [free_port(), free_port()]
    processes = []
    try:
        gateways = [
            start("gateway", url, emulator, port, tmp_path / f"gateway-{i}.log")
            for i, port in enumerate(ports)
        ]
        processes += gateways
        for port, gateway, i in zip(ports, gateways, range(2), strict=True):
            await listening(port, gateway, tmp_path / f"gateway-{i}.log")

        await command(ports[0], emulator, "mentor", "offer topics:pytorch capacity:1", "U1", "t1")
        await emulator.wait_for(lambda: len(emulator.responses) >= 1, within=20)
        request = f"request topics:pytorch goal:{GOAL!r}".replace("'", '"')
        # The same delivery reaches both gateways, as a retry routed to another worker would.
        await asyncio.gather(
            *(command(port, emulator, "mentor", request, "U2", "t2") for port in ports)
        )
        await emulator.wait_for(lambda: len(emulator.responses) >= 2, within=20)
        await asyncio.sleep(1.5)  # time enough for a gateway to send, if it wrongly did
        assert dms_to(emulator, "U1") == []
        store = await open_store(url)
        try:
            async with store.unit(read_only=True) as uow:
                assert await uow.outbox.pending_count() == 1  # the question for the mentor
            rows = await table_rows(store)
        finally:
            await store.close()
        assert len(rows["mentor_requests"]) == 1 and len(rows["mentor_proposals"]) == 1

        worker_log = tmp_path / "worker.log"
        processes.append(start("worker", url, emulator, free_port(), worker_log))
        sent = await emulator.wait_for(lambda: dms_to(emulator, "U1"), within=30)
        assert len(sent) == 1 and "looking for a mentor" in json.dumps(sent[0].args["blocks"])
        await asyncio.sleep(1.5)
        assert len(dms_to(emulator, "U1")) == 1
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        await emulator.stop()
    assert all(process.returncode == 0 for process in processes), [
        (path.name, tail(path)) for path in sorted(tmp_path.glob("*.log"))
    ]
