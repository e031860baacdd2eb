"""What one delivery attempt has already done, so a retry continues instead of starting over.

Some messages take several platform calls: a Discord thread is created and then posted in; a
Slack message is posted and then its files are uploaded. If the second call fails, a retry that
starts from the top opens a second thread or posts the message twice. So each finished step is
written to the message's outbox row at once, and the next attempt reads it back.

The progress reaches the messenger through a context variable set by the outbox around each
attempt, rather than through every Messenger method: it belongs to the attempt (like a
request's context), and a messenger called outside the outbox simply has none to keep.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

MAX_NONCE = 25  # Discord's limit on a message nonce


@dataclass
class SendProgress:
    """The steps an outbox row's sending has finished (step name -> what it made, such as a
    thread id), and how to save a new one."""

    message_id: int
    steps: dict[str, str] = field(default_factory=dict)
    save: Callable[[int, dict[str, str]], Awaitable[None]] | None = None

    def nonce(self, step: str) -> str:
        """The same every attempt for this row and step, so a platform that deduplicates by
        nonce (Discord) drops a resend after a crash between sending and recording."""
        return f"lu{self.message_id}.{step}"[:MAX_NONCE]

    async def done(self, **made: str) -> None:
        """Note finished steps (step=what it made); saved at once, because the next call may be
        the one that fails. A failed save is logged, not raised: the message itself went."""
        self.steps.update(made)
        if self.save is not None:
            try:
                await self.save(self.message_id, dict(self.steps))
            except Exception:
                log.exception("could not save the progress of outbox row %s", self.message_id)


_current: ContextVar[SendProgress | None] = ContextVar("liftup_send_progress", default=None)


def current_progress() -> SendProgress | None:
    """The progress of the outbox row being sent by this task, if any."""
    return _current.get()


def sending(progress: SendProgress) -> object:
    """Make `progress` the current one in this task; hand the result to `finished`."""
    return _current.set(progress)


def finished(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
