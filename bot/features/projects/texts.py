"""What projects say: encouraging about small, finished things, honest about gaps, and in our
own words."""

GROUP_HELP = "Scope a project, build it with teammates, ship it"

IDEA_SAVED = (
    "**{title}** is started, and you lead it. Next, `/project scope` walks you through five "
    "questions that turn an idea into a plan: ways to solve it, data and feasibility, who it "
    "helps, measurable milestones, and what it will take."
)
TAKING_TEAMMATES = (
    "It's open for up to {capacity} teammates: members can ask to join from `/project list`, "
    "and I'll suggest people who know what the team lacks. You say yes or no to each."
)
SAY_WHAT_YOU_NEED = (
    "Tell me what skills you'd like on the team (`/project team looking_for:…`) and I'll "
    "suggest people who have them; members can still ask to join meanwhile."
)
SOLO = "It's a solo project for now; `/project idea … capacity:` on your next one opens a team."
ALREADY_BUILDING = (
    "You're already leading **{title}**. One at a time keeps projects finishable: "
    "`/project ship`, `/project pause` or `/project abandon` it first."
)
FIRST_QUARTER = (
    "A thought, kindly meant: a quarter is a long first project. Many people finish more, and "
    "learn more, by shipping a weekend or month-sized slice first and growing it after."
)

SCOPE_SAVED = "Saved the plan for **{title}**{milestones}."
SCOPE_MILESTONES = " and its {milestones} (`/project milestone done:1` ticks the first)"
GAP_MEASURABLE = (
    "None of the milestones has a number to hit yet. A bar like “F1 above 0.8 on a held-out "
    "set” or “5 people tried it” makes it clear when one is done."
)
GAP_DATA = (
    "I didn't spot a data source. Where the data will come from (a public dataset, an API, "
    "something you'll collect) is worth pinning down before building."
)
NOT_SURE = "not sure yet"

NO_PROJECT = (
    "You aren't on an open project. `/project idea` starts one, and `/project list` shows teams "
    "looking for people."
)
WHICH_PROJECT = "You're on several projects; say which with `project:` ({titles})."
NO_SUCH_PROJECT = "I can't find a project called {name} here. `/project list` shows the open ones."
OWNER_ONLY = "Only the project's lead, {owner}, can do that."
TEAM_ONLY = "Only the team on **{title}** can do that."
NOT_OPEN = "**{title}** is {status}, so that can't change now."

LIST_TITLE = "Projects looking for teammates"
LIST_EMPTY = (
    "No project is looking for teammates right now{topic}. Start one with `/project idea`, or "
    "`/project find-team` and I'll suggest you to teams that need what you know."
)
LIST_LINE = "**{title}** ({size}) led by {owner}: {places} · looking for {looking}"
LIST_HINT = '`/project join project:"{title}"` asks its lead whether you can join.'
ANY_SKILLS = "any skills"

JOIN_ASKED = (
    "I've asked {owner}, who leads **{title}**, whether you can join. They'll say yes or no "
    "within a few days; I'll tell you either way."
)
JOIN_OWN = "You lead **{title}** already."
JOIN_ALREADY = "You're on **{title}**'s team already."
JOIN_PENDING = "You've asked to join **{title}** already; its lead hasn't answered yet."
JOIN_FULL = "**{title}** has no free place right now."
JOIN_NOT_TAKING = "**{title}** isn't taking teammates right now."

FIND_SAVED = (
    "I'll suggest you to teams that need {topics}. Each team's lead says yes or no; you'll hear "
    "either way. `/project cancel` stops it."
)
FIND_NEED_TOPICS = (
    "What would you bring to a team? Say `topics:…`, or list what you know in your profile "
    "with `/profile set topics_known:…`."
)
FIND_ALREADY = "You're already looking for a team (bringing {topics}). `/project cancel` stops it."
CANCELLED = "Done: I've stopped asking teams about you."
NOTHING_TO_CANCEL = "You aren't asking to join any team right now."

QUESTION_TITLE = "Someone would like to join your project"
QUESTION_TEXT = (
    "{seeker} would like to join your team. In their words:\n> {goal}\n\n{why}\n\n"
    "Accept and I'll bring them into the team's space; decline and they'll hear it kindly, "
    "without any reason needed. No answer by {deadline} counts as a no."
)
NO_NOTE = "(no note)"
ACCEPTED = "Welcome aboard: {joiner} is on the team now, and I've opened a space for all of you."
DECLINED = "Thanks for answering. I'll let them know kindly."
NOT_YOURS = "This question was for the project's lead, so I left it alone."
SETTLED = "This one is already settled ({status})."
PAUSED_AFTER_LAPSES = (
    "Three people asked to join your project and heard nothing, so I've stopped suggesting "
    "teammates for now. `/project team capacity:` opens it again when you're ready."
)
_ELSEWHERE = (
    " If you asked for any team that needs you, I'll keep looking; `/project list` shows the "
    "teams looking for people."
)
UNDELIVERED = "I couldn't reach the lead of the team you were suggested to." + _ELSEWHERE
PROVIDER_AWAY = "The lead of the team you asked about is taking a break." + _ELSEWHERE
PROVIDER_LEFT = "The lead of the team you asked about has left the community." + _ELSEWHERE
WITHDRAWN = "The person you were asked about has withdrawn, so there's nothing to answer."
WAITING_TITLE = "Still looking for a team for you"
WAITING = (
    "No team that needs {topics} has a free place right now. `/project list` shows every team "
    "looking for people, and `/project idea` starts your own."
)
NOT_THIS_TIME = (
    "{owner} can't take anyone new on **{title}** this time. It's no judgement of you; "
    "`/project list` shows other teams, and `/project find-team` lets me suggest you."
)
NOT_ANSWERED = (
    "{owner} didn't answer about **{title}** in time, so I've closed your request. "
    "`/project list` shows other teams looking for people."
)

