"""What encouragement says: our own words, short and warm, and never a pep talk in a crisis."""

# Replies to self-doubt. A member sees each once before any repeats.
POOL = (
    "Feeling like you're faking it usually means you're learning something hard. That's the "
    "job, not a sign you're in the wrong place.",
    "Most people here have felt exactly this. You're in good company, and you belong in it.",
    "Being new at something is a stage you pass through, not a verdict on you.",
    "The people who seem effortless were once where you are; they just kept showing up.",
    "You don't have to know everything. You have to keep going, and you are.",
    "Confusion is what learning feels like from the inside. It passes, and something sticks.",
    "Comparing your first chapter to someone else's tenth is a rigged game. Play your own.",
    "You noticed a gap in what you know. That's exactly how experts get made.",
    "Nobody here was born knowing backprop. Everyone had a first week that felt like this.",
    "Hard weeks are part of the path. One small step today is plenty.",
    "Your worth here isn't measured by how fast you learn. Curiosity and persistence count most.",
    "Doubting yourself often means you care about good work. Keep the care; drop the verdict.",
    "It's okay to not get it yet. 'Yet' is doing a lot of work in that sentence.",
    "Switching into this field takes courage. You already showed some by starting.",
    "The feeling that everyone else is smarter is loud, but it's rarely accurate.",
    "You were accepted, hired or invited for reasons. Other people saw something real.",
    "A little progress every week adds up to a lot more than you can see from here.",
    "Be as patient with yourself as you'd be with a friend learning the same thing.",
    "Asking questions isn't a sign you don't belong. It's how everyone here got better.",
    "Rest counts too. A tired brain judges itself harshly; tomorrow it may see things kinder.",
    "You're allowed to be a work in progress and a valued member at the same time.",
    "Looking back a month from now, today's struggle will likely be something you just know.",
)

# One concrete next step, chosen from what the member already has here.
NEXT_WINS = "You have logged {count} here: `/wins` is worth a read today."
NEXT_STREAK = "You've checked in {weeks} running. That steady habit is what progress looks like."
NEXT_MENTOR = "A mentor can help you see how far you've come: `/mentor request` finds one."
NEXT_POST = "Share one small thing you did this week with the community; people here will cheer."

TITLE = "A note for you"

CRISIS_TEXT = (
    "I'm really sorry things feel this heavy. You don't have to carry this alone.\n\n"
    "{resources}\n\n"
    "If you can, reach out right now to someone you trust."
)
CRISIS_MODERATOR = " A moderator here may also check in with you."
CRISIS_ALERT = (
    "A member may need support: {member} wrote something in {channel} that suggests they could be "
    "in crisis ({link}). Please reach out to them personally, kindly and soon."
)
WORRIED_ALERT = (
    "{member} wrote in {channel} that someone they know may be in crisis ({link}). I've sent "
    "{member} some guidance on supporting that person. They may need support themselves: "
    "please check in with them."
)
ALERT_DM_FIELD = "My private message to them"
ALERT_DM_PENDING = (
    "Not delivered yet, and I can't tell whether it will be. Please don't wait for it: "
    "reach out to them now."
)
ALERT_DM_DELIVERED = "Delivered, with the support resources."
ALERT_DM_FAILED = (
    "**It did not reach them** ({reason}). They have not seen any support resources from me: "
    "please reach out to them now, another way if you can."
)
DM_FAILURES = {
    "dms-closed": "their direct messages are closed",
    "unknown-member": "I couldn't find them; they may have left",
    "no-permission": "I'm not allowed to message them",
    "gave-up": "the platform kept refusing it",
}
ALERT_UPDATE = "Update on {member}: my private message to them: {status}"
THREAD_TITLE = "A note for you"
WORRIED_TEXT = (
    "Thank you for looking out for them. Caring enough to ask is already a real help.\n\n"
    "• If they might be in danger right now, call your local emergency number, and stay with "
    "them (or on the phone) until help arrives.\n"
    "• Ask them plainly whether they are thinking about suicide. Asking does not plant the "
    "idea; it tells them they can talk to you.\n"
    "• Listen more than you advise, take what they say seriously, and help them reach "
    "someone trained:\n\n"
    "{resources}\n\n"
    "This is heavy to carry. Please look after yourself too, and lean on someone you trust."
)
DEFAULT_RESOURCES = (
    "If you are in danger or thinking about ending your life, please call your local emergency "
    "number now, or contact a crisis line in your country. findahelpline.com lists free, "
    "confidential ones around the world."
)

LISTEN_ON = "I'll keep an eye out for you in the channels where encouragement is on."
LISTEN_OFF = (
    "Okay, I won't reply to your messages with encouragement. `/boost` still works whenever "
    "you want one."
)
SETUP_DONE = (
    "Encouragement is on in {channels}: replies go by {mode}, at most once per {cooldown} per "
    "member. Crisis messages always get support resources{moderator}."
)
SETUP_MODERATOR = ", and {channel} is alerted"
SETUP_NO_MODERATOR = (
    "; set a moderator channel with `/admin set key:moderator_channel value:#mods` so a person is "
    "told too"
)

WIN_SAVED = "Logged. That's {count} in your journal. Read them back with `/wins`."
WIN_SHARED = "Logged and shared in {channel}."
WIN_NO_CHANNEL = (
    "Logged privately: this community has no wins channel yet (admins: `/admin set key:"
    "wins_channel value:#wins`)."
)
WIN_POST = "{member} logged a win: {text}"
WINS_EMPTY = "No wins in that time yet. Small ones count: `/win text:…`."
KUDOS_POST = "Kudos to {to} from {sender}: {message}"
KUDOS_PRIVATE = "{sender} sent you kudos: {message}"
KUDOS_SENT = "Sent. It'll also show up in their `/wins`."
KUDOS_SELF = "Kudos to yourself are better logged as a win: `/win text:…`."
KUDOS_LIMIT = "You've sent {limit} kudos today. Thank you for being generous; more tomorrow."
KUDOS_UNKNOWN = "I haven't met {who} here yet, so I can't pass that on."
