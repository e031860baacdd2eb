"""A round's life, driven by ticks: open it once and introduce each group, ask halfway whether
they met, and let a group know kindly when one of them steps out."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import combinations

from bot.commands import Catalogue
from bot.context import Context
from bot.features.buddies import texts
from bot.features.buddies.fit import peer_score
from bot.features.buddies.model import (
    REPEAT_WINDOW,
    Buddy,
    BuddySchedule,
    Group,
    Met,
    Round,
)
from bot.features.buddies.plan import plan_groups
from bot.features.proposals.rounds import person
from bot.hooks import Away
from bot.matching import Person, Score
from bot.outbox import queue, queue_dm
from bot.ports import ChannelPost, PrivateSpace, UnitOfWork
from bot.replies import Button, ButtonStyle, Reply, mention
from bot.runtime import Runtime
from bot.texts import counted
from bot.timefmt import local_time

commands = Catalogue()


@dataclass(frozen=True)
class _Snapshot:
    people: list[Person]
    buddies: dict[str, Buddy]
    met: dict[frozenset[str], int]
    last_three: frozenset[str]


async def _snapshot(
    uow: UnitOfWork, schedule: BuddySchedule, day: date, now: datetime
) -> _Snapshot:
    """Everyone taking part in the round of `day`: joined, not paused, not sitting it out."""
    community_id = schedule.community_id
    paused = await uow.members.paused(community_id, now)
    taking_part = [
        b
        for b in await uow.buddies.buddies(community_id)
        if b.member_id not in paused and b.skip_day != day
    ]
    profiles = await uow.profiles.many(community_id, [b.member_id for b in taking_part])
    people = []
    for buddy in taking_part:
        profile = profiles.get(buddy.member_id)
        topics = buddy.topics or (profile.topics_learning if profile else ())
        people.append(person(buddy.member_id, profile, tuple(topics)))
    met = await uow.buddies.met_lately(community_id, REPEAT_WINDOW)
    last_three: frozenset[str] = frozenset()
    latest = await uow.buddies.rounds(community_id, 1)
    if latest and schedule.group_size == 2:
        last_three = frozenset().union(*await uow.buddies.threes(latest[0].id))
    return _Snapshot(people, {b.member_id: b for b in taking_part}, met, last_three)


def _sentence(reasons: Sequence[str]) -> str:
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:] + "."


# Each pair in a group with its fit, scored once and used for the record and the introduction.
Fits = list[tuple[Person, Person, Score]]


def _fits(people: Sequence[Person], on: date) -> Fits:
    return [(a, b, peer_score(a, b, on)) for a, b in combinations(people, 2)]


def _reasons_of(fit: Score) -> list[str]:
    return [part.reason for part in sorted(fit.parts, key=lambda p: -p.points) if part.reason]


def _reasons(fits: Fits) -> str:
    """Why these people, as kept with the group: what they share, never who they are (the
    record outlives an erasure)."""
    found: list[str] = []
    for _, _, fit in fits:
        found += [r for r in _reasons_of(fit) if r not in found]
    return _sentence(found[:4]) if found else texts.NO_REASONS


def _why(fits: Fits) -> str:
    """Why these people, for their introduction: in a three, each pair by name."""
    if len(fits) == 1:
        return _reasons(fits)
    lines = [
        texts.PAIR_REASON.format(a=a.name, b=b.name, reasons=_sentence(reasons[:2]))
        for a, b, fit in fits
        if (reasons := _reasons_of(fit))
    ]
    return "\n" + "\n".join(lines) if lines else texts.NO_REASONS_THREE


def _introduction(
    people: Sequence[Person],
    fits: Fits,
    buddies: dict[str, Buddy],
    schedule: BuddySchedule,
    round_: Round,
) -> Reply:
    about = []
    for member in people:
        buddy = buddies[member.id]
        note = texts.NOTE_PART.format(note=buddy.note) if buddy.note else ""
        topics = ", ".join(sorted(member.topics)) or texts.NO_TOPICS
        about.append(texts.ABOUT_LINE.format(who=member.name, topics=topics, note=note))
    return Reply(
        text=texts.INTRO.format(
            buddy=texts.BUDDY_WORD[min(len(people), 3)],
            members=", ".join(p.name for p in people),
            reasons=_why(fits),
            about="\n".join(about),
            ends=local_time(round_.ends_at, schedule.timezone),
        )
    )


@commands.due("buddies-open-round")
async def open_rounds(runtime: Runtime, now: datetime) -> int:
    """Open each community's round once, on its day: group everyone taking part outside any
    transaction (a large community takes seconds), then record and introduce them at once."""
    opened = 0
    async with runtime.store.unit(read_only=True) as uow:
        schedules = await uow.buddies.schedules()
    for schedule in schedules:
        day = schedule.round_day(now)
        if day is None or now >= schedule.halfway(day):
            continue  # not yet, or too late to be worth opening: the next one opens on time
        async with runtime.store.unit(read_only=True) as uow:
            if await uow.buddies.round_on(schedule.community_id, day) is not None:
                continue
            snapshot = await _snapshot(uow, schedule, day, now)
        groups = await asyncio.to_thread(
            plan_groups,
            snapshot.people,
            day,
            snapshot.met,
            snapshot.last_three,
            schedule.group_size,
        )
        if await _record_round(runtime, schedule, day, snapshot, groups, now):
            opened += 1
    return opened


async def _record_round(
    runtime: Runtime,
    schedule: BuddySchedule,
    day: date,
    snapshot: _Snapshot,
    planned: list[tuple[int, ...]],
    now: datetime,
) -> bool:
    community_id = schedule.community_id
    async with runtime.store.unit() as uow:
        round_ = Round(0, community_id, day, now, schedule.ends_at(day), schedule.halfway(day))
        round_id = await uow.buddies.open_round(round_)
        if round_id is None:
            return False  # another process opened it first
        round_ = replace(round_, id=round_id)
        # Whoever left while the round was being grouped is left out; nobody is left alone.
        still = await uow.buddies.joined(community_id)
        people = snapshot.people
        groups = [[people[i] for i in group if people[i].id in still] for group in planned]
        alone = [g[0] for g in groups if len(g) == 1]
        groups = [g for g in groups if len(g) >= 2]
        for lone in alone:
            if groups:
                smallest = min(groups, key=len)
                smallest.append(lone)
        placed = {p.id for g in groups for p in g}
        fits = [_fits(g, day) for g in groups]
        rows = [
            (tuple(p.id for p in g), sum(fit.total for _, _, fit in f), _reasons(f))
            for g, f in zip(groups, fits, strict=True)
        ]
        made = await uow.buddies.add_groups(community_id, round_id, rows)
        title = texts.SPACE_TITLE.format(day=f"{day:%d %b}")
        introductions = [
            (
                f"buddies-intro:{round_id}:{group.id}",
                PrivateSpace(group.member_ids, title),
                _introduction(members, fit, snapshot.buddies, schedule, round_),
                None,
            )
            for group, members, fit in zip(made, groups, fits, strict=True)
        ]
        await uow.outbox.enqueue_many(community_id, introductions, now)
        for person_ in snapshot.people:
            if person_.id in still and person_.id not in placed:
                await queue_dm(
                    uow,
                    community_id,
                    person_.id,
                    f"buddies-alone:{day.isoformat()}:{person_.id}",
                    Reply(text=texts.ALONE),
                    now,
                )
        if made:
            text = texts.ROUND_POST.format(
                day=f"{day:%a %d %b}",
                groups=counted(len(made), "group"),
                members=counted(len(placed), "member"),
            )
            await queue(
                uow,
                community_id,
                f"buddies-round:{day.isoformat()}",
                ChannelPost(schedule.channel_id),
                Reply(text=text),
                now,
            )
    return True


@commands.due("buddies-ask-met")
async def ask_met(runtime: Runtime, now: datetime) -> int:
    """Halfway through a round, ask each member still in a group whether they met, once."""
    asked = 0
    async with runtime.store.unit() as uow:
        for round_ in await uow.buddies.rounds_to_ask(now):
            for group in await uow.buddies.groups(round_.id):
                still_in = group.still_in
                if len(still_in) < 2:
                    continue  # their buddy stepped out: there was nobody to meet
                buttons = tuple(
                    Button(label, "buddies-met", f"{group.id}|{met.value}", style)
                    for label, met, style in (
                        (texts.MET_YES, Met.YES, ButtonStyle.PRIMARY),
                        (texts.MET_NOT_YET, Met.NOT_YET, ButtonStyle.SECONDARY),
                        (texts.MET_NO, Met.NO, ButtonStyle.SECONDARY),
                    )
                )
                for member_id in still_in:
                    others = ", ".join(mention(m) for m in still_in if m != member_id)
                    await queue_dm(
                        uow,
                        round_.community_id,
                        member_id,
                        f"buddies-ask:{round_.id}:{member_id}",
                        Reply(text=texts.ASK_MET.format(others=others), buttons=buttons),
                        now,
                    )
                    asked += 1
            await uow.buddies.mark_asked(round_.id, now)
    return asked


async def let_group_know(uow: UnitOfWork, group: Group, leaver: str, now: datetime) -> list[str]:
    """`leaver` steps out of their group mid-round: the others hear it kindly, without being
    told who (on erasure nothing may name them), and are paired as usual next round."""
    await uow.buddies.leave_group(group.id, leaver, now)
    others = [m for m in group.still_in if m != leaver]
    text = texts.PARTNER_LEFT if len(others) == 1 else texts.PARTNER_LEFT_THREE
    for member_id in others:
        await queue_dm(
            uow,
            group.community_id,
            member_id,
            f"buddies-left:{group.id}:{len(others)}:{member_id}",
            Reply(text=text),
            now,
        )
    return others


@commands.on_away
async def stepped_away(ctx: Context, uow: UnitOfWork, away: Away) -> None:
    """A member who pauses or erases their data leaves their group this round; pausing keeps
    their place in buddies for when they are back."""
    group = await uow.buddies.current_group(ctx.community_id, ctx.actor.id, ctx.now)
    if group is not None:
        await let_group_know(uow, group, ctx.actor.id, ctx.now)


async def week_in_buddies(
    uow: UnitOfWork, community_id: str, start: datetime, end: datetime
) -> str | None:
    """For the weekly summary: how many groups said they met during the week."""
    met = await uow.buddies.met_between(community_id, start, end)
    if not met:
        return None
    schedule = await uow.buddies.schedule(community_id)
    noun = "pair" if schedule is None or schedule.group_size == 2 else "group"
    return texts.WEEK_MET.format(groups=counted(met, noun))