SPACE_TITLE = "Project: {title}"
SPACE_TEXT = (
    "Welcome, {team}! This is the team space for **{title}**.\n\n"
    "The problem: {problem}\n\n{plan}"
    "Tick milestones with `/project milestone done:…`, mention progress in your weekly "
    "`/checkin`, and when it's out in the world, `/project ship` shows it to the community."
)
SPACE_PLAN = "The plan so far:\n{answers}\n\n"
SPACE_NO_PLAN = "There's no plan yet: `/project scope` is a good first thing to do together.\n\n"
JOINED = "You're on the team for **{title}**. Say hello in the team space I've just opened."

MILESTONE_NONE = (
    "**{title}** has no milestones yet; `/project scope` or `milestone add:` sets some."
)
MILESTONE_UNKNOWN = "I can't find milestone {which} on **{title}**; its milestones are:\n{listing}"
MILESTONE_DONE = "Ticked: {text}. {left}"
MILESTONE_ALREADY = "That one was ticked already: {text}."
MILESTONE_ADDED = "Added milestone {number}: {text}."
MILESTONE_WHAT = "Say `done:` (a number or the start of its text) or `add:` (a new milestone)."
MILESTONES_LEFT = "{count} to go."
ALL_MILESTONES = "Every milestone is done: sounds like it may be ready to `/project ship`!"
TEAM_TICKED = "{who} ticked a milestone on **{title}**: {text}"

SHIP_POST = "🚀 {team} shipped **{title}**!\n{summary}\n{link}"
SHIPPED = "Congratulations on shipping **{title}**! It's in your portfolio now{where}."
SHIPPED_WHERE = " and on show in {channel}"
SHIPPED_TEAM = "**{title}** is shipped: congratulations to the whole team! {link}"
BAD_LINK = "link: give the full address, starting with https:// (or http://)"

PAUSED = "**{title}** is paused. {freed}`/project resume` picks it up again."
ABANDONED = (
    "**{title}** is closed. Stopping something that isn't working is a skill too; what you "
    "learned stays with you. {freed}"
)
FREED = "Your teammates are free to join other projects, and I've told them kindly. "
TEAM_PAUSED = (
    "{owner} has paused **{title}** for now. You're free to join other projects in the "
    "meantime; if it starts again, you're still on the team."
)
TEAM_ABANDONED = (
    "{owner} has closed **{title}**. Thank you for the work you put in; `/project list` shows "
    "other teams looking for people."
)
RESUMED = "**{title}** is open again."
NOTHING_PAUSED = "You have no paused project to resume."
JOIN_CLOSED = "**{title}** isn't taking teammates any more, so I've closed your request to join."

LEFT_TEAM = "You've left **{title}**. Thanks for your part in it."
TEAMMATE_LEFT = "A teammate has left **{title}**, so there's a free place on the team again."
OWNER_CANT_LEAVE = (
    "You lead **{title}**: `/project pause` or `/project abandon` it instead, so your "
    "teammates hear what's happening."
)
NEW_LEAD = (
    "**{title}**'s lead has left the community, so {lead} leads it now. Nothing else changes."
)

PORTFOLIO_TITLE = "Shipped projects"
PORTFOLIO_WHOSE = "{who}'s, oldest first:"
PORTFOLIO_EMPTY = "{who} hasn't shipped a project here yet."
PORTFOLIO_EMPTY_YOU = (
    "Nothing shipped yet. A weekend-sized project is a great first entry: `/project idea`."
)
PORTFOLIO_LINE = "{number}. **{title}** ({size}, {when}){topics}{team}\n   {summary} {link}"
WITH_TEAM = " with {names}"

SHOW_TEAM = "Team"
SHOW_PROBLEM = "Problem"
SHOW_MILESTONES = "Milestones"
SHOW_PLACES = "Free places"

ADMIN_TITLE = "Projects"
ADMIN_LINE = (
    "{open} being built ({taking} taking teammates), {shipped} shipped, {paused} paused, "
    "{abandoned} closed; {waiting} members waiting for a team."
)
ADMIN_STALLED = "No sign of life for 4 weeks or more: {titles}"
ADMIN_NONE = "No projects yet. Members start one with `/project idea`."

CHECKIN_TICKED = "\n\nOn **{title}**: {ticked}"
CHECKIN_NEXT = "\n\nNext on **{title}**: {text}"
CHECKIN_NO_MILESTONE = (
    "\n\n**{title}** has no milestone left open: `/project milestone add:` or `/project ship`."
)
WEEK_TICKED = "{milestones} ticked across {teams}"
WEEK_SHIPPED = "shipped: {projects}"
WEEK_FIELD = "Projects"
