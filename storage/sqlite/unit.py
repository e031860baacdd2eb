"""One transaction's repositories on one connection: the SQLite unit of work."""

from __future__ import annotations

import aiosqlite

from bot.ports import MemberData
from storage.sqlite.checkins import CheckinRepo
from storage.sqlite.delivery import EffectRepo, IdempotencyRepo, OutboxRepo
from storage.sqlite.encouragement import EncouragementRepo
from storage.sqlite.interviews import InterviewRepo
from storage.sqlite.members import CommunityRepo, MemberRepo, ProfileRepo
from storage.sqlite.mentoring import MentoringRepo


class SqliteUnitOfWork:
    """One transaction's repositories, all on the same connection."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.communities = CommunityRepo(conn)
        self.members = MemberRepo(conn)
        self.profiles = ProfileRepo(conn)
        self.outbox = OutboxRepo(conn)
        self.idempotency = IdempotencyRepo(conn)
        self.effects = EffectRepo(conn)
        self.mentoring = MentoringRepo(conn)
        self.checkins = CheckinRepo(conn)
        self.encouragement = EncouragementRepo(conn)
        self.interviews = InterviewRepo(conn)

    def member_data(self) -> dict[str, MemberData]:
        # Children before the member row itself, so foreign keys never block an erase.
        return {
            "mentoring": self.mentoring,
            "checkins": self.checkins,
            "encouragement": self.encouragement,
            "interviews": self.interviews,
            "profile": self.profiles,
            "messages_to_you": self.outbox,
            "duplicate_protection": self.idempotency,
            "scheduled_effects": self.effects,
            "member": self.members,
        }
