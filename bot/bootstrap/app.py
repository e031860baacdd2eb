"""The composition root: the one place that knows concrete stores and adapters and wires them."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import importlib.util
import logging
import os
import signal
from collections.abc import Mapping
from datetime import timedelta
from typing import Protocol

from adapters.slack.settings import SLACK
from bot.bootstrap.platforms import PLATFORMS
from bot.config import Config, ConfigError
from bot.core import App
from bot.dispatch import Dispatcher
from bot.features import full_catalogue
from bot.ports import Clock, Messenger, Store
from bot.runtime import Runtime
from bot.scheduler import start_ticking
from bot.sender import OutboxSender

log = logging.getLogger(__name__)

LABELS = {spec.name: spec.label for spec in PLATFORMS}
MODULES = {spec.name: spec.module for spec in PLATFORMS}


class Platform(Protocol):
    """What an adapter package's `create(config, store)` returns."""

    messenger: Messenger

    async def run(self, dispatcher: Dispatcher) -> None:
        """Serve inbound commands, clicks and events until cancelled."""

    async def run_outbound(self) -> None:
        """Keep only what sending needs (REST clients) ready until cancelled."""


class StartupError(RuntimeError):
    """liftup cannot start as configured; the message says exactly what to change."""


async def open_store(config: Config) -> Store:
    from storage import open_store as open_by_url

    return await open_by_url(config.storage.url)


def build_app(
    config: Config,
    store: Store,
    clock: Clock,
    messengers: Mapping[str, Messenger],
    platform_notes: Mapping[str, tuple[str, ...]] | None = None,
    dashboard_url: str | None = None,
) -> App:
    runtime = Runtime(
        store=store,
        clock=clock,
        catalogue=full_catalogue(),
        community_defaults=config.community,
        platform_notes=dict(platform_notes or {}),
        directories=dict(messengers),  # each platform's Messenger also looks its channels up
        dashboard_url=dashboard_url,
    )
    sender = OutboxSender(
        runtime,
        messengers,
        rate_per_second=config.outbox.rate_per_second,
        max_attempts=config.outbox.max_attempts,
        lease=timedelta(seconds=config.outbox.lease_seconds),
    )
    return App(config=config, runtime=runtime, dispatcher=Dispatcher(runtime), sender=sender)


def required_env(config: Config, environ: Mapping[str, str]) -> dict[str, list[str]]:
    """The environment variables each enabled platform needs, by platform."""
    needed: dict[str, list[str]] = {}
    for spec in PLATFORMS:
        section = spec.of(config)
        if section.enabled:
            try:
                needed[spec.name] = spec.required_env(section, environ)
            except ConfigError as error:
                raise StartupError(str(error)) from None
    return needed


def check_startable(config: Config, environ: Mapping[str, str]) -> list[str]:
    """The platforms to start; raises StartupError saying exactly what is missing."""
    needed = required_env(config, environ)
    if not needed:
        raise StartupError(
            f"No platform is enabled in {config.source}. Set `enabled = true` under [discord] "
            "or [slack] (see config.example.toml), or try liftup locally with `liftup console`."
        )
    for platform, names in needed.items():
        missing = [n for n in names if not environ.get(n, "").strip()]
        if missing:
            raise StartupError(
                f"[{platform}] is enabled, but the environment variable "
                f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} empty. "
                f"Set {'it' if len(missing) == 1 else 'them'} before `liftup run`, "
                f"e.g. export {missing[0]}=… (the README's 'Connect to "
                f"{LABELS[platform]}' says where to find it)."
            )
        if importlib.util.find_spec(MODULES[platform]) is None:
            raise StartupError(
                f"The {LABELS[platform]} adapter isn't part of this version of liftup "
                "yet. Disable it in the config, or try liftup locally with `liftup console`."
            )
    return list(needed)


def discord_tool(config: Config, action: str, application_id: str | None) -> int:
    """`liftup discord invite|sync`."""
    if importlib.util.find_spec("adapters.discord") is None:
        raise StartupError("The Discord adapter isn't part of this version of liftup.")
    payloads = importlib.import_module("adapters.discord.payloads")
    if action == "invite":
        if not application_id:
            raise StartupError(
                "Give your application's id: liftup discord invite --application-id 1234… "
                "(Developer Portal > your app > General Information > Application ID)."
            )
        print(payloads.invite_url(application_id))
        print("Permissions asked for: " + ", ".join(payloads.PERMISSIONS))
        return 0
    check_startable(SLACK.replaced(config, enabled=False), os.environ)
    return asyncio.run(_sync_discord(config))


