"""/admin dashboard: a private, one-time link to the community's web dashboard."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.features.admin import ADMIN_HELP
from bot.features.dashboard import texts
from bot.features.dashboard.access import make_link
from bot.ports import UnitOfWork
from bot.replies import Reply

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)


@commands.command(
    "admin dashboard",
    help="A private one-time link to this community's dashboard in your browser",
    permission=Permission.ADMIN,
)
async def dashboard_link(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if not ctx.dashboard_url:
        return Reply(text=texts.OFF, private=True)
    link = await make_link(uow, ctx.dashboard_url, ctx.community_id, ctx.actor.id, ctx.now)
    return Reply(
        text=texts.LINK.format(url=link.url, until=f"{link.expires_at:%H:%M}"), private=True
    )
