"""The platforms liftup can serve: one line each. A platform's adapter declares the rest."""

from adapters.discord.settings import DISCORD
from adapters.slack.settings import SLACK
from bot.platforms import PlatformSpec

PLATFORMS: tuple[PlatformSpec, ...] = (DISCORD, SLACK)
