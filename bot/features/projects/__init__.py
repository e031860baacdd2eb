"""Projects: scope an idea, build it with teammates found consent-first, ship it, and keep a
portfolio that shows how a member grew."""

from bot.features.projects.commands import commands

__all__ = ["commands"]
