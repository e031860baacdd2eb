"""`/help`: the commands a member may run, grouped, or the details of one command."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.commands import Catalogue, Command, Permission
from bot.context import Context
from bot.errors import UserError
from bot.options import Text
from bot.ports import UnitOfWork
from bot.replies import Field, Reply

commands = Catalogue()

INTRO = (
    "liftup helps this community grow careers in AI. "
    '`/help command:"profile set"` shows one command in detail.'
)
UNKNOWN = "There's no command called /{name}. `/help` lists the ones there are."
ADMINS_ONLY = "/{name} is for the community's admins."


def _visible(command: Command, ctx: Context) -> bool:
    return command.permission is Permission.MEMBER or ctx.actor.is_admin


def describe_command(command: Command) -> Reply:
    lines = [command.help]
    for option in command.options:
        need = "required" if option.required else "optional"
        lines.append(f"• `{option.name}` ({need}, {option.accepts}): {option.description}")
    if not command.options:
        lines.append("It takes no options.")
    if command.permission is Permission.ADMIN:
        lines.append("_Admins only._")
    return Reply(title=f"/{command.name}", text="\n".join(lines), private=True)


@commands.command(
    "help",
    help="List the commands you can use, or explain one",
    options=(Text("command", 'A command to explain, like "profile set"', max_length=60),),
)
async def show_help(ctx: Context, uow: UnitOfWork, args: Mapping[str, Any]) -> Reply:
    catalogue = ctx.catalogue
    if args["command"]:
        name = " ".join(args["command"].lstrip("/").lower().split())
        command = catalogue.get(name)
        if command is None:
            raise UserError(UNKNOWN.format(name=name))
        if not _visible(command, ctx):
            raise UserError(ADMINS_ONLY.format(name=name))
        return describe_command(command)
    sections: dict[str, list[str]] = {}
    for command in catalogue:
        if _visible(command, ctx):
            top = command.path[0] if len(command.path) > 1 else ""
            sections.setdefault(top, []).append(f"`/{command.name}` {command.help}")
    fields = []
    for top, lines in sections.items():
        heading = catalogue.groups.get((top,), "General") if top else "General"
        fields.append(Field(heading, "\n".join(lines)))
    return Reply(title="What I can do", text=INTRO, fields=tuple(fields), private=True)
