"""Read, validate and write rule cases: records (dicts) and JSON/JSONL/CSV/Parquet.

``parse_ww_records`` and ``parse_bijstand_records`` are shared by the CLI and the
REST API: they return the validated cases and a list of errors, each a dict
``{"row": 1-based row, "field": name, "message": Dutch text}``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypedDict

import polars as pl

from .bijstand import BijstandCase, BijstandResult, Household
from .parameters import default_parameters
from .reasons import Reason
from .ww import WWCase, WWResult

WW_FIELDS = (
    "reference_date",
    "birth_date",
    "weeks_worked_last_36",
    "years_with_208_hours_last_5",
    "employment_history_years_before_2016",
    "employment_history_years_from_2016",
    "daily_wage_eur",
)
BIJSTAND_FIELDS = (
    "reference_date",
    "household",
    "applicant_birth_date",
    "partner_birth_date",
    "co_residents_27_plus",
    "net_monthly_income_eur",
    "assets_eur",
    "debts_eur",
    "home_equity_eur",
)
BIJSTAND_FLAGS = (
    "has_children",
    "partner_has_no_right",
    "cannot_rely_on_parents",
    "medically_limited_hours",
    "loonkostensubsidie_target_group",
    "special_education_last_year",
    "has_child_under_12",
    "loonkostensubsidie_job",
    "no_more_hours_possible",
)
BIJSTAND_COUNTS = {
    "work_exemption_months_used": 600,
    "single_parent_exemption_months_used": 600,
    "lks_exemption_months_used": 600,
}
BIJSTAND_OPTIONAL = (
    *BIJSTAND_FLAGS,
    *BIJSTAND_COUNTS,
    "income_from_work_eur",
    "other_income_eur",
    "partner_income_eur",
)
"""Optional bijstand inputs; ``other_income_eur`` is the new name of
``net_monthly_income_eur`` (net income other than from work), either is accepted."""
SUPPORTED_FORMATS = (".json", ".jsonl", ".csv", ".parquet")


class RecordError(TypedDict):
    """One problem in one input row."""

    row: int
    field: str
    message: str


class InputFileError(ValueError):
    """The input file cannot be read at all (format, syntax)."""


@dataclass
class _Row:
    """Collects typed values and errors for one record."""

    number: int
    record: Mapping[str, Any]
    errors: list[RecordError]

    def _error(self, field: str, message: str) -> None:
        self.errors.append({"row": self.number, "field": field, "message": message})

    def _raw(self, field: str, required: bool = True) -> Any:
        value = self.record.get(field)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if required:
                self._error(field, "ontbreekt")
            return None
        return value

    def date(self, field: str, required: bool = True) -> dt.date | None:
        value = self._raw(field, required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self._error(field, f"geen geldige datum (JJJJ-MM-DD): {value!r}")
            return None

    def integer(
        self, field: str, maximum: int | None = None, required: bool = True
    ) -> int | None:
        value = self._raw(field, required)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self._error(field, f"geen geheel getal: {value!r}")
            return None
        if isinstance(value, bool) or number != number.to_integral_value():
            self._error(field, f"geen geheel getal: {value!r}")
            return None
        if number < 0:
            self._error(field, f"mag niet negatief zijn: {value!r}")
            return None
        if maximum is not None and number > maximum:
            self._error(field, f"mag niet groter zijn dan {maximum}: {value!r}")
            return None
        return int(number)

    def money(self, field: str, required: bool = True) -> Decimal | None:
        value = self._raw(field, required)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            amount = Decimal(str(value))
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self._error(field, f"geen geldig bedrag: {value!r}")
            return None
        if amount < 0:
            self._error(field, f"mag niet negatief zijn: {value!r}")
            return None
        return amount

    def boolean(self, field: str) -> bool:
        value = self._raw(field, required=False)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in {"true", "1", "ja", "yes"}:
            return True
        if text in {"false", "0", "nee", "no"}:
            return False
        self._error(field, f"geen ja/nee-waarde: {value!r}")
        return False


def _check_supported(row: _Row, reference: dt.date | None) -> None:
    first = default_parameters().first_date()
    if reference and reference < first:
        row._error(
            "reference_date",
            f"voor {first.isoformat()} zijn geen parameters beschikbaar",
        )


OLDEST_AGE_YEARS = 120
TOO_OLD = f"ligt meer dan {OLDEST_AGE_YEARS} jaar voor de peildatum: geen geboortedatum"


def _check_order(row: _Row, earlier: str, a: dt.date | None, b: dt.date | None) -> None:
    """A birth date lies before the reference date, and at most 120 years before it."""
    if a and b and a >= b:
        row._error(earlier, "moet voor de peildatum (reference_date) liggen")
    elif a and b and a < _years_back(b, OLDEST_AGE_YEARS):
        row._error(earlier, TOO_OLD)


def _years_back(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _as_record(row: _Row, record: Any) -> bool:
    if not isinstance(record, Mapping):
        row._error("*", "een rij moet een object met velden zijn")
        return False
    return True


def parse_ww_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[list[WWCase], list[RecordError]]:
    """Validate WW records; returns (cases, errors). Cases only when no errors."""
    cases: list[WWCase] = []
    errors: list[RecordError] = []
    for number, record in enumerate(records, start=1):
        row = _Row(number, record if isinstance(record, Mapping) else {}, errors)
        if not _as_record(row, record):
            continue
        before = len(errors)
        reference = row.date("reference_date")
        birth = row.date("birth_date")
        weeks = row.integer("weeks_worked_last_36", maximum=36)
        years = row.integer("years_with_208_hours_last_5", maximum=5)
        before_2016 = row.integer("employment_history_years_before_2016", maximum=60)
        from_2016 = row.integer("employment_history_years_from_2016", maximum=60)
        wage = row.money("daily_wage_eur")
        _check_supported(row, reference)
        _check_order(row, "birth_date", birth, reference)
        if len(errors) == before:
            cases.append(
                WWCase(
                    reference_date=reference,  # type: ignore[arg-type]
                    birth_date=birth,  # type: ignore[arg-type]
                    weeks_worked_last_36=weeks,  # type: ignore[arg-type]
                    years_with_208_hours_last_5=years,  # type: ignore[arg-type]
                    employment_history_years_before_2016=before_2016,  # type: ignore[arg-type]
                    employment_history_years_from_2016=from_2016,  # type: ignore[arg-type]
                    daily_wage_eur=wage,  # type: ignore[arg-type]
                )
            )
    return (cases if not errors else []), errors


def parse_bijstand_records(
    records: Iterable[Mapping[str, Any]],
) -> tuple[list[BijstandCase], list[RecordError]]:
    """Validate bijstand records; returns (cases, errors). Cases only when no errors."""
    cases: list[BijstandCase] = []
    errors: list[RecordError] = []
    for number, record in enumerate(records, start=1):
        row = _Row(number, record if isinstance(record, Mapping) else {}, errors)
        if not _as_record(row, record):
            continue
        before = len(errors)
        facts = _bijstand_facts(row)
        if len(errors) == before:
            cases.append(BijstandCase(**facts))
    return (cases if not errors else []), errors


def _bijstand_facts(row: _Row) -> dict[str, Any]:
    """The :class:`BijstandCase` fields of one record; errors are added to ``row``."""
    facts = _bijstand_people(row)
    facts.update(_bijstand_means(row))
    facts.update(_bijstand_options(row, facts["household"]))
    reference = facts["reference_date"]
    _check_supported(row, reference)
    _check_order(row, "applicant_birth_date", facts["applicant_birth_date"], reference)
    _check_order(row, "partner_birth_date", facts["partner_birth_date"], reference)
    return facts


def _bijstand_people(row: _Row) -> dict[str, Any]:
    """Reference date, leefvorm (art. 3-4), birth dates, co-residents (art. 22a)."""
    reference = row.date("reference_date")
    household = _household(row)
    applicant = row.date("applicant_birth_date")
    partner = row.date("partner_birth_date", required=False)
    if household is Household.COUPLE and partner is None:
        row._error("partner_birth_date", "ontbreekt (verplicht bij couple)")
    if household in (Household.SINGLE, Household.SINGLE_PARENT) and partner:
        row._error("partner_birth_date", "moet leeg zijn als er geen partner is")
    return {
        "reference_date": reference,
        "household": household,
        "applicant_birth_date": applicant,
        "partner_birth_date": partner,
        "co_residents_27_plus": row.integer("co_residents_27_plus", maximum=50),
    }


def _household(row: _Row) -> Household | None:
    """The leefvorm (art. 3-4): single, couple or single_parent."""
    raw_household = row._raw("household")
    if raw_household is None:
        return None
    try:
        return Household(str(raw_household))
    except ValueError:
        row._error(
            "household",
            f"onbekende leefvorm {raw_household!r}; kies uit "
            + ", ".join(h.value for h in Household),
        )
        return None


def _bijstand_means(row: _Row) -> dict[str, Any]:
    """Income (art. 31-32) and the amounts for the asset tests (art. 34)."""
    income = _other_income(row)
    work = row.money("income_from_work_eur", required=False)
    partner_income = row.money("partner_income_eur", required=False)
    return {
        "net_monthly_income_eur": income,
        "income_from_work_eur": work or Decimal(0),
        "partner_income_eur": partner_income or Decimal(0),
        "assets_eur": row.money("assets_eur"),
        "debts_eur": row.money("debts_eur"),
        "home_equity_eur": row.money("home_equity_eur"),
    }


def _bijstand_options(row: _Row, household: Household | None) -> dict[str, Any]:
    """The yes/no facts and months used (art. 20, 24, 31, 41); absent is no or 0."""
    flags: dict[str, Any] = {name: row.boolean(name) for name in BIJSTAND_FLAGS}
    flags["has_children"] = (
        flags["has_children"] or household is Household.SINGLE_PARENT
    )
    counts = {
        name: row.integer(name, maximum=top, required=False) or 0
        for name, top in BIJSTAND_COUNTS.items()
    }
    return {**flags, **counts}


def _other_income(row: _Row) -> Decimal | None:
    """``other_income_eur`` (new) or ``net_monthly_income_eur`` (old), not both."""
    old = row._raw("net_monthly_income_eur", required=False)
    new = row._raw("other_income_eur", required=False)
    if old is not None and new is not None:
        row._error(
            "other_income_eur",
            "geef óf other_income_eur óf net_monthly_income_eur, niet allebei",
        )
        return None
    if old is None and new is None:
        row._error("other_income_eur", "ontbreekt (of net_monthly_income_eur)")
        return None
    return row.money(
        "other_income_eur" if new is not None else "net_monthly_income_eur"
    )


def read_records(path: Path) -> list[dict[str, Any]]:
    """Read records from JSON (object or list), JSONL, CSV or Parquet."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            return data if isinstance(data, list) else [data]
        if suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            return [json.loads(line) for line in lines if line.strip()]
        if suffix == ".csv":
            return pl.read_csv(path, infer_schema=False).to_dicts()
        if suffix == ".parquet":
            return pl.read_parquet(path).to_dicts()
    except (json.JSONDecodeError, pl.exceptions.PolarsError, OSError) as exc:
        raise InputFileError(f"{path}: kan het bestand niet lezen: {exc}") from exc
    raise InputFileError(
        f"{path}: onbekend formaat; gebruik {', '.join(SUPPORTED_FORMATS)}"
    )


