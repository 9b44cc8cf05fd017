"""Benchmark the UWV extract import on PostgreSQL (target: 1,000,000 rows < 60 s).

Usage (from the repository root; needs a PostgreSQL server you may create
databases on):

    .venv/bin/python benchmarks/screening_import.py                 # 1,000,000 rows
    .venv/bin/python benchmarks/screening_import.py --rows 200000   # quicker

It creates a throw-away database (``maxww_bench_screening``), migrates it, makes
one region with 10 municipalities, a UWV organisation and an active risk model
(fixed coefficients over the default features), generates a seeded synthetic
extract (valid BSNs, polars, no Python loop per row) as CSV bytes and times:

1. the first import of a million new people, as ``maxww screening import
   --initial-load`` runs it: read + validate + hash/encrypt + write people,
   households, claims and caseload grants, then the screening of the new claims
   (windows, target groups, bijstand pre-check, risk score and reasons), each
   record written once, keys checked and indexes built once at the end
   (``--per-row-checks``: as the upload page runs it, a check per row);
2. the nightly refresh of every claim (nothing changed: nothing written);
3. the same rows again in another file (the monthly extract: all unchanged);
4. the identical file again (sha256 no-op).

The database is dropped at the end unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DB = "maxww_bench_screening"
ON = dt.date(2026, 11, 23)


def _urls(url: str, db: str = DB) -> tuple[str, str]:
    """The server's ``postgres`` database and the throw-away ``db`` beside it."""
    base, _, _name = url.rpartition("/")
    return f"{base}/postgres", f"{base}/{db}"


def _admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql)


