"""A small community driven the way members would drive it, for feature tests."""

from __future__ import annotations

from datetime import timedelta

from bot.context import Actor, ChannelMessage, Click, Invocation
from tests.fakes import FakeMessenger

C = "test:club"
ADMIN = Actor("admin", "Admin", is_admin=True)


def actor(name: str) -> Actor:
    return Actor(name.lower(), name)


class Club:
    """A tiny community driven like members would drive it."""

    def __init__(self, app, messenger: FakeMessenger, clock) -> None:
        self.app, self.messenger, self.clock = app, messenger, clock
        self.said = 0

    async def run(self, who: Actor, command: str, *, in_channel: str | None = None, **options):
        invocation = Invocation(C, who, command, options, channel_id=in_channel)
        reply = await self.app.dispatcher.invoke(invocation)
        await self.app.drain()
        return reply

    async def say(self, who: Actor, text: str, channel: str, thread: str | None = None):
        self.said += 1
        message = ChannelMessage(C, who, channel, text, f"m{self.said}", thread)
        replies = await self.app.dispatcher.message(message)
        await self.app.drain()
        return replies

    async def click(self, who: Actor, action: str, payload: str):
        reply = await self.app.dispatcher.click(Click(C, who, action, payload))
        await self.app.drain()
        return reply

    async def advance(self, delta: timedelta, step: timedelta = timedelta(hours=1)) -> None:
        while delta > timedelta(0):
            self.clock.advance(min(step, delta))
            delta -= step
            await self.app.tick()
            await self.app.drain()

    def dms_to(self, member: str):
        return [s for s in self.messenger.sent if s.kind == "dm" and s.target == member]

    def last_button(self, member: str, action: str):
        for sent in reversed(self.dms_to(member)):
            for button in sent.reply.buttons:
                if button.action == action:
                    return button
        raise AssertionError(f"no {action} button was sent to {member}")

    async def member(self, name: str, **profile) -> Actor:
        who = actor(name)
        defaults = {"timezone": "Europe/London", "phase": "projects"}
        await self.run(who, "profile set", **{**defaults, **profile})
        return who

    async def mentor(self, name: str, topics: str, capacity: int = 2, **profile) -> Actor:
        who = await self.member(name, **profile)
        await self.run(who, "mentor offer", topics=topics, capacity=str(capacity))
        return who
