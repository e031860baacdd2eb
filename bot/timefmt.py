"""Times as a person reads them: in their own time zone when we know it, else in UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def local_time(moment: datetime, zone: str | None) -> str:
    """`Mon 14 Dec 2026, 10:00 (Europe/Berlin)`, or `… 09:00 UTC` without a zone."""
    if not zone or zone == "UTC":
        return f"{moment.astimezone(ZoneInfo('UTC')):%a %d %b %Y, %H:%M} UTC"
    return f"{moment.astimezone(ZoneInfo(zone)):%a %d %b %Y, %H:%M} ({zone})"


def local_date(moment: datetime, zone: str | None) -> str:
    """`Thu 26 Nov` in the member's zone (UTC without one)."""
    return f"{moment.astimezone(ZoneInfo(zone or 'UTC')):%a %d %b}"
