"""What the mentoring feature says. Written for this project; warm, short, never pushy."""

OFFER_SAVED = (
    "Thank you for offering to mentor! I'll suggest up to {capacity} at a time who want "
    "to learn {topics}. You'll always be asked first, and you can say no."
)
OFFER_STOPPED = "Done. I won't suggest new mentees. Your current mentorships carry on."
OFFER_STOPPED_RELEASED = " I also withdrew {count} to you, so they can go elsewhere."
NOT_A_MENTOR = "You aren't offering to mentor right now. `/mentor offer` starts."

REQUEST_EXISTS = (
    "You already have a request open since {since}, for {topics}. Shall I replace it with this "
    "one? Any mentor already asked about the old one will hear it's withdrawn. "
    "(`/mentor cancel` withdraws it without a new one.)"
)
REQUEST_REPLACED = "Replaced: your earlier request is withdrawn. "
REQUEST_KEPT = "Okay, your request stays as it was."
REPLACE_GONE = "That choice has expired. Run `/mentor request` again if you'd still like to change."
CANCELLED = "Withdrawn: I've stopped looking for a mentor for you. `/mentor request` any time."
NOTHING_TO_CANCEL = "You have no request open, so there's nothing to withdraw."
WITHDRAWN = (
    "Good news for your inbox: the member I asked you about has withdrawn their request, so "
    "that question is withdrawn too. Thanks for considering it."
)
REQUEST_PAUSED = "You're paused, so I can't look for a mentor now. `/privacy resume` first."
REQUEST_PROPOSED = (
    "Got it. I've asked a mentor who fits you well. Mentors always get to say yes first; "
    "once they do, I'll introduce you both in a private space."
)
REQUEST_CONTINUE = (
    "I've asked {who} whether they'd carry on with you. If now isn't a good time for them, "
    "I'll look for the best fit among everyone else."
)
CONTINUE_ONLY = (
    "`with:` carries on with a mentor you've worked with before, and {who} isn't one yet. "
    "Leave it out and I'll find the best fit for you."
)
ALREADY_WITH = "{who} is already your mentor. `/mentor status` shows how it's going."
REQUEST_WAITING = (
    "Got it. No mentor fits right now, but I'll keep looking on every round and tell you how it's "
    "going within a week."
)

QUESTION_TITLE = "Would you be someone's mentor?"
QUESTION_TEXT = (
    "{seeker} is looking for a mentor. In their words:\n> {goal}\n\n"
    "Why I thought of you: {why}\n\n"
    "Accept and I'll introduce you both. If now isn't a good time, decline and I'll ask someone "
    "else, no explanation needed. I'll read no answer by {deadline} as a no."
)
ACCEPTED = "Wonderful. I've introduced you to {mentee} in a private space."
DECLINED = "Thanks for letting me know. I'll ask someone else, and I'll keep you in mind."
NOT_YOURS = "This question was for another mentor, so I left it alone."
SETTLED = "This one is already settled ({status}). Nothing more to do."
PAUSED_AFTER_LAPSES = (
    "I've asked you about a mentee three times in a row without hearing back, so I've paused "
    "your mentor offer for now. Whenever you're ready, `/mentor offer` switches it back on."
)

INTRO_TITLE = "Meet your mentoring match"
INTRO_TEXT = (
    "{mentee_mention}, meet {mentor_mention}, who offered to mentor here. "
    "{mentor_mention}, meet {mentee_mention}.\n\n"
    "Why you two: {why}\n\n"
    "{mentee}'s goal: {goal}\n\n"
    "A first half hour that tends to go well:\n"
    "• Where each of you is now, and what you hope to get out of this\n"
    "• What would make the next two months a success for {mentee}\n"
    "• How often you'll talk, and where to reach each other in between\n"
    "• One small step {mentee} can take before you next meet\n\n"
    "I'll check in with you both in two weeks."
)

