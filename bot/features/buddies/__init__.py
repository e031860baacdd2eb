"""Study buddies: members who opt in are introduced to a peer every week or two, grouped for the
best fit across the whole community, and asked halfway whether they met."""

from bot.commands import Catalogue
from bot.features.buddies import admin as _admin
from bot.features.buddies import commands as _commands
from bot.features.buddies import rounds as _rounds

commands = Catalogue()
commands.include(_commands.commands)
commands.include(_admin.commands)
commands.include(_rounds.commands)
