"""The `liftup` command line: run, console, demo, migrate."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from datetime import UTC, datetime

from adapters.slack.settings import SLACK
from bot import __version__
from bot.bootstrap.app import ROLES, StartupError
from bot.bootstrap.platforms import PLATFORMS
from bot.config import STORAGE_SCHEMES, Config, ConfigError, load_config
from bot.features import full_catalogue
from bot.settings import SettingsSchema
from storage.sql.schema import StoreVersionError
from storage.transfer import TransferError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liftup",
        description="A community bot for people building careers in AI.",
    )
    parser.add_argument("--version", action="version", version=f"liftup {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def with_config(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--config",
            metavar="PATH",
            help="config file (default: $LIFTUP_CONFIG or ./config.toml)",
        )
        return p

    run = with_config(sub.add_parser("run", help="connect to Discord and/or Slack as configured"))
    run.add_argument(
        "--role",
        choices=ROLES,
        default="all",
        help="all (default): everything in one process; gateway: only the platform connections; "
        "worker: only the outbox and scheduled work. See README: Running at scale",
    )
    console = with_config(sub.add_parser("console", help="try liftup in this terminal"))
    console.add_argument("--db", metavar="PATH", help="SQLite database file (default: liftup.db)")
    console.add_argument(
        "--community", metavar="NAME", help="which community to be (default: local)"
    )
    console.add_argument("--script", metavar="FILE", help="run the lines of FILE (- for stdin)")
    console.add_argument(
        "--now", metavar="TIME", help="start the console clock here, e.g. 2026-11-23T09:00Z"
    )
    with_config(sub.add_parser("demo", help="a scripted walkthrough in a throwaway database"))
    dashboard = with_config(
        sub.add_parser(
            "dashboard",
            help="serve the organiser dashboard for a local database and print a sign-in link",
        )
    )
    dashboard.add_argument("--db", metavar="PATH", help="SQLite database file (default: liftup.db)")
    dashboard.add_argument(
        "--community",
        metavar="NAME",
        help="the console's community of that name (default: local), or a full id such as "
        "discord:1234",
    )
    dashboard.add_argument(
        "--port", metavar="N", type=int, help="port on 127.0.0.1 (default: [web] port, 8080)"
    )
    migrate = with_config(
        sub.add_parser(
            "migrate",
            help="bring the database schema up to date, or copy communities to another database",
        )
    )
    migrate.add_argument("--db", metavar="PATH", help="SQLite database file")
    migrate.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="copy from this database, e.g. sqlite:///liftup.db",
    )
    migrate.add_argument(
        "--to", dest="target", metavar="URL", help="copy into this database, e.g. postgresql://…"
    )
    migrate.add_argument(
        "--community",
        dest="communities",
        metavar="ID",
        action="append",
        help="copy only this community (repeatable; default: every community)",
    )
    slack_cmd = with_config(
        sub.add_parser("slack", help="Slack helpers: manifest, new-key, rotate-key")
    )
    slack_cmd.add_argument(
        "action",
        choices=("manifest", "new-key", "rotate-key"),
        help="manifest: print the app manifest (JSON) to create the app from; new-key: print a "
        "fresh key for sealing installed workspaces' tokens; rotate-key: seal every install "
        "under the key in [slack] token_key_env, opening them with previous_token_key_env",
    )
    slack_cmd.add_argument("--db", metavar="PATH", help="SQLite database file (rotate-key)")
    discord_cmd = with_config(sub.add_parser("discord", help="Discord helpers: invite, sync"))
    discord_cmd.add_argument(
        "action",
        choices=("invite", "sync"),
        help="invite: print the invite URL; sync: re-register commands now",
    )
    discord_cmd.add_argument(
        "--application-id",
        metavar="ID",
        help="for invite: your application's id (Developer Portal)",
    )
    return parser


def _start_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--now {text!r} is not a time; use e.g. 2026-11-23T09:00Z") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _environment(args: argparse.Namespace) -> dict[str, str]:
    """Command-line flags win over everything, so they join as the strongest overrides and are
    validated exactly like the config file."""
    environ = dict(os.environ)
    if getattr(args, "db", None):
        environ["LIFTUP_STORAGE_URL"] = f"sqlite:///{args.db}"
    if getattr(args, "community", None) and args.command == "console":
        environ["LIFTUP_CONSOLE_COMMUNITY"] = args.community
    return environ


def _slack_tool(config: Config, action: str) -> int:
    if action == "new-key":
        from adapters.slack.installs import new_key

        print(new_key())
        return 0
    if action == "rotate-key":
        return asyncio.run(_rotate_key(config))
    from adapters.slack.manifest import manifest

    # JSON, which Slack's "From an app manifest" accepts as it does YAML.
    prefix = SLACK.of(config).command_prefix
    print(json.dumps(manifest(full_catalogue(), config, prefix), indent=2))
    return 0


async def _rotate_key(config: Config) -> int:
    from adapters.slack.installs import LiftupInstallationStore, SealError, TokenSeal
    from storage import open_store

    slack = SLACK.of(config)
    new, old = os.environ.get(slack.token_key_env), os.environ.get(slack.previous_token_key_env)
    if not new or not old:
        raise ConfigError(
            f"set {slack.token_key_env} to the new key (`liftup slack new-key`) and "
            f"{slack.previous_token_key_env} to the key the installs were sealed with"
        )
    seal = TokenSeal(new, old, key_env=slack.token_key_env)
    store = await open_store(config.storage.url)
    try:
        count = await LiftupInstallationStore(store, seal).reseal_all()
    except SealError as error:
        raise ConfigError(f"{error}; nothing was changed") from None
    finally:
        await store.close()
    print(
        f"Sealed {count} installed workspace{'s' if count != 1 else ''} under the new key; "
        f"{slack.previous_token_key_env} can now be unset."
    )
    return 0


async def _migrate(config: Config) -> int:
    from storage import open_store, redacted

    where = redacted(config.storage.url)
    store = await open_store(config.storage.url, migrate=False)
    try:
        before = await store.version()
        applied = await store.migrate()
    finally:
        await store.close()
    if applied:
        print(f"Migrated {where} from schema {before}: applied {', '.join(applied)}.")
    else:
        print(f"{where} is up to date (schema {before}).")
    return 0


async def _copy(source_url: str, target_url: str, communities: list[str] | None) -> int:
    """`liftup migrate --from URL --to URL`: both brought up to date, then the rows copied."""
    from storage import open_store, redacted
    from storage.transfer import copy_communities

    for url in (source_url, target_url):
        if not url.startswith(STORAGE_SCHEMES):
            raise ConfigError(
                f"{redacted(url)!r} is not a storage URL; use sqlite:///path/to/liftup.db or "
                "postgresql://user@host:5432/database"
            )
    if source_url == target_url:
        raise ConfigError("--from and --to name the same database; nothing to copy")
    source = await open_store(source_url)
    try:
        target = await open_store(target_url)
        try:
            report = await copy_communities(source, target, communities)
        finally:
            await target.close()
    finally:
        await source.close()
    if not report.communities:
        print(f"{redacted(source_url)} holds no communities yet; nothing copied.")
        return 0
    print(
        f"Copied {', '.join(report.communities)} from {redacted(source_url)} to "
        f"{redacted(target_url)}: {sum(report.rows.values())} rows."
    )
    for table, count in report.rows.items():
        if count:
            print(f"  {table}: {count}")
    print("Point [storage] url at the new database before starting liftup again.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        schema = SettingsSchema(full_catalogue().settings)
        config = load_config(args.config, schema, _environment(args), PLATFORMS)
        logging.basicConfig(
            # In the console, problems show in the transcript; only errors go to the log.
            level=config.bot.log_level.upper() if args.command == "run" else logging.ERROR,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        if args.command == "run":
            from bot.bootstrap.app import run_platforms

            asyncio.run(run_platforms(config, args.role))
            return 0
        if args.command == "migrate":
            if args.source or args.target:
                if not (args.source and args.target):
                    raise ConfigError("copying needs both --from URL and --to URL")
                return asyncio.run(_copy(args.source, args.target, args.communities))
            return asyncio.run(_migrate(config))
        if args.command == "dashboard":
            from bot.bootstrap.dashboard import run_local_dashboard

            if args.port is not None and not 1 <= args.port <= 65535:
                raise ConfigError(f"--port {args.port}: use 1 to 65535")
            return asyncio.run(run_local_dashboard(config, args.community, args.port))
        if args.command == "slack":
            return _slack_tool(config, args.action)
        if args.command == "discord":
            from bot.bootstrap.app import discord_tool

            return discord_tool(config, args.action, args.application_id)
        from adapters.console import read_script
        from bot.bootstrap.console import run_console, run_demo

        if args.command == "demo":
            return asyncio.run(run_demo(config))
        script = read_script(args.script) if args.script else None
        return asyncio.run(run_console(config, script=script, start=_start_time(args.now)))
    except (ConfigError, StartupError, OSError, TransferError, StoreVersionError) as exc:
        print(f"liftup: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
