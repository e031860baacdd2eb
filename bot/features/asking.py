"""What mentoring and interviews share when they ask someone first: the buttons and the deadline."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.options import format_duration
from bot.replies import Button, ButtonStyle
from bot.timefmt import local_time


def accept_or_decline(action_prefix: str, reference: int) -> tuple[Button, Button]:
    """`<prefix>-accept` and `<prefix>-decline`, both carrying the question's id."""
    ref = str(reference)
    return (
        Button("Accept", f"{action_prefix}-accept", ref, ButtonStyle.PRIMARY),
        Button("Decline", f"{action_prefix}-decline", ref),
    )


def answer_by(expires_at: datetime, zone: str | None, expiry: timedelta) -> str:
    """`Thu 26 Nov 2026, 09:00 (Europe/London), 3d from now`, in the asked person's zone."""
    return f"{local_time(expires_at, zone)}, {format_duration(expiry)} from now"
