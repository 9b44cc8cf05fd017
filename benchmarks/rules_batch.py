"""Benchmark the rules batch path against reading the input and the scalar path.

Generates 1,000,000 seeded synthetic WW and bijstand cases, writes each set to a
temporary Parquet file, then times reading the file alone, reading plus batch
evaluation, and the scalar path on a sample. Then the CLI (issue 21): the
Parquet copy of the file (read + write, best of three) against
``maxww rules <law> --input cases.parquet --output out.parquet`` in-process
(``cli.main``) and as its own process (wall clock and peak memory).

Goal: CLI ≤ 10× the Parquet copy, peak memory < 2 GB.

Run: ``.venv/bin/python benchmarks/rules_batch.py [--cases N] [--sample N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from maxww.rules import (
    BijstandCase,
    Household,
    WWCase,
    evaluate_bijstand,
    evaluate_ww,
)
from maxww.rules.batch import evaluate_bijstand_batch, evaluate_ww_batch
from maxww.rules.cli import main as cli_main

EPOCH = dt.date(1970, 1, 1)


def _dates(rng: np.random.Generator, start: dt.date, end: dt.date, n: int) -> pl.Series:
    low, high = (start - EPOCH).days, (end - EPOCH).days
    return pl.Series(rng.integers(low, high, n, dtype=np.int32)).cast(pl.Date)


def ww_frame(n: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    return pl.DataFrame(
        {
            "reference_date": _dates(
                rng, dt.date(2024, 1, 1), dt.date(2027, 12, 31), n
            ),
            "birth_date": _dates(rng, dt.date(1958, 1, 1), dt.date(2006, 12, 31), n),
            "weeks_worked_last_36": rng.integers(20, 37, n),
            "years_with_208_hours_last_5": rng.integers(0, 6, n),
            "employment_history_years_before_2016": rng.integers(0, 40, n),
            "employment_history_years_from_2016": rng.integers(0, 11, n),
            "daily_wage_eur": rng.integers(0, 45_000, n) / 100,
        }
    )


def bijstand_frame(n: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    households = np.array([h.value for h in Household])[rng.integers(0, 3, n)]
    partner = _dates(rng, dt.date(1960, 1, 1), dt.date(2005, 12, 31), n)
    return pl.DataFrame(
        {
            "reference_date": _dates(
                rng, dt.date(2024, 1, 1), dt.date(2027, 12, 31), n
            ),
            "household": households,
            "applicant_birth_date": _dates(
                rng, dt.date(1958, 1, 1), dt.date(2005, 12, 31), n
            ),
            "partner_birth_date": partner,
            "co_residents_27_plus": rng.choice([0, 0, 0, 1, 2, 3], n),
            "net_monthly_income_eur": rng.integers(0, 200_000, n) / 100,
            "assets_eur": rng.integers(0, 2_000_000, n) / 100,
            "debts_eur": rng.integers(0, 300_000, n) / 100,
            "home_equity_eur": rng.integers(0, 9_000_000, n) / 100,
            "has_children": rng.random(n) < 0.5,
            "income_from_work_eur": np.where(
                rng.random(n) < 0.4, rng.integers(0, 150_000, n) / 100, 0.0
            ),
            "medically_limited_hours": rng.random(n) < 0.1,
            "cannot_rely_on_parents": rng.random(n) < 0.2,
            "has_child_under_12": rng.random(n) < 0.3,
            "work_exemption_months_used": rng.choice([0, 3, 6, 12], n),
        }
    ).with_columns(
        pl.when(pl.col("household") == "couple")
        .then(pl.col("partner_birth_date"))
        .otherwise(None)
        .alias("partner_birth_date")
    )


def _ww_cases(df: pl.DataFrame) -> list[WWCase]:
    return [
        WWCase(
            r["reference_date"],
            r["birth_date"],
            r["weeks_worked_last_36"],
            r["years_with_208_hours_last_5"],
            r["employment_history_years_before_2016"],
            r["employment_history_years_from_2016"],
            Decimal(str(r["daily_wage_eur"])),
        )
        for r in df.iter_rows(named=True)
    ]


def _bijstand_cases(df: pl.DataFrame) -> list[BijstandCase]:
    return [
        BijstandCase(
            r["reference_date"],
            Household(r["household"]),
            r["applicant_birth_date"],
            r["partner_birth_date"],
            r["co_residents_27_plus"],
            Decimal(str(r["net_monthly_income_eur"])),
            Decimal(str(r["assets_eur"])),
            Decimal(str(r["debts_eur"])),
            Decimal(str(r["home_equity_eur"])),
            r["has_children"],
        )
        for r in df.iter_rows(named=True)
    ]


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def bench(
    name: str,
    frame: pl.DataFrame,
    batch: Callable[[pl.DataFrame], pl.DataFrame],
    to_cases: Callable[[pl.DataFrame], list],
    scalar: Callable,
    sample: int,
    directory: Path,
) -> None:
    path = directory / f"{name}.parquet"
    frame.write_parquet(path)
    n = frame.height
    batch(frame.head(1000))  # warm up
    read = _best_of(3, lambda: pl.read_parquet(path))
    total = _best_of(3, lambda: batch(pl.read_parquet(path)))
    cases = to_cases(frame.head(sample))
    start = time.perf_counter()
    for case in cases:
        scalar(case, on=case.reference_date)
    scalar_time = time.perf_counter() - start
    batch_per_case = (total - read) / n
    scalar_per_case = scalar_time / sample
    print(f"{name}: {n:,} cases")
    print(f"  read parquet only      {read:7.3f} s")
    print(f"  read + batch evaluate  {total:7.3f} s  ({n / total:,.0f} cases/s)")
    print(f"  ratio (read+eval)/read {total / read:7.1f}x")
    print(
        f"  scalar on {sample:,} cases  {scalar_time:7.3f} s  "
        f"({1 / scalar_per_case:,.0f} cases/s)"
    )
    print(f"  scalar/batch per case  {scalar_per_case / batch_per_case:7.0f}x")


def _process(argv: list[str]) -> tuple[float, int, int]:
    """Wall clock (s), exit code and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    return (
        time.perf_counter() - start,
        os.waitstatus_to_exitcode(status),
        usage.ru_maxrss // 1024,
    )


