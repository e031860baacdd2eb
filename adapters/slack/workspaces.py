"""Which Web API client speaks for which workspace.

A Slack bot token belongs to one workspace. With a token from the environment liftup serves
that token's workspace alone; with OAuth every installed workspace brings its own token, kept
sealed in the store. Gateways and workers alike ask here for the client of the community a
message belongs to, so no call for one workspace ever carries another's token.
"""

from __future__ import annotations

import asyncio

from cachetools import TTLCache
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.installs import LiftupInstallationStore
from bot.cache import MISSING

# A workspace's client is reused this long. An uninstall in this process forgets it at once;
# one handled by another process is noticed within this time (and Slack refuses the token).
CLIENT_SECONDS = 60.0


class Workspaces:
    """`client_for(community_id)`: that workspace's client, or None when liftup isn't
    installed there (any more)."""

    def __init__(
        self,
        *,
        token_client: AsyncWebClient | None = None,
        installs: LiftupInstallationStore | None = None,
        base_url: str | None = None,
    ) -> None:
        self._token_client = token_client
        self._installs = installs
        self._base_url = base_url
        self._token_team: str | None = None
        # Each workspace's client, or None for one without an install, for a while.
        self._clients: TTLCache[str, AsyncWebClient | None] = TTLCache(1024, CLIENT_SECONDS)
        self._lock = asyncio.Lock()

    @classmethod
    def single(cls, client: AsyncWebClient) -> Workspaces:
        """One workspace, the one the environment's token belongs to."""
        return cls(token_client=client)

    @property
    def installable(self) -> bool:
        return self._installs is not None

    async def client_for(self, community_id: str | None) -> AsyncWebClient | None:
        if community_id is None:
            # Callers that don't name a community only exist with a single token.
            return self._token_client
        if self._installs is None:
            return self._token_client if await self._is_token_team(community_id) else None
        cached = self._clients.get(community_id, MISSING)  # a cached None is an answer too
        if cached is not MISSING:
            return cached
        async with self._lock:
            installation = await self._installs.find_for_community(community_id)
            client = None
            if installation is not None and installation.bot_token:
                where = {"base_url": self._base_url} if self._base_url else {}
                client = AsyncWebClient(token=installation.bot_token, **where)
            self._clients[community_id] = client
            return client

    def forget(self, community_id: str) -> None:
        """The workspace uninstalled liftup: stop using its client now."""
        self._clients.pop(community_id, None)

    async def _is_token_team(self, community_id: str) -> bool:
        if self._token_client is None:
            return False
        if self._token_team is None:
            self._token_team = str((await self._token_client.auth_test())["team_id"])
        return community_id.partition(":")[2] == self._token_team
