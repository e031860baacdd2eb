"""Many workspaces on one deployment: the real slack-bolt's OAuth flow against the loopback
Slack, installs kept sealed in liftup's own database, each workspace served with its own token."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.fernet import Fernet

from adapters.slack import SlackPlatform
from bot.bootstrap.app import build_app
from bot.config import Config
from bot.core import App
from bot.features import installs
from bot.models import OutboxStatus
from bot.outbox import queue_dm
from bot.replies import Reply
from storage.sqlite import SqliteStore
from tests.e2e.conftest import deliver_until
from tests.e2e.slack_emulator import SECRET, SlackEmulator, Workspace, signed
from tests.fakes import fixed_clock, table_rows

CLIENT_ID, CLIENT_SECRET = "1234.5678", "app-client-secret"
STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class Installs:
    emulator: SlackEmulator
    http: TestClient
    app: App
    platform: SlackPlatform
    db_path: str
    learners: Workspace
    builders: Workspace
    config: Config
    environ: dict[str, str]
    sent: int = 0

    async def start_install(self) -> str:
        """Open /slack/install as an organiser's browser would; the state in its link."""
        page = await self.http.get("/slack/install")
        assert page.status == 200
        html = await page.text()
        assert "Add to Slack" in html
        link = re.search(r'href="([^"]+)"', html).group(1).replace("&amp;", "&")
        assert f"client_id={CLIENT_ID}" in link and "scope=commands" in link
        state = re.search(r"state=([^&]+)", link).group(1)
        assert f"{STATE_COOKIE}={state}" in page.headers["Set-Cookie"]
        return state

    async def finish_install(self, code: str, state: str, cookie: str | None = None):
        """Slack sends the browser back with a code and the state."""
        query = urlencode({"code": code, "state": state})
        return await self.http.get(
            f"/slack/oauth_redirect?{query}",
            headers={"Cookie": f"{STATE_COOKIE}={cookie or state}"},
        )

    async def install(self, workspace: Workspace) -> None:
        page = await self.finish_install(workspace.code, await self.start_install())
        assert page.status == 200, await page.text()
        assert "liftup is in" in await page.text()

    async def command(self, workspace: Workspace, top: str, text: str, user: str) -> dict:
        self.sent += 1
        body = urlencode(
            {
                "command": f"/{top}",
                "text": text,
                "team_id": workspace.team_id,
                "user_id": user,
                "user_name": user.lower(),
                "channel_id": next(iter(workspace.channels)),
                "trigger_id": f"trigger-{self.sent}",
                "response_url": self.emulator.response_url(str(self.sent)),
            }
        )
        response = await self.http.post(
            "/slack/events",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", **signed(body)},
        )
        assert response.status == 200, await response.text()
        ref = str(self.sent)
        answered = await self.emulator.wait_for(lambda: self.emulator.responses_to.get(ref))
        return answered[0]

    async def uninstall(self, workspace: Workspace) -> None:
        """The workspace removes the app: Slack revokes its token and says so."""
        self.emulator.revoke(workspace.team_id)
        gone = await self.event(workspace, {"type": "app_uninstalled"}, f"Ev{workspace.team_id}")
        assert gone.status == 200
        # Bolt runs the listener after answering Slack: wait for it to have forgotten the install.
        community = f"slack:{workspace.team_id}"
        for _ in range(100):
            async with self.app.runtime.store.unit(read_only=True) as uow:
                if await uow.installations.find(community) is None:
                    return
            await asyncio.sleep(0.02)
        raise AssertionError(f"{community}'s install was not removed")

    async def event(self, workspace: Workspace, event: dict, event_id: str):
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": workspace.team_id,
                "api_app_id": "A0LIFTUP",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        )
        return await self.http.post(
            "/slack/events",
            data=body,
            headers={"Content-Type": "application/json", **signed(body)},
        )


def text_of(message: dict) -> str:
    return message.get("text", "") + json.dumps(message.get("blocks", []))


