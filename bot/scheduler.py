"""Time-driven work: APScheduler only ticks; what is due is always found in the database."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.runtime import Runtime

log = logging.getLogger(__name__)


async def run_due_work(runtime: Runtime, now: datetime | None = None) -> dict[str, int]:
    """Run every declared due job once; one failing job is logged and does not stop the others."""
    now = now or runtime.clock.now()
    done: dict[str, int] = {}
    for name, job in runtime.catalogue.due_jobs.items():
        try:
            # However many processes tick, one runs a job at a time; the others pass it by
            # (the holder sees everything they would). Keyed effects back this up.
            async with runtime.store.exclusive(f"due-job:{name}") as mine:
                if not mine:
                    log.debug("due job %s is running in another process", name)
                    continue
                done[name] = await job(runtime, now)
        except Exception:
            log.exception("due job %s failed; it will be retried on the next tick", name)
            done[name] = -1
    if any(count > 0 for count in done.values()):
        runtime.outbox_ready()
    return done


def start_ticking(runtime: Runtime, interval_seconds: float) -> AsyncIOScheduler:
    """Start an AsyncIOScheduler inside the running loop that ticks every `interval_seconds`.

    No job store on purpose: APScheduler 3 skips runs missed by more than the grace time and its
    stores can't be shared between processes. The database decides what is due; every effect is
    keyed, so a late, doubled or skipped tick changes nothing but timing.
    """
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(
        run_due_work,
        "interval",
        seconds=interval_seconds,
        args=[runtime],
        id="liftup-tick",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=datetime.now(UTC),  # tick at once: catch up on whatever fell due while down
    )
    scheduler.start()
    return scheduler
