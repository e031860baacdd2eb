"""One transaction's repositories on one connection, for either SQL backend."""

from __future__ import annotations

from bot.repositories import MemberData
from storage.sql.base import SQLITE, Connection, Dialect
from storage.sql.buddies import BuddyRepo
from storage.sql.checkins import CheckinRepo
from storage.sql.dashboard import DashboardRepo
from storage.sql.delivery import EffectRepo, IdempotencyRepo, OutboxRepo
from storage.sql.encouragement import EncouragementRepo
from storage.sql.forms import FormDraftRepo
from storage.sql.installs import InstallationRepo
from storage.sql.interviews import InterviewRepo
from storage.sql.members import CommunityRepo, MemberRepo, ProfileRepo
from storage.sql.mentoring import MentoringRepo
from storage.sql.projects import ProjectRepo
from storage.sql.rounds import RoundRepo
from storage.sql.tables import Tables


class SqlUnitOfWork:
    """One transaction's repositories, all on the same connection."""

    def __init__(
        self, conn: Connection, dialect: Dialect = SQLITE, memo: dict | None = None
    ) -> None:
        self._conn, self._dialect = conn, dialect
        self.memo = memo if memo is not None else {}
        self.tables = Tables(conn)  # whole tables, for storage's own tools (not the port)
        self.communities = CommunityRepo(conn, dialect)
        self.members = MemberRepo(conn, dialect)
        self.profiles = ProfileRepo(conn, dialect)
        self.outbox = OutboxRepo(conn, dialect)
        self.idempotency = IdempotencyRepo(conn, dialect)
        self.effects = EffectRepo(conn, dialect)
        self.mentoring = MentoringRepo(conn, dialect)
        self.checkins = CheckinRepo(conn, dialect)
        self.encouragement = EncouragementRepo(conn, dialect)
        self.interviews = InterviewRepo(conn, dialect)
        self.projects = ProjectRepo(conn, dialect)
        self.buddies = BuddyRepo(conn, dialect)
        self.forms = FormDraftRepo(conn, dialect)
        self.rounds = RoundRepo(conn, dialect)
        self.installations = InstallationRepo(conn, dialect)
        self.dashboard = DashboardRepo(conn, dialect)

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for statements written by hand: storage's tests replay
        a migration's data statements over legacy rows with it. Nothing in liftup uses it."""
        return self._conn

    async def hold(self, name: str) -> None:
        """Hold a named lock until this transaction ends: work that reads, decides and writes
        (a matching round) then runs one process at a time."""
        if self._dialect.named_lock is not None:
            await self._conn.execute_fetchall(self._dialect.named_lock, (name,))

    def member_data(self) -> dict[str, MemberData]:
        # Children before the member row itself, so foreign keys never block an erase.
        return {
            "mentoring": self.mentoring,
            "checkins": self.checkins,
            "encouragement": self.encouragement,
            "interviews": self.interviews,
            "projects": self.projects,
            "study_buddies": self.buddies,
            "profile": self.profiles,
            "messages_to_or_about_you": self.outbox,
            "duplicate_protection": self.idempotency,
            "scheduled_effects": self.effects,
            "unfinished_forms": self.forms,
            "dashboard_sign_ins": self.dashboard,
            "member": self.members,
        }
