"""Benchmark the monitoring dashboard on PostgreSQL: 1,000,000 people, 2,000,000+ events.

Usage (from the repository root; needs a PostgreSQL server you may create
databases on):

    .venv/bin/python benchmarks/dashboard.py
    .venv/bin/python benchmarks/dashboard.py --people 200000 --keep

It creates a throw-away database (``maxww_bench_dashboard``), migrates it, builds
the data set with ``INSERT … SELECT … FROM generate_series`` (all in the
database, no Python loop over rows), runs ``ANALYZE``, then times every
dashboard aggregate and one full page render through the Django test client,
for the whole country, one region and one municipality. The database is
dropped at the end unless ``--keep`` is given. Target (issue 9): page < 1 s.

Events: one WW claim per person (ending from three years back to one year
ahead), outcomes for ended claims, invitations, trajects, tasks, durability
checks and instrument uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DB = "maxww_bench_dashboard"
ON = dt.date(2026, 3, 1)


def _admin_url(url: str) -> tuple[str, str]:
    base, _, _name = url.rpartition("/")
    return f"{base}/postgres", f"{base}/{DB}"


def create_database(server: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")


def drop_database(server: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


def base_objects() -> dict:
    """Regions, municipalities, one organisation, users and an instrument (ORM)."""
    from maxww.kennisbank.tests.factories import InstrumentFactory
    from maxww.organisations.models import RegionalConfig
    from maxww.organisations.tests.factories import (
        MunicipalityFactory,
        OrganisationFactory,
        RegionFactory,
        UserFactory,
    )

    regions = [
        RegionFactory(code=f"AM{i:02d}", name=f"Regio {i}") for i in range(1, 11)
    ]
    for i, region in enumerate(regions):
        RegionalConfig.objects.update_or_create(
            region=region, defaults={"session_tone": "strict" if i % 2 else "open"}
        )
    municipalities = [
        MunicipalityFactory(
            code=f"GM{i:04d}", name=f"Gemeente {i}", region=regions[i % 10]
        )
        for i in range(1, 101)
    ]
    org = OrganisationFactory(name="Bench UWV", region=regions[0])
    coaches = [
        UserFactory(username=f"coach{i}", organisation=org, role="coach")
        for i in range(50)
    ]
    manager = UserFactory(username="bench-manager", organisation=org, role="manager")
    instrument = InstrumentFactory()
    return {
        "regions": [r.pk for r in regions],
        "municipalities": [m.pk for m in municipalities],
        "org": org.pk,
        "coaches": [c.pk for c in coaches],
        "manager": manager,
        "instrument": instrument.pk,
        "municipality": municipalities[4].pk,
        "region": regions[4].pk,
    }


def generate(people: int, ids: dict) -> dict[str, int]:
    from django.db import connection

    munis = "ARRAY[" + ",".join(map(str, ids["municipalities"])) + "]::bigint[]"
    coaches = "ARRAY[" + ",".join(map(str, ids["coaches"])) + "]::bigint[]"
    org, coach0 = ids["org"], ids["coaches"][0]
    on = ON.isoformat()
    statements = [
        "SELECT setseed(0.2026)",
        f"""INSERT INTO people_person (uuid, bsn_hash, bsn_encrypted, initials, first_name,
              surname_prefix, last_name, birth_date, postcode, house_number, email, phone,
              created_at, updated_at, municipality_id, owner_id)
            SELECT gen_random_uuid(), md5(g::text) || md5((-g)::text), '', 'B.', 'Bench',
              '', 'Persoon', date '1960-01-01' + (g % 16000), '', '', '', '', now(), now(),
              ({munis})[1 + (g % {len(ids["municipalities"])})], {org}
            FROM generate_series(1, {people}) g""",
        f"""INSERT INTO people_wwclaim (uuid, claim_ref, start_date, max_end_date, daily_wage,
              hours_lost, occupation_code, occupation, sector, education_level, werkverkenner,
              in_doelgroepregister, is_flex_worker, was_self_employed, status,
              actual_end_date, end_reason, created_at, updated_at, person_id)
            SELECT gen_random_uuid(), 'B' || s.id, s.mx - 365, s.mx, 120, 36, '', '', '',
              'middle', 'unknown', false, false, false,
              CASE WHEN s.mx < date '{on}' THEN 'ended' ELSE 'active' END,
              CASE WHEN s.mx < date '{on}' THEN s.mx END,
              CASE WHEN s.mx >= date '{on}' THEN ''
                   WHEN s.r < 0.45 THEN 'work' ELSE 'maximum' END,
              now(), now(), s.id
            FROM (SELECT id, random() AS r,
                    date '{on}' - 1095 + floor(random() * 1460)::int AS mx
                  FROM people_person) s""",
        """INSERT INTO screening_screeningrecord ("window", target_groups_derived,
              target_groups, override_reason, precheck, precheck_reasons,
              partner_income_flag, risk_reasons, claim_id, person_id, risk_score)
            SELECT CASE WHEN c.status = 'ended' THEN 'ended' ELSE 'screening' END, '',
              CASE WHEN c.id % 7 = 0 THEN ',youth,' WHEN c.id % 5 = 0 THEN ',older,'
                   ELSE ',long_ww,' END,
              '', CASE WHEN c.status = 'active' THEN 'likely' ELSE 'unknown' END,
              '[]', false, '[]', c.id, c.person_id,
              CASE WHEN c.status = 'active' THEN random() * 0.2 END
            FROM people_wwclaim c""",
        f"""INSERT INTO screening_claimoutcome (entered_bijstand, source, recorded_on,
              claim_id, bijstand_start_date)
            SELECT c.end_reason = 'maximum' AND random() < 0.13, 'bench', date '{on}',
              c.id, NULL
            FROM people_wwclaim c WHERE c.status = 'ended'""",
        f"""INSERT INTO voorlichting_session (uuid, title, format, starts_at,
              duration_minutes, place, address, capacity, notes, created_at,
              created_by_id, organisation_id, region_id)
            SELECT gen_random_uuid(), 'Bench', 'group_info',
              timestamptz '{on}' - (g || ' days')::interval, 90, 'Zaal', '', 200, '',
              now(), {coach0}, {org},
              (SELECT id FROM organisations_region ORDER BY id OFFSET g % 10 LIMIT 1)
            FROM generate_series(1, 1000) g""",
        f"""INSERT INTO voorlichting_invitation (uuid, status, channel, invited_date,
              invited_by_id, person_id, session_id)
            SELECT gen_random_uuid(),
              CASE WHEN random() < 0.3 THEN 'attended' WHEN random() < 0.5 THEN 'no_show'
                   ELSE 'declined' END,
              'letter', date '{on}' - 30, {coach0}, p.id,
              (SELECT min(id) FROM voorlichting_session) + (p.id % 1000)
            FROM people_person p WHERE p.id % 5 = 0""",
        f"""INSERT INTO trajects_traject (uuid, state, reason, signalled_date, state_date,
              outcome, employer_name, contract_type, outcome_note, created_at, updated_at,
              organisation_id, person_id, coach_id, work_start_date, ended_date)
            SELECT gen_random_uuid(), s.state, '', date '{on}' - 200, date '{on}' - 100,
              CASE WHEN s.state = 'ended' AND s.r < 0.6 THEN 'work' ELSE '' END,
              '', '', '', now(), now(), {org}, s.id, ({coaches})[1 + (s.id % 50)],
              CASE WHEN s.state = 'ended' AND s.r < 0.6
                   THEN date '{on}' - floor(random() * 700)::int END,
              CASE WHEN s.state = 'ended' THEN date '{on}' - 50 END
            FROM (SELECT id, random() AS r,
                    (ARRAY['coaching','follow_up','ended','ended'])[1 + (id % 4)] AS state
                  FROM people_person WHERE id % 10 = 1) s""",
        f"""INSERT INTO trajects_task (kind, title, due_date, created_at, traject_id, done_at)
            SELECT 'general', 'Bel terug', date '{on}' - 30 + floor(random() * 60)::int,
              now(), t.id, CASE WHEN random() < 0.5 THEN now() END
            FROM trajects_traject t CROSS JOIN generate_series(1, 2)""",
        f"""INSERT INTO trajects_durabilitycheck (months, due_date, traject_id,
              still_working, checked_date)
            SELECT m, t.work_start_date + m * 30, t.id, random() < 0.8,
              t.work_start_date + m * 30
            FROM trajects_traject t CROSS JOIN (VALUES (3), (6)) v(m)
            WHERE t.outcome = 'work' AND t.work_start_date + m * 30 < date '{on}'""",
        f"""INSERT INTO kennisbank_instrumentuse (uuid, cost, used_on, note, created_at,
              instrument_id, organisation_id, person_id, registered_by_id)
            SELECT gen_random_uuid(), 500 + floor(random() * 3500), date '{on}'
              - floor(random() * 700)::int, '', now(), {ids["instrument"]}, {org},
              t.person_id, {coach0}
            FROM trajects_traject t WHERE t.outcome = 'work'""",
    ]
    with connection.cursor() as cur:
        for sql in statements:
            t0 = time.perf_counter()
            cur.execute(sql)
            print(
                f"  {sql.split()[2] if sql.startswith('INSERT') else sql[:20]:<32} "
                f"{cur.rowcount:>10,} rows  {time.perf_counter() - t0:6.1f} s"
            )
        cur.execute("ANALYZE")
        counts = {}
        for table in (
            "people_person",
            "people_wwclaim",
            "screening_screeningrecord",
            "screening_claimoutcome",
            "voorlichting_invitation",
            "trajects_traject",
            "trajects_task",
            "trajects_durabilitycheck",
            "kennisbank_instrumentuse",
        ):
            cur.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cur.fetchone()[0]
    return counts


def _time(fn, repeat: int = 3) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(ids: dict, *, live: bool) -> list[tuple[str, str, float]]:
    from django.conf import settings
    from django.test import Client

    from maxww.monitoring import forecast as fc
    from maxww.monitoring import services as s

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    scopes = {
        "land": {},
        "regio": {"region_id": ids["region"]},
        "gemeente": {"municipality_id": ids["municipality"]},
    }
    first = ON.replace(day=1)
    results = []
    for scope, kw in scopes.items():
        f = s.DashboardFilter(
            start=first.replace(year=first.year - 1),
            end=first - dt.timedelta(days=1),
            **kw,
        )
        measures = {
            "funnel": lambda f=f: s.funnel(f),
            "by_municipality": lambda f=f: s.by_municipality(f),
            "doorstroom_by_region": lambda f=f: s.doorstroom_by_region(f),
            "doorstroom_trend (36 mnd)": lambda f=f: s.doorstroom_trend(f),
            "durability": lambda f=f: s.durability(f),
            "attendance_by_tone": lambda f=f: s.attendance_by_tone(f),
            "caseloads": lambda f=f: s.caseloads(f, on=ON),
            "cost_per_placement": lambda f=f: s.cost_per_placement(f),
            "forecast": (lambda kw=kw: fc.forecast(on=ON, **kw))
            if live
            else (lambda kw=kw: fc.stored("forecast", **kw)),
            "backtest": (lambda kw=kw: fc.backtest(on=ON, **kw))
            if live
            else (lambda kw=kw: fc.stored_backtest(**kw)),
        }
        for name, fn in measures.items():
            results.append((scope, name, _time(fn)))
        client = Client()
        client.force_login(ids["manager"])
        params = {"start": f.start.strftime("%Y-%m"), "end": f.end.strftime("%Y-%m")}
        if "region_id" in kw:
            params["region"] = kw["region_id"]
        if "municipality_id" in kw:
            params["municipality"] = kw["municipality_id"]
        elif not kw:
            params["region"] = ""

        def page(params=params, client=client):
            response = client.get("/monitoring/", params)
            assert response.status_code == 200, response.status_code

        results.append((scope, "PAGE /monitoring/ (test client)", _time(page)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--live",
        action="store_true",
        help="query the raw rows (skip the monthly aggregates) to compare",
    )
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
        help="a PostgreSQL URL whose server may create databases",
    )
    args = parser.parse_args()
    server, bench = _admin_url(args.url)
    create_database(server)
    os.environ["DATABASE_URL"] = bench
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        ids = base_objects()
        print(f"Generating {args.people:,} people …")
        counts = generate(args.people, ids)
        events = sum(
            v
            for k, v in counts.items()
            if k not in ("people_person", "screening_screeningrecord")
        )
        print(
            f"Data: {counts['people_person']:,} people, {events:,} events "
            f"({time.perf_counter() - t0:.0f} s)"
        )
        for table, n in counts.items():
            print(f"  {table:<28} {n:>10,}")
        if not args.live:
            from maxww.monitoring.services import refresh_aggregates

            t0 = time.perf_counter()
            rows = refresh_aggregates(on=ON)
            print(
                f"refresh_aggregates (nightly task): {rows:,} monthly rows "
                f"+ forecast cells in {time.perf_counter() - t0:.1f} s"
            )
        mode = "raw rows" if args.live else "monthly aggregates"
        print(f"\nMedian of 3 warm runs (seconds), {mode}:", flush=True)
        for scope, name, seconds in measure(ids, live=args.live):
            flag = "  <-- over 1 s" if seconds >= 1 else ""
            print(f"  {scope:<9} {name:<34} {seconds:7.3f}{flag}", flush=True)
    finally:
        connections.close_all()
        if not args.keep:
            drop_database(server)


if __name__ == "__main__":
    main()
