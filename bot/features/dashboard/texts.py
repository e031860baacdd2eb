"""What the dashboard says, on the platform and in the browser."""

LINK = (
    "Here is your sign-in link for this community's dashboard:\n{url}\n"
    "It works once and for 15 minutes (until {until} UTC); the session it opens lasts "
    "12 hours. Keep it to yourself: anyone with it can see what you see."
)
OFF = (
    "The web dashboard isn't switched on here. Whoever runs liftup can turn it on with "
    "`[web] enabled = true` in the config (the README's 'The organiser dashboard' says how), "
    "or try it on their own computer with `liftup dashboard --db liftup.db`."
)

LINK_UNKNOWN = "This sign-in link isn't one I made, or it was cut short when it was copied."
LINK_USED = "This sign-in link has already been used; each one opens the dashboard once."
LINK_EXPIRED = "This sign-in link has expired; links last 15 minutes."
GET_A_LINK = (
    "Run /admin dashboard in your community for a new one; it arrives privately, only to you."
)
SIGNED_OUT = "You're signed out. Run /admin dashboard in your community to sign in again."
NO_SESSION = "Please sign in first: run /admin dashboard in your community for a private link."
OTHER_COMMUNITY = (
    "Your session is for another community. Sign in from this one with /admin dashboard."
)
NOT_FOUND = "There's no such page here."

DELIVERY_FIX = {
    "dms-closed": "Ask them to allow DMs from server members, or reach them another way.",
    "no-permission": "Give liftup's role permission to view and post in that channel.",
    "unknown-member": "They have probably left; nothing to fix.",
    "unknown-channel": "Set the channel again in /admin settings; it was deleted or renamed.",
    "unsupported": "Nothing to fix; the platform can't do this.",
    "not-installed": "Install liftup in that workspace again.",
    "gave-up": "Check the platform's status; liftup stopped retrying after repeated refusals.",
}
