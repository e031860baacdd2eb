"""What a "seeker asks, provider consents" feature tells the engine about itself."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from bot.hooks import Away
from bot.matching import Person, Score, Weights
from bot.replies import Field

if TYPE_CHECKING:
    from bot.context import Context
    from bot.models import Member, Profile
    from bot.ports import UnitOfWork
    from bot.settings import CommunitySettings


class Offer(Protocol):
    """A provider's standing offer: a mentor's, an interview volunteer's."""

    @property
    def community_id(self) -> str: ...
    @property
    def member_id(self) -> str: ...
    @property
    def active(self) -> bool: ...
    @property
    def expired_in_a_row(self) -> int: ...


class Request(Protocol):
    """What a seeker asked for."""

    @property
    def id(self) -> int: ...
    @property
    def community_id(self) -> str: ...
    @property
    def member_id(self) -> str: ...
    @property
    def goal(self) -> str: ...
    @property
    def status(self) -> str: ...


class Question(Protocol):
    """One provider asked about one request, and (once accepted) what grew from it."""

    @property
    def id(self) -> int: ...
    @property
    def community_id(self) -> str: ...
    @property
    def request_id(self) -> int: ...
    @property
    def seeker_id(self) -> str: ...
    @property
    def provider_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def expires_at(self) -> datetime: ...


class Asking(Protocol):
    """The part of a feature's repository the engine uses; names are the same in every one."""

    async def offer(self, community_id: str, member_id: str) -> Any: ...
    async def save_offer(self, offer: Any) -> None: ...
    async def remove_offer(self, community_id: str, member_id: str) -> None: ...
    async def requests(
        self, community_id: str, statuses: tuple[Any, ...], member_id: str | None = None
    ) -> list[Any]: ...
    async def set_request_status(self, request_id: int, status: Any, now: datetime) -> None: ...
    async def question(self, question_id: int) -> Any: ...
    async def request(self, request_id: int) -> Any: ...
    async def questions(
        self, community_id: str, status: Any, *, provider_id: str | None = None
    ) -> list[Any]: ...
    async def questions_lapsed(self, now: datetime) -> list[Any]: ...
    async def set_question(self, question_id: int, status: Any, now: datetime) -> None: ...
    async def communities_with_open_requests(self) -> list[str]: ...
    async def round_size(self, community_id: str) -> tuple[int, int]: ...
    async def open_request_ids(self, community_id: str) -> set[int]: ...
    async def requests_waiting_since(self, before: datetime) -> list[Any]: ...
    async def mark_waiting_told(self, request_id: int, now: datetime) -> None: ...
    async def add_questions(
        self, asks: Sequence[tuple[Any, str, int, str]], now: datetime, expires_at: datetime
    ) -> list[Any]: ...
    async def set_requests_status(
        self, request_ids: Sequence[int], status: Any, now: datetime
    ) -> None: ...


@dataclass(frozen=True)
class Opening:
    """A provider with room: `free` more people may be asked about now."""

    offer: Any
    free: int


@dataclass(frozen=True)
class MarketTexts:
    """Everything the engine says on a feature's behalf, in that feature's words. A feature's
    texts module defines each under its field's name in capitals (`QUESTION_TITLE`, ...)."""

    question_title: str
    question_text: str  # {seeker} {goal} {why} {deadline}
    declined: str  # to the provider who declined
    settled: str  # {status}: a button pressed on a question already answered
    not_yours: str  # a button pressed by someone the question wasn't for
    paused_after_lapses: str  # to a provider whose silence paused their offer
    undelivered: str  # to the seeker: the provider never got the question
    provider_away: str  # to the seeker: the provider paused
    provider_left: str  # to the seeker: the provider erased their data
    withdrawn: str  # to the provider: the seeker withdrew the request they were asked about
    waiting_title: str  # above the note that tells a seeker why they still wait

    @classmethod
    def of(cls, texts: ModuleType) -> MarketTexts:
        return cls(**{f.name: getattr(texts, f.name.upper()) for f in fields(cls)})


class Market(ABC):
    """One feature's market. Subclasses set the class attributes and fill in the methods."""

    feature: str  # the repository's name on the unit of work, and the round's lock
    prefix: str  # buttons (`<prefix>-accept`), jobs and outbox keys
    question_key: str  # outbox key of the question DM: `<question_key>:<id>`
    seeker_word: str  # what organisers call each side, e.g. in `/admin mentor pair`
    provider_word: str
    weights: Weights
    texts: MarketTexts
    # Parts of the fit (bot.matching) of which at least one must be present; empty: any fit.
    must_share: frozenset[str] = frozenset()
    lapses_before_pause = 3

    def repo(self, uow: UnitOfWork) -> Asking:
        return getattr(uow, self.feature)

    @abstractmethod
    def minimum(self, settings: CommunitySettings) -> int:
        """The lowest fit worth asking a provider about."""

    @abstractmethod
    async def openings(
        self,
        uow: UnitOfWork,
        community_id: str,
        now: datetime,
        only: Sequence[str] | None = None,
    ) -> list[Opening]:
        """Every active provider (or those of `only`) with the room they have left."""

    @abstractmethod
    async def with_room(self, uow: UnitOfWork, community_id: str, now: datetime) -> set[str]:
        """Who has room now, by member id: `openings` narrowed to ids, in one quick read."""

    @abstractmethod
    def seeker(self, request: Any, member: Member, profile: Profile | None) -> Person: ...

    @abstractmethod
    def provider(self, offer: Any, member: Member, profile: Profile | None) -> Person: ...

    @abstractmethod
    async def kept_apart(
        self,
        uow: UnitOfWork,
        community_id: str,
        settings: CommunitySettings,
        now: datetime,
        only: Any = None,
    ) -> Callable[[Any], set[str]]:
        """For a request, the providers it may not go to (met recently, declined, still
        asked): a few ids, read once for the whole community, or for the one request `only`."""

    @abstractmethod
    async def waiting_reason(
        self,
        uow: UnitOfWork,
        request: Any,
        settings: CommunitySettings,
        now: datetime,
        cache: dict[str, Any],
    ) -> str:
        """Why a request still waits, from the real obstacle, with advice that helps. `cache`
        lives for one pass over many requests: what a community's requests share, read once."""

    @abstractmethod
    def question_fields(self, request: Any, profiles: dict[str, Profile]) -> tuple[Field, ...]:
        """What the provider sees about the seeker beside the question."""

    def keeps_looking(self, request: Any) -> bool:
        """Whether a request whose question closed without a yes waits for the next provider.
        A request meant for one provider only (joining one named team) ends instead."""
        return True

    async def stopped_looking(
        self, uow: UnitOfWork, request: Any, question: Any, status: str, now: datetime
    ) -> None:
        """Tell the seeker a request that doesn't keep looking has ended, and why (`status`:
        declined, expired, released). Markets whose requests always keep looking never call it."""
        return None

    def fits(self, fit: Score) -> bool:
        return not self.must_share or bool(self.must_share & {part.name for part in fit.parts})

    @abstractmethod
    async def partner_away(self, ctx: Context, uow: UnitOfWork, away: Away) -> None:
        """What ends for others under way (not just asked) when a member pauses or erases."""
