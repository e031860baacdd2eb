"""Project teams as the consent-first engine sees them: a member asks to join (one named team,
or any team that needs what they bring), and the team's lead is asked first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.context import Context
from bot.features.projects import texts
from bot.features.projects.model import JoinQuestion, JoinRequest, JoinStatus, Project
from bot.features.proposals import Market, MarketTexts, Opening, person
from bot.hooks import Away
from bot.matching import TEAMMATES, Person
from bot.models import Member, Profile
from bot.outbox import queue_dm
from bot.ports import UnitOfWork
from bot.replies import Field, Reply, mention
from bot.settings import CommunitySettings

# A joiner must bring at least one topic the team lacks; anything more is a better fit.
MINIMUM_FIT = 20


def lacking(project: Project, known: set[str]) -> tuple[str, ...]:
    """What the team still needs: what the lead is looking for (or, if they didn't say, the
    project's topics), less what the team already knows."""
    wanted = project.looking_for or project.topics
    return tuple(t for t in wanted if t not in known)


class TeammatesMarket(Market):
    feature = "projects"
    prefix = "team"
    question_key = "team-question"
    seeker_word = "joiner"
    provider_word = "project lead"
    weights = TEAMMATES
    texts = MarketTexts.of(texts)
    # TEAMMATES needs a shared topic already (need_topic): a joiner must bring something the
    # team lacks. Saying it again here would only cost the round a second pass.

    def minimum(self, settings: CommunitySettings) -> int:
        return MINIMUM_FIT

    async def openings(
        self,
        uow: UnitOfWork,
        community_id: str,
        now: datetime,
        only: Sequence[str] | None = None,
    ) -> list[Opening]:
        projects = await uow.projects.offers(community_id, member_ids=only)
        free = await uow.projects.free_places([p.id for p in projects])
        return [Opening(p, free.get(p.id, 0)) for p in projects]

    async def with_room(self, uow: UnitOfWork, community_id: str, now: datetime) -> set[str]:
        return await uow.projects.with_room(community_id)

    def seeker(self, request: JoinRequest, member: Member, profile: Profile | None) -> Person:
        return person(member.id, profile, request.topics)

    def provider(self, offer: Project, member: Member, profile: Profile | None) -> Person:
        # The team's side of the fit is what it lacks; what the team knows is read once a
        # round would be costly, so the lead's own topics stand for it.
        known = set(profile.topics_known) if profile else set()
        return person(member.id, profile, lacking(offer, known))

    async def kept_apart(
        self,
        uow: UnitOfWork,
        community_id: str,
        settings: CommunitySettings,
        now: datetime,
        only: JoinRequest | None = None,
    ) -> Callable[[JoinRequest], set[str]]:
        asked = await uow.projects.asked_owners(community_id, only.id if only else None)
        on_team = await uow.projects.leads_of_teams(community_id, only.member_id if only else None)
        lead_of: dict[int, str] = {}
        if only is None or only.project_id is not None:  # only an ask to join one team needs it
            lead_of = {p.id: p.owner_id for p in await uow.projects.offers(community_id)}
        everyone = set(lead_of.values())
        nobody: set[str] = set()

        def apart(request: JoinRequest) -> set[str]:
            # A named team's lead alone may be asked; nobody twice; never a team you're on.
            kept = asked.get(request.id, nobody) | on_team.get(request.member_id, nobody)
            if request.project_id is not None:
                kept = kept | (everyone - {lead_of.get(request.project_id, "")})
            return kept

        return apart

    async def waiting_reason(
        self,
        uow: UnitOfWork,
        request: JoinRequest,
        settings: CommunitySettings,
        now: datetime,
        cache: dict[str, Any],
    ) -> str:
        return texts.WAITING.format(topics=", ".join(request.topics) or "what you know")

    def question_fields(
        self, request: JoinRequest, profiles: dict[str, Profile]
    ) -> tuple[Field, ...]:
        fields = [Field("Brings", ", ".join(request.topics))] if request.topics else []
        joiner = profiles.get(request.member_id)
        if joiner is not None and joiner.bio:
            fields.append(Field("About them", joiner.bio))
        return tuple(fields)

    def keeps_looking(self, request: JoinRequest) -> bool:
        return request.project_id is None  # asking to join one team is about that team only

    async def stopped_looking(
        self,
        uow: UnitOfWork,
        request: JoinRequest,
        question: JoinQuestion,
        status: str,
        now: datetime,
    ) -> None:
        if status == JoinStatus.RELEASED:
            return  # the engine told them already (lead away, gone or unreachable)
        project = await uow.projects.project(question.project_id)
        title = project.title if project else "that project"
        text = texts.NOT_ANSWERED if status == JoinStatus.EXPIRED else texts.NOT_THIS_TIME
        note = Reply(text=text.format(owner=mention(question.owner_id), title=title))
        key = f"team-not-this-time:{question.id}"
        await queue_dm(uow, request.community_id, request.member_id, key, note, now)

    async def partner_away(self, ctx: Context, uow: UnitOfWork, away: Away) -> None:
        """On erasure, a lead's teams pass to their longest-standing teammate and a teammate's
        place is freed; the team is told, never by name. A project nobody else is on goes with
        its lead's data."""
        if away is not Away.ERASED:
            return
        community, me, now = ctx.community_id, ctx.actor.id, ctx.now
        for project in await uow.projects.projects(community, member_id=me):
            team = [t.member_id for t in await uow.projects.team(project.id)]
            others = [m for m in team if m != me]
            if not others:
                continue  # nobody else is on it: it goes with its lead's data
            if project.owner_id == me:
                lead = others[0]  # the longest-standing teammate
                await uow.projects.make_owner(project.id, lead)
                await uow.projects.save_project(replace(project, owner_id=lead, updated_at=now))
                text = texts.NEW_LEAD.format(title=project.title, lead=mention(lead))
            else:
                text = texts.TEAMMATE_LEFT.format(title=project.title)
            for member_id in others:
                key = f"team-member-left:{project.id}:{len(team)}:{member_id}"
                await queue_dm(uow, community, member_id, key, Reply(text=text), now)


MARKET = TeammatesMarket()
