"""The Slack platform: a slack-bolt AsyncApp in Socket Mode or HTTP mode, feeding the core."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from cachetools import TTLCache
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import (
    OPEN_PREFIX,
    fallback_text,
    home_view,
    parse_action_id,
    reply_blocks,
)
from adapters.slack.installs import LiftupInstallationStore, workspace_community
from adapters.slack.manifest import EVENTS_PATH
from adapters.slack.messenger import SlackMessenger
from adapters.slack.modals import CALLBACK_PREFIX, PRIVATE_METADATA, modal, submitted_values
from adapters.slack.oauth import install_flow, seal_from
from adapters.slack.settings import SLACK
from adapters.slack.workspaces import Workspaces
from adapters.text_commands import ParseError, parse_command, split_words
from bot.config import Config, ConfigError
from bot.context import Actor, ChannelMessage, Click, Invocation
from bot.dispatch import Dispatcher
from bot.options import OptionKind
from bot.ports import Store
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
    """`.messenger` sends; `run(dispatcher)` serves Socket Mode or HTTP until cancelled.

    With one bot token from the environment it serves that token's workspace. With the app's
    OAuth client id and secret (and a store to keep installs in) any workspace can install it,
    and each is served with its own token."""

    def __init__(
        self,
        config: Config,
        *,
        client: AsyncWebClient | None = None,
        store: Store | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config
        slack = SLACK.of(config)
        environ = os.environ if environ is None else environ
        http = slack.mode == "http"
        signing_secret = environ.get(slack.signing_secret_env, "") if http else None
        self.installs: LiftupInstallationStore | None = None
        if slack.installs_by_oauth(environ):
            if store is None:
                raise ConfigError("Slack installs through OAuth need liftup's database")
            self.installs = LiftupInstallationStore(store, seal_from(slack, environ))
            # Requests carry no token: each is authorised by its workspace's install.
            self.client = client or AsyncWebClient(**self._where())
            self.workspaces = Workspaces(
                installs=self.installs, base_url=self._where().get("base_url")
            )
            self.app = AsyncApp(
                client=self.client,
                signing_secret=signing_secret,
                request_verification_enabled=http,
                process_before_response=False,
                installation_store=self.installs,
                authorize=AsyncInstallationStoreAuthorize(
                    installation_store=self.installs,
                    logger=log,
                    cache_enabled=True,  # auth.test once per token, not once per request
                    client=self.client,
                ),
                oauth_flow=install_flow(
                    slack, environ, store, self.installs, self._installed, self._where()
                ),
            )
        else:
            token = environ.get(slack.bot_token_env, "")
            self.client = client or AsyncWebClient(token=token, **self._where())
            self.workspaces = Workspaces.single(self.client)
            self.app = AsyncApp(
                client=self.client,
                signing_secret=signing_secret,
                request_verification_enabled=http,
                process_before_response=False,
            )
        self.messenger = SlackMessenger(self.workspaces)
        self.notes: tuple[str, ...] = ()
        self.dispatcher: Dispatcher | None = None
        self._admins: TTLCache[tuple[str, str], bool] = TTLCache(10_000, ADMIN_CACHE_SECONDS)
        self._configured_admins = {a.strip() for a in slack.admin_ids.split(",") if a.strip()}

    def _where(self) -> dict[str, str]:
        base = SLACK.of(self.config).api_base_url
        return {"base_url": _with_slash(base)} if base else {}

    # --- wiring -----------------------------------------------------------------------------

    def attach(self, dispatcher: Dispatcher) -> None:
        """Register a handler for every command the catalogue has, and for clicks and events."""
        self.dispatcher = dispatcher
        prefix = SLACK.of(self.config).command_prefix
        tops = dict.fromkeys(c.path[0] for c in dispatcher.runtime.catalogue)
        for top in tops:
            self.app.command(f"/{prefix}{top}")(self.on_command)
        self.app.action(re.compile(r"^lu:"))(self.on_action)
        self.app.action(re.compile("^" + re.escape(OPEN_PREFIX)))(self.on_shortcut)
        self.app.view(re.compile("^" + re.escape(CALLBACK_PREFIX)))(self.on_view)
        self.app.event("message")(self.on_message)
        self.app.event("app_home_opened")(self.on_home)
        self.app.event("app_uninstalled")(self.on_uninstalled)
        self.app.event("tokens_revoked")(self.on_tokens_revoked)

    async def run_outbound(self) -> None:
        """For a worker process: the Web API client needs no connection; wait until cancelled."""
        await asyncio.Event().wait()

    async def run(self, dispatcher: Dispatcher) -> None:
        self.attach(dispatcher)
        if SLACK.of(self.config).mode == "socket":
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(
                self.app, os.environ.get(SLACK.of(self.config).app_token_env, "")
            )
            await handler.connect_async()
            try:
                await asyncio.Event().wait()
            finally:
                await handler.close_async()
        else:
            runner = web.AppRunner(self.web_app())
            await runner.setup()
            await web.TCPSite(runner, "0.0.0.0", SLACK.of(self.config).port).start()
            try:
                await asyncio.Event().wait()
            finally:
                await runner.cleanup()

    def web_app(self) -> web.Application:
        """HTTP mode: one endpoint for commands, interactivity and events (signatures checked)."""
        return self.app.web_app(path=EVENTS_PATH)

    # --- who -----------------------------------------------------------------------------

    async def actor(
        self, client: AsyncWebClient, team_id: str, user_id: str, name: str | None = None
    ) -> Actor:
        return Actor(user_id, name or user_id, await self.is_admin(client, team_id, user_id))

    async def is_admin(self, client: AsyncWebClient, team_id: str, user_id: str) -> bool:
        """Workspace admins and owners, and the ids in [slack] admin_ids. `client` is the
        request's own, holding its workspace's token."""
        if user_id in self._configured_admins:
            return True
        cached = self._admins.get((team_id, user_id))
        if cached is not None:
            return cached
        try:
            user = (await client.users_info(user=user_id))["user"]
            admin = bool(user.get("is_admin") or user.get("is_owner"))
        except Exception:
            log.warning("could not look up whether %s is an admin; treating as member", user_id)
            admin = False
        self._admins[(team_id, user_id)] = admin
        return admin

    # --- commands ---------------------------------------------------------------------------

    async def on_command(self, ack: Any, body: dict[str, Any], respond: Any, client: Any) -> None:
        assert self.dispatcher is not None
        catalogue = self.dispatcher.runtime.catalogue
        top = body["command"].lstrip("/").removeprefix(SLACK.of(self.config).command_prefix)
        text = body.get("text", "").strip()
        try:
            parsed = parse_command(split_words(f"{top} {text}"), catalogue, slack_member)
        except ParseError as error:
            await ack(response_type="ephemeral", text=str(error))
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
        actor = await self.actor(client, body["team_id"], body["user_id"], body.get("user_name"))
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
        await self._respond(respond, reply, community, body["user_id"])

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

    async def on_view(
        self, ack: Any, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
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
            await self.actor(client, team, user, body["user"].get("name")),
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
        await self._tell(client, community, user, metadata.get("channel"), reply)

    @staticmethod
    def _everywhere(view: dict[str, Any], message: str) -> dict[str, str]:
        """One message shown under the form's first field (Slack shows errors by a field)."""
        first = next((b["block_id"] for b in view.get("blocks", []) if b.get("block_id")), None)
        return {first: message} if first else {}

    # --- clicks -----------------------------------------------------------------------------

    async def on_action(
        self, ack: Any, body: dict[str, Any], respond: Any, client: AsyncWebClient
    ) -> None:
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
            await self.actor(client, team, body["user"]["id"], body["user"].get("name")),
            action,
            "" if payload == "-" else payload,
            (body.get("channel") or {}).get("id"),
            idempotency_key=f"{container.get('message_ts')}:{pressed.get('action_ts')}",
        )
        reply = await self.dispatcher.click(click)
        if body.get("response_url"):
            await self._respond(respond, reply, click.community_id)
        else:
            await self._tell(client, click.community_id, body["user"]["id"], None, reply)

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
        actor = await self.actor(client, team, body["user"]["id"], body["user"].get("name"))
        reply = await self.dispatcher.invoke(Invocation(community_of(team), actor, name))
        await self._tell(client, community_of(team), body["user"]["id"], None, reply)

    # --- events -----------------------------------------------------------------------------

    async def on_message(
        self, body: dict[str, Any], event: dict[str, Any], client: AsyncWebClient
    ) -> None:
        assert self.dispatcher is not None
        if event.get("bot_id") or event.get("subtype") or "user" not in event:
            return
        team = body.get("team_id") or event.get("team", "")
        thread = event.get("thread_ts")
        await self.dispatcher.message(
            ChannelMessage(
                community_id=community_of(team),
                actor=await self.actor(client, team, event["user"]),
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
        actor = await self.actor(client, team, user)
        replies = [
            await self.dispatcher.invoke(Invocation(community_of(team), actor, command))
            for command in ("profile show", "streak", "mentor status")
        ]
        catalogue = self.dispatcher.runtime.catalogue
        shortcuts = [(label, name) for label, name in HOME_SHORTCUTS if catalogue.get(name)]
        await client.views_publish(user_id=user, view=home_view(replies, shortcuts))

    # --- installs (OAuth) -------------------------------------------------------------------

    async def _installed(self, installation: Installation) -> None:
        """An install completed: a reinstall brings a new token; greet the installer."""
        community = workspace_community(
            installation.enterprise_id, installation.team_id, installation.is_enterprise_install
        )
        self.workspaces.forget(community)
        if self.dispatcher is not None and installation.user_id:
            await self.dispatcher.installed(community, installation.user_id)

    async def on_uninstalled(self, body: dict[str, Any], context: Any) -> None:
        """The workspace removed liftup: its tokens go now; its community's data stays until
        an organiser chooses (a reinstall is offered the choice to erase it)."""
        await self._forget_workspace(context)

    async def on_tokens_revoked(self, event: dict[str, Any], context: Any) -> None:
        if event.get("tokens", {}).get("bot"):  # a bot token revoked: liftup can't act there
            await self._forget_workspace(context)

    async def _forget_workspace(self, context: Any) -> None:
        if self.installs is None:
            log.error(
                "Slack says liftup was removed from workspace %s, so the bot token in %s no "
                "longer works there",
                context.team_id,
                SLACK.of(self.config).bot_token_env,
            )
            return
        community = workspace_community(
            context.enterprise_id, context.team_id, context.is_enterprise_install
        )
        if self.dispatcher is not None:  # first: once the install is gone, the leaving is kept
            await self.dispatcher.uninstalled(community)
        await self.installs.async_delete_bot(
            enterprise_id=context.enterprise_id, team_id=context.team_id
        )
        self.workspaces.forget(community)

    # --- answering --------------------------------------------------------------------------

    async def _respond(
        self, respond: Any, reply: Reply, community: str, user: str | None = None
    ) -> None:
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
                user, Reply(text=FILES_FOLLOW, attachments=reply.attachments), community
            )

    async def _tell(
        self,
        client: AsyncWebClient,
        community: str,
        user: str,
        channel: str | None,
        reply: Reply,
    ) -> None:
        """After a modal there is no response URL: an ephemeral message, or a DM."""
        if not (reply.text or reply.title or reply.fields or reply.buttons):
            return
        if channel:
            await client.chat_postEphemeral(
                channel=channel, user=user, text=fallback_text(reply), blocks=reply_blocks(reply)
            )
        else:
            await self.messenger.send_dm(user, reply, community)


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
