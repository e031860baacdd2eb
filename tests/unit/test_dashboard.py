"""The organiser dashboard over real HTTP (aiohttp's test server and client): signing in with
a one-time link, who is refused, every page's figures against the database, and CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.web import dashboard_app
from adapters.web.server import COOKIE
from bot.context import Invocation
from bot.features.dashboard.access import Sessions
from tests.dashboard_world import GOAL, dashboard_core, numbers, populate, tables
from tests.driver import ADMIN, C, Club, actor
from tests.fakes import rows_mentioning, table_rows

SECRET = "a-test-secret-that-is-long-enough-0123456789"
BASE = "http://127.0.0.1:8080"
PAGES = ("overview", "mentoring", "interviews", "checkins", "deliveries", "encouragement")


@pytest.fixture
async def core(store, clock, messenger):
    return dashboard_core(store, clock, messenger, BASE)


@pytest.fixture
def club(core, messenger, clock) -> Club:
    return Club(core, messenger, clock)


async def start(core, base: str = BASE) -> TestClient:
    client = TestClient(TestServer(dashboard_app(core.runtime, SECRET, base)))
    await client.start_server()
    return client


@pytest.fixture
async def browser(core):
    client = await start(core)
    yield client
    await client.close()


async def link(core, who=ADMIN, community: str = C) -> str:
    """The sign-in link `/admin dashboard` gives `who`, as a path on the test server."""
    reply = await core.dispatcher.invoke(Invocation(community, who, "admin dashboard"))
    assert reply.private, "a sign-in link is only ever shown to the admin who asked"
    [url] = re.findall(r"https?://\S+", reply.text)
    assert url.startswith(f"{BASE}/sign-in?token=")
    return url.removeprefix(BASE)


async def sign_in(client: TestClient, path: str):
    shown = await client.get(path)
    assert shown.status == 200
    [token] = re.findall(r'name="token" value="([^"]+)"', await shown.text())
    return await client.post("/sign-in", data={"token": token}, allow_redirects=False)


async def page(client: TestClient, slug: str, community: str = C) -> str:
    response = await client.get(f"/c/{community}/{slug}")
    assert response.status == 200, await response.text()
    return await response.text()


# --- signing in ------------------------------------------------------------------------------


async def test_an_admin_signs_in_with_a_private_one_time_link(core, browser, store):
    path = await link(core)
    opened = await browser.get(path)
    # Opening the link (as a chat app's link preview would) spends nothing.
    assert opened.status == 200 and "Open the dashboard" in await opened.text()
    signed = await sign_in(browser, path)
    assert signed.status == 303 and signed.headers["Location"] == f"/c/{C}/overview"
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert "Referrer-Policy" in signed.headers
    overview = await page(browser, "overview")
    assert "<h1>Overview</h1>" in overview and "Signed in as Admin" in overview
    rows = (await table_rows(store))["dashboard_links"]
    token = path.partition("token=")[2]
    assert rows and all(token not in map(str, row) for row in rows)  # only its hash is kept


async def test_a_member_gets_no_link(core, store):
    reply = await core.dispatcher.invoke(Invocation(C, actor("Sam"), "admin dashboard"))
    assert "admin" in reply.text.lower() and "token=" not in reply.text
    assert (await table_rows(store))["dashboard_links"] == []


async def test_without_the_dashboard_switched_on_admins_hear_how(store, clock, messenger):
    from tests.dashboard_world import Config, build_app

    plain = build_app(Config(), store, clock, {"test": messenger})
    reply = await plain.dispatcher.invoke(Invocation(C, ADMIN, "admin dashboard"))
    assert "isn't switched on" in reply.text and "[web] enabled" in reply.text


async def test_used_expired_and_made_up_links_say_why_and_how_to_get_another(core, browser, clock):
    used = await link(core)
    assert (await sign_in(browser, used)).status == 303
    again = await sign_in(browser, used)
    assert again.status == 410 and "already been used" in await again.text()
    assert "/admin dashboard" in await again.text()

    late = await link(core)
    clock.advance(timedelta(minutes=15, seconds=1))
    expired = await sign_in(browser, late)
    assert expired.status == 410 and "expired" in await expired.text()

    forged = await browser.post("/sign-in", data={"token": "made-up"}, allow_redirects=False)
    assert forged.status == 403 and "isn't one I made" in unescape(await forged.text())


async def test_pages_refuse_no_session_a_forged_one_and_another_communitys(core, browser):
    nobody = await browser.get(f"/c/{C}/overview")
    assert nobody.status == 401 and "/admin dashboard" in await nobody.text()

    other = "test:other"
    signed = await sign_in(browser, await link(core, community=other))
    session_id = signed.cookies[COOKIE].value.partition(".")[0]
    assert (await browser.get(f"/c/{other}/overview")).status == 200
    refused = await browser.get(f"/c/{C}/overview")
    assert refused.status == 403 and "another community" in await refused.text()
    assert (await browser.get(f"/c/{C}/overview/streaks.csv")).status == 403

    # A session id nobody was given (a member trying their luck), or a real one whose signature
    # wasn't made with this deployment's secret, gets nothing.
    for forged in ("guess.0000", f"{session_id}.{'0' * 64}", session_id, f"{session_id}.é"):
        browser.session.cookie_jar.clear()
        browser.session.cookie_jar.update_cookies({COOKIE: forged})
        assert (await browser.get(f"/c/{other}/overview")).status == 401
    sessions = Sessions(core.runtime.store, SECRET)
    assert await sessions.grant(f"{session_id}.é", core.runtime.clock.now()) is None


async def test_sessions_expire_and_signing_out_ends_them(core, browser, clock):
    await sign_in(browser, await link(core))
    out = await browser.post("/sign-out")
    assert out.status == 200 and "signed out" in (await out.text()).lower()
    assert (await browser.get(f"/c/{C}/overview")).status == 401

    await sign_in(browser, await link(core))
    clock.advance(timedelta(hours=12, minutes=1))
    assert (await browser.get(f"/c/{C}/overview")).status == 401


async def test_behind_https_the_cookie_is_secure(core):
    client = await start(core, "https://liftup.example.org")
    try:
        signed = await sign_in(client, await link(core))
        assert "Secure" in signed.headers["Set-Cookie"]
    finally:
        await client.close()


# --- the figures ------------------------------------------------------------------------------


async def test_every_page_shows_the_databases_figures(core, club, browser, store):
    world = await populate(club)
    await sign_in(browser, await link(core))
    rows = await table_rows(store)

    overview = await page(browser, "overview")
    figures = numbers(overview)
    assert figures["Members who used liftup"] == str(len(rows["members"]))
    assert figures["Checked in this week"] == str(world.checked_in)
    assert figures["Minutes this week"] == str(world.minutes)
    [win] = tables(overview)["wins"]
    assert win[1:] == ["<b>Eve</b>", "=1+2 merged my first PR"]
    assert "&lt;b&gt;Eve&lt;/b&gt;" in overview  # member text is shown, never run
    assert "<svg" in overview and 'role="img"' in overview

    mentoring = await page(browser, "mentoring")
    figures = numbers(mentoring)
    assert figures["Waiting for a mentor"] == "1" and figures["Mentorships running"] == "1"
    assert figures["Median time to a match"] == "0 days"
    month = tables(mentoring)["funnel"][0]
    assert month[1:] == ["2", "1", "1", "0", "0"]  # requested, asked, accepted, met, well
    [waiting] = tables(mentoring)["waiting"]
    assert waiting[0] == "Lee" and waiting[1] == "Clustering" and waiting[3] == "nobody covers it"
    [mentor] = tables(mentoring)["mentors"]
    assert mentor[0] == "Mia" and mentor[2:5] == ["2", "1", "1"]

    interviews = await page(browser, "interviews")
    assert numbers(interviews)["Requests waiting"] == "1"
    assert ["role", "Research scientist", "1"] in tables(interviews)["unmet"]

    checkins = await page(browser, "checkins")
    assert numbers(checkins)["Checked in this week"] == "3"
    assert ["PyTorch", "3"] in tables(checkins)["topics"]

    deliveries = await page(browser, "deliveries")
    failed = [r for r in rows["outbox"] if "failed" in r]
    assert numbers(deliveries)["Undelivered messages"] == str(len(failed)) == "1"
    [reason] = tables(deliveries)["reasons"]
    assert reason[0] == "their DMs are closed" and "allow DMs" in reason[2]
    assert tables(deliveries)["recent"][0][1] == "direct message to Dee"

    for slug in PAGES:
        assert "As of" in await page(browser, slug)
    missing = await browser.get(f"/c/{C}/nowhere")
    assert missing.status == 404


async def test_who_hasnt_checked_in_names_only_those_who_chose_to_be_seen(
    core, club, browser, clock
):
    await populate(club)
    clock.advance(timedelta(days=7))
    await club.advance(timedelta(hours=1))
    await club.run(actor("Ana"), "checkins settings", public="on")
    await sign_in(browser, await link(core))
    checkins = await page(browser, "checkins")
    assert tables(checkins)["missing"] == [["Ana"]]
    assert "2 others not named" in checkins


async def test_a_table_downloads_as_csv_that_a_spreadsheet_opens_safely(core, club, browser):
    await populate(club)
    await sign_in(browser, await link(core))
    response = await browser.get(f"/c/{C}/overview/wins.csv")
    assert response.status == 200 and response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    [header, win] = list(csv.reader(io.StringIO(await response.text())))
    assert header == ["When", "Member", "Win"]
    assert win[2] == "'=1+2 merged my first PR"  # a formula-looking win stays text
    html_rows = tables(await page(browser, "mentoring"))["waiting"]
    waiting = list(
        csv.reader(io.StringIO(await (await browser.get(f"/c/{C}/mentoring/waiting.csv")).text()))
    )
    assert waiting[1:] == html_rows
    assert (await browser.get(f"/c/{C}/mentoring/nothing.csv")).status == 404


async def test_encouragement_shows_counts_never_words_or_names(core, club, browser, store):
    await club.run(ADMIN, "admin encouragement", channels="general", mode="dm")
    zed = actor("Zed")
    await club.say(zed, "honestly I feel like such a fraud in this ML course", "general")
    await sign_in(browser, await link(core))
    html = await page(browser, "encouragement")
    replies = sum(r[4] for r in (await table_rows(store))["encouragement_members"])
    assert numbers(html)["Kind replies sent"] == str(replies) == "1"
    assert "Zed" not in html and "fraud" not in html


async def test_erasing_an_admin_erases_their_sign_ins(core, club, browser, store):
    await sign_in(browser, await link(core))
    await link(core)
    assert await rows_mentioning(store, "admin")
    ask = await club.run(ADMIN, "privacy delete")
    await club.click(ADMIN, "privacy-delete", ask.buttons[0].payload)
    assert await rows_mentioning(store, "admin") == []


async def test_former_requesters_who_volunteer_are_counted_as_admin_interviews_counts(
    core, club, browser
):
    sam, priya = actor("Sam"), actor("Priya")
    await club.run(sam, "profile set", role="ML engineer", industry="Finance")
    await club.run(sam, "interview offer")
    await club.run(priya, "profile set", role="Data analyst", industry="Finance")
    await club.run(priya, "interview request", goal=GOAL, target_role="ML engineer")
    await club.click(sam, "interview-accept", club.last_button("sam", "interview-accept").payload)
    await club.advance(timedelta(days=4), step=timedelta(hours=6))
    await club.click(
        priya, "interview-happened", club.last_button("priya", "interview-happened").payload
    )
    club.clock.advance(timedelta(days=30))
    await club.run(priya, "profile set", role="ML engineer")
    await club.run(priya, "interview offer")
    overview = await club.run(ADMIN, "admin interviews")
    assert "1 former requester now volunteer" in str(overview.fields)
    await sign_in(browser, await link(core))
    html = await page(browser, "interviews")
    assert numbers(html)["Former requesters who now volunteer"] == "1"
    assert tables(html)["paid-forward"] == [["Priya", "ML engineer", "Finance"]]
    funnel = tables(html)["funnel"]
    assert ["1", "1", "1", "1"] in [row[1:5] for row in funnel]  # requested, asked, accepted, met
