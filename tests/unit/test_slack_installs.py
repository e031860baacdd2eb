"""Issue 21, first step: Slack installs kept on liftup's own store (both backends), tokens
sealed under a key from the environment, and one-time states for installs under way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk.oauth.installation_store.models.installation import Installation

from adapters.slack.installs import (
    STATE_LIFETIME,
    LiftupInstallationStore,
    LiftupStateStore,
    SealError,
    TokenSeal,
    new_key,
)
from bot.config import ConfigError

TOKEN = "xoxb-1111-2222-secretsecret"


def installation(team: str = "T1", token: str = TOKEN, **extra) -> Installation:
    return Installation(
        app_id="A1",
        team_id=team,
        team_name="AI Learners",
        bot_token=token,
        bot_id="B1",
        bot_user_id="U0BOT",
        bot_scopes="commands,chat:write,im:write",
        user_id="U1",
        **extra,
    )


async def test_an_install_is_kept_sealed_and_found_again(store, clock):
    installs = LiftupInstallationStore(store, TokenSeal(new_key()), clock.now)
    await installs.async_save(installation())
    bot = await installs.async_find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == TOKEN and bot.bot_user_id == "U0BOT"
    assert bot.bot_scopes == ["commands", "chat:write", "im:write"]
    found = await installs.async_find_installation(enterprise_id=None, team_id="T1")
    assert found is not None and found.team_name == "AI Learners" and found.user_id == "U1"
    assert await installs.async_find_bot(enterprise_id=None, team_id="T2") is None
    async with store.unit(read_only=True) as uow:
        sealed = await uow.installations.find("slack:T1")
    assert sealed and TOKEN not in sealed and "xoxb" not in sealed  # never in the clear


async def test_each_workspace_has_its_own_install_and_a_reinstall_replaces_it(store, clock):
    installs = LiftupInstallationStore(store, TokenSeal(new_key()), clock.now)
    await installs.async_save(installation("T1", "xoxb-one"))
    await installs.async_save(installation("T2", "xoxb-two"))
    await installs.async_save(installation("T1", "xoxb-one-again"))
    one = await installs.async_find_bot(enterprise_id=None, team_id="T1")
    two = await installs.async_find_bot(enterprise_id=None, team_id="T2")
    assert (one.bot_token, two.bot_token) == ("xoxb-one-again", "xoxb-two")


async def test_an_org_wide_install_belongs_to_the_organisation(store, clock):
    installs = LiftupInstallationStore(store, TokenSeal(new_key()), clock.now)
    await installs.async_save(
        installation(team=None, enterprise_id="E1", is_enterprise_install=True)
    )
    bot = await installs.async_find_bot(
        enterprise_id="E1", team_id=None, is_enterprise_install=True
    )
    assert bot is not None and bot.enterprise_id == "E1"
    await installs.async_delete_bot(enterprise_id="E1", team_id=None)
    assert (
        await installs.async_find_bot(enterprise_id="E1", team_id=None, is_enterprise_install=True)
        is None
    )


async def test_uninstalling_removes_the_tokens(store, clock):
    installs = LiftupInstallationStore(store, TokenSeal(new_key()), clock.now)
    await installs.async_save(installation())
    await installs.async_delete_installation(enterprise_id=None, team_id="T1")
    assert await installs.async_find_bot(enterprise_id=None, team_id="T1") is None
    async with store.unit(read_only=True) as uow:
        assert await uow.installations.find("slack:T1") is None


async def test_the_wrong_key_opens_nothing_and_says_what_to_do(store, clock):
    await LiftupInstallationStore(store, TokenSeal(new_key()), clock.now).async_save(installation())
    stranger = LiftupInstallationStore(store, TokenSeal(new_key()), clock.now)
    with pytest.raises(SealError, match="sealed under another key"):
        await stranger.async_find_bot(enterprise_id=None, team_id="T1")
    with pytest.raises(ConfigError, match="SLACK_TOKEN_KEY is not a Fernet key"):
        TokenSeal("not-a-key", key_env="SLACK_TOKEN_KEY")


async def test_a_new_key_reseals_every_install_and_the_old_key_then_opens_none(store, clock):
    old, new = new_key(), new_key()
    await LiftupInstallationStore(store, TokenSeal(old), clock.now).async_save(installation())
    rotating = LiftupInstallationStore(store, TokenSeal(new, old), clock.now)
    assert await rotating.reseal_all() == 1
    fresh = LiftupInstallationStore(store, TokenSeal(new), clock.now)
    assert (await fresh.async_find_bot(enterprise_id=None, team_id="T1")).bot_token == TOKEN
    with pytest.raises(SealError):
        await LiftupInstallationStore(store, TokenSeal(old), clock.now).async_find_bot(
            enterprise_id=None, team_id="T1"
        )


async def test_a_state_is_good_once_and_a_forged_or_stale_one_never(store, clock):
    states = LiftupStateStore(store, clock.now)
    state = await states.async_issue()
    assert len(state) >= 40
    assert await states.async_consume(state) is True
    assert await states.async_consume(state) is False  # replayed
    assert await states.async_consume("made-up-state") is False  # forged
    late = await states.async_issue()
    clock.advance(STATE_LIFETIME + timedelta(seconds=1))
    assert await states.async_consume(late) is False  # expired
