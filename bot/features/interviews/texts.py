"""What interview pairing says: practical, warm, and in our own words."""

OFFER_SAVED = (
    "Thank you! I'll ask you first before pairing you with anyone, at most {per_month} a month, "
    "about working as {role} in {industry}."
)
OFFER_STOPPED = "Done: no new interview requests will come your way."
OFFER_PAUSED = "; paused for now (`/interview offer` switches it back on)"
NOT_VOLUNTEERING = "You aren't volunteering for interviews right now. `/interview offer` starts."
NEED_ROLE = (
    "Which role do you want to learn about? Say `target_role:…`, or set it once with "
    "`/profile set target_role:…`."
)
NEED_OFFER_ROLE = (
    "Which role and industry can you talk about? Give `role:…` and `industry:…`, or fill them in "
    "with `/profile set`."
)
TOO_MANY = (
    "You already have two requests open; `/interview status` shows them and "
    "`/interview cancel` withdraws one."
)
CANCELLED = "Withdrawn: I've stopped looking for someone in {role} for you."
NOTHING_TO_CANCEL = "You have no interview request open, so there's nothing to withdraw."
WHICH_REQUEST = "You have two requests open; say which with `role:` ({roles})."
NO_SUCH_REQUEST = "You have no open request for {role}; yours are for {roles}."
PAUSED = "You're paused, so I can't pair you now. `/privacy resume` first."

ADVICE_ONE = (
    "You're changing only your {changing} and keeping your {keeping}, the easier path. I'll look "
    "for someone who shares the {keeping} you know."
)
ADVICE_BOTH = (
    "You're changing role and industry at once, which is the harder path. It often helps to do "
    "one first; talking to someone who made either move is a good start."
)
REQUEST_ASKED = "I've asked someone who does that job whether they'd talk to you. {advice}"
REQUEST_WAITING = "Nobody who fits is free right now; I'll keep looking. {advice}"

QUESTION_TITLE = "Would you talk to a career switcher?"
QUESTION_TEXT = (
    "{seeker} would like a short, informal conversation about your work. In their words:\n"
    "> {goal}\n\nWhy you: {why}\n\nAbout 30 minutes, whenever suits you both. Accept and I'll "
    "introduce you with a few times that fit your time zones; decline and I'll ask someone else. "
    "No answer by {deadline} counts as a no."
)
ACCEPTED = "Thank you! I've introduced you to {requester} with some times that suit you both."
DECLINED = "No problem, thanks for saying so. I'll ask someone else."
NOT_YOURS = "This question was for someone else, so I left it alone."
SETTLED = "This one is already settled ({status})."

INTRO_TITLE = "An informational interview"
INTRO_TEXT = (
    "{requester}, meet {volunteer}, who works as {role} in {industry}. {volunteer}, meet "
    "{requester}, who wants to learn what that work is really like.\n\n"
    "{requester}'s goal: {goal}\n\n"
    "Times in the next ten days that fall inside both your waking hours (30 minutes each):\n"
    "{slots}\n\nEither of you can press a time below to settle it, or agree another here and "
    "set it with `/interview time`. I'll remind you both the day before and an hour before."
)
NO_SHARED_HOURS = (
    "Your waking hours don't overlap at all, so suggest a time here that works for one of you "
    "early or late."
)
VOLUNTEER_NOTE = "A note from {volunteer}: {note}"

KIT_TITLE = "Your preparation kit"
KIT_TEXT = (
    "A little preparation makes these conversations far better.\n\n"
    "**Before:** read {volunteer}'s profile, look up their team or company, and note two or "
    "three things you're curious about. Keep it to the time you asked for.\n\n"
    "**Questions worth asking:**\n{questions}\n\n"
    "**After:** thank them the same day, and tell them later what you did with their advice."
)
QUESTIONS = (
    "What does a typical week look like for you?",
    "Which tasks matter most, and which take the most time?",
    "Which skills make the biggest difference in this role?",
    "How does your team work together, and with whom?",
    "How does hiring for this role work where you are?",
    "What made the strongest people you've hired or worked with stand out?",
)
ROLE_QUESTIONS = {
    "ML engineer": "How much of your time goes to data and deployment versus modelling?",
    "Data scientist": "How do you decide which questions are worth answering with data?",
    "MLOps engineer": "What breaks most often in production, and how do you find out?",
    "Research scientist": "How do you choose what to work on next?",
    "AI product manager": "How do you judge when a model is good enough to ship?",
    "Data analyst": "Which tools and which people fill most of your week?",
    "Data engineer": "Which pipelines cause the most trouble, and why?",
}

