"""Issue 20: projects. Scope an idea through the console's form, a lead answering a request to
join, a teammate suggested for what the team lacks, milestones, shipping to the showcase, a
portfolio in order, closing kindly, and erasure of a lead and of a teammate."""

from __future__ import annotations

from storage.sqlite import SqliteStore
from tests.fakes import table_rows

PRIYA_STARTS = """
/as Ada admin
/admin set key:showcase_channel value:#showcase
/as Priya
/profile set timezone:Europe/London topics_known:"python, nlp"
/project idea title:"Job post classifier" problem:"Career switchers can't tell which AI job posts fit a junior" topics:"nlp, python" looking_for:"pytorch, exploratory data analysis" size:quarter capacity:2
/project scope
Fine-tune a small transformer, or TF-IDF with logistic regression first
Scrape 2,000 public job posts from a jobs API; similar work exists on Kaggle
Juniors save time; success is 10 people saying it helped
Baseline F1 above 0.7 on 200 labelled posts; 5 people try it
Laptop GPU, two people, 5 hours a week
/project show
/as Sam
/profile set timezone:Europe/London topics_known:"pytorch, computer vision"
/project list topic:pytorch
/project join project:"job post" note:"I've trained a few pytorch models and want a team"
/as Priya
/click accept
/as Lee
/profile set timezone:Europe/Berlin topics_known:"exploratory data analysis, probability and statistics"
/project find-team
/as Priya
/click accept
"""

SHIPS = (
    PRIYA_STARTS
    + """/as Sam
/project milestone done:baseline
/project milestone done:1
/as Priya
/project ship link:https://github.com/priya/jobposts summary:"Sorts AI job posts by seniority"
/advance 7d
/project idea title:"Weekend sentiment demo" problem:"Show friends what a sentiment model does" size:weekend capacity:0
/project ship link:example.org summary:"A small demo"
/project ship link:https://priya.dev/sentiment summary:"A small demo for friends"
/portfolio
/as Sam
/portfolio member:priya
/as Ada admin
/admin projects
"""
)


async def test_scope_join_suggest_tick_ship_and_show_a_portfolio(run_script):
    result = await run_script(SHIPS)
    assert result.code == 0, result.text
    idea = result.after(
        '/project idea title:"Job post classifier" problem:"Career switchers can\'t tell which '
        'AI job posts fit a junior" topics:"nlp, python" looking_for:"pytorch, exploratory '
        'data analysis" size:quarter capacity:2'
    )
    assert "you lead it" in idea and "a quarter is a long first project" in idea
    scoped = result.after("/project scope")
    # The console's form asked each scoping question in turn and kept every answer.
    assert "  Ways you could solve it: Fine-tune" in scoped
    assert "its 2 milestones" in scoped and "number to hit" not in scoped
    shown = result.after("/project show")
    assert "Problem: Career switchers" in shown and "Data, compute, people, time: Laptop" in shown
    assert "▫️ 1. Baseline F1 above 0.7" in shown and "▫️ 2. 5 people try it" in shown
    listed = result.after("/project list topic:pytorch")
    assert "Job post classifier (#1) (quarter) led by @Priya: 2 free places" in listed
    asked = result.after(
        '/project join project:"job post" note:"I\'ve trained a few pytorch models and want a team"'
    )
    assert "I've asked @Priya" in asked and "── DM to Priya" in asked
    assert "@Sam brings PyTorch, which @Priya's team still needs" in asked
    accepted = result.after("/click accept", occurrence=0)
    assert "@Sam is on the team now" in accepted
    assert '── private space "Project: Job post classifier" (Priya, Sam)' in accepted
    assert "▫️ 1. Baseline F1 above 0.7" in accepted  # the plan travels into the team space
    # Lee asked for any team: the bot suggests him to Priya for what her team lacks.
    suggested = result.after("/project find-team")
    assert "── DM to Priya" in suggested
    assert "@Lee brings Exploratory data analysis, which @Priya's team still needs" in suggested
    welcomed = result.after("/click accept")
    assert "(Priya, Lee, Sam)" in welcomed and "── DM to Lee" in welcomed
    ticked = result.after("/project milestone done:baseline")
    assert "Ticked: Baseline F1 above 0.7 on 200 labelled posts. 1 to go." in ticked
    assert "── DM to Priya" in ticked and "@Sam ticked a milestone" in ticked
    assert "ticked already" in result.after("/project milestone done:1")
    shipped = result.after(
        '/project ship link:https://github.com/priya/jobposts summary:"Sorts AI job posts by '
        'seniority"'
    )
    assert "on show in #showcase" in shipped
    assert "── #showcase" in shipped and "@Priya, @Lee, @Sam shipped Job post classifier" in shipped
    assert "start with https://" not in shipped
    assert "starting with https://" in result.after(
        '/project ship link:example.org summary:"A small demo"'
    )
    # Oldest first: the quarter-long team project, then the weekend one.
    portfolio = result.after("/portfolio")
    first, second = portfolio.index("1. Job post classifier"), portfolio.index("2. Weekend")
    assert first < second and "(quarter, Nov 2026) · NLP, Python with @Lee, @Sam" in portfolio
    assert "1. Job post classifier" in result.after("/portfolio member:priya")
    overview = result.after("/admin projects")
    assert "0 being built (0 taking teammates), 2 shipped" in overview


CLOSES = (
    PRIYA_STARTS
    + """/project team capacity:3
/as Tomas
/profile set topics_known:"pytorch"
/project join project:#1 note:"Keen to help"
/as Priya
/click decline
/as Kofi
/profile set topics_known:"pytorch"
/project join project:#1 note:"Count me in"
/as Priya
/project abandon
/project show
/as Sam
/project idea title:"Tiny CV app" problem:"Spot ripe tomatoes from a phone photo" topics:"computer vision" size:weekend
/project show project:"job post"
"""
)


