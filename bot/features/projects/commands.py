"""/project idea|scope|show|list: starting and scoping a project. Teams are in team.py, progress
and shipping in shipping.py, the admins' view in admin.py."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.features.projects import texts
from bot.features.projects.market import MARKET
from bot.features.projects.model import (
    SCOPE_STEPS,
    ProjectSize,
    ProjectStatus,
)
from bot.features.projects.progress import (
    milestone_lines,
    mine,
    named,
    team_ids,
)
from bot.features.proposals import (
    match_soon,
)
from bot.features.proposals.model import RequestStatus
from bot.options import Boolean, ChannelOption, Choice, Integer, Text, Topics
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.texts import counted

commands = Catalogue()
commands.group("project", help=texts.GROUP_HELP)
commands.setting(ChannelOption("showcase_channel", "Channel where shipped projects are shown"), "")

OPEN_OR_PAUSED = (ProjectStatus.OPEN, ProjectStatus.PAUSED)
WAITING = (RequestStatus.OPEN, RequestStatus.PROPOSED)
# Signs that an answer names where the data comes from.
DATA_WORDS = re.compile(
    r"\b(data|dataset|datasets|api|apis|csv|kaggle|scrap\w*|corpus|logs?|survey|collect\w*|"
    r"records|benchmark|huggingface|database|sensor\w*|images|labels?)\b",
    re.IGNORECASE,
)
MEASURABLE = re.compile(r"\d")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")

PROJECT = Text("project", "Which project (its title or #number; default: yours)", max_length=80)


# --- starting and scoping -----------------------------------------------------------------------


@commands.command(
    "project idea",
    help="Start a project: name it and the problem it solves",
    options=(
        Text("title", "A short name for it", required=True, max_length=80),
        Text(
            "problem",
            "The concrete problem it solves (not just “use AI”)",
            required=True,
            max_length=600,
            multiline=True,
        ),
        Topics("topics", "Topics the project is about"),
        Topics("looking_for", "Skills you'd like teammates to bring"),
        Choice(
            "size", "How big: weekend, month or quarter (default month)", choices=tuple(ProjectSize)
        ),
        Integer("capacity", "Teammates besides you (0-6, default 2)", min_value=0, max_value=6),
        Boolean("private", "Only the team sees it (default: the community can)"),
    ),
)
async def idea(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    me = ctx.actor.id
    current = await uow.projects.offer(ctx.community_id, me)
    if current is not None:
        raise UserError(texts.ALREADY_BUILDING.format(title=current.title))
    size = ProjectSize(args["size"] or ProjectSize.MONTH)
    capacity = 2 if args["capacity"] is None else args["capacity"]
    project = await uow.projects.add_project(
        ctx.community_id,
        me,
        args["title"],
        args["problem"],
        size,
        args["topics"] or (),
        args["looking_for"] or (),
        capacity,
        bool(args["private"]),
        ctx.now,
    )
    lines = [texts.IDEA_SAVED.format(title=project.title)]
    lines.append(texts.TAKING_TEAMMATES.format(capacity=capacity) if capacity else texts.SOLO)
    if capacity and not (project.looking_for or project.topics):
        lines.append(texts.SAY_WHAT_YOU_NEED)  # suggestions match on what the team lacks
    shipped = await uow.projects.projects(ctx.community_id, (ProjectStatus.SHIPPED,), member_id=me)
    if size is ProjectSize.QUARTER and not shipped:
        lines.append(texts.FIRST_QUARTER)
    if capacity:
        await match_soon(MARKET, uow, ctx.community_id, ctx.settings, ctx.now)
    return Reply(text="\n\n".join(lines), private=True)


def milestones_in(text: str) -> list[str]:
    """One milestone a line (or `;`-separated), bullets and numbers taken off."""
    if text.strip().casefold() in (texts.NOT_SURE, "-", "?"):
        return []
    parts = [part for line in text.splitlines() for part in line.split(";")]
    return [cleaned for part in parts if (cleaned := BULLET.sub("", part).strip())][:20]


def gaps(answers: Mapping[str, str], milestones: list[str]) -> list[str]:
    """Kind notes on what a plan is missing: measurable milestones, a data source."""
    found = []
    if not any(MEASURABLE.search(m) for m in milestones):
        found.append(texts.GAP_MEASURABLE)
    if not DATA_WORDS.search(answers.get("feasibility", "") + " " + answers.get("resources", "")):
        found.append(texts.GAP_DATA)
    return found


@commands.command(
    "project scope",
    help="Plan a project step by step: solutions, feasibility, value, milestones, resources",
    options=(
        *(
            Text(step.name, step.label, required=True, max_length=1000, multiline=True)
            for step in SCOPE_STEPS
        ),
        PROJECT,
    ),
)
async def scope(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    project = await mine(ctx, uow, args["project"], OPEN_OR_PAUSED)
    answers = {step.name: args[step.name] for step in SCOPE_STEPS}
    milestones = milestones_in(answers["milestones"])
    await uow.projects.save_project(replace(project, scope=answers, updated_at=ctx.now))
    await uow.projects.set_milestones(ctx.community_id, project.id, milestones)
    count = (
        texts.SCOPE_MILESTONES.format(milestones=counted(len(milestones), "milestone"))
        if milestones
        else ""
    )
    lines = [texts.SCOPE_SAVED.format(title=project.title, milestones=count)]
    lines += gaps(answers, milestones)
    return Reply(text="\n\n".join(lines), private=True)


@commands.command(
    "project show",
    help="A project's problem, plan, milestones and team",
    options=(PROJECT,),
)
async def show(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    if args["project"]:
        project = await named(ctx, uow, args["project"])
    else:
        project = await mine(ctx, uow, None, OPEN_OR_PAUSED)
    team = await team_ids(uow, project)
    fields = [Field(texts.SHOW_PROBLEM, project.problem)]
    milestones = await uow.projects.milestones(project.id)
    for step in SCOPE_STEPS:
        listed = step.name == "milestones" and milestones  # shown ticked, below
        if project.scope.get(step.name) and not listed:
            fields.append(Field(step.label, project.scope[step.name]))
    if milestones:
        fields.append(Field(texts.SHOW_MILESTONES, milestone_lines(milestones)))
    fields.append(Field(texts.SHOW_TEAM, ", ".join(mention(m) for m in team), inline=True))
    if project.is_open and project.active:
        free = (await uow.projects.free_places([project.id])).get(project.id, 0)
        fields.append(Field(texts.SHOW_PLACES, str(free), inline=True))
    title = f"{project.title} · {project.size} · {project.status}"
    return Reply(title=title, fields=tuple(fields), private=True)
