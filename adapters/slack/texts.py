"""What the Slack adapter itself says: the install pages people see in their browser."""

INSTALL_TITLE = "Add liftup to Slack"
INSTALL_PAGE = (
    "<p>liftup brings mentoring matches, weekly check-ins, informational interviews and a kind "
    "word when it's needed to your workspace. Your workspace becomes its own community: "
    "nothing in it is shared with any other.</p>"
    '<p><a class="button" href="{url}">Add to Slack</a></p>'
    "<p>This button works once, within ten minutes. Slack will show you what liftup asks to "
    "do before anything is installed.</p>"
)
INSTALLED_TITLE = "liftup is in"
INSTALLED = (
    "<p>liftup is now part of {workspace}. I've sent you a direct message in Slack with the "
    "first steps, and <code>/help</code> there shows every command.</p>"
    "<p>You can close this page.</p>"
)
INSTALL_FAILED_TITLE = "The install didn't finish"
_START_AGAIN = '<a href="{install}">start again</a>'
INSTALL_FAILED = {
    "access_denied": "<p>The install was cancelled, so nothing changed. Whenever you're ready, "
    + _START_AGAIN
    + ".</p>",
    "invalid_state": "<p>This install link was already used or is more than ten minutes old, "
    "so I couldn't trust it and nothing was installed. Please " + _START_AGAIN + ".</p>",
    "invalid_browser": "<p>This install was started in another browser (or its cookie was "
    "cleared), so I couldn't trust it and nothing was installed. Please "
    + _START_AGAIN
    + " in this one.</p>",
    "other": "<p>Slack didn't complete the install ({reason}), so nothing was installed. "
    "Please " + _START_AGAIN + "; if it keeps failing, tell whoever runs liftup for you.</p>",
}
