"""Config: every problem fails at start with the key, the bad value and what is allowed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import discord
import pytest

from adapters.discord.settings import DISCORD
from adapters.slack.settings import SLACK
from bot.bootstrap.app import StartupError, check_startable
from bot.bootstrap.platforms import PLATFORMS
from bot.config import ConfigError, load_config, parse_config
from bot.features import full_catalogue
from bot.settings import SettingsSchema

SCHEMA = SettingsSchema(full_catalogue().settings)
ROOT = Path(__file__).resolve().parents[2]


def parse(data: dict, environ: dict | None = None):
    return parse_config(data, environ or {}, SCHEMA, source="config.toml", platforms=PLATFORMS)


def refused(data: dict, environ: dict | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        parse(data, environ)
    return str(caught.value)


def test_defaults_need_no_file():
    config = parse({})
    assert config.storage.url == "sqlite:///liftup.db"
    assert not DISCORD.of(config).enabled and not SLACK.of(config).enabled


def test_the_example_file_is_valid_and_documents_every_key():
    text = (ROOT / "config.example.toml").read_text()
    config = parse(tomllib.loads(text))
    assert config.outbox.rate_per_second == 5.0
    sections = {name: getattr(config, name) for name in ("bot", "storage", "scheduler")}
    sections |= {"outbox": config.outbox, "console": config.console, "web": config.web}
    sections |= config.platforms
    assert set(config.platforms) == {"discord", "slack"}
    for section, values in sections.items():
        for key in values.__dataclass_fields__:
            assert f"\n{key} = " in text, f"[{section}] {key} is not documented"
    for key in SCHEMA.keys:
        assert f"# {key} = " in text, f"[community] {key} is not documented"


def test_unknown_key_names_the_known_ones():
    message = refused({"outbox": {"rate": 3}})
    assert "[outbox] has an unknown key 'rate'" in message and "rate_per_second" in message


def test_unknown_section():
    assert "unknown section [discrod]" in refused({"discrod": {"enabled": True}})


def test_wrong_type_says_what_to_use():
    message = refused({"scheduler": {"tick_seconds": "often"}})
    assert "[scheduler] tick_seconds = 'often'" in message and "whole number" in message


def test_out_of_range():
    assert "use 1 to 3600" in refused({"scheduler": {"tick_seconds": 0}})
    assert "use socket or http" in refused({"slack": {"mode": "websocket"}})


def test_a_token_in_place_of_a_variable_name_is_refused():
    message = refused({"discord": {"token_env": "MTA4.secret-token-value"}})
    assert "must name an environment variable" in message


def test_environment_overrides_the_file():
    config = parse(
        {"outbox": {"rate_per_second": 2}},
        {"LIFTUP_OUTBOX_RATE_PER_SECOND": "7.5", "LIFTUP_DISCORD_ENABLED": "yes"},
    )
    assert config.outbox.rate_per_second == 7.5 and DISCORD.of(config).enabled is True


def test_bad_environment_value_and_unknown_variable():
    assert "not valid" in refused({}, {"LIFTUP_DISCORD_ENABLED": "perhaps"})
    assert "LIFTUP_TOKEN is not a liftup setting" in refused({}, {"LIFTUP_TOKEN": "x"})


def test_community_defaults_use_the_admin_rules():
    config = parse({"community": {"extra_topics": ["AI ethics"], "admin_channel": "#mods"}})
    assert config.community["extra_topics"] == ("AI ethics",)
    message = refused({"community": {"roles": ["x" * 60]}})
    assert message.startswith("config.toml: [community] roles:")
    assert "unknown key 'colour'" in refused({"community": {"colour": "blue"}})


def test_missing_named_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(str(tmp_path / "nope.toml"), SCHEMA, environ={}, platforms=PLATFORMS)


def test_broken_toml(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[bot\nlog_level = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(str(path), SCHEMA, environ={}, platforms=PLATFORMS)


def test_run_needs_a_platform_and_its_token():
    with pytest.raises(StartupError, match="No platform is enabled"):
        check_startable(parse({}), {})
    config = parse({"discord": {"enabled": True}})
    with pytest.raises(StartupError, match="DISCORD_TOKEN is empty"):
        check_startable(config, {})
    slack = parse({"slack": {"enabled": True, "mode": "http"}})
    with pytest.raises(StartupError, match="SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are empty"):
        check_startable(slack, {})


def test_slack_installs_by_link_need_http_the_signing_secret_and_a_key_not_a_bot_token():
    oauth = {"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s"}
    socket = parse({"slack": {"enabled": True}})
    with pytest.raises(StartupError, match='needs \\[slack\\] mode = "http"'):
        check_startable(socket, oauth)
    http = parse({"slack": {"enabled": True, "mode": "http"}})
    with pytest.raises(StartupError, match="SLACK_SIGNING_SECRET and SLACK_TOKEN_KEY are empty"):
        check_startable(http, oauth)
    ready = {**oauth, "SLACK_SIGNING_SECRET": "x", "SLACK_TOKEN_KEY": "k"}
    assert check_startable(http, ready) == ["slack"]  # no SLACK_BOT_TOKEN needed
    assert SLACK.of(parse({"slack": {"public_url": "https://liftup.example"}})).public_url
    assert "give the address" in refused({"slack": {"public_url": "liftup.example"}})


def test_a_slack_token_key_that_is_not_a_key_stops_the_start(tmp_path):
    from adapters.slack.platform import SlackPlatform

    environ = {
        "SLACK_CLIENT_ID": "1.2",
        "SLACK_CLIENT_SECRET": "s",
        "SLACK_SIGNING_SECRET": "x",
        "SLACK_TOKEN_KEY": "not-a-key",
    }
    http = parse({"slack": {"enabled": True, "mode": "http"}})
    with pytest.raises(ConfigError, match="SLACK_TOKEN_KEY is not a Fernet key"):
        SlackPlatform(http, store=object(), environ=environ)
    with pytest.raises(ConfigError, match="SLACK_TOKEN_KEY is empty"):
        SlackPlatform(http, store=object(), environ={**environ, "SLACK_TOKEN_KEY": ""})


def test_discord_shards_are_checked_and_build_a_sharded_client():
    from adapters.discord.platform import DiscordPlatform

    config = parse({"discord": {"shard_count": 8, "shard_ids": "4-5,7"}})
    assert DISCORD.of(config).shards() == [4, 5, 7]
    client = DiscordPlatform(config).client
    assert isinstance(client, discord.AutoShardedClient)
    assert (client.shard_count, client.shard_ids) == (8, [4, 5, 7])
    assert not isinstance(DiscordPlatform(parse({})).client, discord.AutoShardedClient)
    assert "needs shard_count above 3" in refused({"discord": {"shard_ids": "0-3"}})
    assert "above 9" in refused({"discord": {"shard_count": 4, "shard_ids": "2-9"}})
    assert "numbers and ranges" in refused({"discord": {"shard_count": 4, "shard_ids": "one"}})
    assert "use 0 to 1024" in refused({"discord": {"shard_count": -1}})


def test_storage_accepts_postgresql_and_names_what_it_accepts():
    assert parse({"storage": {"url": "postgresql://liftup@db/liftup"}}).storage.url.startswith(
        "postgresql://"
    )
    message = refused({"storage": {"url": "mysql://db/liftup"}})
    assert "'mysql'" in message and "postgresql://" in message


def test_the_dashboard_section_is_checked_like_the_rest():
    config = parse({"web": {"enabled": True, "public_url": "https://liftup.example.org/"}})
    assert config.web.base_url == "https://liftup.example.org"
    assert parse({"web": {"port": 9000}}).web.base_url == "http://127.0.0.1:9000"
    assert "use 1 to 65535" in refused({"web": {"port": 0}})
    assert "the address browsers open" in refused({"web": {"public_url": "liftup.example.org"}})
    message = refused({"web": {"secret_env": "s3cr3t value"}})
    assert "must name an environment variable" in message
    # LIFTUP_* names are settings, so a secret there would be refused as one.
    assert "not starting with LIFTUP_" in refused({"web": {"secret_env": "LIFTUP_SECRET"}})


async def test_run_with_the_dashboard_on_needs_its_secret_first():
    from bot.bootstrap.app import dashboard_secret

    config = parse({"web": {"enabled": True}})
    with pytest.raises(StartupError) as caught:
        dashboard_secret(config, {})
    assert "DASHBOARD_SECRET is empty" in str(caught.value) and "token_urlsafe" in str(caught.value)
    with pytest.raises(StartupError, match="too short"):
        dashboard_secret(config, {"DASHBOARD_SECRET": "short"})
    assert dashboard_secret(config, {"DASHBOARD_SECRET": "x" * 40}) == "x" * 40
