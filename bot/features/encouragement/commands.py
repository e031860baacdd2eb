"""Encouragement commands: the admins' switch, /encourage, /boost, /win, /wins and /kudos."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.channels import channel_mention
from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.errors import UserError
from bot.features.admin import ADMIN_HELP
from bot.features.encouragement import texts
from bot.features.encouragement.listener import CRISIS_WATCH, encouragement
from bot.features.encouragement.model import Kudos, Win
from bot.options import (
    Boolean,
    ChannelList,
    ChannelOption,
    Choice,
    Duration,
    Integer,
    MemberOption,
    Text,
    format_duration,
)
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, UnitOfWork
from bot.replies import Field, Reply, mention
from bot.settings import channel_text
from bot.texts import counted

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)

KUDOS_PER_DAY = 5

commands.setting(
    ChannelList("encouragement_channels", "Channels where the listener reads messages"), ()
)
commands.setting(
    Choice(
        "crisis_watch",
        "Watch for crisis language in the chosen channels only, or everywhere I can read",
        choices=CRISIS_WATCH,
    ),
    "listened",
)
commands.setting(
    Choice(
        "encouragement_mode", "Reply to self-doubt by DM, or in a thread", choices=("dm", "thread")
    ),
    "dm",
)
commands.setting(
    Duration(
        "encouragement_cooldown",
        "At most one encouragement per member per this long",
        minimum=timedelta(hours=1),
        maximum=timedelta(days=30),
    ),
    timedelta(hours=24),
)
commands.setting(
    ChannelOption("moderator_channel", "Channel alerted when a member may be in crisis"), ""
)
commands.setting(
    Text(
        "support_resources",
        "Where members in crisis are pointed (phone lines, services)",
        max_length=1000,
        multiline=True,
    ),
    texts.DEFAULT_RESOURCES,
)
commands.setting(ChannelOption("wins_channel", "Channel for wins members choose to share"), "")


@commands.command(
    "admin encouragement",
    help="Turn on the encouragement listener for chosen channels",
    options=(
        ChannelList("channels", "Channels to listen in, like #general, #help", required=True),
        Choice(
            "mode",
            "Reply by DM (private) or in a thread under the message",
            required=True,
            choices=("dm", "thread"),
        ),
        Duration(
            "cooldown",
            "At most one reply per member per this long (default 24h)",
            minimum=timedelta(hours=1),
            maximum=timedelta(days=30),
        ),
    ),
    permission=Permission.ADMIN,
)
async def setup(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    cooldown = args["cooldown"] or ctx.settings["encouragement_cooldown"]
    values = {
        "encouragement_channels": channel_text(args["channels"]),
        "encouragement_mode": args["mode"],
        "encouragement_cooldown": format_duration(cooldown),
    }
    for key, value in values.items():
        await uow.communities.set_setting(ctx.community_id, key, value, ctx.now)
    moderators = ctx.settings["moderator_channel"]
    moderator = (
        texts.SETUP_MODERATOR.format(channel=channel_mention(moderators))
        if moderators
        else texts.SETUP_NO_MODERATOR
    )
    return Reply(
        text=texts.SETUP_DONE.format(
            channels=channel_text(args["channels"]),
            mode="direct message" if args["mode"] == "dm" else "a thread under the message",
            cooldown=format_duration(cooldown),
            moderator=moderator,
        ),
        private=True,
    )


@commands.command(
    "encourage",
    help="Whether I may answer your messages with encouragement",
    options=(Boolean("listen", "on to let me reply, off to stop", required=True),),
)
async def encourage(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    listener = await uow.encouragement.listener(ctx.community_id, ctx.actor.id)
    await uow.encouragement.save_listener(dataclasses.replace(listener, listen=args["listen"]))
    return Reply(text=texts.LISTEN_ON if args["listen"] else texts.LISTEN_OFF, private=True)


@commands.command("boost", help="A few kind words, privately, right now")
async def boost(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    listener = await uow.encouragement.listener(ctx.community_id, ctx.actor.id)
    reply, listener = await encouragement(ctx, uow, listener)
    await uow.encouragement.save_listener(listener)
    return Reply(title=reply.title, text=reply.text, private=True)


@commands.command(
    "win",
    help="Log a small win in your journal (private unless you share it)",
    options=(
        Text("text", "What went well, however small", required=True, max_length=500),
        Boolean("share", "Also post it in the community's wins channel"),
    ),
)
async def win(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    share = bool(args["share"])
    channel = ctx.settings["wins_channel"]
    win_id = await uow.encouragement.add_win(
        Win(ctx.community_id, ctx.actor.id, args["text"], ctx.now, shared=share and bool(channel))
    )
    count = await uow.encouragement.win_count(ctx.community_id, ctx.actor.id)
    if not share:
        return Reply(text=texts.WIN_SAVED.format(count=counted(count, "win")), private=True)
    if not channel:
        return Reply(text=texts.WIN_NO_CHANNEL, private=True)
    await queue(
        uow,
        ctx.community_id,
        f"win:{win_id}",
        ChannelPost(channel),
        Reply(text=texts.WIN_POST.format(member=mention(ctx.actor.id), text=args["text"])),
        ctx.now,
    )
    return Reply(text=texts.WIN_SHARED.format(channel=channel_mention(channel)), private=True)


@commands.command(
    "wins",
    help="Your wins and the kudos you've received: the evidence for a bad day",
    options=(Integer("weeks", "How many weeks back (default 12)", min_value=1, max_value=520),),
)
async def wins(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    since = ctx.now - timedelta(weeks=args["weeks"] or 12)
    entries = await uow.encouragement.wins(ctx.community_id, ctx.actor.id, since)
    kudos = await uow.encouragement.kudos_received(ctx.community_id, ctx.actor.id, since)
    if not entries and not kudos:
        return Reply(text=texts.WINS_EMPTY, private=True)
    fields = [Field(f"{w.created_at:%d %b}", w.text) for w in entries[:20]]
    fields += [
        Field(f"{k.created_at:%d %b} kudos from", f"{mention(k.from_member)}: {k.message}")
        for k in kudos[:10]
    ]
    return Reply(title="Your wins", fields=tuple(fields), private=True)


@commands.command(
    "kudos",
    help="Thank or celebrate another member",
    options=(
        MemberOption("member", "Who it's for", required=True),
        Text("message", "What you want to say", required=True, max_length=300),
        Boolean("private", "Send it by DM instead of posting it here"),
    ),
)
async def kudos(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    to = args["member"]
    if to == ctx.actor.id:
        raise UserError(texts.KUDOS_SELF)
    if await uow.members.get(ctx.community_id, to) is None:
        raise UserError(texts.KUDOS_UNKNOWN.format(who=mention(to)))
    sent_today = await uow.encouragement.kudos_sent_since(
        ctx.community_id, ctx.actor.id, ctx.now - timedelta(days=1)
    )
    if sent_today >= KUDOS_PER_DAY:
        raise UserError(texts.KUDOS_LIMIT.format(limit=KUDOS_PER_DAY))
    private = bool(args["private"]) or ctx.channel_id is None
    kudos_id = await uow.encouragement.add_kudos(
        Kudos(ctx.community_id, ctx.actor.id, to, args["message"], ctx.now, private)
    )
    key = f"kudos:{kudos_id}"
    sender, receiver = mention(ctx.actor.id), mention(to)
    if private:
        text = texts.KUDOS_PRIVATE.format(sender=sender, message=args["message"])
        await queue_dm(uow, ctx.community_id, to, key, Reply(text=text), ctx.now)
    else:
        text = texts.KUDOS_POST.format(to=receiver, sender=sender, message=args["message"])
        await queue(
            uow, ctx.community_id, key, ChannelPost(ctx.channel_id or ""), Reply(text=text), ctx.now
        )
    return Reply(text=texts.KUDOS_SENT, private=True)
