"""Weekly learning check-ins: an accountability thread, tiny habits, streaks and a summary."""

from bot.commands import Catalogue
from bot.features.checkins import admin as _admin
from bot.features.checkins import commands as _commands
from bot.features.checkins import lifecycle as _lifecycle

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_admin.commands)
commands.include(_lifecycle.commands)
