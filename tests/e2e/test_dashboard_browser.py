"""The dashboard in a real headless Chromium (the system's, driven by Playwright): an admin
signs in through the link /admin dashboard gave them, reads every page, downloads a table and
sees the overview; links and sessions that must not work, don't."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from adapters.web import Dashboard
from bot.config import WebSection
from bot.context import Invocation
from storage import open_store
from tests.dashboard_world import dashboard_core, free_port, numbers, populate, tables
from tests.driver import ADMIN, C, Club
from tests.fakes import FakeMessenger, fixed_clock, table_rows

SECRET = "browser-test-secret-0123456789-abcdefghij"
CHROMIUM = os.environ.get("LIFTUP_TEST_CHROMIUM") or shutil.which("chromium") or ""
PAGES = ("Overview", "Mentoring", "Interviews", "Check-ins", "Deliveries", "Encouragement")


@pytest.fixture
async def served(tmp_path):
    """A community with data on every page, its dashboard on a loopback port, and a browser."""
    if not CHROMIUM:
        pytest.fail("Chromium is missing: run sh tests/install-chromium.sh")
    store = await open_store(f"sqlite:///{tmp_path / 'liftup.db'}")
    clock, messenger = fixed_clock(), FakeMessenger()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    core = dashboard_core(store, clock, messenger, base)
    club = Club(core, messenger, clock)
    await populate(club)
    started = asyncio.Event()
    dashboard = Dashboard(core.runtime, WebSection(port=port), SECRET)
    task = asyncio.create_task(dashboard.run(started))
    await asyncio.wait_for(started.wait(), 10)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox"],  # as root in CI containers
        )
        try:
            yield club, store, browser
        finally:
            await browser.close()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await store.close()


async def link(club: Club, community: str = C) -> str:
    reply = await club.app.dispatcher.invoke(Invocation(community, ADMIN, "admin dashboard"))
    [url] = re.findall(r"https?://\S+", reply.text)
    return url


async def sign_in(page, url: str) -> None:
    await page.goto(url)
    await page.get_by_role("button", name="Open the dashboard").click()
    await page.wait_for_load_state()


async def test_an_admin_reads_every_page_downloads_a_table_and_sees_the_overview(served, tmp_path):
    club, store, browser = served
    context = await browser.new_context(accept_downloads=True)
    page = await context.new_page()
    await sign_in(page, await link(club))
    assert page.url.endswith(f"/c/{C}/overview")
    assert await page.get_by_role("heading", level=1).inner_text() == "Overview"
    cookie = next(c for c in await context.cookies() if c["name"] == "liftup_dashboard")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    rows = await table_rows(store)
    figures = numbers(await page.content())
    assert figures["Members who used liftup"] == str(len(rows["members"]))
    assert figures["Checked in this week"] == str(len(rows["checkins"]))
    assert figures["Minutes this week"] == str(sum(r[4] for r in rows["checkins"]))
    chart = page.get_by_role("img", name=re.compile("Check-ins per week"))
    assert await chart.count() == 1

    shot = tmp_path / "overview.png"
    await page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
    if os.environ.get("LIFTUP_SCREENSHOT"):  # README's picture: LIFTUP_SCREENSHOT=path
        shutil.copy(shot, os.environ["LIFTUP_SCREENSHOT"])

    # Each page's headline figures, as the database has them.
    replies = sum(r[4] for r in rows["encouragement_members"])
    expected = {
        "Mentoring": {
            "Waiting for a mentor": str(sum(1 for r in rows["mentor_requests"] if "open" in r)),
            "Mentorships running": str(len(rows["mentorships"])),
        },
        "Interviews": {
            "Requests waiting": str(sum(1 for r in rows["interview_requests"] if "open" in r))
        },
        "Check-ins": {"Checked in this week": str(len(rows["checkins"]))},
        "Deliveries": {
            "Undelivered messages": str(sum(1 for r in rows["outbox"] if "failed" in r))
        },
        "Encouragement": {"Kind replies sent": str(replies)},
    }
    for title in PAGES[1:]:
        await page.get_by_role("navigation").get_by_role("link", name=title).click()
        await page.wait_for_load_state()
        heading = await page.get_by_role("heading", level=1).inner_text()
        assert heading in (title, "Informational interviews")
        current = page.get_by_role("navigation").locator('[aria-current="page"]')
        assert await current.inner_text() == title
        shown = numbers(await page.content())
        assert {k: shown[k] for k in expected[title]} == expected[title], title

    await page.goto(page.url.rsplit("/", 1)[0] + "/mentoring")
    waiting = tables(await page.content())["waiting"]
    async with page.expect_download() as info:
        await page.get_by_role("link", name=re.compile("Download .Waiting")).click()
    download = await info.value
    assert download.suggested_filename.startswith("liftup-mentoring-waiting-")
    saved = await asyncio.to_thread(Path(await download.path()).read_text, encoding="utf-8")
    downloaded = list(csv.reader(io.StringIO(saved)))[1:]
    assert downloaded == waiting == [["Lee", "Clustering", "0 days", "nobody covers it"]]
    await context.close()


async def test_on_a_phone_nothing_runs_off_the_side_and_print_leaves_out_the_controls(served):
    club, _, browser = served
    context = await browser.new_context(viewport={"width": 390, "height": 844})
    page = await context.new_page()
    await sign_in(page, await link(club))
    for slug in ("overview", "mentoring", "checkins"):
        await page.goto(page.url.rsplit("/", 1)[0] + f"/{slug}")
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{slug} is {width}px wide on a 390px phone"
    await page.emulate_media(media="print")
    assert await page.get_by_role("navigation").is_hidden()
    await context.close()


async def test_used_and_expired_links_and_foreign_sessions_are_refused(served):
    club, _, browser = served
    first = await browser.new_context()
    page = await first.new_page()
    url = await link(club)
    await sign_in(page, url)
    await sign_in(page, url)  # the same link again, even by its owner
    assert "already been used" in await page.inner_text("main")

    late = await link(club)
    club.clock.advance(timedelta(minutes=16))
    stranger = await browser.new_context()
    other_page = await stranger.new_page()
    await sign_in(other_page, late)
    assert "expired" in await other_page.inner_text("main")

    # A member who sets a cookie of their own making gets the sign-in notice, not figures.
    await stranger.add_cookies(
        [{"name": "liftup_dashboard", "value": "mine.0123", "url": url.split("/sign-in")[0]}]
    )
    response = await other_page.goto(url.split("/sign-in")[0] + f"/c/{C}/overview")
    assert response.status == 401 and "Please sign in" in await other_page.inner_text("main")

    # A session for another community never opens this one.
    await sign_in(other_page, await link(club, community="test:elsewhere"))
    response = await other_page.goto(url.split("/sign-in")[0] + f"/c/{C}/overview")
    assert response.status == 403 and "another community" in await other_page.inner_text("main")
    await first.close()
    await stranger.close()
