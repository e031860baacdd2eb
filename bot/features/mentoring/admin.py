"""/admin mentoring and /admin match-now: requests waiting, mentors and their free slots, how
pairings go, and a round on demand; and the engine's admin commands for mentoring."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from bot.commands import Catalogue, Permission
from bot.context import Context
from bot.features.admin import ADMIN_HELP
from bot.features.mentoring import texts
from bot.features.mentoring.market import MARKET
from bot.features.mentoring.waiting import openings, waiting_reason
from bot.features.proposals import is_large, run_round
from bot.features.proposals.admin import register_admin
from bot.features.proposals.model import RequestStatus
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import counted

commands = Catalogue()
commands.group("admin", help=ADMIN_HELP)
register_admin(commands, MARKET)


@commands.command(
    "admin mentoring",
    help="Requests waiting, mentors and free slots, and how pairings are going",
    permission=Permission.ADMIN,
)
async def overview(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    waiting = await uow.mentoring.requests(ctx.community_id, (RequestStatus.OPEN,))
    asked = await uow.mentoring.requests(ctx.community_id, (RequestStatus.PROPOSED,))
    known = await openings(uow, ctx.community_id, ctx.settings, ctx.now)
    offers, stopped, slots = list(known.active.values()), known.stopped, known.slots
    counts = await uow.mentoring.counts(ctx.community_id)
    waiting_lines = []
    for r in waiting[:10]:  # with what holds each up, so a stuck one can be acted on
        why = await waiting_reason(uow, r, ctx.settings, ctx.now, known)
        days = (ctx.now - r.created_at).days
        waiting_lines.append(
            f"{mention(r.member_id)}: {', '.join(r.topics)}, {days} d: {why.label}"
        )
    people = await uow.members.many(ctx.community_id, [o.member_id for o in offers + stopped])
    running = Counter(s.mentor_id for s in await uow.mentoring.mentorships(ctx.community_id))
    mentor_lines = []
    for o in offers[:15]:
        line = f"{mention(o.member_id)}: {max(0, slots.get(o.member_id, 0))} of {o.capacity} free"
        member = people.get(o.member_id)
        if member is not None and member.is_paused(ctx.now):
            line += f", on a break until {member.paused_until:%d %b}"
        mentor_lines.append(line)
    for o in stopped[:15]:  # paused offers too: one may still be mentoring someone
        mentoring = f", still mentoring {running[o.member_id]}" if running[o.member_id] else ""
        mentor_lines.append(f"{mention(o.member_id)}: offer paused{mentoring}")
    pairings = (
        f"proposed {sum(v for k, v in counts.items() if k.startswith('proposals_'))}, "
        f"accepted {counts.get('proposals_accepted', 0)}, "
        f"declined {counts.get('proposals_declined', 0)}, "
        f"expired {counts.get('proposals_expired', 0)}, "
        f"met {counts.get('mentorships_met', 0)}, "
        f"running {counts.get('mentorships_active', 0)}, ended {counts.get('mentorships_ended', 0)}"
    )
    fields = [
        Field(f"Waiting ({len(waiting)}), longest first", "\n".join(waiting_lines) or "nobody"),
        Field("Asked, awaiting an answer", str(len(asked)), inline=True),
        Field(
            f"Mentors ({len(offers)} on, {len(stopped)} paused)",
            "\n".join(mentor_lines) or "none yet",
        ),
        Field("Pairings so far", pairings),
    ]
    return Reply(title="Mentoring", fields=tuple(fields), private=True)


@commands.command("admin match-now", help="Run a mentoring round now", permission=Permission.ADMIN)
async def match_now(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if await is_large(MARKET, uow, ctx.community_id):
        # Seconds of work: it runs at the next tick, off the write lock, not in this command.
        await uow.rounds.want(MARKET.feature, ctx.community_id)
        return Reply(text=texts.ROUND_QUEUED, private=True)
    proposals = await run_round(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    waiting = await uow.mentoring.requests(ctx.community_id, (RequestStatus.OPEN,))
    return Reply(
        text=f"Asked {counted(len(proposals), 'mentor')}; "
        f"{counted(len(waiting), 'request')} still waiting.",
        private=True,
    )