@pytest.fixture
async def installs_world(tmp_path) -> AsyncIterator[Installs]:
    emulator = SlackEmulator()
    await emulator.start()
    emulator.client_credentials = (CLIENT_ID, CLIENT_SECRET)
    learners = emulator.add_workspace(
        "T0LEARN",
        "Learners",
        "UORG1",
        {"C1": {"id": "C1", "name": "general", "is_member": True}},
    )
    builders = emulator.add_workspace(
        "T0BUILD",
        "Builders",
        "UORG2",
        {"C7": {"id": "C7", "name": "random", "is_member": True}},
    )
    emulator.admins |= {"UORG1", "UORG2"}
    environ = {
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": CLIENT_SECRET,
        "SLACK_TOKEN_KEY": Fernet.generate_key().decode(),
    }
    config = emulator.http_config(public_url="https://liftup.example.org")
    db_path = str(tmp_path / "installs.db")
    store = await SqliteStore.open(db_path)
    platform = SlackPlatform(config, store=store, environ=environ)
    app = build_app(config, store, fixed_clock(), {"slack": platform.messenger})
    platform.attach(app.dispatcher)
    http = TestClient(TestServer(platform.web_app(), host="127.0.0.1"))
    await http.start_server()
    try:
        yield Installs(emulator, http, app, platform, db_path, learners, builders, config, environ)
    finally:
        await http.close()
        await store.close()
        await emulator.stop()