async def test_a_decline_is_kind_and_abandoning_frees_the_team(run_script):
    result = await run_script(CLOSES)
    assert result.code == 0, result.text
    assert "open for up to 3 teammates" in result.after("/project team capacity:3")
    declined = result.after("/click decline")
    assert "── DM to Tomas" in declined
    assert "@Priya can't take anyone new on Job post classifier this time" in declined
    abandoned = result.after("/project abandon")
    assert "Job post classifier is closed" in abandoned and "teammates are free" in abandoned
    # Kofi was still waiting for Priya's answer: he hears the project closed.
    assert "── DM to Kofi" in abandoned and "isn't taking teammates any more" in abandoned
    assert "has withdrawn" not in abandoned  # and Priya isn't told he withdrew
    assert "── DM to Sam" in abandoned and "── DM to Lee" in abandoned
    assert "@Priya has closed Job post classifier" in abandoned
    assert "You aren't on an open project" in result.after("/project show", occurrence=1)
    # Free again: Sam leads a project of his own.
    started = result.after(
        '/project idea title:"Tiny CV app" problem:"Spot ripe tomatoes from a phone photo" '
        'topics:"computer vision" size:weekend'
    )
    assert "you lead it" in started and "looking_for" not in started  # it named a topic
    assert "Job post classifier · quarter · abandoned" in result.after(
        '/project show project:"job post"'
    )


ERASURES = (
    PRIYA_STARTS
    + """/as Lee
/privacy delete
/click 1
/as Priya
/privacy delete
/click 1
/as Sam
/project show
/project milestone done:1
"""
)


async def rows_about(db, *members: str) -> list[tuple[str, tuple]]:
    store = await SqliteStore.open(str(db))
    try:
        tables = await table_rows(store)
    finally:
        await store.close()
    return [
        (table, row)
        for table, rows in tables.items()
        if table.startswith(("project", "join_"))
        for row in rows
        if set(members) & {str(value) for value in row}
    ]


async def test_erasing_a_teammate_and_then_the_lead_never_strands_the_team(run_script):
    result = await run_script(ERASURES)
    assert result.code == 0, result.text
    lee_gone = result.after("/click 1", occurrence=0)
    assert "── DM to Priya" in lee_gone and "A teammate has left Job post classifier" in lee_gone
    priya_gone = result.after("/click 1")
    assert "── DM to Sam" in priya_gone and "so @Sam leads it now" in priya_gone
    shown = result.after("/project show")
    assert "Team: @Sam" in shown and "Priya" not in shown and "Lee" not in shown
    assert "Ticked: Baseline F1" in result.after("/project milestone done:1")
    assert await rows_about(result.db, "priya", "lee") == []
    assert await rows_about(result.db, "sam")  # the same check finds the one who stayed


CHECKS_IN = (
    "/as Ada admin\n"
    "/admin checkins setup channel:#learning weekday:monday time:10:00 timezone:Europe/London\n"
    "/advance 2h\n"
    + PRIYA_STARTS
    + """/checkin learned:"Cleaning labels" minutes:90 project:"job post" milestone:baseline
/as Sam
/checkin learned:"Batching in PyTorch" project:#1
/checkin learned:"Batching in PyTorch" milestone:"9"
/advance 7d
"""
)


async def test_milestones_in_check_ins_and_the_weekly_summary(run_script):
    result = await run_script(CHECKS_IN)
    assert result.code == 0, result.text
    priya = result.after(
        '/checkin learned:"Cleaning labels" minutes:90 project:"job post" milestone:baseline'
    )
    assert "Checked in for week 48" in priya
    assert "On Job post classifier: Ticked: Baseline F1 above 0.7 on 200 labelled posts" in priya
    assert "── DM to Sam" in priya and "@Priya ticked a milestone" in priya
    assert "Next on Job post classifier: 5 people try it" in result.after(
        '/checkin learned:"Batching in PyTorch" project:#1'
    )
    assert "can't find milestone “9”" in result.after(
        '/checkin learned:"Batching in PyTorch" milestone:"9"'
    )
    summary = result.after("/advance 7d")
    assert "Week in review — week 48, 2026" in summary
    assert "Projects: 1 milestone ticked across 1 team" in summary


GAPS = """
/as Tomas
/project idea title:"Chatbot" problem:"My study group forgets what we covered" size:weekend capacity:0
/project scope
A retrieval chatbot over our notes
not sure yet
The five of us; success is using it weekly
Make it work; make it good
Evenings
/project scope project:chatbot
Same
Our shared notes folder (200 markdown files) as the corpus
Same
Answers 8 of 10 test questions right
Evenings
/as Kofi
/project idea title:"Study tracker" problem:"We lose track of who studied what"
"""


async def test_a_plan_with_gaps_gets_kind_notes_and_a_better_one_none(run_script):
    result = await run_script(GAPS)
    assert result.code == 0, result.text
    assert "Tell me what skills you'd like on the team" not in result.after(
        '/project idea title:"Chatbot" problem:"My study group forgets what we covered" '
        "size:weekend capacity:0"
    )  # a solo project needs no suggestions
    first = result.after("/project scope")
    assert "has a number to hit" in first and "didn't spot a data source" in first
    assert "its 2 milestones" in first
    better = result.after("/project scope project:chatbot")
    assert "number to hit" not in better and "data source" not in better
    assert "Saved the plan for Chatbot and its 1 milestone (" in better
    vague = result.after(
        '/project idea title:"Study tracker" problem:"We lose track of who studied what"'
    )
    assert "Tell me what skills you'd like on the team" in vague
