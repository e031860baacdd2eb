"""The dashboard's pages: which figures each shows, in the community's time zone. Each figure
is one query (see DashboardRepository); what may be shown is decided here, never by the
renderer: check-in names only for members who chose `public:on`, encouragement as counts only."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot import texts as core_texts
from bot.features.checkins.model import week_label
from bot.features.checkins.summary import topics_in
from bot.features.dashboard import texts
from bot.features.dashboard.matching_pages import interviews_page, mentoring_page
from bot.features.dashboard.model import Chart, Number, Page, Table, WeekFigures
from bot.features.dashboard.view import View, view_of
from bot.ports import DirectMessage, UnitOfWork
from bot.runtime import Runtime
from bot.texts import counted

CHART_WEEKS = 26
TOPIC_WEEKS = 4
STREAK_BANDS = ((0, 0), (1, 1), (2, 3), (4, 7), (8, 15), (16, None))


def short_week(week: date) -> str:
    return f"W{week.isocalendar()[1]}"


def _participation(weeks: dict[date, WeekFigures]) -> Chart:
    ordered = sorted(weeks)
    return Chart(
        title=f"Check-ins per week, {week_label(ordered[0])} to {week_label(ordered[-1])}",
        labels=[short_week(w) for w in ordered],
        bars=[weeks[w].checked_in for w in ordered],
        bar_name="members who checked in",
        line=[weeks[w].minutes for w in ordered],
        line_name="minutes spent learning",
    )


def _band(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}+ weeks"
    return counted(low, "week") if low == high else f"{low}-{high} weeks"


async def overview_page(view: View, uow: UnitOfWork) -> Page:
    weeks = await uow.dashboard.weeks(view.community_id, view.weeks(CHART_WEEKS))
    this_week = weeks[view.this_week()]
    streaks = await uow.dashboard.streaks(view.community_id)
    wins = await uow.dashboard.shared_wins(view.community_id, 10)
    bands = [
        (
            _band(low, high),
            sum(n for k, n in streaks.items() if low <= k and (high is None or k <= high)),
        )
        for low, high in STREAK_BANDS
    ]
    return Page(
        slug="overview",
        title="Overview",
        intro=(
            f"This week is {week_label(view.this_week())}. Times are in {view.schedule.timezone}."
        ),
        numbers=(
            Number("Members who used liftup", await uow.dashboard.member_count(view.community_id)),
            Number("Checked in this week", this_week.checked_in),
            Number("Minutes this week", this_week.minutes),
            Number("Taking part in check-ins", sum(streaks.values())),
        ),
        charts=(_participation(weeks),),
        tables=(
            Table(
                "participation",
                f"Participation over {CHART_WEEKS} weeks",
                ("Week", "Checked in", "Minutes"),
                [
                    (week_label(w), str(f.checked_in), str(f.minutes))
                    for w, f in sorted(weeks.items(), reverse=True)
                ],
                folded=True,
            ),
            Table(
                "streaks",
                "Current streaks of those taking part",
                ("Streak", "Members"),
                [(label, str(n)) for label, n in bands],
            ),
            Table(
                "wins",
                "Wins shared publicly, newest first",
                ("When", "Member", "Win"),
                [(f"{view.local(w.created_at):%d %b %Y}", w.display_name, w.text) for w in wins],
                empty="No wins shared yet.",
            ),
        ),
    )


async def checkins_page(view: View, uow: UnitOfWork) -> Page:
    community, week = view.community_id, view.this_week()
    weeks = await uow.dashboard.weeks(community, view.weeks(CHART_WEEKS))
    recent = view.weeks(TOPIC_WEEKS)
    mentioned: Counter[str] = Counter()
    for text in await uow.dashboard.learned(community, recent[0], recent[-1]):
        mentioned.update(topics_in(text, view.vocabulary))
    topics = sorted(mentioned, key=lambda t: (-mentioned[t], t))[:10]
    absent = await uow.dashboard.not_checked_in(community, week)
    away = [a for a in absent if a.is_paused(view.now)]
    named = [a for a in absent if a.on_board and not a.is_paused(view.now)]
    unnamed = len(absent) - len(away) - len(named)
    kept = sum(weeks[w].habits_kept for w in recent)
    answered = sum(weeks[w].habits_answered for w in recent)
    return Page(
        slug="checkins",
        title="Check-ins",
        intro=f"Weekly learning check-ins; this week is {week_label(week)}.",
        numbers=(
            Number("Checked in this week", weeks[week].checked_in),
            Number(
                "Not yet this week",
                len(absent) - len(away),
                counted(len(away), "member") + " on a break",
            ),
            Number(
                f"Tiny habits kept, last {TOPIC_WEEKS} weeks",
                f"{kept} of {answered}" if answered else "—",
            ),
        ),
        charts=(_participation(weeks),),
        tables=(
            Table(
                "weeks",
                "Week by week",
                ("Week", "Checked in", "Minutes", "Habits answered", "Habits kept"),
                [
                    (
                        week_label(w),
                        str(f.checked_in),
                        str(f.minutes),
                        str(f.habits_answered),
                        str(f.habits_kept),
                    )
                    for w, f in sorted(weeks.items(), reverse=True)
                ],
            ),
            Table(
                "topics",
                f"Topics mentioned most, last {TOPIC_WEEKS} weeks",
                ("Topic", "Check-ins mentioning it"),
                [(t, str(mentioned[t])) for t in topics],
                empty="No topics mentioned yet.",
            ),
            Table(
                "missing",
                "Not checked in yet this week",
                ("Member",),
                [(a.display_name,) for a in named],
                empty="Nobody who chose to be named.",
                note=(
                    "Only members who chose /checkins settings public:on are named; "
                    f"{counted(unnamed, 'other')} not named, "
                    f"{counted(len(away), 'member')} on a break left out."
                ),
            ),
        ),
    )


async def deliveries_page(view: View, uow: UnitOfWork) -> Page:
    community = view.community_id
    by_reason = await uow.dashboard.delivery_failures(community)
    recent = await uow.outbox.failures(community, 25)
    dm_ids = [m.destination.member_id for m in recent if isinstance(m.destination, DirectMessage)]
    people = await uow.members.many(community, dm_ids)

    def where(destination: object) -> str:
        if isinstance(destination, DirectMessage):
            member = people.get(destination.member_id)
            return f"direct message to {member.display_name if member else 'a former member'}"
        channel = getattr(destination, "channel_id", "")
        return f"channel {channel}"

    def reason(code: str | None) -> str:
        return core_texts.DELIVERY_REASONS.get(code or "", code or "unknown")

    return Page(
        slug="deliveries",
        title="Deliveries",
        intro="Messages liftup could not deliver, and what to do about each kind.",
        numbers=(Number("Undelivered messages", sum(by_reason.values())),),
        tables=(
            Table(
                "reasons",
                "Why, and what to fix",
                ("Reason", "Messages", "What to fix"),
                [
                    (reason(code), str(n), texts.DELIVERY_FIX.get(code, "—"))
                    for code, n in by_reason.items()
                ],
                empty="Every message went out. Nothing to fix.",
            ),
            Table(
                "recent",
                "Most recent",
                ("When", "Where", "Reason"),
                [
                    (
                        f"{view.local(m.created_at):%d %b %H:%M}" if m.created_at else "—",
                        where(m.destination),
                        reason(m.failure_reason),
                    )
                    for m in recent
                ],
                empty="Nothing undelivered.",
            ),
        ),
    )


async def encouragement_page(view: View, uow: UnitOfWork) -> Page:
    counts = await uow.dashboard.encouragement_counts(view.community_id)
    return Page(
        slug="encouragement",
        title="Encouragement",
        intro=(
            "Counts only: what members wrote and who they are stay private, here as everywhere."
        ),
        numbers=(
            Number("Kind replies sent", counts.replies),
            Number("Crisis answers, with moderators alerted", counts.crisis_replies),
            Number("Members who turned the listener off", counts.listening_off),
            Number("Wins logged", counts.wins, f"{counts.wins_shared} shared publicly"),
            Number("Kudos given", counts.kudos),
        ),
    )


@dataclass(frozen=True)
class PageKind:
    slug: str
    title: str
    build: Callable[[View, UnitOfWork], Awaitable[Page]]


PAGES: Sequence[PageKind] = (
    PageKind("overview", "Overview", overview_page),
    PageKind("mentoring", "Mentoring", mentoring_page),
    PageKind("interviews", "Interviews", interviews_page),
    PageKind("checkins", "Check-ins", checkins_page),
    PageKind("deliveries", "Deliveries", deliveries_page),
    PageKind("encouragement", "Encouragement", encouragement_page),
)


async def build_page(runtime: Runtime, community_id: str, slug: str, now: datetime) -> Page | None:
    """The page `slug` of one community, or None if there is no such page."""
    kind = next((p for p in PAGES if p.slug == slug), None)
    if kind is None:
        return None
    async with runtime.store.unit(read_only=True) as uow:
        view = await view_of(runtime, uow, community_id, now)
        page = await kind.build(view, uow)
    return dataclasses.replace(page, zone=view.schedule.timezone)
