"""/admin projects: projects being built, shipped and stalled, and who waits for a team; and
the engine's admin commands for projects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.features.admin import ADMIN_HELP
from bot.features.projects import texts
from bot.features.projects.commands import WAITING
from bot.features.projects.market import MARKET
from bot.features.projects.model import (
    ProjectStatus,
)
from bot.features.projects.progress import (
    label,
)
from bot.features.proposals import (
    register,
)
from bot.ports import UnitOfWork
from bot.replies import Reply

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)
register(commands, MARKET)

STALLED_AFTER = timedelta(weeks=4)


@commands.command(
    "admin projects",
    help="Projects being built, shipped and stalled, and who waits for a team",
    permission=Permission.ADMIN,
)
async def overview(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    projects = await uow.projects.projects(ctx.community_id)
    if not projects:
        return Reply(text=texts.ADMIN_NONE, private=True)
    by_status = Counter(p.status for p in projects)
    waiting = await uow.projects.requests(ctx.community_id, WAITING)
    lines = [
        texts.ADMIN_LINE.format(
            open=by_status[ProjectStatus.OPEN],
            taking=sum(1 for p in projects if p.is_open and p.active),
            shipped=by_status[ProjectStatus.SHIPPED],
            paused=by_status[ProjectStatus.PAUSED],
            abandoned=by_status[ProjectStatus.ABANDONED],
            waiting=len({r.member_id for r in waiting}),
        )
    ]
    stalled = [p for p in projects if p.is_open and p.updated_at <= ctx.now - STALLED_AFTER]
    if stalled:
        lines.append(texts.ADMIN_STALLED.format(titles=", ".join(label(p) for p in stalled)))
    return Reply(title=texts.ADMIN_TITLE, text="\n".join(lines), private=True)
