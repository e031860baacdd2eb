"""`liftup dashboard`: the dashboard alone over a local database, with a sign-in link printed so
it can be tried without any account (`liftup run` serves it beside the platforms: app.py)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import replace

from adapters.web import Dashboard
from bot.bootstrap.app import StartupError, build_app
from bot.clock import SystemClock
from bot.config import Config
from bot.features.dashboard.access import make_link

LOCAL_ORGANISER = "local-organiser"  # who a link from the command line signs in as


def community_named(name: str, known: list[str]) -> str:
    """`discord:123` as given; a bare name is the console's community of that name."""
    wanted = name if ":" in name else f"console:{name}"
    if wanted not in known:
        listed = ", ".join(sorted(known)) or "none yet (run `liftup console` first)"
        raise StartupError(f"This database has no community {wanted!r}. Communities: {listed}.")
    return wanted


async def run_local_dashboard(
    config: Config,
    community: str | None,
    port: int | None,
    write: Callable[[str], None] = print,
    started: asyncio.Event | None = None,
) -> int:
    from storage import open_store

    web = replace(config.web, port=port or config.web.port)
    store = await open_store(config.storage.url)
    app = build_app(config, store, SystemClock(), {}, dashboard_url=web.base_url)
    try:
        async with store.unit() as uow:
            chosen = community_named(
                community or config.console.community, await uow.communities.ids()
            )
            link = await make_link(
                uow, web.base_url, chosen, LOCAL_ORGANISER, app.runtime.clock.now()
            )
        # A fresh secret each run: sessions from an earlier run end with it.
        dashboard = Dashboard(app.runtime, web, secrets.token_urlsafe(32))
        listening = started or asyncio.Event()
        serving = asyncio.create_task(dashboard.run(listening))
        # The link is printed once the port is open, so it works the moment it is seen.
        opened = asyncio.create_task(listening.wait())
        await asyncio.wait([serving, opened], return_when="FIRST_COMPLETED")
        opened.cancel()
        if not serving.done():
            write(f"The dashboard for {chosen} is at {web.base_url}")
            write(f"Sign in within 15 minutes (the link works once):\n  {link.url}")
            write("Ctrl-C stops it.")
        try:
            await serving
        except OSError as error:
            raise StartupError(
                f"Can't listen on {web.host}:{web.port} ({error.strerror or error}); "
                "pick another port with --port"
            ) from None
    finally:
        await app.close()
    return 0
