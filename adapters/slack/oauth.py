"""Slack's OAuth install, the liftup way: Bolt's own flow, installs and one-time states kept in
liftup's database, tokens sealed under the deployment's key, and pages in liftup's own words."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable, Mapping

from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import texts
from adapters.slack.installs import (
    STATE_LIFETIME,
    LiftupInstallationStore,
    LiftupStateStore,
    TokenSeal,
)
from adapters.slack.manifest import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH
from adapters.slack.settings import SlackSection
from bot.config import ConfigError
from bot.ports import Store

log = logging.getLogger(__name__)


def install_flow(
    slack: SlackSection,
    environ: Mapping[str, str],
    store: Store,
    installs: LiftupInstallationStore,
    installed: Callable[[Installation], Awaitable[None]],
    client_options: Mapping[str, str],
) -> AsyncOAuthFlow:
    """/slack/install offers the link (with a one-time state kept in the store);
    /slack/oauth_redirect completes it, keeps the install sealed and calls `installed`."""

    async def success(args: AsyncSuccessArgs) -> BoltResponse:
        await installed(args.installation)
        name = args.installation.team_name or args.installation.enterprise_name
        return _page(
            200,
            texts.INSTALLED_TITLE,
            texts.INSTALLED.format(workspace=html.escape(name or "your workspace")),
            {"Set-Cookie": args.settings.state_utils.build_set_cookie_for_deletion()},
        )

    async def failure(args: AsyncFailureArgs) -> BoltResponse:
        log.warning("a Slack install did not complete: %s", args.reason)
        message = texts.INSTALL_FAILED.get(args.reason, texts.INSTALL_FAILED["other"])
        return _page(
            args.suggested_status_code,
            texts.INSTALL_FAILED_TITLE,
            message.format(reason=html.escape(args.reason), install=INSTALL_PATH),
        )

    redirect = f"{slack.public_url.rstrip('/')}{REDIRECT_PATH}" if slack.public_url else None
    settings = AsyncOAuthSettings(
        client_id=environ[slack.client_id_env].strip(),
        client_secret=environ[slack.client_secret_env].strip(),
        scopes=list(BOT_SCOPES),
        redirect_uri=redirect,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installs,
        state_store=LiftupStateStore(store),
        state_expiration_seconds=int(STATE_LIFETIME.total_seconds()),
        callback_options=AsyncCallbackOptions(success=success, failure=failure),
    )
    # The flow's own client exchanges the code (oauth.v2.access) at the same Web API.
    return _InstallFlow(client=AsyncWebClient(**client_options), settings=settings)


def seal_from(slack: SlackSection, environ: Mapping[str, str]) -> TokenSeal:
    """The seal for installs, from the key the environment holds (and, while rotating, the
    previous one)."""
    key = environ.get(slack.token_key_env, "").strip()
    if not key:
        raise ConfigError(
            f"Slack installs are sealed under a key, and {slack.token_key_env} is empty: make "
            "one with `liftup slack new-key` and set it before starting"
        )
    previous = environ.get(slack.previous_token_key_env, "").strip()
    return TokenSeal(key, *([previous] if previous else []), key_env=slack.token_key_env)


class _InstallFlow(AsyncOAuthFlow):
    """Bolt's flow with liftup's own install page."""

    async def build_install_page_html(self, url: str, request: AsyncBoltRequest) -> str:
        return _html(texts.INSTALL_TITLE, texts.INSTALL_PAGE.format(url=html.escape(url)))


def _html(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
        "padding:0 1rem;line-height:1.5;color:#1d1c1d}a.button{display:inline-block;"
        "padding:.6rem 1.2rem;background:#4a154b;color:#fff;border-radius:.4rem;"
        "text-decoration:none}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _page(
    status: int, title: str, body: str, headers: dict[str, str] | None = None
) -> BoltResponse:
    return BoltResponse(
        status=status,
        body=_html(title, body),
        headers={"Content-Type": "text/html; charset=utf-8", **(headers or {})},
    )
