"""Texts the dispatcher and shared machinery say to people, kept together for easy review."""

from datetime import datetime

UNKNOWN_COMMAND = "I don't know the command /{name}. Type /help to see what you can run here."
UNKNOWN_OPTION = "/{command} has no option `{option}`. It takes: {known}."
NO_OPTIONS = "/{command} takes no options."
MISSING_OPTION = "{option}: this one is needed ({accepts})."
NOTHING_CHANGED = "Nothing was changed; fix the value and try again."
ADMIN_ONLY = "Only the community's admins can use /{command}."
ADMIN_ONLY_ACTION = "Only the community's admins can press this button."
UNKNOWN_ACTION = "That button no longer does anything. Run the command again for a fresh one."
APOLOGY = (
    "Sorry, something went wrong on my side and nothing was saved. "
    "If it keeps happening, tell an admin this error id: `{error_id}`."
)
NOT_YOUR_BUTTON = "This button belongs to someone else's message, so I left it alone."
DELIVERY_FAILED_ADMIN = "I couldn't deliver a message to {target}: {reason}. {advice}"
DELIVERY_REASONS = {
    "dms-closed": "their DMs are closed",
    "no-permission": "I lack permission there",
    "unknown-member": "I can't find that member",
    "unknown-channel": "I can't find that channel",
    "unsupported": "the platform can't do that",
    "not-installed": "liftup is no longer installed there",
    "gave-up": "the platform kept refusing it",
}
DELIVERY_ADVICE = {
    "dms-closed": "They can allow DMs from members in their privacy settings; "
    "reach them another way if it matters.",
    "no-permission": "I am missing a permission there; check my role's channel permissions.",
    "unknown-member": "They may have left the community.",
    "unknown-channel": "The channel may have been deleted or renamed; check /admin settings.",
    "unsupported": "This platform cannot do that yet.",
    "not-installed": "Install liftup again (the README's 'Add to Slack' link) to send again.",
    "gave-up": "The platform kept refusing it, so I stopped retrying.",
}
CHANNEL_UNKNOWN = (
    "I can't find {channel} here. Check the spelling, or pick it from the list (on Discord) "
    "or paste its link."
)
CHANNEL_NO_ACCESS = "{channel} is here, but I can't read or post in it yet."
CHANNEL_UNAVAILABLE = (
    "I couldn't look {channel} up just now (the platform didn't answer); try again in a minute."
)
CHANNELS_UNFOUND = "not found in this community, so not in use: {channels}. Set it again."


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count that reads naturally: `1 week`, `2 weeks`, `0 wins`, with the noun agreeing."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def waited(since: datetime, now: datetime) -> str:
    """`since today`, `for 1 day`, `for 12 days`: how long something has waited."""
    days = (now - since).days
    return "since today" if days == 0 else f"for {counted(days, 'day')}"
