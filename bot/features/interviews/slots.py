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
    """Up to `count` half-hour slots in the next `days` days that suit both: one a day on
    alternate working days where possible, each in the middle of that day's shared hours."""
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
    # Working days first (a chat about someone's job fits a working day), weekends if need be.
    weekdays = [s for s in best_per_day if _weekday_for_both(s, zone_a, zone_b)]
    for days_pool in (weekdays, best_per_day):
        spread = days_pool[::2]
        if len(spread) >= count:
            return spread[:count]
    return (weekdays or best_per_day)[:count]


def _weekday_for_both(moment: datetime, zone_a: str, zone_b: str) -> bool:
    return all(moment.astimezone(ZoneInfo(z)).weekday() < 5 for z in (zone_a, zone_b))
