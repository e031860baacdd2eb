"""Admin commands: the community's settings and the deliveries that failed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot import texts
from bot.channel_options import find_channels
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.delivery import describe
from bot.errors import UserError
from bot.options import ChannelOption, OptionError, Text, TextList
from bot.ports import UnitOfWork
from bot.replies import Field, Reply
from bot.settings import Setting, SettingsSchema, as_text, channel_text, is_channel_setting
from bot.taxonomy import DEFAULT_INDUSTRIES, DEFAULT_ROLES

ADMIN_HELP = "Settings and overviews for the community's admins"

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)

commands.setting(
    ChannelOption("admin_channel", "Channel where I report problems admins can fix"), ""
)
commands.setting(
    TextList("roles", "Roles members can pick", max_length=1000, max_items=25, item_max_length=50),
    DEFAULT_ROLES,
)
commands.setting(
    TextList(
        "industries",
        "Industries members can pick",
        max_length=1000,
        max_items=25,
        item_max_length=50,
    ),
    DEFAULT_INDUSTRIES,
)
commands.setting(
    TextList(
        "extra_topics",
        "Topics this community adds to the default list",
        max_length=1000,
        max_items=40,
        item_max_length=50,
    ),
    (),
)

SET_DONE = "Saved: **{key}** is now {value}."
RESET_DONE = "**{key}** is back to its default, `{value}`."
NO_FAILURES = "Every message went out fine. Nothing to fix."
FAILURES_INTRO = "The most recent messages I couldn't deliver:"


def _schema(ctx: Context) -> SettingsSchema:
    if ctx.settings.schema is None:
        raise RuntimeError("settings were resolved without a schema")
    return ctx.settings.schema


def _shown(value: Any, setting: Setting | None = None) -> str:
    if setting is not None and is_channel_setting(setting.option):
        return channel_text(value) or "(not set)"
    return as_text(value) or "(not set)"


@commands.command(
    "admin settings", help="Show this community's settings", permission=Permission.ADMIN
)
async def show_settings(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    fields = []
    for setting in _schema(ctx):
        marker = "" if setting.key in ctx.settings.changed else " (default)"
        unfound = ctx.settings.unfound.get(setting.key)
        if unfound:
            marker += "\n⚠ " + texts.CHANNELS_UNFOUND.format(channels=", ".join(unfound))
        fields.append(
            Field(
                setting.key,
                f"{_shown(ctx.settings[setting.key], setting)}{marker}\n"
                f"_{setting.option.description}_",
            )
        )
    text = "Change one with `/admin set key:… value:…`; `/admin reset key:…` restores a default."
    if ctx.platform_notes:
        text += "\n\n" + "\n".join(f"⚠ {note}" for note in ctx.platform_notes)
    return Reply(
        title="Community settings",
        text=text,
        fields=tuple(fields),
        private=True,
    )


@commands.command(
    "admin set",
    help="Change one setting",
    options=(
        Text("key", "Which setting (see /admin settings)", required=True, max_length=40),
        Text("value", "Its new value", required=True, max_length=1000),
    ),
    permission=Permission.ADMIN,
)
async def set_setting(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    key = args["key"].strip().lower().replace(" ", "_")
    schema = _schema(ctx)
    setting = schema.get(key)
    try:
        value = schema.parse(key, args["value"])
        if setting is not None and is_channel_setting(setting.option):
            # Stored as ids found in this community only; a name never matches a message.
            value = await find_channels(setting.option, value, ctx.find_channel)
            text = channel_text(value)
        else:
            text = as_text(value)
    except OptionError as exc:
        raise UserError(f"{exc}\n{texts.NOTHING_CHANGED}") from exc
    await uow.communities.set_setting(ctx.community_id, key, text, ctx.now)
    shown = _shown(value, setting)
    if not (setting and is_channel_setting(setting.option)):
        shown = f"`{shown}`"  # a channel stays a mention, so the platform shows its name
    return Reply(text=SET_DONE.format(key=key, value=shown), private=True)


@commands.command(
    "admin reset",
    help="Put one setting back to its default",
    options=(Text("key", "Which setting (see /admin settings)", required=True, max_length=40),),
    permission=Permission.ADMIN,
)
async def reset_setting(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    key = args["key"].strip().lower().replace(" ", "_")
    setting = _schema(ctx).get(key)
    if setting is None:
        raise UserError(f'key: "{key}" is not a setting; see /admin settings')
    await uow.communities.reset_setting(ctx.community_id, key)
    return Reply(text=RESET_DONE.format(key=key, value=_shown(setting.default)), private=True)


@commands.command(
    "admin deliveries",
    help="Messages I could not deliver, and why",
    permission=Permission.ADMIN,
)
async def show_failures(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    failed = await uow.outbox.failures(ctx.community_id, 15)
    if not failed:
        return Reply(text=NO_FAILURES, private=True)
    lines = [
        f"• {describe(m.destination)}: "
        + texts.DELIVERY_REASONS.get(m.failure_reason or "", m.failure_reason or "unknown")
        + (f" ({m.created_at:%d %b %H:%M} UTC)" if m.created_at else "")
        for m in failed
    ]
    return Reply(text=FAILURES_INTRO + "\n" + "\n".join(lines), private=True)
