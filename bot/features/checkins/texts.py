"""What the check-in feature says: encouraging about consistency, never about volume."""

THREAD_TITLE = "Learning check-in — {label}"
THREAD_PROMPT = (
    "A new week of learning starts now. What did you learn, and what tiny habit will you keep "
    "next week? Use `/checkin learned:… minutes:… next:…`, or, once you've joined "
    "(`/checkins join`), reply here in a line or two: your first reply of the week is your "
    "check-in and gets a ✅. Ten minutes a day counts; showing up is the point."
)
LAST_WEEK = "Last week {count} of you checked in{topics}."
LAST_WEEK_TOPICS = ", mostly about {topics}"

CHECKED_IN = "Checked in for {label}. {streak}"
UPDATED = "Updated your check-in for {label}. {streak}"
STREAK_LINE = "Your streak: {current} in a row{freezes}."
FREEZES = ", with {count} banked for a week you miss"
MILESTONE = " That's {weeks} weeks running. Well done for showing up."
FREEZE_EARNED = " Four weeks on: you earned a freeze, so one missed week won't break your streak."
NEXT_SAVED = " Your tiny habit for next week: _{next}_."

STREAK_TITLE = "{who}'s streak"
STREAK_PRIVATE = "{who} keeps their streak to themselves."
NO_CHECKINS = "No check-ins yet. `/checkin learned:…` starts your streak."
NO_CHECKINS_THEM = "{who} hasn't checked in yet, so there's no streak to show."
NO_HISTORY = "Nothing yet. Your first `/checkin` will show up here."

JOINED = (
    "You're in. Each week, check in with `/checkin` or a reply in the week's thread; I'll remind "
    "you before the week closes (`/checkins settings reminders:off` if you'd rather not)."
)
ALREADY_IN = "You're already taking part. `/checkins leave` whenever you want a break."
LEFT = (
    "You've left the weekly check-ins: no more reminders. Your history and streak stay, and "
    "`/checkins join` or a check-in brings you back."
)
NOT_IN = "You aren't taking part in check-ins right now. `/checkins join` starts."
SETTINGS_SHOWN = (
    "Reminders: {reminders}. Named in weekly summaries: {public}. On the streak board: {board}."
)
SETTINGS_SAVED = "Saved. " + SETTINGS_SHOWN

REMINDER = (
    "A gentle nudge: this week's check-in closes {closes}. What did you learn, even if it was "
    "small? `/checkin learned:…` takes a minute. (`/checkins settings reminders:off` stops these.)"
)

SUMMARY_TITLE = "Week in review — {label}"
SUMMARY_EMPTY = "Nobody checked in this week. A fresh week starts now; ten minutes is enough."

SETUP_SAVED = (
    "Check-ins are set: a new thread in {channel} every {weekday} at {time} ({timezone}); "
    "reminders {remind} before the week closes. {state}"
)
SETUP_ON = "The first week opens at the next {weekday} {time}, or now if that time has passed."
SETUP_OFF = "They're switched off for now; `/admin checkins setup enabled:yes` brings them back."
SETUP_CHANGED = (
    "The week in progress keeps its check-ins and now closes {closes}; the new rhythm starts "
    "from there."
)
SETUP_NEEDS = (
    "To set check-ins up the first time I need {missing}. After that you can change any one of "
    "them on its own."
)

MISSING_TITLE = "Not checked in yet, {label}: {count}"
NONE_MISSING = "Everyone taking part has checked in for {label}. Lovely."
MISSING_UNNAMED = "and {count} more who'd rather not be named"
MISSING_AWAY = "({count} on a pause, not counted)"
NOT_SET_UP = "Check-ins aren't set up yet: `/admin checkins setup` first."
ALREADY_ON = "Check-ins are already on."
ALREADY_OFF = "Check-ins are already switched off."
RESUMED = "Check-ins are back on, on their saved schedule. The next week opens on time."
BOARD_TITLE = "Streak board"
BOARD_EMPTY = (
    "Nobody is on the streak board yet. It shows members who choose to: "
    "`/checkins settings public:on` puts you there."
)
BOARD_JOIN = "\n\nOnly those who chose to appear; `/checkins settings public:on` adds you."
BOARD_MENTION = "Streaks of those who chose to share them: `/checkins board`."
