"""Errors a member sees: raised anywhere in the core, shown privately by the dispatcher."""

from __future__ import annotations

from bot import texts
from bot.options import OptionError


class UserError(Exception):
    """Raised by a handler for a mistake the member can fix; they see the message, privately."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OptionErrors(UserError):
    """One or more option values were refused; `errors` keeps them apart for modal fields."""

    def __init__(self, errors: list[OptionError]) -> None:
        super().__init__("\n".join(f"• {e}" for e in errors) + "\n" + texts.NOTHING_CHANGED)
        self.errors = errors
