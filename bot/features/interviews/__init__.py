"""Informational interviews: career switchers meet people already doing the job they want."""

from bot.commands import Catalogue
from bot.features.interviews import admin as _admin
from bot.features.interviews import commands as _commands
from bot.features.interviews import lifecycle as _lifecycle

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_admin.commands)
commands.include(_lifecycle.commands)