CHECK_TITLE = "Did your conversation happen?"
CHECK_TEXT = "I suggested some times for you and {partner}. Did you manage to talk?"
HAPPENED = "Wonderful. {thanks}"
THANK_AND_FORWARD = (
    "Remember to thank {volunteer} if you haven't yet. And one day, when you're in your new role, "
    "pay it forward: `/interview offer` lets you be the person someone else needs."
)
NOT_YET = (
    "Okay, I'll ask again on {when}. `/interview done happened:no` closes it if it won't happen "
    "after all."
)
TIME_SET = "Settled: you're talking with {partner} on {when}. I've let them know."
TIME_SET_PARTNER = "{who} settled the time for your conversation: {when}. I'll remind you."
TIME_GONE = "That time isn't one I suggested for this conversation any more."
TIME_PAST = "That time has already passed. Pick a later one, or agree a new one in your chat."
NO_AGREED = "You have no agreed conversation to set a time for."
NEED_ZONE_FOR_TIME = (
    "I need your time zone to read that time right: `/profile set timezone:` (e.g. Europe/London)."
)
REMIND_DAY = "Coming up: your conversation with {partner}, {when}."
REMIND_HOUR = "In about an hour: your conversation with {partner}, {when}. Enjoy it!"
DONE = "Closed. Thank you for taking part."
NO_PAIRING = "You have no interview in progress to close."
WHICH = "You have more than one; say which with `with:@name` ({names})."
PROVIDER_LEFT = (
    "The person I'd asked to talk with you has left the community, so I'm asking someone else."
)
PROVIDER_AWAY = (
    "The person I'd asked to talk with you is taking a break, so I'm asking someone else."
)
PARTNER_LEFT = (
    "The member you were paired with for an informational interview has left the community, "
    "so that pairing is closed. Thank you for taking part."
)
WITHDRAWN = (
    "The member I asked you about has withdrawn their request, so that question is withdrawn "
    "too. Thank you for being willing."
)
NO_ZONE = (
    "{who}, I don't know your time zone yet, so these times follow {other}'s day. "
    "`/profile set timezone:` lets me fit them to you next time."
)
NO_ZONES = (
    "{who}, I don't know your time zone yet, so these times are in UTC. "
    "`/profile set timezone:` lets me fit them to you next time."
)
UNDELIVERED = "I couldn't reach the person I'd picked to talk with you, so I'm asking someone else."
PAUSED_AFTER_LAPSES = (
    "Three requests in a row reached you without an answer, so I've paused your interview offer "
    "for now. No harm done; `/interview offer` switches it back on when you have time."
)

WAITING_TITLE = "Still looking for someone to talk to"
WAITING_PREFIX = "A quick update: "
WAITING_NOBODY = (
    "A quick update: nobody here works as {role} yet. Asking around helps; someone you know may "
    "be glad to volunteer with `/interview offer`. I'll ask the moment someone does."
)
WAITING_AWAY = (
    "A quick update: the people here who do that work are taking a break just now. I'll ask as "
    "soon as one of them is back."
)
WAITING_FULL = (
    "A quick update: the people here who do that work have had all the conversations they "
    "offered this month. Room opens again around {date}, and I'll ask then."
)
WAITING_ASKED = (
    "A quick update: everyone here who does that work has been asked already. I'll ask newcomers "
    "as they join; `/interview cancel` withdraws the request if you no longer need it."
)
WAITING_LOW_FIT = (
    "A quick update: the people who do that work fit you less well than I'd like, mostly because "
    "your waking hours or languages don't meet. Adding your time zone and languages with "
    "`/profile set` helps me find someone."
)
