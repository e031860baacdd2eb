"""The organiser dashboard: sign-in links, sessions and the figures on each page."""

from bot.features.dashboard.commands import commands

__all__ = ["commands"]
