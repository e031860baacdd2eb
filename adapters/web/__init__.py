"""The organiser dashboard in the browser: `Dashboard(runtime, web, secret).run()` serves it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from aiohttp import web

from adapters.web.server import dashboard_app
from bot.config import ConfigError, WebSection
from bot.runtime import Runtime

log = logging.getLogger(__name__)

MIN_SECRET = 32


def secret_from(section: WebSection, environ: Mapping[str, str]) -> str:
    secret = environ.get(section.secret_env, "").strip()
    if len(secret) < MIN_SECRET:
        raise ConfigError(
            f"[web] is enabled, but the environment variable {section.secret_env} "
            f"{'is empty' if not secret else 'is too short'}. Set it to a long random secret "
            f"(at least {MIN_SECRET} characters), e.g. export {section.secret_env}=$(python3 -c "
            "'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return secret


class Dashboard:
    def __init__(self, runtime: Runtime, section: WebSection, secret: str) -> None:
        self.section = section
        self.app = dashboard_app(runtime, secret, section.base_url)

    async def run(self, started: asyncio.Event | None = None) -> None:
        """Serve until cancelled."""
        runner = web.AppRunner(self.app, access_log=None)  # URLs may carry sign-in links
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.section.host, self.section.port)
            await site.start()
            log.info(
                "dashboard listening on %s:%s (%s)",
                self.section.host,
                self.section.port,
                self.section.base_url,
            )
            if started is not None:
                started.set()
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()


__all__ = ["Dashboard", "dashboard_app", "secret_from"]
