"""The Slack platform: a slack-bolt AsyncApp in Socket Mode or HTTP mode, feeding the core."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
from typing import Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.console.parser import CommandLine, ParseError, parse_line
from adapters.slack.blocks import fallback_text, parse_action_id, reply_blocks
from adapters.slack.messenger import SlackMessenger
from adapters.slack.modals import CALLBACK_PREFIX, PRIVATE_METADATA, modal, submitted_values
from bot.config import Config
from bot.context import Actor, ChannelMessage, Click, Invocation
from bot.dispatch import Dispatcher
from bot.options import OptionKind
from bot.replies import Reply

log = logging.getLogger(__name__)
MENTION = re.compile(r"^<@([A-Z0-9]+)(\|[^>]*)?>$")
ADMIN_CACHE_SECONDS = 600
FILES_FOLLOW = "Here are the files from your last command."
FORM_EXPIRED = (
    "This form was open so long that what you typed before it is gone. "
    "Please cancel and run the command again."
)
# The App Home's shortcuts: each opens its command's form (or runs it, if it takes nothing).
HOME_SHORTCUTS = (
    ("Check in", "checkin"),
    ("Find a mentor", "mentor request"),
    ("Log a win", "win"),
    ("A kind word", "boost"),
)


def slack_member(typed: str) -> str:
    """`<@U123|sam>` or `@U123` to the member id Slack uses."""
    text = typed.strip()
    match = MENTION.match(text)
    return match.group(1) if match else text.removeprefix("@")


def community_of(team_id: str) -> str:
    return f"slack:{team_id}"


class SlackPlatform:
    """`.messenger` sends; `run(dispatcher)` serves Socket Mode or HTTP until cancelled."""

    def __init__(self, config: Config, *, client: AsyncWebClient | None = None) -> None:
        self.config = config
        slack = config.slack
        token = os.environ.get(slack.bot_token_env, "")
        self.client = client or AsyncWebClient(
            token=token, base_url=_with_slash(slack.api_base_url) if slack.api_base_url else None
        )
        http = slack.mode == "http"
        self.app = AsyncApp(
            client=self.client,
            signing_secret=os.environ.get(slack.signing_secret_env, "") if http else None,
            request_verification_enabled=http,
            process_before_response=False,
        )
        self.messenger = SlackMessenger(self.client)
        self.notes: tuple[str, ...] = ()
        self.dispatcher: Dispatcher | None = None
        self._admins: dict[tuple[str, str], tuple[float, bool]] = {}
        self._configured_admins = {a.strip() for a in slack.admin_ids.split(",") if a.strip()}

    # --- wiring -----------------------------------------------------------------------------

    def attach(self, dispatcher: Dispatcher) -> None:
        """Register a handler for every command the catalogue has, and for clicks and events."""
        self.dispatcher = dispatcher
        prefix = self.config.slack.command_prefix
        tops = dict.fromkeys(c.path[0] for c in dispatcher.runtime.catalogue)
        for top in tops:
            self.app.command(f"/{prefix}{top}")(self.on_command)
        self.app.action(re.compile(r"^lu:"))(self.on_action)
        self.app.action(re.compile(r"^lu-open:"))(self.on_shortcut)
        self.app.view(re.compile("^" + re.escape(CALLBACK_PREFIX)))(self.on_view)
        self.app.event("message")(self.on_message)
        self.app.event("app_home_opened")(self.on_home)

    async def run_outbound(self) -> None:
        """For a worker process: the Web API client needs no connection; wait until cancelled."""
        await asyncio.Event().wait()

    async def run(self, dispatcher: Dispatcher) -> None:
        self.attach(dispatcher)
        if self.config.slack.mode == "socket":
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(
                self.app, os.environ.get(self.config.slack.app_token_env, "")
            )
            await handler.connect_async()
            try:
                await asyncio.Event().wait()
            finally:
                await handler.close_async()
        else:
            runner = web.AppRunner(self.web_app())
            await runner.setup()
            await web.TCPSite(runner, "0.0.0.0", self.config.slack.port).start()
            try:
                await asyncio.Event().wait()
            finally:
                await runner.cleanup()

    def web_app(self) -> web.Application:
        """HTTP mode: one endpoint for commands, interactivity and events (signatures checked)."""
        return self.app.web_app(path="/slack/events")

    # --- who -----------------------------------------------------------------------------

    async def actor(self, team_id: str, user_id: str, name: str | None = None) -> Actor:
        return Actor(user_id, name or user_id, await self.is_admin(team_id, user_id))

    async def is_admin(self, team_id: str, user_id: str) -> bool:
        if user_id in self._configured_admins:
            return True
        cached = self._admins.get((team_id, user_id))
        if cached and time.monotonic() - cached[0] < ADMIN_CACHE_SECONDS:
            return cached[1]
        try:
            user = (await self.client.users_info(user=user_id))["user"]
            admin = bool(user.get("is_admin") or user.get("is_owner"))
        except Exception:
            log.warning("could not look up whether %s is an admin; treating as member", user_id)
            admin = False
        self._admins[(team_id, user_id)] = (time.monotonic(), admin)
        return admin

    # --- commands ---------------------------------------------------------------------------

    async def on_command(self, ack: Any, body: dict[str, Any], respond: Any, client: Any) -> None:
        assert self.dispatcher is not None
        catalogue = self.dispatcher.runtime.catalogue
        top = body["command"].lstrip("/").removeprefix(self.config.slack.command_prefix)
        text = body.get("text", "").strip()
        try:
            parsed = parse_line(f"/{top} {text}", catalogue, member=slack_member)
        except ParseError as error:
            await ack(response_type="ephemeral", text=str(error))
            return
        if not isinstance(parsed, CommandLine):
            await ack(response_type="ephemeral", text="Type /help to see the commands.")
            return
        command = parsed.command
        community = community_of(body["team_id"])
        missing = [o for o in command.options if o.required and o.name not in parsed.options]
        if missing:
            # A trigger expires after three seconds: acknowledge and open the form at once.
            await ack()
            await client.views_open(
                trigger_id=body["trigger_id"],
                view=modal(
                    command,
                    await self._choices(community, command),
                    parsed.options,
                    await self._form_state(
                        community, body["user_id"], parsed.options, body.get("channel_id")
                    ),
                ),
            )
            return
        await ack()
        actor = await self.actor(body["team_id"], body["user_id"], body.get("user_name"))
        reply = await self.dispatcher.invoke(
            Invocation(
                community,
                actor,
                command.name,
                parsed.options,
                body.get("channel_id"),
                idempotency_key=body.get("trigger_id"),
            )
        )
        await self._respond(respond, reply, body["user_id"])

    async def _choices(self, community: str, command: Any) -> dict[str, list[str]]:
        assert self.dispatcher is not None
        lists = {}
        for option in command.options:
            if option.kind in (OptionKind.CHOICE, OptionKind.TOPICS):
                lists[option.name] = await self.dispatcher.suggest(
                    community, command.name, option.name, "", limit=100
                )
        return lists

    async def _form_state(
        self, community: str, user: str, given: dict[str, Any], channel: str | None
    ) -> str:
        """What the form's submission needs back: carried by Slack when it fits, else kept
        in the database under a key (long answers in several languages easily pass 3,000)."""
        assert self.dispatcher is not None
        state = {"given": given, "channel": channel}
        encoded = json.dumps(state, ensure_ascii=False)
        if len(encoded.encode("utf-16-le")) // 2 <= PRIVATE_METADATA:  # Slack counts UTF-16
            return encoded
        return json.dumps({"draft": await self.dispatcher.keep_form(community, user, state)})

    async def on_view(self, ack: Any, body: dict[str, Any], view: dict[str, Any]) -> None:
        assert self.dispatcher is not None
        name = view["callback_id"].removeprefix(CALLBACK_PREFIX)
        team = body.get("team", {}).get("id") or body["user"].get("team_id")
        community = community_of(team)
        user = body["user"]["id"]
        metadata = json.loads(view.get("private_metadata") or "{}")
        draft = metadata.get("draft")
        if draft is not None:
            metadata = await self.dispatcher.resume_form(community, user, draft)
            if metadata is None:
                await ack(response_action="errors", errors=self._everywhere(view, FORM_EXPIRED))
                return
        options = {**metadata.get("given", {}), **submitted_values(view)}
        invocation = Invocation(
            community,
            await self.actor(team, user, body["user"].get("name")),
            name,
            options,
            metadata.get("channel"),
            idempotency_key=view.get("id"),
        )
        errors = await self.dispatcher.check(invocation)
        if errors:
            blocks = {b["block_id"] for b in view.get("blocks", [])}
            shown = {e.option: e.message for e in errors if e.option in blocks}
            if shown:
                await ack(response_action="errors", errors=shown)
                return
        await ack()
        reply = await self.dispatcher.invoke(invocation)
        if draft is not None:
            await self.dispatcher.finish_form(draft)
        await self._tell(user, metadata.get("channel"), reply)

    @staticmethod
    def _everywhere(view: dict[str, Any], message: str) -> dict[str, str]:
        """One message shown under the form's first field (Slack shows errors by a field)."""
        first = next((b["block_id"] for b in view.get("blocks", []) if b.get("block_id")), None)
        return {first: message} if first else {}

    # --- clicks -----------------------------------------------------------------------------

    async def on_action(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        assert self.dispatcher is not None
        await ack()
        pressed = body["actions"][0]
        action = parse_action_id(pressed["action_id"])
        if action is None:
            return
        team = body.get("team", {}).get("id") or body["user"].get("team_id")
        payload = pressed.get("value", "")
        container = body.get("container", {})
        click = Click(
            community_of(team),
            await self.actor(team, body["user"]["id"], body["user"].get("name")),
            action,
            "" if payload == "-" else payload,
            (body.get("channel") or {}).get("id"),
            idempotency_key=f"{container.get('message_ts')}:{pressed.get('action_ts')}",
        )
        reply = await self.dispatcher.click(click)
        if body.get("response_url"):
            await self._respond(respond, reply)
        else:
            await self._tell(body["user"]["id"], None, reply)

    async def on_shortcut(self, ack: Any, body: dict[str, Any], client: Any) -> None:
        """An App Home button: open its command's form, or run it and reply by DM."""
        assert self.dispatcher is not None
        await ack()
        name = body["actions"][0]["value"]
        command = self.dispatcher.runtime.catalogue.get(name)
        team = body.get("team", {}).get("id") or body["user"].get("team_id")
        if command is None:
            return
        if command.options:
            await client.views_open(
                trigger_id=body["trigger_id"],
                view=modal(
                    command,
                    await self._choices(community_of(team), command),
                    {},
                    json.dumps({"given": {}, "channel": None}),
                ),
            )
            return
        actor = await self.actor(team, body["user"]["id"], body["user"].get("name"))
        reply = await self.dispatcher.invoke(Invocation(community_of(team), actor, name))
        await self._tell(body["user"]["id"], None, reply)

    # --- events -----------------------------------------------------------------------------

    async def on_message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        assert self.dispatcher is not None
        if event.get("bot_id") or event.get("subtype") or "user" not in event:
            return
        team = body.get("team_id") or event.get("team", "")
        thread = event.get("thread_ts")
        await self.dispatcher.message(
            ChannelMessage(
                community_id=community_of(team),
                actor=await self.actor(team, event["user"]),
                channel_id=event["channel"],
                text=event.get("text", ""),
                message_id=event["ts"],  # a retried event carries the same ts: it runs once
                thread_id=thread if thread and thread != event["ts"] else None,
            )
        )

    async def on_home(self, body: dict[str, Any], event: dict[str, Any], client: Any) -> None:
        """The App Home tab: your profile, streak and mentoring at a glance."""
        assert self.dispatcher is not None
        team, user = body.get("team_id", ""), event["user"]
        actor = await self.actor(team, user)
        blocks: list[dict[str, Any]] = []
        for command in ("profile show", "streak", "mentor status"):
            reply = await self.dispatcher.invoke(Invocation(community_of(team), actor, command))
            blocks += [*reply_blocks(reply), {"type": "divider"}]
        shortcuts = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": label},
                "action_id": f"lu-open:{name}",
                "value": name,
            }
            for label, name in HOME_SHORTCUTS
            if self.dispatcher.runtime.catalogue.get(name) is not None
        ]
        blocks.append({"type": "actions", "elements": shortcuts})
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "Try `/checkin`, `/mentor request`, `/win` or `/help`.",
                    }
                ],
            }
        )
        await client.views_publish(user_id=user, view={"type": "home", "blocks": blocks[:100]})

    # --- answering --------------------------------------------------------------------------

    async def _respond(self, respond: Any, reply: Reply, user: str | None = None) -> None:
        if not (reply.text or reply.title or reply.fields or reply.buttons):
            return
        await respond(
            response_type="ephemeral" if reply.private else "in_channel",
            text=fallback_text(reply),
            blocks=reply_blocks(reply),
            replace_original=False,
        )
        if reply.attachments and user:
            # A response URL carries no files: they follow by DM, to the member alone.
            await self.messenger.send_dm(
                user, Reply(text=FILES_FOLLOW, attachments=reply.attachments)
            )

    async def _tell(self, user: str, channel: str | None, reply: Reply) -> None:
        """After a modal there is no response URL: an ephemeral message, or a DM."""
        if not (reply.text or reply.title or reply.fields or reply.buttons):
            return
        if channel:
            await self.client.chat_postEphemeral(
                channel=channel, user=user, text=fallback_text(reply), blocks=reply_blocks(reply)
            )
        else:
            await self.messenger.send_dm(user, reply)


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
