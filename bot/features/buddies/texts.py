"""What study buddies says. Original writing, warm and short."""

# --- members ---------------------------------------------------------------------------------

JOINED = (
    "You're in! Every round I'll introduce you to another member learning alongside you.{when}"
    "\n`/buddies skip` sits out one round, `/buddies leave` stops it."
)
UPDATED = "Updated: next round I'll pair you with what you've told me now.{when}"
NEXT_ROUND = "\nThe next round starts {when}."
NOT_SCHEDULED = (
    "\nRounds haven't been scheduled yet; I'll include you as soon as an admin sets them up."
)
PAUSED_ROUNDS = "\nRounds are paused by the admins for now; you'll be in the first one back."
NOT_IN = "You haven't joined study buddies. `/buddies join` is all it takes."
LEFT = "You've left study buddies. You're welcome back any time with `/buddies join`."
LEFT_MID_ROUND = " I've let {group} know, kindly, so they aren't left waiting."
SKIPPING = "Got it: you'll sit out the round starting {when}, and be back in the one after."
SKIP_NOTHING = "There's no round coming up to skip: rounds are paused or not scheduled yet."
ALREADY_SKIPPING = "You're already sitting out the round starting {when}."

STATUS_TITLE = "Study buddies"
STATUS_TOPICS = "Learning together"
STATUS_NOTE = "Your note"
STATUS_NEXT = "Next round"
STATUS_NOW = "This round"
STATUS_HISTORY = "Recent buddies"
STATUS_NONE_NOW = "Not in a group this round."
STATUS_SKIPPING = "{when} (you're sitting this one out)"
STATUS_NO_SCHEDULE = "Not scheduled yet"
STATUS_PAUSED = "Paused by the admins"
NO_TOPICS = "anything (add topics so I can match you better)"

# --- a round ---------------------------------------------------------------------------------

SPACE_TITLE = "Study buddies: {day}"
INTRO = (
    "Meet your study {buddy}: {members}!\n"
    "Why you: {reasons}\n\n"
    "{about}\n\n"
    "To start: share one thing each of you learned this week, then pick one tiny habit to keep "
    "together until {ends}, e.g. 20 minutes on the same course twice a week. "
    "A short call or a thread of messages both count."
)
BUDDY_WORD = {2: "buddy", 3: "buddies"}
ABOUT_LINE = "{who}: learning {topics}{note}"
NOTE_PART = ". Note: {note}"
NO_REASONS = "you both signed up to learn with someone, which is the best reason there is."
NO_REASONS_THREE = "you all signed up to learn with someone, which is the best reason there is."
PAIR_REASON = "{a} and {b}: {reasons}"
ROUND_POST = (
    "The study buddies round of {day} has started: {groups} for {members}. "
    "Check your private spaces! Want in next time? `/buddies join`."
)
ALONE = (
    "You were the only one taking part this round, so there's nobody to pair you with yet. "
    "I'll try again next round; tell a friend about `/buddies join`!"
)
ASK_MET = "Halfway through this round: did you and {others} manage to meet?"
MET_YES = "Yes, we met"
MET_NOT_YET = "Not yet"
MET_NO = "We couldn't"
THANKS_YES = "Lovely, thanks for telling me! Keep the tiny habit going."
THANKS_NOT_YET = "No problem, there's still time before {ends}. A ten-minute chat counts."
THANKS_NO = "Thanks for saying. It happens; I'll find you someone new next round."
NOT_YOUR_GROUP = "This question was for someone else's group."
ROUND_OVER = "That round is over now, so there's nothing to answer."

PARTNER_LEFT = (
    "A heads-up: your study buddy has stepped out of buddies this round. It isn't about you! "
    "You'll be in the next round as usual."
)
PARTNER_LEFT_THREE = (
    "A heads-up: one of your group has stepped out of buddies this round. "
    "The two of you can carry on together."
)

# --- admins ----------------------------------------------------------------------------------

SETUP_NEEDS = "To start study buddies, give {missing} too."
SETUP_SAVED = (
    "Study buddies is set up: {cadence} rounds, {size}, starting {weekday}s at {time} "
    "({timezone}), announced in {channel}. The first round opens {when}."
)
SIZES = {2: "pairs", 3: "groups of three"}
PAUSED = "Study buddies is paused. A round in progress finishes; no new round opens."
RESUMED = "Study buddies is back on. The next round opens {when}."
ALREADY_PAUSED = "Study buddies is already paused."
NOT_PAUSED = "Study buddies isn't paused."
NOT_SET_UP = "Study buddies isn't set up here yet: `/admin buddies setup` starts it."
STATS_TITLE = "Study buddies"
STATS_SCHEDULE = "Schedule"
STATS_PEOPLE = "Taking part"
STATS_ROUNDS = "Recent rounds"
STATS_ROUND = "{day}: {groups}, {met} met, {answered} answered"
STATS_NO_ROUNDS = "No rounds yet."
WEEK_FIELD = "Study buddies"
WEEK_MET = "{groups} met this week"
