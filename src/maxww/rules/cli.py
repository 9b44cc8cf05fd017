"""Command line: ``maxww rules ww|bijstand --input FILE [--output FILE]``.

``main(argv)`` takes the arguments after ``maxww rules`` (a leading ``rules`` is
accepted too) and returns an exit code: 0 on success, 2 on bad input, with the
row (1-based) and field of every problem on stderr; nothing is written then.

The file is read into a polars frame, validated with expressions
(:mod:`maxww.rules.validate`) and evaluated with :mod:`maxww.rules.batch`.
``--reasons`` adds the Dutch reasons per row; those come from the scalar engine,
one case at a time, so they cost time on large files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import polars as pl

from . import io
from .batch import evaluate_bijstand_batch, evaluate_ww_batch
from .bijstand import evaluate_bijstand
from .validate import validate_bijstand_frame, validate_ww_frame
from .ww import evaluate_ww

EXIT_OK = 0
EXIT_BAD_INPUT = 2
MAX_ERRORS_SHOWN = 50


class _Parser(argparse.ArgumentParser):
    """ArgumentParser that raises instead of exiting, so main() returns a code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _parser() -> _Parser:
    parser = _Parser(
        prog="maxww rules",
        description="Reken WW of bijstand uit voor de gevallen in een bestand.",
    )
    sub = parser.add_subparsers(dest="law", required=True)
    for law, help_text in (
        ("ww", "WW-recht, duur, einddatum en hoogte"),
        ("bijstand", "bijstandsnorm, vermogenstoets en indicatieve bijstand"),
    ):
        command = sub.add_parser(law, help=help_text)
        command.add_argument(
            "--input",
            required=True,
            type=Path,
            help="JSON (object of lijst), JSONL, CSV of Parquet",
        )
        command.add_argument(
            "--output",
            type=Path,
            help="uitvoerbestand (.jsonl, .json, .csv, .parquet); standaard JSONL op stdout",
        )
        command.add_argument(
            "--reasons",
            action="store_true",
            help="voeg per rij de redenen toe (per geval uitgerekend, trager)",
        )
        command.add_argument(
            "--no-reasons",
            action="store_true",
            help="zonder redenen (de standaard; blijft werken voor oude scripts)",
        )
    return parser


def _report(errors: list[io.RecordError], stderr: TextIO) -> None:
    for error in errors[:MAX_ERRORS_SHOWN]:
        stderr.write(
            f"rij {error['row']}, veld '{error['field']}': {error['message']}\n"
        )
    if len(errors) > MAX_ERRORS_SHOWN:
        stderr.write(f"... en nog {len(errors) - MAX_ERRORS_SHOWN} fouten\n")


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the rules CLI; returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["rules"]:
        args_list = args_list[1:]
    try:
        args = _parser().parse_args(args_list)
    except _UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_BAD_INPUT

    run = _with_reasons if args.reasons and not args.no_reasons else _batch
    try:
        run(args, out)
    except io.RecordsError as exc:
        _report(exc.errors, err)
        return EXIT_BAD_INPUT
    except io.InputFileError as exc:
        err.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    return EXIT_OK


BATCH = {
    "ww": (validate_ww_frame, evaluate_ww_batch),
    "bijstand": (validate_bijstand_frame, evaluate_bijstand_batch),
}


def evaluate_frame(
    law: str,
    frame: pl.DataFrame,
    chunk_rows: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pl.DataFrame:
    """Validate a whole input frame, then evaluate it with the batch engine.

    Raises :class:`io.RecordsError` with every row/field error (nothing is
    evaluated then). With ``chunk_rows`` the rows go through in slices and
    ``progress(done, total)`` is called after each. Returns the output contract
    (no ``*_cents`` helper columns).
    """
    validate, evaluate = BATCH[law]
    typed, errors = validate(frame)
    if errors:
        raise io.RecordsError(errors)
    size = chunk_rows or max(typed.height, 1)
    parts = []
    for start in range(0, typed.height, size):
        result = evaluate(typed.slice(start, size))
        parts.append(
            result.select(c for c in result.columns if not c.endswith("_cents"))
        )
        if progress:
            progress(min(start + size, typed.height), typed.height)
    if not parts:
        empty = evaluate(typed)
        return empty.select(c for c in empty.columns if not c.endswith("_cents"))
    return pl.concat(parts)


def _batch(args: argparse.Namespace, out: TextIO) -> None:
    """Read a frame, validate it vectorised, evaluate it in one batch, write it."""
    result = evaluate_frame(args.law, io.read_frame(args.input))
    io.write_frame(result, args.output, out)


def _with_reasons(args: argparse.Namespace, out: TextIO) -> None:
    """The scalar path, case by case, with the reasons of every result."""
    parse: Callable[[Any], tuple[list[Any], list[io.RecordError]]]
    if args.law == "ww":
        parse, evaluate, to_dict = (
            io.parse_ww_records,
            evaluate_ww,
            io.ww_result_to_dict,
        )
    else:
        parse, evaluate, to_dict = (
            io.parse_bijstand_records,
            evaluate_bijstand,
            io.bijstand_result_to_dict,
        )
    cases, errors = parse(io.read_records(args.input))
    if errors:
        raise io.RecordsError(errors)
    rows = [to_dict(evaluate(case, on=case.reference_date)) for case in cases]
    io.write_records(rows, args.output, out)


if __name__ == "__main__":
    raise SystemExit(main())
