"""A terminal community, interactive or scripted: members, channels, threads, a movable clock."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta

from adapters.console.messenger import ConsoleMessenger, ConsoleThread, channel_name
from adapters.console.parser import (
    Builtin,
    CommandLine,
    ParseError,
    PlainMessage,
    member_id,
    parse_line,
)
from adapters.console.render import render
from bot.clock import ManualClock
from bot.context import Actor, ChannelMessage, Click, Invocation
from bot.core import App
from bot.options import Option, Text, format_duration, parse_duration
from bot.replies import Button, Reply

ADVANCE_STEP = timedelta(hours=1)  # due work runs after every step, as hourly ticks would
MAX_ADVANCE = timedelta(weeks=60)

BUILTIN_HELP = (
    'Console: /as NAME [admin] switches member · /in #channel or /in "thread title" · '
    "/click 1 or /click WORD presses a button · /advance 3d moves time · /dms off|on · "
    "/now · /quit"
)


FORM_CANCELLED = "Cancelled: an answer was left empty, so nothing was saved."


def needs_form(option: Option) -> bool:
    """Long, multi-line text is asked for on its own line, as in a form."""
    return isinstance(option, Text) and option.multiline


class ConsoleSession:
    def __init__(self, clock: ManualClock, community: str, write: Callable[[str], None]) -> None:
        self._app: App | None = None
        self.clock = clock
        self.community_id = f"console:{community}"
        self.write = write
        self.names: dict[str, str] = {}
        self.admins: set[str] = set()
        self.current = self._become("you", admin=True)
        self.channel = "general"
        self.thread: ConsoleThread | None = None
        self.buttons: list[Button] = []
        self.messenger = ConsoleMessenger(self.show, self.name_of)
        self._nonce = secrets.token_hex(4)
        self._counter = 0
        self.finished = False
        # Reads one answer for a form's field (the next script line, or the keyboard); None
        # when there is none. Without it, a command missing long text says what it needs.
        self.ask: Callable[[str], Awaitable[str | None]] | None = None

    def attach(self, app: App) -> None:
        """Connect the core, built with this session's messenger."""
        self._app = app

    @property
    def app(self) -> App:
        if self._app is None:
            raise RuntimeError("attach(app) before running lines")
        return self._app

    # --- output -------------------------------------------------------------------------

    def name_of(self, member: str) -> str:
        return self.names.get(member, member)

    def show(self, header: str, reply: Reply) -> None:
        for line in render(header, reply, self.name_of):
            self.write(line)
        if reply.buttons:
            self.buttons = list(reply.buttons)

    def note(self, text: str) -> None:
        self.write(f"· {text}")

    @property
    def prompt(self) -> str:
        where = f'"{self.thread.title}"' if self.thread else f"#{self.channel}"
        return f"{self.name_of(self.current)} in {where}> "

    # --- input --------------------------------------------------------------------------

    async def execute(self, line: str) -> bool:
        """Run one line. False when it could not be parsed or run (scripts count those)."""
        try:
            parsed = parse_line(line, self.app.runtime.catalogue)
        except ParseError as exc:
            self.note(str(exc))
            return False
        if parsed is None:
            return True
        if isinstance(parsed, Builtin):
            return await self._builtin(parsed)
        if isinstance(parsed, CommandLine):
            if not await self._fill_in(parsed):
                self.note(FORM_CANCELLED)
                return True
            reply = await self.app.dispatcher.invoke(
                Invocation(
                    community_id=self.community_id,
                    actor=self.actor,
                    command=parsed.command.name,
                    options=parsed.options,
                    channel_id=self.channel,
                    idempotency_key=self._key(),
                )
            )
            self._show_reply(reply)
            if parsed.command.name == "help" and not parsed.options:
                self.note(BUILTIN_HELP)
        elif isinstance(parsed, PlainMessage):
            # In a private space (no parent channel) the space itself is the channel.
            thread = self.thread
            channel = (thread.channel_id or thread.id) if thread else self.channel
            replies = await self.app.dispatcher.message(
                ChannelMessage(
                    community_id=self.community_id,
                    actor=self.actor,
                    channel_id=channel,
                    text=parsed.text,
                    message_id=(message_id := self._key()),
                    thread_id=thread.id if thread else None,
                    link=f"console://#{channel}/{message_id}",
                )
            )
            for reply in replies:
                self._show_reply(reply)
        await self.app.drain()
        return True

    async def _fill_in(self, parsed: CommandLine) -> bool:
        """The console's form: long texts a command needs and wasn't given are asked for one
        by one, as Discord and Slack open a form for them. False if an answer was left empty."""
        if self.ask is None:
            return True
        for option in parsed.command.options:
            if not (option.required and needs_form(option)) or option.name in parsed.options:
                continue
            answer = await self.ask(f"{option.description}: ")
            if not answer or not answer.strip():
                return False
            parsed.options[option.name] = answer.strip()
        return True

    @property
    def actor(self) -> Actor:
        return Actor(self.current, self.name_of(self.current), self.current in self.admins)

    def _key(self) -> str:
        self._counter += 1
        return f"console-{self._nonce}-{self._counter}"

    def _show_reply(self, reply: Reply) -> None:
        who = self.name_of(self.current)
        if reply.private:
            header = f"reply to {who} (only they can see it)"
        else:
            header = f"#{self.channel}, in reply to {who}"
        if reply.text or reply.fields or reply.title or reply.attachments or reply.buttons:
            self.show(header, reply)

    def _become(self, name: str, *, admin: bool) -> str:
        ident = member_id(name)
        self.names.setdefault(ident, name.removeprefix("@"))
        if admin:
            self.admins.add(ident)
        return ident

    async def _builtin(self, builtin: Builtin) -> bool:
        handler = getattr(self, f"_builtin_{builtin.name}")
        return await handler(builtin.args)

    async def _builtin_as(self, args: tuple[str, ...]) -> bool:
        if not args or len(args) > 2 or (len(args) == 2 and args[1].lower() != "admin"):
            self.note("Use /as NAME, or /as NAME admin to make them an admin.")
            return False
        self.current = self._become(args[0], admin=len(args) == 2)
        role = " (admin)" if self.current in self.admins else ""
        self.note(f"You are now {self.name_of(self.current)}{role}.")
        return True

    async def _builtin_in(self, args: tuple[str, ...]) -> bool:
        if len(args) != 1:
            self.note('Use /in #channel, or /in "thread title" for a thread I opened.')
            return False
        target = args[0]
        if target.startswith("#"):
            self.channel, self.thread = channel_name(target), None
            self.note(f"Now in #{self.channel}.")
            return True
        thread = self.messenger.find_thread(target, self.current)
        if thread is None:
            self.note(
                f'No thread titled like "{target}" that {self.name_of(self.current)} can see.'
            )
            return False
        self.thread = thread
        self.channel = thread.channel_id or self.channel
        self.note(f'Now in "{thread.title}".')
        return True

    async def _builtin_click(self, args: tuple[str, ...]) -> bool:
        if not self.buttons:
            self.note("There is no button to press yet.")
            return False
        if len(args) != 1:
            self.note("Use /click 1, or /click WORD for the button whose label has that word.")
            return False
        choice = args[0]
        if choice.isdigit() and 1 <= int(choice) <= len(self.buttons):
            button = self.buttons[int(choice) - 1]
        else:
            matches = [b for b in self.buttons if choice.casefold() in b.label.casefold()]
            if len(matches) != 1:
                labels = ", ".join(f"[{i}] {b.label}" for i, b in enumerate(self.buttons, 1))
                self.note(f"Which one? The latest buttons are {labels}.")
                return False
            button = matches[0]
        self.note(f"{self.name_of(self.current)} pressed [{button.label}].")
        reply = await self.app.dispatcher.click(
            Click(
                community_id=self.community_id,
                actor=self.actor,
                action=button.action,
                payload=button.payload,
                channel_id=self.channel,
                idempotency_key=self._key(),
            )
        )
        self._show_reply(reply)
        await self.app.drain()
        return True

    async def _builtin_advance(self, args: tuple[str, ...]) -> bool:
        delta = parse_duration(args[0]) if len(args) == 1 else None
        if delta is None or not timedelta(0) < delta <= MAX_ADVANCE:
            self.note("Use /advance with a duration up to 60w, like /advance 3d or /advance 2h.")
            return False
        remaining = delta
        while remaining > timedelta(0):
            step = min(ADVANCE_STEP, remaining)
            self.clock.advance(step)
            remaining -= step
            await self.app.tick()
            await self.app.drain()
        self.note(f"Moved {format_duration(delta)} ahead. {self._time()}")
        return True

    async def _builtin_dms(self, args: tuple[str, ...]) -> bool:
        if len(args) != 1 or args[0].lower() not in ("on", "off"):
            self.note("Use /dms off to close this member's DMs (to see what admins see), /dms on.")
            return False
        who = self.name_of(self.current)
        if args[0].lower() == "off":
            self.messenger.dms_closed.add(self.current)
            self.note(f"{who} no longer accepts direct messages.")
        else:
            self.messenger.dms_closed.discard(self.current)
            self.note(f"{who} accepts direct messages again.")
        return True

    async def _builtin_now(self, args: tuple[str, ...]) -> bool:
        self.note(self._time())
        return True

    async def _builtin_quit(self, args: tuple[str, ...]) -> bool:
        self.finished = True
        return True

    def _time(self) -> str:
        return f"It is now {self.clock.now():%a %d %b %Y, %H:%M} UTC."
