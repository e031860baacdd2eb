"""What features hand the catalogue: command and button handlers, channel listeners, due work
run on every tick, and hooks for a member going away or a message finally delivered."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot.replies import Reply

if TYPE_CHECKING:
    from datetime import datetime

    from bot.context import ChannelMessage, Context
    from bot.models import OutboxMessage
    from bot.ports import UnitOfWork
    from bot.runtime import Runtime

Handler = Callable[["Context", "UnitOfWork", Mapping[str, Any]], Awaitable[Reply]]
ActionHandler = Callable[["Context", "UnitOfWork", str], Awaitable[Reply]]
# A listener sees channel messages; it may answer in place (a Reply) or queue messages itself.
Listener = Callable[["Context", "UnitOfWork", "ChannelMessage"], Awaitable[Reply | None]]
# Whether a listener would act on a message, decided by reading only: a message no listener
# wants leaves nothing stored, not even that its author was seen.
ListenerWants = Callable[["Context", "UnitOfWork", "ChannelMessage"], Awaitable[bool]]


@dataclass(frozen=True)
class ListenerSpec:
    act: Listener
    wants: ListenerWants | None = None  # None: every message


# Due work runs on every scheduler tick, finds what is due in the database and does it once.
DueJob = Callable[["Runtime", "datetime"], Awaitable[int]]


class Away(StrEnum):
    """Why a member stops being reachable: a pause (they come back) or erasure (they don't)."""

    PAUSED = "paused"
    ERASED = "erased"


# Run when a member pauses or erases their data (before their rows go): a feature frees whoever
# was waiting on them. On erasure it must not mention them in what it queues: the erasure would
# remove that too.
AwayHook = Callable[["Context", "UnitOfWork", Away], Awaitable[None]]
# Told, in the recording transaction, when a queued message whose key starts with a declared
# prefix has finally gone out or finally failed (the reason then says why).
DeliveryHook = Callable[
    ["Runtime", "UnitOfWork", "OutboxMessage", "str | None", "datetime"], Awaitable[None]
]
