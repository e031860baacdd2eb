"""Meeting times two people can both make: 30 minutes inside both their waking hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

WAKING_START, WAKING_END = time(8), time(22)
SLOT = timedelta(minutes=30)
STEP = timedelta(minutes=30)


def _awake(moment: datetime, zone: str) -> bool:
    """The whole half hour falls between 08:00 and 22:00 on one local day."""
    local = moment.astimezone(ZoneInfo(zone))
    end = local + SLOT
    return local.time() >= WAKING_START and end.date() == local.date() and end.time() <= WAKING_END


def both_awake(moment: datetime, zone_a: str, zone_b: str) -> bool:
    return _awake(moment, zone_a) and _awake(moment, zone_b)


def suggest_slots(
    zone_a: str | None,
    zone_b: str | None,
    after: datetime,
    *,
    days: int = 10,
    count: int = 3,
) -> list[datetime]:
    """Up to `count` half-hour slots in the next `days` days that suit both, one a day on
    alternate days, each in the middle of that day's shared hours (not at its edges)."""
    zone_a, zone_b = zone_a or "UTC", zone_b or "UTC"
    start = (after + timedelta(days=1)).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    best_per_day: list[datetime] = []
    for day in range(days):
        day_start = start + timedelta(days=day)
        shared = [
            day_start + STEP * i
            for i in range(48)
            if both_awake(day_start + STEP * i, zone_a, zone_b)
        ]
        if shared:
            best_per_day.append(shared[len(shared) // 2])
    return best_per_day[::2][:count] or best_per_day[:count]