async def _sync_discord(config: Config) -> int:
    from bot.clock import SystemClock

    platform = importlib.import_module("adapters.discord").create(config)
    store = await open_store(config)
    app = build_app(config, store, SystemClock(), {"discord": platform.messenger})
    try:
        changed = await platform.sync_once(app.dispatcher)
    finally:
        await app.close()
    print("Commands registered." if changed else "Commands were already up to date.")
    return 0


def dashboard_secret(config: Config, environ: Mapping[str, str]) -> str:
    """The secret that signs dashboard sessions, checked before anything starts."""
    from adapters.web import secret_from  # the web stack loads only where it is served

    try:
        return secret_from(config.web, environ)
    except ConfigError as error:
        raise StartupError(str(error)) from None


ROLES = ("all", "gateway", "worker")


async def run_platforms(config: Config, role: str = "all") -> None:
    """`liftup run --role`: what this process does, until a signal stops it.

    all      connections to the platforms, the outbox sender and the ticks (one process);
    gateway  only the connections: commands, clicks and events in, replies out;
    worker   only background work: the outbox sender and the ticks (platform REST clients, no
             inbound connection). Run any number of each on one PostgreSQL database.
    """
    from bot.clock import SystemClock

    if role not in ROLES:
        raise StartupError(f"--role {role!r}: use one of {', '.join(ROLES)}")
    platforms = check_startable(config, os.environ)
    if role != "all" and config.storage.url.startswith("sqlite:"):
        log.warning(
            "--role %s on SQLite: fine for one gateway beside one worker on this machine; for "
            "more processes use PostgreSQL (README: Running at scale)",
            role,
        )
    serves_dashboard = config.web.enabled and role != "worker"
    secret = dashboard_secret(config, os.environ) if serves_dashboard else ""
    store = await open_store(config)
    # Each adapter package offers `create(config, store)` -> a platform with a `.messenger`
    # (outbound), `async run(dispatcher)` (inbound, until cancelled) and `async run_outbound()`
    # (REST clients only, until cancelled); all of them share one core.
    runners = {p: importlib.import_module(MODULES[p]).create(config, store) for p in platforms}
    app = build_app(
        config,
        store,
        SystemClock(),
        {p: r.messenger for p, r in runners.items()},
        {p: tuple(getattr(r, "notes", ())) for p, r in runners.items()},
        dashboard_url=config.web.base_url if serves_dashboard else None,
    )
    dashboard = None
    if serves_dashboard:
        from adapters.web import Dashboard

        dashboard = Dashboard(app.runtime, config.web, secret)
    await serve(app, role, runners, config.scheduler.tick_seconds, dashboard)


class Served(Protocol):
    async def run(self) -> None:
        """Serve until cancelled."""


async def serve(
    app: App,
    role: str,
    runners: Mapping[str, Platform],
    tick_seconds: float,
    dashboard: Served | None = None,
) -> None:
    """Run `role`'s part until SIGINT/SIGTERM or until a part fails; then stop cleanly (the
    outbox hands back what it claimed but didn't send) and close the store. The dashboard, when
    given, is served beside the platforms."""
    scheduler = None
    tasks = []
    if role in ("all", "worker"):
        if role == "worker":
            # Commands are queued by other processes; look for their messages every second.
            app.sender.poll_seconds = 1.0
            tasks += [
                asyncio.create_task(r.run_outbound(), name=f"{p}-outbound")
                for p, r in runners.items()
            ]
        scheduler = start_ticking(app.runtime, tick_seconds)
        tasks.append(asyncio.create_task(app.sender.run(), name="outbox"))
    if role in ("all", "gateway"):
        tasks += [asyncio.create_task(r.run(app.dispatcher), name=p) for p, r in runners.items()]
    if dashboard is not None:
        tasks.append(asyncio.create_task(dashboard.run(), name="dashboard"))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    log.info("liftup running as %s: %s", role, ", ".join(runners))
    try:
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in done - {stopper}:
            error = task.exception()
            if error is not None:
                raise error
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await app.close()
