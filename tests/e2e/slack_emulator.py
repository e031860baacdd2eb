"""A small Slack on 127.0.0.1: the Web API methods the app calls, and response URLs.

Tests point slack-sdk's client here (`base_url` with a trailing slash), send signed requests to
the real Bolt app, and read back what it called.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from adapters.slack.settings import SLACK
from bot.config import Config
from tests.e2e.waiting import Watched

TEAM_ID, BOT_USER = "T0LIFTUP", "U0BOT"
SECRET = "test-signing-secret"  # what the app under test is configured with


def signed(body: str, secret: str = SECRET, at: int | None = None) -> dict[str, str]:
    stamp = str(at if at is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class ApiCall:
    method: str
    args: dict[str, Any] = field(default_factory=dict)
    token: str | None = None  # the bearer token the call carried


@dataclass
class Workspace:
    """A workspace that can install the app: the code Slack hands its installer, the token
    oauth.v2.access gives for it, and its own channels."""

    team_id: str
    name: str
    installer: str
    channels: dict[str, dict[str, Any]]

    @property
    def code(self) -> str:
        return f"code-{self.team_id}"

    @property
    def token(self) -> str:
        return f"xoxb-{self.team_id}-secret"


class SlackEmulator(Watched):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[ApiCall] = []
        self.responses: list[dict[str, Any]] = []  # what went to response URLs
        self.responses_to: dict[str, list[dict[str, Any]]] = {}  # the same, by URL
        self.admins: set[str] = set()
        self.rate_limit_next = 0  # answer this many chat.postMessage calls with a 429
        self.fail_next: list[str] = []  # API methods to answer once with Slack's internal_error
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._socket: web.WebSocketResponse | None = None
        self.socket_ready = asyncio.Event()
        self.acks: dict[str, dict[str, Any]] = {}  # envelope id -> what the app answered
        # The workspace's channels; liftup has been invited to those with is_member.
        self.conversations: dict[str, dict[str, Any]] = {
            "C1": {"id": "C1", "name": "general", "is_member": True},
            "C2": {"id": "C2", "name": "mods", "is_member": True, "is_private": True},
            "C3": {"id": "C3", "name": "quiet-corner", "is_member": False},
        }
        # Workspaces that can install the app through OAuth, by team id; and the bot tokens
        # Slack has issued and not revoked, to the team each belongs to.
        self.workspaces: dict[str, Workspace] = {}
        self.tokens: dict[str, str] = {}
        self.client_credentials: tuple[str, str] = ("", "")

    def add_workspace(self, team_id: str, name: str, installer: str, channels: dict) -> Workspace:
        workspace = Workspace(team_id, name, installer, channels)
        self.workspaces[team_id] = workspace
        return workspace

    def revoke(self, team_id: str) -> None:
        """The workspace uninstalled the app: its tokens stop working."""
        self.tokens = {t: team for t, team in self.tokens.items() if team != team_id}

    def calls_by(self, token: str) -> list[ApiCall]:
        return [c for c in self.calls if c.token == token]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self.api)
        app.router.add_get(
            "/api/{method}", self.api
        )  # some methods send their arguments as a query
        app.router.add_post("/respond/{ref}", self.respond)
        app.router.add_get("/socket", self.socket)
        app.router.add_post("/upload/{ref}", self.upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def http_config(self, **slack: Any) -> Config:
        """liftup's config for a Slack app in HTTP mode whose Web API is this emulator."""
        config = Config()
        return SLACK.replaced(
            config, enabled=True, mode="http", api_base_url=self.base_url, **slack
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"  # slack-sdk wants the trailing slash

    def response_url(self, ref: str = "1") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{ref}"

    def called(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        text = await request.text()
        if request.content_type == "application/json" and text:
            args.update(json.loads(text))
        elif text:
            args.update(dict(parse_qsl(text)))
        for key in ("blocks", "view", "users"):
            if isinstance(args.get(key), str) and args[key][:1] in "[{":
                args[key] = json.loads(args[key])
        return args

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        token = bearer or args.get("token")
        self.calls.append(ApiCall(method, args, token))
        self.touched()
        if self.workspaces and method != "oauth.v2.access":
            # Once workspaces install the app, a call counts only with a live token.
            team = self.tokens.get(str(token))
            if team is None:
                return web.json_response({"ok": False, "error": "invalid_auth"})
            return web.json_response(self.answer(method, args, team))
        if method == "oauth.v2.access":
            return web.json_response(self.exchange(request, args))
        if method == "chat.postMessage" and self.rate_limit_next > 0:
            self.rate_limit_next -= 1
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "7"}
            )
        if method in self.fail_next:
            self.fail_next.remove(method)
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        return web.json_response(self.answer(method, args))

    def exchange(self, request: web.Request, args: dict[str, Any]) -> dict[str, Any]:
        """oauth.v2.access: an installer's one-time code for the workspace's bot token, given
        only to the app's own client id and secret (sent as HTTP basic auth)."""
        given = request.headers.get("Authorization", "")
        client_id, secret = self.client_credentials
        expected = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        if not client_id or given != expected:
            return {"ok": False, "error": "invalid_client_id"}
        workspace = next((w for w in self.workspaces.values() if w.code == args.get("code")), None)
        if workspace is None:
            return {"ok": False, "error": "invalid_code"}
        self.tokens[workspace.token] = workspace.team_id
        return {
            "ok": True,
            "app_id": "A0LIFTUP",
            "access_token": workspace.token,
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": BOT_USER,
            "team": {"id": workspace.team_id, "name": workspace.name},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": workspace.installer},
        }

    def answer(self, method: str, args: dict[str, Any], team: str = TEAM_ID) -> dict[str, Any]:
        conversations = (
            self.workspaces[team].channels if team in self.workspaces else (self.conversations)
        )
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": "B0BOT",
                "team_id": team,
                "team": "Learners",
                "user": "liftup",
                "url": "https://learners.slack.com/",
            }
        if method == "users.info":
            user = args.get("user", "")
            return {
                "ok": True,
                "user": {
                    "id": user,
                    "name": user,
                    "is_admin": user in self.admins,
                    "is_owner": False,
                    "team_id": team,
                },
            }
        if method == "conversations.open":
            users = str(args.get("users", ""))
            prefix = "G" if "," in users else "D"
            return {"ok": True, "channel": {"id": f"{prefix}{users.replace(',', '')}"}}
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": ts,
                "message": {"ts": ts, "text": args.get("text", "")},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "conversations.info":
            channel = conversations.get(str(args.get("channel", "")))
            if channel is None:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": channel}
        if method == "conversations.list":
            listed = list(conversations.values())
            return {"ok": True, "channels": listed, "response_metadata": {"next_cursor": ""}}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if method in ("views.open", "views.publish", "views.update"):
            return {"ok": True, "view": {"id": "V1", **(args.get("view") or {})}}
        if method == "files.getUploadURLExternal":
            return {
                "ok": True,
                "upload_url": f"http://127.0.0.1:{self.port}/upload/F1",
                "file_id": "F1",
            }
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": "F1", "title": "chart"}]}
        return {"ok": True}

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: say hello, then carry envelopes out and acknowledgements back."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "emulator"}})
        )
        self.socket_ready.set()
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                ack = json.loads(message.data)
                self.acks[ack.get("envelope_id", "")] = ack
                self.touched()
        return socket

    async def push(self, kind: str, payload: dict[str, Any], envelope_id: str) -> None:
        assert self._socket is not None, "the app has not connected over Socket Mode"
        await self._socket.send_str(
            json.dumps(
                {
                    "envelope_id": envelope_id,
                    "type": kind,
                    "payload": payload,
                    "accepts_response_payload": kind != "events_api",
                    "retry_attempt": 0,
                    "retry_reason": "",
                }
            )
        )

    async def respond(self, request: web.Request) -> web.Response:
        answer = json.loads(await request.text())
        self.responses.append(answer)
        self.responses_to.setdefault(request.match_info["ref"], []).append(answer)
        self.touched()
        return web.Response(text="ok")

    async def upload(self, request: web.Request) -> web.Response:
        await request.read()
        self.calls.append(ApiCall("upload", {}))
        return web.Response(text="OK")
