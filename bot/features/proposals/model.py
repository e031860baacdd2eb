"""Where a request and a proposal stand, for every market the engine runs."""

from __future__ import annotations

from enum import StrEnum


class RequestStatus(StrEnum):
    OPEN = "open"  # waiting for a mentor to be asked
    PROPOSED = "proposed"  # a mentor has been asked and not answered yet
    MATCHED = "matched"
    CLOSED = "closed"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RELEASED = "released"  # the mentor stopped mentoring before answering
