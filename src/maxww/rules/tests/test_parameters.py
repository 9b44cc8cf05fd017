"""The parameter loader rejects malformed files with the file and key named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from maxww.rules.parameters import ParameterError, default_parameters, load_parameters

GOOD = """\
maximumdagloon:
  description: Maximumdagloon
  unit: EUR/dag
  versions:
    - valid_from: 2025-01-01
      value: 290.67
      reference: WW art. 1
    - valid_from: 2026-01-01
      value: 300.00
      reference: WW art. 1
"""


def _load(tmp_path: Path, text: str):
    (tmp_path / "ww.yaml").write_text(text, encoding="utf-8")
    return load_parameters(tmp_path)


def test_shipped_parameters_load_and_cover_2024_to_2026() -> None:
    params = default_parameters()
    assert params.first_date() <= dt.date(2024, 1, 1)
    norms = params["bijstandsnormen"].value_at(dt.date(2026, 1, 1))
    assert norms["alleenstaande_21_plus"] == Decimal("1401.50")


def test_values_are_decimals_and_selected_by_date(tmp_path: Path) -> None:
    params = _load(tmp_path, GOOD)
    assert params["maximumdagloon"].value_at(dt.date(2025, 12, 31)) == Decimal("290.67")
    assert params["maximumdagloon"].value_at(dt.date(2026, 1, 1)) == Decimal("300.00")


def test_date_before_first_version_is_an_error(tmp_path: Path) -> None:
    params = _load(tmp_path, GOOD)
    with pytest.raises(ParameterError, match="not in force on 2024-12-31"):
        params["maximumdagloon"].value_at(dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            GOOD.replace("  unit: EUR/dag\n", "  unit: EUR/dag\n  colour: red\n"),
            r"ww.yaml: maximumdagloon: unknown key\(s\) \['colour'\]",
        ),
        (
            GOOD.replace("      reference: WW art. 1\n    - valid", "    - valid", 1),
            r"ww.yaml: maximumdagloon.versions\[0\]: missing key\(s\) \['reference'\]",
        ),
        (
            GOOD.replace("2026-01-01", "2025-01-01"),
            r"ww.yaml: maximumdagloon.versions\[1\].valid_from: duplicate date 2025-01-01",
        ),
        (
            GOOD.replace("2026-01-01", "2024-06-01"),
            r"ww.yaml: maximumdagloon.versions\[1\].valid_from: .*ascending",
        ),
        (
            GOOD.replace("2026-01-01", "2026-13-01"),
            r"ww.yaml: maximumdagloon.versions\[1\].valid_from: not a date",
        ),
        (
            GOOD.replace("value: 300.00", "value: 300.00\n      source: x"),
            r"ww.yaml: maximumdagloon.versions\[1\]: unknown key\(s\) \['source'\]",
        ),
        (
            GOOD.replace("reference: WW art. 1\n    -", "reference: ''\n    -"),
            r"ww.yaml: maximumdagloon.versions\[0\].reference: a reference",
        ),
        (
            GOOD.replace("unit: EUR/dag", "unit: florijn"),
            r"ww.yaml: maximumdagloon.unit: unknown unit",
        ),
        (GOOD + GOOD, r"ww.yaml: invalid YAML: .*duplicate key 'maximumdagloon'"),
        (
            GOOD.replace("value: 300.00", "value: hoog"),
            r"ww.yaml: maximumdagloon.versions\[1\].value: value must be a number",
        ),
    ],
    ids=[
        "unknown-key",
        "missing-reference",
        "duplicate-date",
        "overlapping-dates",
        "bad-date",
        "unknown-version-key",
        "empty-reference",
        "unknown-unit",
        "duplicate-parameter",
        "non-numeric-value",
    ],
)
def test_malformed_file_is_rejected_naming_file_and_key(
    tmp_path: Path, broken: str, message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        _load(tmp_path, broken)


def test_same_parameter_in_two_files_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(
        ParameterError, match=r"b\.yaml: maximumdagloon: already defined"
    ):
        load_parameters(tmp_path)


# Figures read in the consolidated law text on wetten.overheid.nl (Participatiewet
# BWBR0015703 and AOW BWBR0002221, version in force on the date given). Each row:
# parameter, date, key within the value (or None), official amount.
OFFICIAL = [
    ("bijstandsnormen", "2024-07-01", "alleenstaande_21_plus", "1308.45"),
    ("bijstandsnormen", "2025-01-01", "gehuwden_21_plus", "1922.07"),
    (
        "bijstandsnormen",
        "2025-07-01",
        "gehuwden_beiden_18_20_zonder_kinderen",
        "675.96",
    ),
    ("bijstandsnormen", "2025-07-01", "gehuwden_beiden_18_20_met_kinderen", "1067.12"),
    ("bijstandsnormen", "2025-07-01", "gehuwden_een_18_20_zonder_kinderen", "1315.88"),
    ("bijstandsnormen", "2026-01-01", "alleenstaande_21_plus", "1401.50"),
    ("bijstandsnormen", "2026-01-01", "gehuwden_21_plus", "2002.13"),
    ("bijstandsnormen", "2026-01-01", "alleenstaande_18_20", "345.99"),
    (
        "bijstandsnormen",
        "2026-01-01",
        "gehuwden_beiden_18_20_zonder_kinderen",
        "691.98",
    ),
    ("bijstandsnormen", "2026-01-01", "gehuwden_beiden_18_20_met_kinderen", "1092.41"),
    ("bijstandsnormen", "2026-01-01", "gehuwden_een_18_20_zonder_kinderen", "1347.06"),
    ("bijstandsnormen", "2026-01-01", "gehuwden_een_18_20_met_kinderen", "1747.49"),
    ("kostendelersnorm_jongere_echtgenoot", "2025-07-01", "met_kinderen", "729.14"),
    ("kostendelersnorm_jongere_echtgenoot", "2026-01-01", "zonder_kinderen", "345.99"),
    ("kostendelersnorm_jongere_echtgenoot", "2026-01-01", "met_kinderen", "746.42"),
    ("vermogensgrens", "2025-01-01", "alleenstaande", "7770"),
    ("vermogensgrens", "2025-07-01", "gehuwden_of_alleenstaande_ouder", "15540"),
    ("vermogensgrens", "2026-01-01", "alleenstaande", "8000"),
    ("vermogensgrens", "2026-01-01", "gehuwden_of_alleenstaande_ouder", "16000"),
    ("vermogen_eigen_woning", "2024-07-01", None, "63900"),
    ("vermogen_eigen_woning", "2025-07-01", None, "65500"),
    ("vermogen_eigen_woning", "2026-01-01", None, "67500"),
    ("pensioengerechtigde_leeftijd", "2023-06-01", "years", "66"),
    ("pensioengerechtigde_leeftijd", "2025-06-01", "years", "67"),
]


@pytest.mark.parametrize(
    ("name", "on", "key", "official"),
    OFFICIAL,
    ids=[f"{n}-{d}-{k}" for n, d, k, _ in OFFICIAL],
)
def test_figures_match_the_law_text_and_are_marked_verified(
    name: str, on: str, key: str | None, official: str
) -> None:
    version = default_parameters()[name].version_at(dt.date.fromisoformat(on))
    value = version.value[key] if key else version.value  # type: ignore[index]
    assert Decimal(str(value)) == Decimal(official)
    assert version.status == "verified"
    assert "wetten.overheid.nl" in version.reference


def test_half_month_and_maximum_dagloon_sources_are_recorded() -> None:
    params = default_parameters()
    duur = params["duur"].version_at(dt.date(2026, 1, 1))
    assert "15 kalenderdagen" in (duur.note or "")
    current = params["maximumdagloon"].version_at(dt.date(2026, 1, 1))
    assert current.value == Decimal("304.25")
    assert current.status != "unverified"
    assert "Stcrt. 2025, 42324" in current.reference
    # The July 2025 figure is computed, not published: it must say so.
    july = params["maximumdagloon"].version_at(dt.date(2025, 7, 1))
    assert (july.value, july.status) == (Decimal("297.82"), "derived")