def extract_csv(rows: int, seed: int = 2026) -> bytes:
    """A synthetic extract with valid BSNs (elfproef), vectorised."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    base = np.arange(10_000_000, 10_000_000 + rows * 2, dtype=np.int64)[: rows * 2]
    digits = np.stack([(base // 10**p) % 10 for p in range(7, -1, -1)], axis=1)
    total = (digits * np.arange(9, 1, -1)).sum(axis=1)
    check = total % 11
    ok = check < 10
    bsn = (base * 10 + check)[ok][:rows]
    if len(bsn) < rows:
        raise SystemExit("not enough BSNs generated")
    end = np.datetime64(ON) + rng.integers(-60, 365, rows).astype("timedelta64[D]")
    months = rng.choice([3, 6, 9, 12, 18, 24], rows)
    start = end - (months * 30.4).astype("timedelta64[D]")
    birth = end - rng.integers(20 * 365, 64 * 365, rows).astype("timedelta64[D]")
    frame = pl.DataFrame(
        {
            "bsn": pl.Series(bsn).cast(pl.String).str.zfill(9),
            "uitkeringsnummer": pl.Series(np.arange(rows)).cast(pl.String).str.zfill(9),
            "achternaam": "Persoon",
            "tussenvoegsel": "",
            "voorletters": "B.",
            "roepnaam": "Bench",
            "geboortedatum": pl.Series(birth).cast(pl.Date).cast(pl.String),
            "postcode": pl.Series(rng.integers(1000, 9999, rows)).cast(pl.String)
            + "AB",
            "straat": pl.Series(
                rng.choice(["Voorstraat", "Molenweg", "Lindenlaan", "Kerkstraat"], rows)
            ),
            "huisnummer": pl.Series(rng.integers(1, 300, rows)).cast(pl.String),
            "huisnummer_toevoeging": pl.Series(rng.choice(["", "", "", "A"], rows)),
            "woonplaats": pl.Series(
                rng.choice(["Dordrecht", "Zwijndrecht", "Sliedrecht"], rows)
            ),
            "gemeentecode": "GM"
            + pl.Series(rng.integers(1, 11, rows)).cast(pl.String).str.zfill(4),
            "eerste_ww_dag": pl.Series(start).cast(pl.Date).cast(pl.String),
            "laatste_ww_dag": pl.Series(end).cast(pl.Date).cast(pl.String),
            "dagloon": pl.Series(rng.uniform(70, 280, rows)).round(2).cast(pl.String),
            "uren_verlies": pl.Series(rng.choice([24, 32, 36, 38, 40], rows)).cast(
                pl.String
            ),
            "beroepscode": "",
            "beroep": "",
            "sector": pl.Series(
                rng.choice(["Logistiek", "Zorg en welzijn", "Horeca", ""], rows)
            ),
            "opleidingsniveau": pl.Series(rng.choice(["vmbo", "mbo", "hbo", ""], rows)),
            "werkverkenner": pl.Series(rng.choice(["laag", "hoog", ""], rows)),
            "doelgroepregister": "nee",
            "flexwerker": pl.Series(rng.choice(["ja", "nee"], rows)),
            "voormalig_zzp": "nee",
            "leefvorm": pl.Series(
                rng.choice(["alleenstaand", "samenwonend", ""], rows)
            ),
            "peildatum": "2026-11-01",
        }
    )
    return frame.write_csv(separator=";").encode()


def _time_stages() -> None:
    """Print the time of each bulk step of the import and of the final COMMIT."""
    import contextlib
    import functools

    from django.db import transaction

    from maxww.screening import services
    from maxww.screening.services import refresh
    from maxww.screening.services.imports import pipeline, write

    steps = [(pipeline, name) for name in ("read_table", "validate", "hash_many")]
    names = ("encrypt_many", "lookup_frame", "insert_frame", "update_frame")
    steps += [(write, name) for name in names]
    steps.append((services, "claims_frame"))
    names = ("compute", "_current", "insert_frame", "update_frame")
    steps += [(refresh, name) for name in names]
    from maxww.core import bulk

    steps.append((bulk, "_csv"))
    for module, name in steps:

        def wrap(fn, name=name):
            @functools.wraps(fn)
            def timed(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return fn(*args, **kwargs)
                finally:
                    model = (
                        args[0].__name__ if args and isinstance(args[0], type) else ""
                    )
                    took = time.perf_counter() - start
                    if took >= 0.05:
                        print(f"     {name}({model}) {took:.2f} s")

            return timed

        setattr(module, name, wrap(getattr(module, name)))
    copy = bulk._CopyQueue._copy

    def timed_copy(self, sql, data):
        start = time.perf_counter()
        copy(self, sql, data)
        table = sql.split()[1]
        took = time.perf_counter() - start
        print(f"     COPY {table} {took:.2f} s (in the background)")

    bulk._CopyQueue._copy = timed_copy
    load = pipeline.bulk_load

    @contextlib.contextmanager
    def timed_load(*models):
        with load(*models):
            yield
            start = time.perf_counter()
        print(f"     indexes and foreign keys {time.perf_counter() - start:.2f} s")

    pipeline.bulk_load = timed_load
    analyze = pipeline.analyze

    def timed_analyze(*models):
        start = time.perf_counter()
        analyze(*models)
        print(f"     analyze {time.perf_counter() - start:.2f} s")

    pipeline.analyze = timed_analyze
    atomic_exit = transaction.Atomic.__exit__

    def exit_(self, *exc):
        start = time.perf_counter()
        try:
            return atomic_exit(self, *exc)
        finally:
            took = time.perf_counter() - start
            if took >= 0.2:
                print(f"     commit (foreign-key checks) {took:.2f} s")

    transaction.Atomic.__exit__ = exit_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--stages", action="store_true", help="print the time of each bulk step"
    )
    parser.add_argument(
        "--per-row-checks",
        action="store_true",
        help="first import without --initial-load (foreign keys checked per row)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    server, bench = _urls(args.database_url)
    _admin(server, f"DROP DATABASE IF EXISTS {DB}")
    _admin(server, f"CREATE DATABASE {DB}")
    os.environ["DATABASE_URL"] = bench
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # as in production: no query log kept in memory
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from maxww.organisations.models import (
        Municipality,
        Organisation,
        Region,
        RegionalConfig,
    )
    from maxww.screening.models import ExtractImport, RiskModel
    from maxww.screening.services import import_extract, refresh_screening
    from maxww.screening.services.risk import DEFAULT_FEATURES, feature_columns

    try:
        call_command("migrate", verbosity=0)
        region = Region.objects.create(code="AM99", name="Benchregio")
        RegionalConfig.objects.create(region=region)
        Municipality.objects.bulk_create(
            Municipality(code=f"GM{i:04d}", name=f"Gemeente {i}", region=region)
            for i in range(1, 11)
        )
        org = Organisation.objects.create(name="Bench UWV", kind="uwv", region=region)
        columns = feature_columns(list(DEFAULT_FEATURES))
        RiskModel.objects.create(
            version=1,
            trained_at=timezone.now(),
            trained_on=ON,
            features=list(DEFAULT_FEATURES),
            coefficients={c: (i % 7 - 3) / 4 for i, (c, _l) in enumerate(columns)},
            intercept=-2.5,
        )
        t = time.perf_counter()
        data = extract_csv(args.rows)
        print(
            f"generated {args.rows:,} rows ({len(data) / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s"
        )

        def run(payload: bytes, name: str, *, initial_load: bool = False):
            """As the CLI does: an ExtractImport row per file, so a repeat is a no-op."""
            extract = ExtractImport.objects.create(
                organisation=org, filename=name, sha256=""
            )
            return import_extract(
                data=payload,
                filename=name,
                organisation=org,
                on=ON,
                extract=extract,
                initial_load=initial_load,
            )

        if args.stages:
            _time_stages()

        def timed(label, fn):
            start, cpu = time.perf_counter(), time.process_time()
            result = fn()
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu
            print(
                f"{label:<44} {seconds:7.1f} s  ({args.rows / seconds:,.0f} rows/s,"
                f" Python CPU {cpu:.1f} s)"
            )
            return result, seconds

        report, _ = timed(
            "1. first import (write + screen, all new)",
            lambda: run(data, "x.csv", initial_load=not args.per_row_checks),
        )
        assert report.ok and report.created == args.rows, report.errors[:3]
        counts, _ = timed(
            "2. nightly refresh (nothing changed)",
            lambda: refresh_screening(on=ON),
        )
        assert counts["created"] == counts["moved"] == counts["scored"] == 0, counts
        report, _ = timed(
            "3. same rows, other file (all unchanged)",
            lambda: run(data + b"\n", "y.csv"),
        )
        assert report.unchanged == args.rows
        report, _ = timed(
            "4. identical file (sha256 no-op)", lambda: run(data, "x.csv")
        )
        assert report.unchanged == args.rows
    finally:
        connections.close_all()
        if not args.keep:
            _admin(server, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