def read_frame(path: Path) -> pl.DataFrame:
    """Read JSON, JSONL, CSV or Parquet into a frame for the batch path.

    CSV is read as text (validation types it); JSON and JSONL values become text
    too, so one malformed value gives a row error instead of a failed read.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pl.read_parquet(path)
        if suffix == ".csv":
            return pl.read_csv(path, infer_schema=False)
        if suffix in (".json", ".jsonl"):
            return _records_frame(read_records(path))
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputFileError(f"{path}: kan het bestand niet lezen: {exc}") from exc
    raise InputFileError(
        f"{path}: onbekend formaat; gebruik {', '.join(SUPPORTED_FORMATS)}"
    )


def _records_frame(records: list[Any]) -> pl.DataFrame:
    if not all(isinstance(r, Mapping) for r in records):
        rows = [i for i, r in enumerate(records, start=1) if not isinstance(r, Mapping)]
        raise RecordsError(
            [
                {
                    "row": row,
                    "field": "*",
                    "message": "een rij moet een object met velden zijn",
                }
                for row in rows
            ]
        )
    columns = sorted({key for record in records for key in record})

    def text(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return pl.DataFrame(
        {c: [text(r.get(c)) for r in records] for c in columns},
        schema={c: pl.String for c in columns},
    )


class RecordsError(ValueError):
    """Rows that are not records at all (JSON values that are not objects)."""

    def __init__(self, errors: list[RecordError]) -> None:
        super().__init__(f"{len(errors)} fout(en)")
        self.errors = errors


def write_frame(frame: pl.DataFrame, path: Path | None, stream: Any) -> None:
    """Write a batch result frame; format by suffix, JSONL on ``stream`` without path.

    Parquet keeps the types (Decimal, Date); JSON and JSONL carry dates as ISO text
    and money as decimal strings, like the scalar output.
    """
    suffix = path.suffix.lower() if path else ".jsonl"
    if suffix == ".parquet":
        frame.write_parquet(path)  # type: ignore[arg-type]
        return
    if suffix == ".csv":
        frame.write_csv(path)  # type: ignore[arg-type]
        return
    if suffix not in (".json", ".jsonl"):
        raise InputFileError(
            f"{path}: onbekend uitvoerformaat; gebruik {', '.join(SUPPORTED_FORMATS)}"
        )
    plain = frame.with_columns(
        pl.col(pl.Date).dt.to_string("%Y-%m-%d"),
        pl.col(pl.Decimal).cast(pl.String),
        *(
            [pl.col("duration_months").round(1).cast(pl.String)]
            if "duration_months" in frame.columns
            else []
        ),
    )
    if suffix == ".json":
        path.write_text(  # type: ignore[union-attr]
            json.dumps(plain.to_dicts(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    elif path is None:
        stream.write(plain.write_ndjson())
    else:
        plain.write_ndjson(path)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def ww_result_to_dict(result: WWResult, reasons: bool = True) -> dict[str, Any]:
    """The output contract of a WW result (dates ISO, money as decimal strings)."""
    out: dict[str, Any] = {
        "reference_date": result.reference_date,
        "entitled": result.entitled,
        "duration_months": result.duration_months,
        "end_date": result.end_date,
        "aow_date": result.aow_date,
        "capped_by_aow": result.capped_by_aow,
        "monthly_amount_first_2_months_eur": result.monthly_amount_first_2_months_eur,
        "monthly_amount_after_eur": result.monthly_amount_after_eur,
        "municipality_report_date": result.municipality_report_date,
    }
    out = {k: _plain(v) for k, v in out.items()}
    if reasons:
        out["reasons"] = [r.to_dict() for r in result.reasons]
    return out


def bijstand_result_to_dict(
    result: BijstandResult, reasons: bool = True
) -> dict[str, Any]:
    """The output contract of a bijstand result."""
    out: dict[str, Any] = {
        "reference_date": result.reference_date,
        "norm_monthly_eur": result.norm_monthly_eur,
        "cost_sharers": result.cost_sharers,
        "asset_limit_eur": result.asset_limit_eur,
        "passes_asset_test": result.passes_asset_test,
        "home_equity_above_limit": result.home_equity_above_limit,
        "indicative_monthly_benefit_eur": result.indicative_monthly_benefit_eur,
        "entitled": result.entitled,
        "job_search_period_weeks": result.job_search_period_weeks,
        "aio_via_svb": result.aio_via_svb,
        "income_exemption_eur": result.income_exemption_eur,
    }
    out = {k: _plain(v) for k, v in out.items()}
    if reasons:
        out["reasons"] = [r.to_dict() for r in result.reasons]
    return out


def write_records(rows: list[dict[str, Any]], path: Path | None, stream: Any) -> None:
    """Write output rows as JSONL to ``stream`` or to ``path`` (format by suffix)."""
    if path is None or path.suffix.lower() == ".jsonl":
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        if path is None:
            stream.write(text)
        else:
            path.write_text(text, encoding="utf-8")
        return
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(
            json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return
    flat = [
        {
            k: json.dumps(v, ensure_ascii=False) if k == "reasons" else v
            for k, v in r.items()
        }
        for r in rows
    ]
    frame = pl.DataFrame(flat, infer_schema_length=None)
    if suffix == ".csv":
        frame.write_csv(path)
    elif suffix == ".parquet":
        frame.write_parquet(path)
    else:
        raise InputFileError(
            f"{path}: onbekend uitvoerformaat; gebruik {', '.join(SUPPORTED_FORMATS)}"
        )


Parser = Callable[[Iterable[Mapping[str, Any]]], tuple[list[Any], list[RecordError]]]
__all__ = [
    "BIJSTAND_FIELDS",
    "WW_FIELDS",
    "InputFileError",
    "Reason",
    "RecordError",
    "bijstand_result_to_dict",
    "parse_bijstand_records",
    "parse_ww_records",
    "read_frame",
    "read_records",
    "write_frame",
    "write_records",
    "ww_result_to_dict",
]
