"""/admin interviews: volunteers, open requests, how pairings went and what the community
lacks; and the engine's admin commands for interviews."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.features.admin import ADMIN_HELP
from bot.features.interviews.market import MARKET
from bot.features.interviews.model import InterviewOffer, InterviewRequest, PairingStatus
from bot.features.proposals.admin import register_admin
from bot.features.proposals.model import RequestStatus
from bot.ports import UnitOfWork
from bot.replies import Field, Reply
from bot.texts import counted


def unmet(
    offers: Sequence[InterviewOffer], waiting: Sequence[InterviewRequest]
) -> Counter[tuple[str, str]]:
    """Roles and industries waiting requests ask for that no volunteer offers:
    ("role" or "industry", its name) -> requests asking."""
    roles = {o.role for o in offers}
    industries = {o.industry for o in offers}
    lacking: Counter[tuple[str, str]] = Counter(
        ("role", r.target_role) for r in waiting if r.target_role not in roles
    )
    lacking.update(
        ("industry", r.target_industry)
        for r in waiting
        if r.target_industry and r.target_industry not in industries
    )
    return lacking


commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)
register_admin(commands, MARKET)


@commands.command(
    "admin interviews",
    help="Volunteers, open requests, how pairings went, and what the community lacks",
    permission=Permission.ADMIN,
)
async def overview(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    offers = await uow.interviews.offers(ctx.community_id)
    waiting = await uow.interviews.requests(ctx.community_id, (RequestStatus.OPEN,))
    pairings = await uow.interviews.pairings(ctx.community_id)
    by_status = Counter(p.status for p in pairings)
    volunteers = Counter(f"{o.role} in {o.industry}" for o in offers)
    lacking = Counter({name: n for (_, name), n in unmet(offers, waiting).items()})
    # Requesters whose interview happened, and when it was settled.
    helped = {p.requester_id: p.decided_at for p in pairings if p.happened and p.decided_at}
    paid_forward = len(
        [o for o in offers if (at := helped.get(o.member_id)) is not None and o.created_at > at]
    )
    fields = (
        Field(
            f"Volunteers ({len(offers)})",
            "\n".join(f"{k}: {n}" for k, n in volunteers.most_common(10)) or "none yet",
        ),
        Field("Waiting", str(len(waiting)), inline=True),
        Field(
            "Pairings",
            f"asked {len(pairings)}, "
            f"accepted {by_status[PairingStatus.ACCEPTED] + by_status[PairingStatus.DONE]}, "
            f"happened {sum(1 for p in pairings if p.happened)}",
            inline=True,
        ),
        Field(
            "Nobody here does yet",
            ", ".join(f"{role} ({n})" for role, n in lacking.most_common()) or "—",
        ),
        Field(
            "Paid it forward",
            f"{counted(paid_forward, 'former requester')} now volunteer",
            inline=True,
        ),
    )
    return Reply(title="Informational interviews", fields=fields, private=True)
