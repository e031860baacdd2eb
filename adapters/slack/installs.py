"""Slack workspaces installed through OAuth, kept in liftup's own database.

Bolt's OAuth flow asks an installation store for each workspace's tokens and a state store to
guard each install under way; these two keep both on the Store port, so every gateway and
worker process sharing the database sees the same installs. Tokens are sealed with Fernet
(AES with an HMAC, from `cryptography`) under a key that only the deployment's environment
holds: a copy of the database alone opens nothing.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.config import ConfigError
from bot.ports import Store

log = logging.getLogger(__name__)
STATE_LIFETIME = timedelta(minutes=10)  # long enough to read Slack's consent screen


def new_key() -> str:
    """A fresh key for `[slack] token_key_env`."""
    return Fernet.generate_key().decode()


class SealError(RuntimeError):
    """A sealed installation could not be opened: sealed under another key, or altered."""


class TokenSeal:
    """Seals and opens installation data with the deployment's key. While a key is being
    rotated, `previous` keys still open what they sealed."""

    def __init__(self, key: str, *previous: str, key_env: str = "the token key") -> None:
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in (key, *previous)])
        except ValueError as error:
            raise ConfigError(
                f"{key_env} is not a Fernet key (32 bytes, URL-safe base64); make one with "
                "`liftup slack new-key`"
            ) from error

    def seal(self, data: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(data).encode()).decode()

    def open(self, sealed: str) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(sealed.encode()))
        except InvalidToken as error:
            raise SealError(
                "an installation could not be opened: it was sealed under another key, or "
                "altered; set the key it was sealed with, or install the app again"
            ) from error

    def reseal(self, sealed: str) -> str:
        """`sealed` under the current key, whichever known key sealed it."""
        try:
            return self._fernet.rotate(sealed.encode()).decode()
        except InvalidToken as error:
            raise SealError("an installation was sealed under none of the keys given") from error


def workspace_community(
    enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None
) -> str:
    """The community an install is: its workspace, or its organisation for an org-wide one."""
    owner = enterprise_id if is_enterprise_install else team_id
    if not owner:
        raise ValueError("an installation names neither its workspace nor its organisation")
    return f"slack:{owner}"


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Installation data as JSON: moments as Unix seconds, which Installation reads back."""
    return {k: v.timestamp() if isinstance(v, datetime) else v for k, v in data.items()}


class LiftupInstallationStore(AsyncInstallationStore):
    def __init__(
        self, store: Store, seal: TokenSeal, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._store, self._seal, self._now = store, seal, now

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        community = workspace_community(
            installation.enterprise_id, installation.team_id, installation.is_enterprise_install
        )
        sealed = self._seal.seal(_plain(installation.to_dict_for_copying()))
        async with self._store.unit() as uow:
            await uow.installations.save(community, sealed, self._now())
        log.info("installed into %s", community)  # never the token

    async def async_save_bot(self, bot: Bot) -> None:
        # Bolt saves a bot alone only when it rotates tokens, which liftup does not turn on.
        raise NotImplementedError("token rotation is not used: installs are saved whole")

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        return await self.find_for_community(
            workspace_community(enterprise_id, team_id, is_enterprise_install)
        )

    async def find_for_community(self, community_id: str) -> Installation | None:
        async with self._store.unit(read_only=True) as uow:
            sealed = await uow.installations.find(community_id)
        return Installation(**self._seal.open(sealed)) if sealed else None

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        installation = await self.async_find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return installation.to_bot() if installation else None

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        # An org-wide install has no team here; a workspace's has one.
        community = workspace_community(enterprise_id, team_id, is_enterprise_install=not team_id)
        async with self._store.unit() as uow:
            if await uow.installations.remove(community):
                log.info("uninstalled from %s: its tokens are gone", community)

    async def reseal_all(self) -> int:
        """Seal every installation under the current key (after a key change); how many."""
        async with self._store.unit() as uow:
            sealed = await uow.installations.all_sealed()
            for community, text in sealed.items():
                await uow.installations.reseal(community, self._seal.reseal(text))
        return len(sealed)


class LiftupStateStore(AsyncOAuthStateStore):
    """One-time states for installs under way, good for ten minutes and for one try."""

    def __init__(
        self, store: Store, now: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._store, self._now = store, now

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(32)
        async with self._store.unit() as uow:
            await uow.installations.issue_state(state, self._now() + STATE_LIFETIME)
        return state

    async def async_consume(self, state: str) -> bool:
        async with self._store.unit() as uow:
            return await uow.installations.consume_state(state, self._now())