def bench_cli(name: str, frame: pl.DataFrame, directory: Path) -> None:
    source = directory / f"{name}_cli.parquet"
    frame.write_parquet(source)
    copy_path, out = directory / "copy.parquet", directory / f"{name}_out.parquet"
    copy = _best_of(3, lambda: pl.read_parquet(source).write_parquet(copy_path))
    argv = [name, "--input", str(source), "--output", str(out)]
    in_process = _best_of(3, lambda: cli_main(argv))
    maxww = Path(sys.executable).with_name("maxww")
    command = [str(maxww), "rules", *argv] if maxww.exists() else None
    print(f"cli {name}: {frame.height:,} cases")
    print(f"  parquet copy (read+write)    {copy:7.3f} s")
    print(
        f"  cli.main in-process          {in_process:7.3f} s  ratio {in_process / copy:5.1f}x"
    )
    if command:
        copier = (
            "import sys, polars as pl; "
            "pl.read_parquet(sys.argv[1]).write_parquet(sys.argv[2])"
        )
        copy_process = min(
            _process([sys.executable, "-c", copier, str(source), str(copy_path)])[0]
            for _ in range(3)
        )
        wall, code, rss = _process(command)
        assert code == 0, code
        tiny = directory / f"{name}_one_row.parquet"
        frame.head(1).write_parquet(tiny)
        start_up = min(
            _process([str(maxww), "rules", name, "--input", str(tiny)])[0]
            for _ in range(3)
        )
        print(f"  maxww rules on 1 row (start-up, best of 3) {start_up:7.3f} s")
        print(f"  parquet copy (own process)   {copy_process:7.3f} s")
        print(
            f"  maxww rules (own process)    {wall:7.3f} s  ratio {wall / copy:5.1f}x "
            f"(vs copy process {wall / copy_process:4.1f}x)  peak RSS {rss:,} MB"
        )
    print(f"  output rows {pl.scan_parquet(out).select(pl.len()).collect().item():,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cli-only", action="store_true", help="only the CLI figures")
    args = parser.parse_args()
    print(f"polars {pl.__version__}, threads {pl.thread_pool_size()}")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        bench_cli("ww", ww_frame(args.cases, args.seed), directory)
        bench_cli("bijstand", bijstand_frame(args.cases, args.seed), directory)
        if args.cli_only:
            return 0
        bench(
            "ww",
            ww_frame(args.cases, args.seed),
            evaluate_ww_batch,
            _ww_cases,
            evaluate_ww,
            args.sample,
            directory,
        )
        bench(
            "bijstand",
            bijstand_frame(args.cases, args.seed),
            evaluate_bijstand_batch,
            _bijstand_cases,
            evaluate_bijstand,
            args.sample,
            directory,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
