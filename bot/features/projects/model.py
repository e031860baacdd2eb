"""Projects: an idea scoped before it is built, the team that builds it, its milestones, and
what it ships. And, for the consent-first engine, members asking to join a team."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.features.proposals.model import RequestStatus


class ProjectSize(StrEnum):
    WEEKEND = "weekend"
    MONTH = "month"
    QUARTER = "quarter"


class ProjectStatus(StrEnum):
    OPEN = "open"  # being built (and, if `active`, taking teammates)
    PAUSED = "paused"
    SHIPPED = "shipped"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class ScopeStep:
    """One step of scoping a project: its answer's name, the form's label, and the prompt."""

    name: str
    label: str
    prompt: str


# The scoping steps after naming the problem, in the order a good project is thought through.
# Five, so the whole form fits one Discord modal.
SCOPE_STEPS = (
    ScopeStep(
        "solutions",
        "Ways you could solve it",
        "Brainstorm a few ways to solve the problem, even rough ones. Which will you try first?",
    ),
    ScopeStep(
        "feasibility",
        "Data, similar work, first version",
        "Is there data you can use? Has anyone built something similar? "
        "What would the smallest working first version need?",
    ),
    ScopeStep(
        "value",
        "Who it helps and what success is",
        "Who benefits, and how much? What would tell you it worked?",
    ),
    ScopeStep(
        "milestones",
        "Milestones, one per line",
        "Milestones with a bar you can measure, one per line: for the model "
        "(e.g. 80% accuracy on a held-out set) and for its use (e.g. 5 people tried it).",
    ),
    ScopeStep(
        "resources",
        "Data, compute, people, time",
        "What will it take: data, compute, people, and hours a week?",
    ),
)


@dataclass(frozen=True)
class Project:
    id: int
    community_id: str
    owner_id: str
    title: str
    problem: str
    size: ProjectSize
    status: ProjectStatus
    created_at: datetime
    updated_at: datetime  # the last sign of life: scoping, a milestone, a teammate, shipping
    topics: tuple[str, ...] = ()
    looking_for: tuple[str, ...] = ()  # skills the owner wants on the team
    capacity: int = 2  # teammates besides the owner
    private: bool = False  # only the team sees it (not in /project list or portfolios)
    scope: Mapping[str, str] = field(default_factory=dict)  # answers by ScopeStep.name
    link: str | None = None
    summary: str | None = None
    shipped_at: datetime | None = None
    # The engine's view: the owner's offer of places on the team. `active` while taking
    # teammates; `expired_in_a_row` counts join questions the owner left unanswered.
    active: bool = True
    expired_in_a_row: int = 0
    confirmed_at: datetime | None = None

    @property
    def member_id(self) -> str:
        """The provider the engine asks: the owner."""
        return self.owner_id

    @property
    def is_open(self) -> bool:
        return self.status is ProjectStatus.OPEN


@dataclass(frozen=True)
class Teammate:
    community_id: str
    project_id: int
    member_id: str
    joined_at: datetime
    is_owner: bool = False


@dataclass(frozen=True)
class Milestone:
    id: int
    community_id: str
    project_id: int
    position: int
    text: str
    done_at: datetime | None = None
    done_by: str | None = None


@dataclass(frozen=True)
class JoinRequest:
    """A member asking to join a team: one named project, or any team that needs what they
    bring (`topics`)."""

    id: int
    community_id: str
    member_id: str
    goal: str  # their note to the owner
    status: RequestStatus
    created_at: datetime
    project_id: int | None = None
    topics: tuple[str, ...] = ()
    waiting_told_at: datetime | None = None


class JoinStatus(StrEnum):
    """The engine's question statuses; an accepted question is a place on the team."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RELEASED = "released"


@dataclass(frozen=True)
class JoinQuestion:
    """An owner asked whether a member may join their team."""

    id: int
    community_id: str
    request_id: int
    joiner_id: str
    owner_id: str
    project_id: int
    score: int
    explanation: str
    status: JoinStatus
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None = None

    @property
    def seeker_id(self) -> str:
        return self.joiner_id

    @property
    def provider_id(self) -> str:
        return self.owner_id
