"""The Slack adapter's config section and platform entry: light, no slack-bolt, so liftup reads
and checks its config without loading the adapter."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.config import ConfigError
from bot.platforms import PlatformSpec

PUBLIC_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


@dataclass(frozen=True)
class SlackSection:
    enabled: bool = False
    mode: str = "socket"
    bot_token_env: str = "SLACK_BOT_TOKEN"
    app_token_env: str = "SLACK_APP_TOKEN"
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    # The key that seals installed workspaces' tokens at rest (`liftup slack new-key` makes
    # one), and, while changing it, the key they were sealed with.
    token_key_env: str = "SLACK_TOKEN_KEY"
    previous_token_key_env: str = "SLACK_PREVIOUS_TOKEN_KEY"
    # The app's OAuth client id and secret: when both variables are set, workspaces install
    # liftup with an "Add to Slack" link (HTTP mode) and the bot token above is not used.
    client_id_env: str = "SLACK_CLIENT_ID"
    client_secret_env: str = "SLACK_CLIENT_SECRET"
    # Where Slack reaches this app in HTTP mode, e.g. https://liftup.example.org: the
    # manifest's URLs and the OAuth redirect are made from it.
    public_url: str = ""
    port: int = 3000
    # Put before every command name (e.g. "lu-" gives /lu-mentor) to avoid clashes with other apps.
    command_prefix: str = ""
    # Member ids who are admins here besides the workspace's own admins and owners, comma-separated.
    admin_ids: str = ""
    # Where the Web API lives; empty means Slack's. For proxies and test emulators.
    api_base_url: str = ""

    def installs_by_oauth(self, environ: Mapping[str, str]) -> bool:
        """Whether workspaces install liftup themselves: the app's client id and secret are set."""
        return all(environ.get(n, "").strip() for n in (self.client_id_env, self.client_secret_env))


def check(where: str, slack: SlackSection) -> None:
    if slack.mode not in ("socket", "http"):
        raise ConfigError(f"{where}: [slack] mode = {slack.mode!r}; use socket or http")
    if slack.public_url and not PUBLIC_URL.fullmatch(slack.public_url):
        raise ConfigError(
            f"{where}: [slack] public_url = {slack.public_url!r}; give the address "
            "Slack reaches liftup at, e.g. https://liftup.example.org"
        )
    if not 1 <= slack.port <= 65535:
        raise ConfigError(f"{where}: [slack] port = {slack.port}; use 1 to 65535")


def required_env(slack: SlackSection, environ: Mapping[str, str]) -> list[str]:
    if slack.installs_by_oauth(environ):
        if slack.mode != "http":
            raise ConfigError(
                f"{slack.client_id_env} and {slack.client_secret_env} are set, so workspaces "
                'install liftup with a link, and that needs [slack] mode = "http" (Slack must '
                "reach /slack/oauth_redirect). Set it, or unset them to use one bot token."
            )
        # Each workspace brings its own token; the key seals them in the database.
        return [slack.signing_secret_env, slack.token_key_env]
    second = slack.app_token_env if slack.mode == "socket" else slack.signing_secret_env
    return [slack.bot_token_env, second]


SLACK = PlatformSpec(
    name="slack",
    label="Slack",
    section=SlackSection,
    module="adapters.slack",
    required_env=required_env,
    token_keys=(
        "bot_token_env",
        "app_token_env",
        "signing_secret_env",
        "token_key_env",
        "previous_token_key_env",
        "client_id_env",
        "client_secret_env",
    ),
    check=check,
)
