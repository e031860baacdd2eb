"""A community with something on every dashboard page, built the way members would build it,
and a reader for the figures a dashboard page shows."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, replace
from html import unescape

from bot.bootstrap.app import build_app
from bot.config import Config
from bot.core import App
from tests.driver import ADMIN, Club, actor
from tests.fakes import FakeMessenger

GOAL = "I want to write clean, tested Python for machine learning work"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dashboard_core(store, clock, messenger: FakeMessenger, base_url: str) -> App:
    config = Config()
    config = replace(config, outbox=replace(config.outbox, rate_per_second=1000.0))
    return build_app(config, store, clock, {"test": messenger}, dashboard_url=base_url)


@dataclass
class World:
    club: Club
    checked_in: int
    minutes: int


async def populate(club: Club) -> World:
    """Check-ins this week, a mentorship, a request nobody can take, an interview request for
    a role nobody offers, a shared win and a message that couldn't be delivered."""
    await club.run(
        ADMIN,
        "admin checkins setup",
        channel="general",
        weekday="monday",
        time="09:00",
        timezone="Europe/London",
    )
    await club.run(ADMIN, "admin set", key="wins_channel", value="wins")
    minutes = 0
    for name, spent in (("Ana", 45), ("Bo", 60), ("Cy", 30)):
        await club.run(
            actor(name), "checkin", learned=f"{name} studied pytorch", minutes=str(spent)
        )
        minutes += spent
    sam = await club.member("Sam", target_role="ML engineer")
    await club.mentor("Mia", "python")
    await club.run(sam, "mentor request", topics="python", goal=GOAL)
    await club.click(
        actor("Mia"), "mentor-accept", club.last_button("mia", "mentor-accept").payload
    )
    lee = await club.member("Lee")
    await club.run(lee, "mentor request", topics="clustering", goal=GOAL)
    await club.run(sam, "interview request", goal=GOAL, target_role="Research scientist")
    await club.run(actor("<b>Eve</b>"), "win", text="=1+2 merged my first PR", share="yes")
    club.messenger.dms_closed.add("dee")
    await club.member("Dee")
    await club.run(sam, "kudos", member="<@dee>", message="thanks for the review", private="yes")
    return World(club, checked_in=3, minutes=minutes)


def numbers(html: str) -> dict[str, str]:
    """A page's headline figures, label -> value (without the note under it)."""
    return {
        unescape(label): unescape(value)
        for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)(?:<small>.*?</small>)?</dd>", html)
    }


def tables(html: str) -> dict[str, list[list[str]]]:
    """A page's tables by name, body rows only; an empty table has no rows."""
    found = {}
    for name, body in re.findall(
        r'<section aria-labelledby="t-([\w-]+)">(.*?)</section>', html, re.S
    ):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]  # the first is the header
        found[name] = [
            [unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in rows
        ]
    return found
