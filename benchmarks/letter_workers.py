"""How letter runs scale with the number of ``maxww db_worker`` processes (PostgreSQL).

Usage (from the repository root; needs a PostgreSQL server you may create
databases on, BENCH_PG as in bin/bench.sh):

    .venv/bin/python benchmarks/letter_workers.py                    # 1, 2 and 3 workers
    .venv/bin/python benchmarks/letter_workers.py --workers 1 4 --runs 8 --letters 25

It creates a throw-away database (``maxww_bench_workers``), migrates it, and for
each number of workers N: queues --runs letter runs of --letters invitations
each (one session per run), starts N real ``maxww db_worker --batch`` processes
and times until all have emptied the queue. It then checks that every letter
was made once and prints letters per hour. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _postgres import database_urls, execute

DB = "maxww_bench_workers"
ON = dt.date(2026, 11, 23)


def _queue(runs: int, letters: int) -> int:
    """Sessions with invitations and a queued letter run each; the letters queued."""
    from maxww.organisations.constants import Role
    from maxww.organisations.tests.factories import (
        MunicipalityFactory,
        OrganisationFactory,
        UserFactory,
    )
    from maxww.people.constants import GrantBasis
    from maxww.people.services import grant_access_bulk
    from maxww.people.tests.factories import PersonFactory
    from maxww.voorlichting import services
    from maxww.voorlichting.letters import start_letter_run
    from maxww.voorlichting.tests.factories import SessionFactory

    office = OrganisationFactory(uwv=True)
    coordinator = UserFactory(role=Role.COORDINATOR, organisation=office)
    place = MunicipalityFactory()  # one, not a new region per person
    people = PersonFactory.create_batch(
        runs * letters, owner=office, municipality=place
    )
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=office,
        basis=GrantBasis.CASELOAD,
        source="bench",
    )
    for n in range(runs):
        session = SessionFactory(
            organisation=office, created_by=coordinator, capacity=letters
        )
        invited = people[n * letters : (n + 1) * letters]
        services.invite_people(session=session, people=invited, by=coordinator, on=ON)
        start_letter_run(session=session, by=coordinator, on=ON, background=True)
    return runs * letters


def _workers(n: int, url: str) -> float:
    """Seconds for *n* workers (started together) to empty the queue."""
    env = os.environ | {
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "maxww", "db_worker", "--batch", "--no-reload"]
    command += ["--no-startup-delay", "--interval", "0.1"]
    start = time.perf_counter()
    procs = [subprocess.Popen(command, env=env) for _ in range(n)]
    if any(p.wait() != 0 for p in procs):
        raise SystemExit("a worker failed")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--letters", type=int, default=25)
    args = parser.parse_args()
    server, url = database_urls(
        os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres"), DB
    )
    execute(server, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    execute(server, f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = url
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.test")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from maxww.voorlichting.models import Letter

        print(f"cores: {os.cpu_count()}; {args.runs} runs x {args.letters} letters")
        for n in args.workers:
            before = Letter.objects.count()
            queued = _queue(args.runs, args.letters)
            seconds = _workers(n, url)
            made = Letter.objects.count() - before
            assert made == queued, (made, queued)
            assert Letter.objects.values("invitation").distinct().count() == (
                Letter.objects.count()
            )
            print(
                f"{n} worker(s): {made} letters in {seconds:.1f} s = "
                f"{made / seconds * 3600:,.0f} letters/hour (start-up included)"
            )
    finally:
        from django.db import connections

        connections.close_all()
        execute(server, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
