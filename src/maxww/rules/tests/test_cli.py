"""The rules CLI reads every supported format and rejects bad input with exit 2."""

from __future__ import annotations

import io
import json
from decimal import Decimal
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
    code, out, err = _run("ww", "--input", str(FILES / "ww_good.json"), "--reasons")
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


@pytest.mark.parametrize("reasons", [False, True])
@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
def test_output_format_follows_extension(
    tmp_path: Path, suffix: str, reasons: bool
) -> None:
    target = tmp_path / f"out{suffix}"
    flags = ["--reasons"] if reasons else []
    code, out, _ = _run(
        "bijstand",
        "--input",
        str(FILES / "bijstand_good.csv"),
        "--output",
        str(target),
        *flags,
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
    assert ("reasons" in rows[0]) is reasons


def test_batch_and_reasons_paths_give_the_same_values() -> None:
    for law, file in (("ww", "ww_good.json"), ("bijstand", "bijstand_good.csv")):
        _, fast, _ = _run(law, "--input", str(FILES / file))
        _, slow, _ = _run(law, "--input", str(FILES / file), "--reasons")
        for quick, full in zip(_jsonl(fast), _jsonl(slow), strict=True):
            full.pop("reasons")
            assert quick.keys() == full.keys()
            for key, value in quick.items():
                same = (
                    Decimal(value) == Decimal(full[key])
                    if key.endswith("_eur")
                    else value == full[key]
                )
                assert same, (law, key, value, full[key])


def test_new_income_fields_and_flags_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    path.write_text(
        "reference_date,household,applicant_birth_date,partner_birth_date,"
        "co_residents_27_plus,other_income_eur,income_from_work_eur,assets_eur,"
        "debts_eur,home_equity_eur,medically_limited_hours,work_exemption_months_used\n"
        "2026-01-05,single,1980-01-01,,0,0,800,0,0,0,nee,0\n"
        "2026-01-05,single,1980-01-01,,0,0,800,0,0,0,ja,6\n"
    )
    code, out, err = _run("bijstand", "--input", str(path))
    assert (code, err) == (0, "")
    rows = _jsonl(out)
    # Art. 31 lid 2 onder n (25%) and onder y (15%) in 2026.
    assert [r["income_exemption_eur"] for r in rows] == ["200.00", "120.00"]
    assert [r["indicative_monthly_benefit_eur"] for r in rows] == ["801.50", "721.50"]


def test_bad_new_fields_are_reported_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "reference_date,household,applicant_birth_date,partner_birth_date,"
        "co_residents_27_plus,net_monthly_income_eur,other_income_eur,assets_eur,"
        "debts_eur,home_equity_eur,cannot_rely_on_parents\n"
        "2026-01-05,single,1980-01-01,,0,10,5,0,0,0,misschien\n"
    )
    target = tmp_path / "out.parquet"
    code, out, err = _run("bijstand", "--input", str(path), "--output", str(target))
    assert code == 2 and out == "" and not target.exists()
    assert "rij 1, veld 'other_income_eur': geef óf" in err
    assert (
        "rij 1, veld 'cannot_rely_on_parents': geen ja/nee-waarde: 'misschien'" in err
    )


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
