"""The rules CLI reads every supported format and rejects bad input with exit 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest

from maxww.rules.cli import main

FILES = Path(__file__).parent / "files"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_ww_json_list_gives_one_jsonl_line_per_case_with_reasons() -> None:
    code, out, err = _run("ww", "--input", str(FILES / "ww_good.json"))
    assert (code, err) == (0, "")
    rows = _jsonl(out)
    assert [r["entitled"] for r in rows] == [True, False]
    assert rows[0]["duration_months"] == "23.0"
    assert rows[0]["reasons"][0]["rule"] == "aow_leeftijd"


def test_leading_rules_word_is_accepted() -> None:
    code, out, _ = _run("rules", "ww", "--input", str(FILES / "ww_good.json"))
    assert code == 0 and len(_jsonl(out)) == 2


def test_single_json_object_is_one_case(tmp_path: Path) -> None:
    record = json.loads((FILES / "ww_good.json").read_text())[0]
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record))
    code, out, _ = _run("ww", "--input", str(path), "--no-reasons")
    assert code == 0
    assert _jsonl(out) == [_jsonl(out)[0]] and "reasons" not in _jsonl(out)[0]


def test_bijstand_csv_and_parquet_give_the_same_result(tmp_path: Path) -> None:
    parquet = tmp_path / "cases.parquet"
    pl.read_csv(FILES / "bijstand_good.csv", infer_schema=False).write_parquet(parquet)
    code_csv, out_csv, _ = _run("bijstand", "--input", str(FILES / "bijstand_good.csv"))
    code_pq, out_pq, _ = _run("bijstand", "--input", str(parquet))
    assert code_csv == code_pq == 0
    assert out_csv == out_pq
    rows = _jsonl(out_csv)
    assert [r["norm_monthly_eur"] for r in rows] == ["1401.50", "2002.13"]
    assert rows[1]["indicative_monthly_benefit_eur"] == "1901.63"


def test_jsonl_input(tmp_path: Path) -> None:
    records = json.loads((FILES / "ww_good.json").read_text())
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    code, out, _ = _run("ww", "--input", str(path))
    assert code == 0 and len(_jsonl(out)) == 2


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
def test_output_format_follows_extension(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    code, out, _ = _run(
        "bijstand", "--input", str(FILES / "bijstand_good.csv"), "--output", str(target)
    )
    assert code == 0 and out == ""
    if suffix == ".parquet":
        rows = pl.read_parquet(target).to_dicts()
    elif suffix == ".csv":
        rows = pl.read_csv(target, infer_schema=False).to_dicts()
    elif suffix == ".json":
        rows = json.loads(target.read_text())
    else:
        rows = _jsonl(target.read_text())
    assert len(rows) == 2
    assert str(rows[0]["norm_monthly_eur"]) == "1401.50"
    assert "reasons" in rows[0]


@pytest.mark.parametrize(
    ("law", "file", "expected"),
    [
        ("ww", "ww_bad_date.jsonl", "rij 2, veld 'reference_date': geen geldige datum"),
        ("bijstand", "bijstand_bad_household.csv", "rij 2, veld 'household'"),
        (
            "bijstand",
            "bijstand_bad_household.csv",
            "rij 3, veld 'net_monthly_income_eur'",
        ),
        (
            "bijstand",
            "bijstand_missing_column.csv",
            "rij 1, veld 'co_residents_27_plus'",
        ),
        ("ww", "ww_broken.json", "kan het bestand niet lezen"),
    ],
)
def test_malformed_input_exits_2_naming_row_and_field(
    law: str, file: str, expected: str
) -> None:
    code, out, err = _run(law, "--input", str(FILES / file))
    assert code == 2
    assert out == ""
    assert expected in err


def test_unknown_input_format_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    path.write_text("x")
    code, _, err = _run("ww", "--input", str(path))
    assert code == 2 and "onbekend formaat" in err


def test_missing_arguments_exit_2() -> None:
    code, _, err = _run("ww")
    assert code == 2 and "--input" in err


def test_parse_records_returns_structured_errors() -> None:
    from maxww.rules.io import parse_bijstand_records

    cases, errors = parse_bijstand_records(
        [{"reference_date": "2026-01-05", "household": "couple"}]
    )
    assert cases == []
    assert {
        "row": 1,
        "field": "partner_birth_date",
        "message": "ontbreekt (verplicht bij couple)",
    } in errors
