"""Channel options as people type them (#name, a mention, an id), resolved to the platform's
channel ids within the community, with a clear error for each one that can't be used."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot import texts
from bot.channels import ChannelLookup, ChannelProblem, TypedChannel
from bot.commands import Command
from bot.errors import OptionErrors
from bot.options import Option, OptionError, OptionKind

FindChannel = Callable[[TypedChannel], Awaitable[ChannelLookup]]


def channel_problem(typed: TypedChannel, lookup: ChannelLookup) -> str:
    """What an admin reads when a channel they named can't be used, and how to fix it."""
    message = {
        ChannelProblem.NO_ACCESS: texts.CHANNEL_NO_ACCESS,
        ChannelProblem.UNAVAILABLE: texts.CHANNEL_UNAVAILABLE,
    }.get(lookup.problem or ChannelProblem.UNKNOWN, texts.CHANNEL_UNKNOWN)
    text = message.format(channel=typed)
    return f"{text} {lookup.hint}" if lookup.hint else text


async def find_channels(
    option: Option, value: TypedChannel | tuple[TypedChannel, ...], find: FindChannel
) -> str | tuple[str, ...]:
    """The platform ids of the channels typed for `option`, all in this community; raises
    OptionError naming each channel that isn't there or that liftup can't use."""
    typed = value if isinstance(value, tuple) else (value,)
    ids: list[str] = []
    problems: list[str] = []
    for channel in typed:
        lookup = await find(channel)
        if lookup.id is None or lookup.problem is not None:
            problems.append(channel_problem(channel, lookup))
        elif lookup.id not in ids:
            ids.append(lookup.id)
    if problems:
        raise OptionError(option.name, " ".join(problems))
    return tuple(ids) if isinstance(value, tuple) else ids[0]


async def resolve_channel_options(
    command: Command, values: dict[str, Any], find: FindChannel
) -> dict[str, Any]:
    """Channel options arrive as typed; handlers receive ids. All problems are raised at once."""
    errors: list[OptionError] = []
    for option in command.options:
        value = values.get(option.name)
        if option.kind is not OptionKind.CHANNEL or value is None:
            continue
        try:
            values[option.name] = await find_channels(option, value, find)
        except OptionError as exc:
            errors.append(exc)
    if errors:
        raise OptionErrors(errors)
    return values
