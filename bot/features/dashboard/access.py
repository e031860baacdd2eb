"""Signing in to the dashboard without passwords: `/admin dashboard` makes a one-time link for
one community; opening it trades the link for a session, carried in a signed cookie.

Only hashes of links and sessions are stored, so a copy of the database signs nobody in; the
cookie also carries an HMAC under the deployment's secret, so a session id guessed or lifted
from a database without that secret is refused before the database is asked.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.features.dashboard.model import Grant, LinkOutcome
from bot.ports import Store, UnitOfWork

LINK_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=12)
SIGN_IN_PATH = "/sign-in"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class SignIn:
    url: str
    expires_at: datetime


async def make_link(
    uow: UnitOfWork, base_url: str, community_id: str, member_id: str, now: datetime
) -> SignIn:
    """A new one-time link for `member_id` to open `community_id`'s dashboard."""
    token = secrets.token_urlsafe(32)
    grant = Grant(community_id, member_id, now + LINK_LIFETIME)
    await uow.dashboard.add_link(_hash(token), grant, now)
    return SignIn(f"{base_url.rstrip('/')}{SIGN_IN_PATH}?token={token}", grant.expires_at)


class Sessions:
    """Opens, checks and ends sessions, signing each cookie with the deployment's secret."""

    def __init__(self, store: Store, secret: str) -> None:
        if len(secret) < 16:
            raise ValueError("the dashboard's secret must be at least 16 characters")
        self._store = store
        self._key = secret.encode()

    def _signature(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    async def redeem(self, token: str, now: datetime) -> tuple[LinkOutcome, str | None]:
        """Spend a link; on success a new session's cookie value."""
        async with self._store.unit() as uow:
            outcome = await uow.dashboard.use_link(_hash(token), now)
            if outcome.grant is None:
                return outcome, None
            session_id = secrets.token_urlsafe(32)
            grant = Grant(
                outcome.grant.community_id, outcome.grant.member_id, now + SESSION_LIFETIME
            )
            await uow.dashboard.add_session(_hash(session_id), grant, now)
        return LinkOutcome(grant=grant), f"{session_id}.{self._signature(session_id)}"

    async def grant(self, cookie: str | None, now: datetime) -> Grant | None:
        """Who a cookie lets in, or None (missing, forged, expired or signed out)."""
        session_id, _, signature = (cookie or "").partition(".")
        # As bytes: a cookie holds whatever was sent, and compare_digest refuses non-ASCII text.
        expected = self._signature(session_id).encode()
        if not session_id or not hmac.compare_digest(signature.encode(), expected):
            return None
        async with self._store.unit(read_only=True) as uow:
            return await uow.dashboard.session(_hash(session_id), now)

    async def end(self, cookie: str | None) -> None:
        session_id = (cookie or "").partition(".")[0]
        if session_id:
            async with self._store.unit() as uow:
                await uow.dashboard.end_session(_hash(session_id))
