"""The postal address in the UWV extract: optional columns, checked per row."""

from __future__ import annotations

import csv
import io

from maxww.people.models import Person
from maxww.screening.services import import_extract

from .conftest import EXAMPLE, ON


def run(uwv, data: bytes, name: str = "extract.csv"):
    return import_extract(data=data, filename=name, organisation=uwv, on=ON)


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(EXAMPLE.read_text()), delimiter=";"))


def as_csv(records: list[dict[str, str]], *, drop: tuple[str, ...] = ()) -> bytes:
    columns = [c for c in records[0] if c not in drop]
    out = io.StringIO()
    writer = csv.DictWriter(
        out, columns, delimiter=";", extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode()


ADDRESS = ("straat", "huisnummer_toevoeging", "woonplaats")


def test_the_address_columns_land_on_the_person(uwv):
    report = run(uwv, EXAMPLE.read_bytes())
    assert report.ok, report.errors
    jansen = Person.objects.get(claims__claim_ref="WW202600001")
    assert (jansen.street, jansen.house_number, jansen.postcode, jansen.town) == (
        "Voorstraat",
        "150",
        "3378BG",
        "Dordrecht",
    )
    assert jansen.address_lines == ("Voorstraat 150", "3378 BG  DORDRECHT")
    with_addition = Person.objects.get(claims__claim_ref="WW202600003")
    assert with_addition.address_lines[0].endswith(f"{with_addition.house_number}-A")


def test_an_extract_without_address_columns_still_lands_and_keeps_the_address(uwv):
    assert run(uwv, EXAMPLE.read_bytes()).ok
    older = as_csv(rows(), drop=ADDRESS)
    report = run(uwv, older, "older.csv")
    assert report.ok, report.errors
    assert report.unchanged == 20
    jansen = Person.objects.get(claims__claim_ref="WW202600001")
    assert (jansen.street, jansen.town) == ("Voorstraat", "Dordrecht")


def test_a_new_address_replaces_street_addition_and_town_together(uwv):
    assert run(uwv, EXAMPLE.read_bytes()).ok
    records = rows()
    records[2] |= {"straat": "Nieuwe Haven", "huisnummer": "7"}
    records[2]["huisnummer_toevoeging"] = ""
    records[2]["woonplaats"] = "Zwijndrecht"
    assert run(uwv, as_csv(records), "moved.csv").ok
    moved = Person.objects.get(claims__claim_ref="WW202600003")
    assert moved.address_lines[0] == "Nieuwe Haven 7"
    assert moved.town == "Zwijndrecht"


def test_bad_address_values_are_row_errors_in_dutch_and_nothing_lands(uwv):
    records = rows()
    records[0]["postcode"] = "ABCDEF"
    records[1]["huisnummer"] = "0"
    records[2]["huisnummer_toevoeging"] = "toolong"
    records[3]["straat"] = "S" * 81
    records[4]["woonplaats"] = ""
    records[5]["postcode"] = "3311 SS"
    report = run(uwv, as_csv(records))
    assert not report.ok
    assert Person.objects.count() == 0
    found = {(e.line, e.column): e.reason for e in report.errors}
    assert found[(2, "postcode")] == "Postcode moet de vorm 1234AB hebben."
    assert "huisnummer in van 1 tot 99999" in found[(3, "huisnummer")]
    assert "hoogstens 4 letters" in found[(4, "huisnummer_toevoeging")]
    assert "langer dan 80 tekens" in found[(5, "straat")]
    assert "alle drie" in found[(6, "straat")]
    assert (7, "postcode") in found