async def test_two_workspaces_install_and_each_is_served_with_its_own_token(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    for workspace in (world.learners, world.builders):
        # The installer is welcomed in their own workspace, with that workspace's token.
        await deliver_until(
            world.app,
            lambda w=workspace: [
                c
                for c in world.emulator.calls_by(w.token)
                if c.method == "chat.postMessage" and installs.WELCOME[:30] in c.args["text"]
            ],
        )
        answer = await world.command(workspace, "profile", "set bio:hello", workspace.installer)
        assert answer["response_type"] == "ephemeral"
    # Every Web API call after the code exchange carried the calling workspace's own token.
    for call in world.emulator.calls:
        if call.method in ("users.info", "conversations.open", "chat.postMessage"):
            team = world.emulator.tokens.get(call.token)
            assert team is not None, f"{call.method} went without a live token"
            if call.method == "conversations.open":
                user = call.args["users"]
                assert team == ("T0LEARN" if user == "UORG1" else "T0BUILD")
    assert {c.token for c in world.emulator.called("users.info")} == {
        world.learners.token,
        world.builders.token,
    }


async def test_one_workspace_never_sees_anothers_channels_or_data(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    learners, builders = world.learners, world.builders
    on = await world.command(
        learners, "admin", "encouragement channels:#general mode:dm", learners.installer
    )
    assert "Encouragement is on in <#C1>" in text_of(on)
    by_name = await world.command(
        builders, "admin", "encouragement channels:#general mode:dm", builders.installer
    )
    assert "I can't find #general here" in text_of(by_name)
    by_id = await world.command(
        builders, "admin", "set key:wins_channel value:C1", builders.installer
    )
    assert "I can't find C1 here" in text_of(by_id)
    await world.command(learners, "profile", "set bio:learning-rust-in-public", "USAM")
    shown = await world.command(builders, "profile", "show", "USAM")
    assert "learning-rust-in-public" not in text_of(shown)


async def test_a_forged_or_replayed_state_installs_nothing(installs_world):
    world = installs_world
    forged = await world.finish_install(world.learners.code, "made-up-state")
    assert forged.status == 401 and "already used or is more than ten minutes old" in (
        await forged.text()
    )
    state = await world.start_install()
    other_browser = await world.finish_install(world.learners.code, state, cookie="elsewhere")
    assert other_browser.status == 400 and "another browser" in await other_browser.text()
    first = await world.finish_install(world.learners.code, state)
    assert first.status == 200
    replayed = await world.finish_install(world.learners.code, state)
    assert replayed.status == 401
    assert [c.args.get("code") for c in world.emulator.called("oauth.v2.access")] == [
        world.learners.code
    ]
    async with world.app.runtime.store.unit(read_only=True) as uow:
        assert list(await uow.installations.all_sealed()) == ["slack:T0LEARN"]


async def test_uninstall_removes_the_tokens_and_sends_nothing_more_there(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    await deliver_until(world.app, lambda: len(world.emulator.called("chat.postMessage")) >= 2)
    await world.uninstall(world.learners)
    store = world.app.runtime.store
    async with store.unit(read_only=True) as uow:
        assert list(await uow.installations.all_sealed()) == ["slack:T0BUILD"]
    now = world.app.runtime.clock.now()
    async with store.unit() as uow:
        for community, member in (("slack:T0LEARN", "UORG1"), ("slack:T0BUILD", "UORG2")):
            await queue_dm(uow, community, member, "after-uninstall", Reply(text="hi"), now)
    before = len(world.emulator.calls)
    await world.app.drain()
    async with store.unit(read_only=True) as uow:
        left = await uow.outbox.queued("slack:T0LEARN", "after-uninstall")
        kept = await uow.outbox.queued("slack:T0BUILD", "after-uninstall")
    assert (left.status, left.failure_reason) == (OutboxStatus.FAILED, "not-installed")
    assert kept.status is OutboxStatus.DELIVERED
    assert all(c.token == world.builders.token for c in world.emulator.calls[before:])
    # The community's data stays for a reinstall, which is told it is still there.
    world.app.runtime.clock.advance(timedelta(days=3))
    await world.install(world.learners)
    welcomed_back = await deliver_until(
        world.app,
        lambda: [
            c
            for c in world.emulator.calls_by(world.learners.token)
            if c.method == "chat.postMessage" and "Welcome back" in c.args["text"]
        ],
    )
    assert welcomed_back


async def test_the_database_holds_no_token_in_clear_text(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    await world.command(world.learners, "profile", "set bio:hi", "UORG1")
    await world.app.runtime.store.close()
    files = [Path(world.db_path), Path(world.db_path + "-wal")]
    stored = b"".join(f.read_bytes() for f in files if f.exists())
    assert b"slack:T0LEARN" in stored  # the installs are there...
    for token in (world.learners.token, world.builders.token):
        assert token.encode() not in stored  # ...sealed
    assert b"xoxb-" not in stored


async def test_each_workspace_keeps_its_own_pace(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    await deliver_until(world.app, lambda: len(world.emulator.called("chat.postMessage")) >= 2)
    rows = await table_rows(world.app.runtime.store)
    paced = sorted(row[0] for row in rows["send_pacing"])
    # Slack limits each workspace on its own, so one busy workspace never slows another.
    assert paced == ["slack:T0BUILD", "slack:T0LEARN"]


async def test_a_workspace_that_never_comes_back_is_erased_after_thirty_days(installs_world):
    world = installs_world
    await world.install(world.learners)
    await world.install(world.builders)
    for workspace in (world.learners, world.builders):
        await world.command(workspace, "profile", "set bio:notes-on-transformers", "USAM")
    await world.uninstall(world.learners)
    store, clock = world.app.runtime.store, world.app.runtime.clock

    async def held() -> set[str]:
        rows = await table_rows(store)
        return {row[0] for row in rows["profiles"]}

    clock.advance(installs.KEEP_AFTER_LEAVING - timedelta(hours=1))
    await world.app.tick()
    assert await held() == {"slack:T0LEARN", "slack:T0BUILD"}  # still waiting for a return
    clock.advance(timedelta(hours=2))
    done = await world.app.tick()
    assert done["erase-departed"] == 1, done
    assert await held() == {"slack:T0BUILD"}
    async with store.unit(read_only=True) as uow:
        assert await uow.communities.ids() == ["slack:T0BUILD"]


async def test_another_process_on_the_same_database_serves_what_one_installed(installs_world):
    world = installs_world
    await world.install(world.builders)
    # A second gateway and a worker: their own Bolt app and messenger, the same database.
    store = world.app.runtime.store
    other = SlackPlatform(world.config, store=store, environ=world.environ)
    worker = build_app(world.config, store, world.app.runtime.clock, {"slack": other.messenger})
    other.attach(worker.dispatcher)
    async with TestClient(TestServer(other.web_app(), host="127.0.0.1")) as http:
        world.http = http
        answer = await world.command(world.builders, "profile", "set bio:hi", "UORG2")
    assert answer["response_type"] == "ephemeral"
    async with store.unit(read_only=True) as uow:
        assert (await uow.profiles.get("slack:T0BUILD", "UORG2")).bio == "hi"
    now = worker.runtime.clock.now()
    async with store.unit() as uow:
        await queue_dm(uow, "slack:T0BUILD", "UORG2", "from-worker", Reply(text="hi"), now)
    before = len(world.emulator.calls)
    await worker.drain()
    sent = world.emulator.calls[before:]
    posted = [c.args["text"] for c in sent if c.method == "chat.postMessage"]
    assert "hi" in posted and any(installs.WELCOME[:30] in text for text in posted)
    assert {c.token for c in sent} == {world.builders.token}
