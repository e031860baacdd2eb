"""The moment and place a dashboard page is drawn for: one community, its time zone, its
settings; and the calendar arithmetic its pages share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.features.checkins.model import Schedule, default_schedule
from bot.features.checkins.summary import recent_weeks
from bot.ports import UnitOfWork
from bot.runtime import Runtime
from bot.settings import CommunitySettings
from bot.taxonomy import Vocabulary


@dataclass(frozen=True)
class View:
    community_id: str
    now: datetime
    settings: CommunitySettings
    vocabulary: Vocabulary
    schedule: Schedule  # the check-in week and the community's time zone come from it

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.schedule.timezone)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def this_week(self) -> date:
        return self.schedule.week_of(self.now)

    def weeks(self, count: int) -> list[date]:
        return recent_weeks(self.this_week(), count)

    def month_starts(self, count: int) -> list[datetime]:
        """The starts of the last `count` months (this one included) at local midnight, in
        UTC, and the start of next month to close the last one: count + 1 bounds."""
        local = self.local(self.now)
        year, month = local.year, local.month
        starts = []
        for back in range(count - 1, -2, -1):
            y, m = divmod((year * 12 + month - 1) - back, 12)
            starts.append(datetime(y, m + 1, 1, tzinfo=self.zone).astimezone(UTC))
        return starts


async def view_of(runtime: Runtime, uow: UnitOfWork, community_id: str, now: datetime) -> View:
    settings = await runtime.settings_for(uow, community_id)
    schedule = await uow.checkins.schedule(community_id) or default_schedule(community_id)
    return View(community_id, now, settings, settings.vocabulary(), schedule)
