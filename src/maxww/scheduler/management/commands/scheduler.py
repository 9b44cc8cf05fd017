"""``maxww scheduler [run|once|list|prune]``: the process that runs the schedule."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone

import structlog

from maxww.scheduler import services
from maxww.scheduler.jobs import SCHEDULE

log = structlog.stdlib.get_logger(__name__)


class Command(BaseCommand):
    help = (
        "Geplande taken. 'run' (standaard) draait het schema tot SIGTERM; 'once' "
        "draait wat nu aan de beurt is en stopt (afsluitcode 1 als een taak "
        "mislukte); 'list' toont het schema; 'prune' ruimt oude runs op."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", nargs="?", default="run", choices=["run", "once", "list", "prune"]
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconden tussen twee blikken op het schema (standaard %(default)s).",
        )

    def handle(self, *args, action: str, interval: float, **options) -> None:
        if action == "list":
            self._list()
        elif action == "prune":
            count = services.prune_runs(timezone.now())
            self.stdout.write(f"Oude runs verwijderd: {count}.")
        elif action == "once":
            self._report(services.tick(timezone.now()))
        else:
            self._loop(interval)

    def _list(self) -> None:
        for status in services.schedule_status(timezone.now()):
            last = status.last
            when = (
                f"laatst {timezone.localtime(last.due_at):%Y-%m-%d %H:%M} "
                f"{last.get_outcome_display().lower()}"
                if last
                else "nog niet gedraaid"
            )
            self.stdout.write(
                f"{status.job.name:<22} {status.job.cron:<14} "
                f"volgende {timezone.localtime(status.next_at):%Y-%m-%d %H:%M}  {when}"
            )

    def _report(self, runs) -> None:
        for run in runs:
            self.stdout.write(f"{run.job}: {run.get_outcome_display().lower()}")
        failed = [run.job for run in runs if run.exit_code != 0]
        if failed:
            raise CommandError(f"Mislukt: {', '.join(failed)}.", returncode=1)

    def _loop(self, interval: float) -> None:
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        log.info("scheduler.started", jobs=len(SCHEDULE), interval=interval)
        while not stopping:
            close_old_connections()
            try:
                services.tick(timezone.now())
            except Exception as exc:  # the database went away: try again later
                log.error("scheduler.tick_failed", error=exc.__class__.__name__)
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))
        log.info("scheduler.stopped")
