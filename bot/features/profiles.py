"""Member profiles: career phase, what someone knows and is learning, and where they're headed."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from bot.commands import Catalogue
from bot.context import Context
from bot.errors import UserError
from bot.models import PROFILE_FIELDS, Phase, Profile
from bot.options import Choice, Languages, MemberOption, Text, TextList, TimezoneOption, Topics
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.taxonomy import DEFAULT_TOPICS, PHASES
from bot.timefmt import local_time

commands = Catalogue()
commands.group(
    "profile", help="Your profile: what you know, what you're learning, where you're headed"
)

PHASE_LABELS = {
    Phase.LEARNING: "Learning foundations",
    Phase.PROJECTS: "Doing projects",
    Phase.JOB_SEARCH: "Looking for a job",
}
EDITABLE = PROFILE_FIELDS

SET_OPTIONS = (
    TimezoneOption("timezone", "Your time zone, like Europe/Berlin"),
    Choice("phase", "Where you are now", choices=PHASES),
    Choice("role", "Your current role", choices_from="roles"),
    Choice("industry", "The industry you work in now", choices_from="industries"),
    Choice("target_role", "The role you're working towards", choices_from="roles"),
    Choice("target_industry", "The industry you'd like to work in", choices_from="industries"),
    Topics("topics_known", "Topics you're comfortable with, separated by commas"),
    Topics("topics_learning", "Topics you're learning now, separated by commas"),
    Languages("languages", "Languages you can talk in (en, es, hi…), with commas", max_length=200),
    Text(
        "bio", "A few words about you that other members will see", max_length=300, multiline=True
    ),
    TextList("clear", "Fields to empty, e.g. bio, industry", max_length=200, max_items=10),
)

NO_CHANGES = (
    "Tell me what to change, for example `/profile set timezone:Europe/Berlin phase:projects`. "
    "Anything you leave out stays as it is."
)
UPDATED = "Saved. Anything you didn't mention stays as it was."
NO_PROFILE_OWN = "You have no profile yet. Start with `/profile set timezone:… phase:…`."
NO_PROFILE_OTHER = "{who} hasn't filled in a profile yet."
UNKNOWN_MEMBER = "I haven't met {who} in this community yet."
BAD_CLEAR = "clear: {names} can't be cleared; choose from {allowed}."


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) if value else "—"
    if isinstance(value, Phase):
        return PHASE_LABELS[value]
    return str(value) if value else "—"


def public_fields(profile: Profile) -> tuple[Field, ...]:
    """What any member may see about another: nothing about where they live or their pauses."""
    heading = f"{_text(profile.role)} in {_text(profile.industry)}"
    target = f"{_text(profile.target_role)} in {_text(profile.target_industry)}"
    return (
        Field("Phase", _text(profile.phase), inline=True),
        Field("Now", heading, inline=True),
        Field("Heading for", target, inline=True),
        Field("Knows", _text(profile.topics_known)),
        Field("Learning", _text(profile.topics_learning)),
        Field("Languages", _text(profile.languages), inline=True),
        Field("Bio", _text(profile.bio)),
    )


def own_fields(profile: Profile, ctx: Context) -> tuple[Field, ...]:
    fields = [Field("Time zone", _text(profile.timezone), inline=True), *public_fields(profile)]
    until = ctx.member.paused_until
    if until is not None and ctx.member.is_paused(ctx.now):
        when = local_time(until, profile.timezone)
        fields.append(Field("Paused", f"until {when}; `/privacy resume` ends it sooner"))
    return tuple(fields)


@commands.command(
    "profile set", help="Set parts of your profile; the rest stays", options=SET_OPTIONS
)
async def set_profile(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    clear = {name.replace(" ", "_").lower() for name in args["clear"] or ()}
    wrong = sorted(clear - set(EDITABLE))
    if wrong:
        raise UserError(BAD_CLEAR.format(names=", ".join(wrong), allowed=", ".join(EDITABLE)))
    changes = {name: args[name] for name in EDITABLE if args[name] is not None}
    if not changes and not clear:
        return Reply(text=NO_CHANGES, private=True)
    current = await uow.profiles.get(ctx.community_id, ctx.actor.id) or Profile(
        ctx.community_id, ctx.actor.id
    )
    if "phase" in changes:
        changes["phase"] = Phase(changes["phase"])
    cleared = {name: (() if isinstance(getattr(current, name), tuple) else None) for name in clear}
    values: dict[str, Any] = {**cleared, **changes, "updated_at": ctx.now}
    updated = dataclasses.replace(current, **values)
    await uow.profiles.save(updated)
    return Reply(
        title="Your profile",
        text=UPDATED,
        fields=own_fields(updated, ctx),
        private=True,
    )


@commands.command(
    "profile show",
    help="See your profile, or another member's public one",
    options=(MemberOption("member", "Whose profile to show (leave empty for your own)"),),
)
async def show_profile(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    member_id = args["member"] or ctx.actor.id
    profile = await uow.profiles.get(ctx.community_id, member_id)
    if member_id == ctx.actor.id:
        if profile is None:
            return Reply(text=NO_PROFILE_OWN, private=True)
        return Reply(title="Your profile", fields=own_fields(profile, ctx), private=True)
    member = await uow.members.get(ctx.community_id, member_id)
    if member is None:
        raise UserError(UNKNOWN_MEMBER.format(who=mention(member_id)))
    if profile is None:
        return Reply(text=NO_PROFILE_OTHER.format(who=mention(member_id)), private=True)
    return Reply(
        title=f"{member.display_name}'s profile", fields=public_fields(profile), private=True
    )


@commands.command("topics", help="List the topics you can name in your profile and requests")
async def list_topics(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    fields = [Field(area, ", ".join(topics)) for area, topics in DEFAULT_TOPICS.items()]
    extra = [t for t in ctx.vocabulary.topics if not any(t in a for a in DEFAULT_TOPICS.values())]
    if extra:
        fields.append(Field("This community", ", ".join(extra)))
    return Reply(
        title="Topics",
        text='Separate several with commas, e.g. `topics_known:"python, linear algebra"`. '
        "Case and spacing don't matter.",
        fields=tuple(fields),
        private=True,
    )
