"""Modals generated from a command's options, and their submitted values read back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ConversationFilter,
    ConversationMultiSelectElement,
    ConversationSelectElement,
    InputBlock,
    InputInteractiveElement,
    NumberInputElement,
    PlainTextInputElement,
    PlainTextObject,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
    UserSelectElement,
)
from slack_sdk.models.blocks import Option as SelectOption
from slack_sdk.models.views import View

from bot.commands import Command
from bot.options import (
    WEEKDAYS,
    Boolean,
    ChannelList,
    ChannelOption,
    Choice,
    Integer,
    MemberOption,
    Option,
    Text,
    TimeOfDay,
    Topics,
    Weekday,
)

CALLBACK_PREFIX = "lu-modal:"
TITLE, LABEL, MAX_OPTIONS = 24, 2000, 100


PRIVATE_METADATA = 3000  # characters Slack carries for us from a modal to its submission


def _plain(text: str, limit: int) -> PlainTextObject:
    return PlainTextObject(text=text if len(text) <= limit else text[: limit - 1] + "…")


def _options(texts: Sequence[str]) -> list[SelectOption]:
    return [SelectOption(text=_plain(text, 75), value=text[:150]) for text in texts]


def element(option: Option, choices: list[str]) -> InputInteractiveElement:
    """The input element for an option kind; `choices` are the core's list where one applies."""
    action = option.name
    if isinstance(option, Boolean):
        return StaticSelectElement(action_id=action, options=_options(("yes", "no")))
    if isinstance(option, Integer):
        return NumberInputElement(
            action_id=action,
            is_decimal_allowed=False,
            min_value=str(option.min_value),
            max_value=str(option.max_value),
        )
    if isinstance(option, MemberOption):
        return UserSelectElement(action_id=action)
    if isinstance(option, ChannelOption | ChannelList):
        where = ConversationFilter(include=["public", "private"], exclude_bot_users=True)
        if isinstance(option, ChannelOption):
            return ConversationSelectElement(action_id=action, filter=where)
        return ConversationMultiSelectElement(action_id=action, filter=where)
    if isinstance(option, TimeOfDay):
        return TimePickerElement(action_id=action)
    if isinstance(option, Weekday):
        return StaticSelectElement(action_id=action, options=_options(WEEKDAYS))
    if isinstance(option, Topics) and choices:
        return StaticMultiSelectElement(action_id=action, options=_options(choices[:MAX_OPTIONS]))
    if isinstance(option, Choice) and choices:
        return StaticSelectElement(action_id=action, options=_options(choices[:MAX_OPTIONS]))
    return PlainTextInputElement(
        action_id=action,
        multiline=bool(isinstance(option, Text) and option.multiline),
        max_length=getattr(option, "max_length", 3000) or 3000,
    )


def modal(
    command: Command, choices: dict[str, list[str]], given: dict[str, Any], private_metadata: str
) -> dict:
    """A modal asking for every option not `given` already; `private_metadata` (at most
    PRIVATE_METADATA characters) is how the submission finds the rest. Built with slack_sdk's
    view models, which check Slack's limits as the view is turned into JSON."""
    if len(private_metadata) > PRIVATE_METADATA:
        raise ValueError("the form's state doesn't fit: keep it server-side (keep_form)")
    blocks = [
        InputBlock(
            block_id=option.name,
            optional=not option.required,
            label=_plain(option.name.replace("_", " ").capitalize(), LABEL),
            hint=_plain(option.description, LABEL),
            element=element(option, choices.get(option.name, [])),
        )
        for option in command.options
        if option.name not in given
    ]
    view = View(
        type="modal",
        callback_id=CALLBACK_PREFIX + command.name,
        title=_plain(f"/{command.name}", TITLE),
        submit=_plain("Send", TITLE),
        close=_plain("Cancel", TITLE),
        private_metadata=private_metadata,
        blocks=blocks[:100],
    )
    return view.to_dict()


def submitted_values(view: dict[str, Any]) -> dict[str, object]:
    """Option values from a view_submission's state, as the core's validators expect them."""
    values: dict[str, object] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for action in actions.values():
            kind = action.get("type")
            if kind == "multi_static_select":
                picked = [o["value"] for o in action.get("selected_options") or []]
                values[block_id] = ", ".join(picked) if picked else None
            elif kind == "static_select":
                selected = action.get("selected_option")
                values[block_id] = selected["value"] if selected else None
            elif kind == "users_select":
                values[block_id] = action.get("selected_user")
            elif kind == "conversations_select":
                values[block_id] = action.get("selected_conversation")
            elif kind == "multi_conversations_select":
                values[block_id] = ", ".join(action.get("selected_conversations") or []) or None
            elif kind == "timepicker":
                values[block_id] = action.get("selected_time")
            else:
                values[block_id] = action.get("value")
    return {k: v for k, v in values.items() if v not in (None, "")}
