"""Mentoring: members ask, volunteers offer, the bot asks the best mentor first and introduces."""

from bot.commands import Catalogue
from bot.features.mentoring import admin as _admin
from bot.features.mentoring import commands as _commands
from bot.features.mentoring import lifecycle as _lifecycle

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_admin.commands)
commands.include(_lifecycle.commands)
