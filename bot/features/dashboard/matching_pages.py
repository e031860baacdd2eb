"""The mentoring and interview pages: each a funnel by month, and what an organiser can act on
(who waits and why, mentors' free slots, roles nobody offers, those who now give back)."""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.features.dashboard.model import Chart, FunnelMonth, Number, Page, Table
from bot.features.dashboard.view import View
from bot.features.interviews.admin import unmet
from bot.features.mentoring.waiting import openings, waiting_reason
from bot.features.proposals.model import RequestStatus
from bot.ports import UnitOfWork
from bot.texts import counted

MONTHS = 12
WAITING_SHOWN = 50  # the longest-waiting requests, each with why; the rest are counted
FUNNEL_COLUMNS = ("Month", "Requested", "Asked", "Accepted", "Met", "Ended well")


def _funnel_table(months: Sequence[FunnelMonth], what: str, well: str) -> Table:
    return Table(
        "funnel",
        f"{what} by the month they were made",
        FUNNEL_COLUMNS,
        [
            (
                m.month,
                str(m.requested),
                str(m.asked),
                str(m.accepted),
                str(m.met),
                str(m.ended_well),
            )
            for m in reversed(months)
        ],
        note=f"Each row follows that month's requests as far as they got. {well}",
    )


def _in_local_months(
    months: Sequence[FunnelMonth], starts: Sequence[datetime], view: View
) -> list[FunnelMonth]:
    """Each month named as the community's calendar names it (a month starting at local
    midnight may start the evening before in UTC)."""
    return [
        dataclasses.replace(m, month=f"{view.local(start):%b %Y}")
        for m, start in zip(months, starts, strict=False)
    ]


def _funnel_chart(months: Sequence[FunnelMonth], what: str) -> Chart:
    return Chart(
        title=f"{what} per month, {months[0].month} to {months[-1].month}, and how many "
        "were accepted",
        labels=[m.month.split()[0] for m in months],
        bars=[m.requested for m in months],
        bar_name="requested",
        line=[m.accepted for m in months],
        line_name="accepted",
        same_unit=True,
    )


def _days(value: float) -> str:
    return counted(round(value), "day")


async def mentoring_page(view: View, uow: UnitOfWork) -> Page:
    community, now = view.community_id, view.now
    starts = view.month_starts(MONTHS)
    months = _in_local_months(await uow.dashboard.mentoring_funnel(community, starts), starts, view)
    waits = await uow.dashboard.mentoring_waits(community, starts[0])
    waiting = await uow.mentoring.requests(community, (RequestStatus.OPEN,))
    asked = await uow.mentoring.requests(community, (RequestStatus.PROPOSED,))
    known = await openings(uow, community, view.settings, now)
    offers = [*known.active.values(), *known.stopped]
    running = Counter(await uow.dashboard.mentees_by_mentor(community))
    shown = waiting[:WAITING_SHOWN]
    await known.read_people(
        uow, community, [r.member_id for r in shown] + [o.member_id for o in known.stopped]
    )
    people = known.people

    def name(member_id: str) -> str:
        member = people.get(member_id)
        return member.display_name if member else "a former member"

    waiting_rows = []
    for request in shown:
        why = await waiting_reason(uow, request, view.settings, now, known)
        waiting_rows.append(
            (
                name(request.member_id),
                ", ".join(request.topics),
                _days((now - request.created_at).total_seconds() / 86400),
                why.label,
            )
        )

    def state(member_id: str, active: bool) -> str:
        if not active:
            return "offer paused"
        member = people.get(member_id)
        if member is not None and member.is_paused(now):
            return f"on a break until {view.local(member.paused_until):%d %b}"  # type: ignore[arg-type]
        return "taking mentees"

    mentor_rows = [
        (
            name(o.member_id),
            ", ".join(o.topics),
            str(o.capacity),
            str(running[o.member_id]),
            str(max(0, known.slots.get(o.member_id, 0))) if o.active else "0",
            state(o.member_id, o.active),
        )
        for o in sorted(offers, key=lambda o: (not o.active, name(o.member_id).lower()))
    ]
    free = sum(max(0, known.slots.get(m, 0)) for m in known.active)
    return Page(
        slug="mentoring",
        title="Mentoring",
        intro=f"Requests, mentors and matches over the last {MONTHS} months.",
        numbers=(
            Number("Waiting for a mentor", len(waiting)),
            Number("Mentor asked, no answer yet", len(asked)),
            Number("Mentorships running", sum(running.values())),
            Number("Free mentor slots", free, f"{len(known.active)} mentors taking mentees"),
            Number(
                "Median time to a match",
                _days(statistics.median(waits)) if waits else "—",
                f"over {counted(len(waits), 'match', 'matches')} in {MONTHS} months",
            ),
        ),
        charts=(_funnel_chart(months, "Mentor requests"),),
        tables=(
            _funnel_table(
                months,
                "Mentor requests",
                "Ended well: ended by the pair, rated 3 of 5 or more (or unrated).",
            ),
            Table(
                "waiting",
                "Waiting, longest first",
                ("Member", "Topics", "Waiting", "Why"),
                waiting_rows,
                empty="Nobody is waiting.",
                note=(
                    f"The {WAITING_SHOWN} longest-waiting of {len(waiting)}."
                    if len(waiting) > WAITING_SHOWN
                    else ""
                ),
            ),
            Table(
                "mentors",
                "Mentors and their slots",
                ("Mentor", "Topics", "Capacity", "Mentoring now", "Free", "State"),
                mentor_rows,
                empty="Nobody has offered to mentor yet.",
            ),
        ),
    )


async def interviews_page(view: View, uow: UnitOfWork) -> Page:
    community = view.community_id
    starts = view.month_starts(MONTHS)
    months = _in_local_months(await uow.dashboard.interview_funnel(community, starts), starts, view)
    offers = await uow.interviews.offers(community)
    waiting = await uow.interviews.requests(community, (RequestStatus.OPEN,))
    volunteers = await uow.dashboard.former_requesters_volunteering(community)
    lacking = unmet(offers, waiting)
    return Page(
        slug="interviews",
        title="Informational interviews",
        intro=f"Requests, volunteers and conversations over the last {MONTHS} months.",
        numbers=(
            Number("Volunteers", len(offers)),
            Number("Requests waiting", len(waiting)),
            Number("Former requesters who now volunteer", len(volunteers)),
        ),
        charts=(_funnel_chart(months, "Interview requests"),),
        tables=(
            _funnel_table(
                months, "Interview requests", "Ended well: the requester said it helped."
            ),
            Table(
                "unmet",
                "Asked for, and nobody here offers",
                ("Kind", "Asked for", "Requests waiting"),
                [(kind, what, str(n)) for (kind, what), n in lacking.most_common()],
                empty="Every role and industry asked for has a volunteer.",
            ),
            Table(
                "paid-forward",
                "Former requesters who now volunteer",
                ("Member", "Role", "Industry"),
                [(v.display_name, v.role, v.industry) for v in volunteers],
                empty="Nobody yet.",
            ),
        ),
    )


__all__ = ["interviews_page", "mentoring_page"]