MEET_TITLE = "Did you two meet?"
MEET_TEXT = "It's been a little while since I introduced you to {partner}. Have you met yet?"
MEET_YES = "Lovely! I'll leave you to it. `/mentor end` whenever it has run its course."
MEET_NOT_YET = "No problem. I'll ask once more in a week."
MEET_NOT_YET_FINAL = "Okay. I won't ask again; `/mentor end` frees the slot if it doesn't happen."
MEET_SILENT = (
    "Sorry it hasn't worked out. I've ended this pairing and put your request back in the queue, "
    "so I'll look for another mentor."
)
MEET_PARTNER_LEFT = (
    "{mentee} is looking for a different mentor, so your slot is free again. "
    "Thank you for offering."
)

WAITING_TITLE = "Still looking for your mentor"
WAITING_PREFIX = "A quick update: "
WAITING_NO_TOPIC = (
    "A quick update: no mentor here covers {topics} yet. Telling people you're looking helps: "
    "anyone can `/mentor offer`. If a nearby topic that mentors here do cover would suit you "
    "too, `/mentor cancel` and ask again with it."
)
WAITING_AWAY = (
    "A quick update: the mentors who cover {topics} are taking a break right now. I'll ask them "
    "as soon as they're back, or anyone new who offers."
)
WAITING_FULL = (
    "A quick update: the mentors who cover {topics} are all full right now. I'll ask as soon as "
    "a slot opens or a new mentor joins."
)
WAITING_ASKED = (
    "A quick update: every mentor who covers {topics} has already been asked about this request "
    "and couldn't take it on. I'll ask again if one of them comes back to mentoring, and ask "
    "anyone new who offers."
)
WAITING_PAIRED = (
    "A quick update: the mentors free for {topics} have been paired with you before, and I don't "
    "pair the same two people again so soon. I'll ask anyone new who offers."
)
WAITING_LOW_FIT = (
    "A quick update: the free mentors here fit your request less closely than this community "
    "asks for ({best} of the {needed} points needed). {advice}"
)
WAITING_ADVICE = "Telling me more raises the fit: {steps}."
WAITING_ADVICE_NONE = "I'll keep looking as new mentors join."
ADVICE_STEPS = {
    "overlap": "your time zone (`/profile set timezone:`) so I can count shared hours",
    "role": "the role you're heading for (`/profile set target_role:`)",
    "industry": "the industry you're heading for (`/profile set target_industry:`)",
    "language": "the languages you speak (`/profile set languages:`)",
    "phase": "where you are on the path (`/profile set phase:`)",
}

CONFIRM_TITLE = "Still up for mentoring?"
CONFIRM_TEXT = (
    "You offered to mentor a while ago. Are you still available? One click keeps your offer "
    "on; if I don't hear back within a week I'll pause it, no hard feelings."
)
CONFIRMED = "Thank you! Your offer stays on."
PAUSED_UNCONFIRMED = (
    "I didn't hear back, so I've paused your mentor offer. `/mentor offer` turns it back on "
    "any time."
)

ENDED = "Ended your mentorship with {partner}. Thank you both for taking part."
ENDED_PARTNER = "{who} has wrapped up your mentorship. Thank you for the time you gave it."
NO_MENTORSHIP = "You have no running mentorship to end."
WHICH_MENTORSHIP = "You have more than one mentorship: say which with `with:@name` ({names})."
NOT_WITH = "You have no running mentorship with {who}."
PROVIDER_LEFT = (
    "The mentor I'd asked for you has left the community, so I'm asking someone else. "
    "Nothing for you to do."
)
PROVIDER_AWAY = (
    "The mentor I'd asked for you is taking a break, so I'm asking someone else. "
    "Nothing for you to do."
)
MENTOR_LEFT = (
    "Your mentor has left the community, so your mentorship has ended. I've put your request "
    "back in the queue and I'm looking for someone new."
)
MENTEE_LEFT = (
    "One of your mentees has left the community, so that mentorship has ended and the slot is "
    "free again. Thank you for the time you gave."
)
UNDELIVERED = "I couldn't reach the mentor I'd picked for you, so I'm asking someone else instead."
ROUND_QUEUED = (
    "This community is large, so its full round takes a few seconds: it runs within a minute, "
    "without holding anyone up, and asks the mentors it picks then. New requests are already "
    "asked of their best free mentor as they arrive."
)
