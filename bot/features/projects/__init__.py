"""Projects: scope an idea, build it with teammates found consent-first, ship it, and keep a
portfolio that shows how a member grew."""

from bot.commands import Catalogue
from bot.features.projects import admin as _admin
from bot.features.projects import commands as _commands
from bot.features.projects import shipping as _shipping
from bot.features.projects import team as _team

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_team.commands)
commands.include(_shipping.commands)
commands.include(_admin.commands)
