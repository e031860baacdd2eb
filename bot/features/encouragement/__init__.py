"""Encouragement: a careful listener, a wins journal, peer kudos and crisis-safe replies."""

from bot.commands import Catalogue
from bot.features.encouragement import commands as _commands
from bot.features.encouragement import listener as _listener

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_listener.commands)
