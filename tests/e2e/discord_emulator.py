"""A small Discord on 127.0.0.1: the REST routes and gateway events the real discord.py uses.

Tests start it, point discord.py at it (REST base and gateway URL), push events such as
INTERACTION_CREATE, and read back what the bot sent: interaction callbacks, messages, threads.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Any
from urllib.parse import unquote

from aiohttp import WSMsgType, web

from tests.e2e.waiting import Watched

APP_ID = "900000000000000001"
BOT_ID = "900000000000000002"
GUILD_ID = "910000000000000001"
CHANNEL_ID = "920000000000000001"
MODS_ID = "920000000000000002"
STAFF_ID = "920000000000000003"
# A second server liftup is also in, with its own #general: one bot, two communities.
OTHER_GUILD_ID = "910000000000000002"
OTHER_CHANNEL_ID = "920000000000000009"
OTHER_MODS_ID = "920000000000000010"
GUILD_NAMES = {GUILD_ID: "Learners", OTHER_GUILD_ID: "Makers"}
# What @everyone may do in a fresh server: see channels, send, read history, use threads.
EVERYONE_CAN = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 35) | (1 << 36) | (1 << 38)
VIEW_CHANNEL = 1 << 10


def text_channel(channel_id: str, name: str, guild_id: str = GUILD_ID) -> dict[str, Any]:
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": guild_id,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
    }


@dataclass
class Call:
    method: str
    path: str
    body: Any
    query: dict[str, str] = field(default_factory=dict)


def _user(user_id: str, name: str, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


class DiscordEmulator(Watched):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.closed_dms: set[str] = set()
        self.reactions: list[tuple[str, str, str]] = []  # (channel, message, emoji) the bot put
        # (method, path pattern) pairs to answer once with a 503, as Discord does when it
        # stumbles: ("POST", "channels/*/messages").
        self.fail_next: list[tuple[str, str]] = []
        self.created: list[dict[str, Any]] = []  # messages really created, not deduplicated
        self._by_nonce: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, list[dict]] = {}
        self.channels: dict[str, dict[str, Any]] = {
            CHANNEL_ID: text_channel(CHANNEL_ID, "general"),
            MODS_ID: text_channel(MODS_ID, "mods"),
            # A staff channel hidden from @everyone, liftup included: it can't read or post.
            STAFF_ID: {
                **text_channel(STAFF_ID, "staff-only"),
                "permission_overwrites": [
                    {"id": GUILD_ID, "type": 0, "allow": "0", "deny": str(VIEW_CHANNEL)}
                ],
            },
            OTHER_CHANNEL_ID: text_channel(OTHER_CHANNEL_ID, "general", OTHER_GUILD_ID),
            OTHER_MODS_ID: text_channel(OTHER_MODS_ID, "mods", OTHER_GUILD_ID),
        }
        self.guilds = dict(GUILD_NAMES)  # the servers liftup is in
        self._ids = itertools.count(930000000000000001)
        self._socket: web.WebSocketResponse | None = None
        self._sequence = 0
        self.ready = asyncio.Event()
        self.callback_event = asyncio.Event()
        self.answered_at: dict[str, float] = {}  # interaction id -> when its answer arrived
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def new_id(self) -> str:
        return str(next(self._ids))

    # --- gateway ----------------------------------------------------------------------------

    async def gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}}))
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == 1:  # heartbeat
                await socket.send_str(json.dumps({"op": 11}))
            elif payload["op"] == 2:  # identify
                await self.dispatch(
                    "READY",
                    {
                        "v": 10,
                        "user": _user(BOT_ID, "liftup", bot=True),
                        "guilds": [{"id": g, "unavailable": True} for g in self.guilds],
                        "session_id": "session-1",
                        "resume_gateway_url": self.gateway_url,
                        "application": {"id": APP_ID, "flags": 0},
                    },
                )
                for guild_id in self.guilds:
                    await self.dispatch("GUILD_CREATE", self.guild(guild_id))
                self.ready.set()
            elif payload["op"] == 6:  # resume
                await self.dispatch("RESUMED", {})
        return socket

    def guild(self, guild_id: str = GUILD_ID) -> dict[str, Any]:
        return {
            "id": guild_id,
            "name": GUILD_NAMES[guild_id],
            "owner_id": "1",
            "roles": [
                {
                    "id": guild_id,
                    "name": "@everyone",
                    "permissions": str(EVERYONE_CAN),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                }
            ],
            "channels": self.channels_of(guild_id),
            "members": [],
            "threads": [],
            "emojis": [],
            "stickers": [],
            "features": [],
            "member_count": 2,
            "large": False,
            "unavailable": False,
        }

    def channels_of(self, guild_id: str) -> list[dict[str, Any]]:
        return [
            c
            for c in self.channels.values()
            if c.get("guild_id") == guild_id and c.get("type") in (0, 5)
        ]

    async def leave(self, guild_id: str) -> None:
        """liftup is removed from a server: Discord says so, and the server is gone for it."""
        del self.guilds[guild_id]
        await self.dispatch("GUILD_DELETE", {"id": guild_id})

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._socket is not None, "no gateway connection yet"
        self._sequence += 1
        await self._socket.send_str(
            json.dumps({"op": 0, "t": event, "s": self._sequence, "d": data})
        )

    # --- what tests push --------------------------------------------------------------------

    def member(self, user_id: str, name: str, admin: bool = False) -> dict[str, Any]:
        return {
            "user": _user(user_id, name),
            "roles": [],
            "permissions": "8" if admin else "0",  # 8 = Administrator
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        }

    def interaction(
        self,
        kind: int,
        data: dict[str, Any],
        user_id: str,
        name: str,
        admin: bool = False,
        message: dict | None = None,
        guild_id: str = GUILD_ID,
    ) -> dict[str, Any]:
        channel = CHANNEL_ID if guild_id == GUILD_ID else OTHER_CHANNEL_ID
        payload = {
            "id": self.new_id(),
            "application_id": APP_ID,
            "type": kind,
            "token": f"token-{self.new_id()}",
            "version": 1,
            "guild_id": guild_id,
            "channel_id": channel,
            "channel": dict(self.channels[channel]),
            "member": self.member(user_id, name, admin),
            "data": data,
            "locale": "en-GB",
            "guild_locale": "en-GB",
            "app_permissions": "2248473465835073",
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def user_message(self, channel_id: str, user_id: str, name: str, text: str) -> dict[str, Any]:
        """A MESSAGE_CREATE payload: a member writing in a channel or thread."""
        return {
            "id": self.new_id(),
            "channel_id": channel_id,
            "guild_id": self.channels.get(channel_id, {}).get("guild_id", GUILD_ID),
            "author": _user(user_id, name),
            "member": {k: v for k, v in self.member(user_id, name).items() if k != "user"},
            "content": text,
            "embeds": [],
            "components": [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "mention_everyone": False,
            "tts": False,
            "timestamp": "2026-11-23T10:00:00+00:00",
            "edited_timestamp": None,
            "flags": 0,
            "type": 0,
        }

    def callbacks(self, interaction_id: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.path.startswith("interactions/")
            and (interaction_id is None or c.path.split("/")[1] == interaction_id)
        ]

    def messages_to(self, channel_id: str) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == "POST" and c.path == f"channels/{channel_id}/messages"
        ]

    # --- REST -------------------------------------------------------------------------------

    async def rest(self, request: web.Request) -> web.Response:
        path = request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            if request.content_type.startswith("multipart/"):
                reader = await request.multipart()
                body = {}
                async for part in reader:
                    if part.name == "payload_json":
                        body.update(json.loads(await part.text()))
                    else:
                        body.setdefault("files", []).append(part.filename)
            else:
                text = await request.text()
                body = json.loads(text) if text else None
        self.calls.append(Call(request.method, path, body, dict(request.query)))
        self.touched()
        for failing in self.fail_next:
            if failing[0] == request.method and fnmatch(path, failing[1]):
                self.fail_next.remove(failing)
                return _json({"message": "Service Unavailable", "code": 0}, status=503)
        return await self.route(request.method, path, body)

    async def route(self, method: str, path: str, body: Any) -> web.Response:
        parts = path.split("/")
        if parts[0] == "channels" and len(parts) > 1:
            server = self.channels.get(parts[1], {}).get("guild_id")
            if server is not None and server not in self.guilds:  # a server liftup has left
                return _json({"message": "Missing Access", "code": 50001}, status=403)
        if path == "users/@me":
            return _json(_user(BOT_ID, "liftup", bot=True))
        if path == "oauth2/applications/@me":
            return _json(
                {
                    "id": APP_ID,
                    "name": "liftup",
                    "icon": None,
                    "bot_require_code_grant": False,
                    "bot_public": True,
                    "flags": 0,
                    "owner": _user("1", "owner"),
                    "verify_key": "x",
                    "description": "",
                }
            )
        if parts[0] == "applications" and parts[-1] == "commands":
            key = "/".join(parts[:-1])
            if method == "PUT":
                self.commands[key] = [
                    {**c, "id": self.new_id(), "application_id": APP_ID, "version": "1"}
                    for c in body
                ]
            return _json(self.commands.get(key, []))
        if parts[0] == "interactions":
            self.answered_at[parts[1]] = time.perf_counter()
            self.callback_event.set()
            return _json(
                {"interaction": {"id": parts[1], "type": 2, "response_message_ephemeral": False}}
            )
        if parts[0] == "webhooks":
            return _json(self.message(CHANNEL_ID, body or {}))
        if parts[0] == "users" and len(parts) == 2 and parts[1] != "@me":
            return _json(_user(parts[1], f"member-{parts[1]}"))
        if path == "users/@me/channels":
            recipient = str(body["recipient_id"])
            channel_id = f"dm-{recipient}"
            channel = {
                "id": self._snowflake(channel_id),
                "type": 1,
                "recipients": [_user(recipient, recipient)],
            }
            self.channels[channel["id"]] = {**channel, "recipient": recipient}
            return _json(channel)
        if parts[0] == "channels" and len(parts) == 3 and parts[2] == "messages":
            channel = self.channels.get(parts[1], {})
            if channel.get("recipient") in self.closed_dms:
                return _json(
                    {"message": "Cannot send messages to this user", "code": 50007}, status=403
                )
            return _json(self.create_message(parts[1], body or {}))
        if parts[0] == "channels" and parts[-1] == "threads":
            thread_id = self.new_id()
            thread = {
                "id": thread_id,
                "type": body.get("type", 11),
                "guild_id": self.channels.get(parts[1], {}).get("guild_id", GUILD_ID),
                "parent_id": parts[1],
                "name": body.get("name", "thread"),
                "owner_id": BOT_ID,
                "message_count": 0,
                "member_count": 1,
                "rate_limit_per_user": 0,
                "flags": 0,
                "last_message_id": None,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 10080,
                    "archive_timestamp": "2026-01-01T00:00:00+00:00",
                    "locked": False,
                },
            }
            self.channels[thread_id] = thread
            if self._socket is not None:  # only a connected gateway hears about it
                await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
            return _json(thread, status=201)
        if parts[0] == "channels" and "thread-members" in parts:
            return web.Response(status=204)
        if parts[0] == "channels" and len(parts) == 7 and parts[4] == "reactions":
            # PUT /channels/{channel}/messages/{message}/reactions/{emoji}/@me
            self.reactions.append((parts[1], parts[3], unquote(parts[5])))
            return web.Response(status=204)
        if parts[0] == "guilds" and len(parts) <= 3 and parts[1] not in self.guilds:
            return _json({"message": "Unknown Guild", "code": 10004}, status=404)
        if parts[0] == "guilds" and len(parts) == 2:
            return _json({k: v for k, v in self.guild(parts[1]).items() if k != "channels"})
        if parts[0] == "guilds" and parts[2:] == ["channels"]:
            return _json(self.channels_of(parts[1]))
        if parts[0] == "channels" and len(parts) == 2:
            return _json(
                self.channels.get(parts[1], {"id": parts[1], "type": 0, "guild_id": GUILD_ID})
            )
        return _json({"message": f"emulator has no route {method} {path}", "code": 0}, status=404)

    def create_message(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """A new message, unless `enforce_nonce` names a nonce this bot used already: then
        Discord hands back the message it made the first time and creates nothing."""
        nonce = body.get("nonce") if body.get("enforce_nonce") else None
        if nonce is not None and nonce in self._by_nonce:
            return self._by_nonce[nonce]
        message = self.message(channel_id, body)
        self.created.append(message)
        if nonce is not None:
            self._by_nonce[nonce] = message
        return message

    def _snowflake(self, key: str) -> str:
        return str(abs(hash(key)) % 10**17 + 10**17)

    def message(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.new_id(),
            "channel_id": channel_id,
            "author": _user(BOT_ID, "liftup", bot=True),
            "content": body.get("content", ""),
            "embeds": body.get("embeds", []),
            "components": body.get("components", []),
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "mention_everyone": False,
            "tts": False,
            "timestamp": "2026-11-23T09:00:00+00:00",
            "edited_timestamp": None,
            "flags": body.get("flags", 0),
            "type": 0,
        }


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body only when the content type is exactly this, with no charset.
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )
