import datetime as dt
import io
from pathlib import Path

from django.core.management import call_command

import openpyxl
import pytest

from maxww.matching.imports import import_vacancies
from maxww.matching.models import Employer, Vacancy
from maxww.organisations.constants import OrganisationKind
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"
ON = dt.date(2026, 2, 1)


@pytest.fixture
def wsp():
    return OrganisationFactory(
        name="Baanbrekend",
        kind=OrganisationKind.WSP,
        region=RegionFactory(code="AM24", name="Drechtsteden"),
    )


def run(wsp, name, data=None):
    data = data if data is not None else (FILES / name).read_bytes()
    return import_vacancies(data=data, filename=name, organisation=wsp, by=None, on=ON)


def test_good_file_creates_employers_and_vacancies_and_is_idempotent(wsp):
    report = run(wsp, "good.csv")
    assert report.ok and (report.created, report.rows) == (4, 4)
    assert Employer.objects.count() == 3
    picker = Vacancy.objects.get(external_ref="DS-2026-002")
    assert picker.certificate_list == ["heftruck", "vca"]
    assert picker.start_date == dt.date(2026, 3, 1) and picker.postcode == "3316AB"
    assert Vacancy.objects.get(external_ref="DS-2026-004").is_shared_in_region is False
    again = run(wsp, "good.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    changed = (
        (FILES / "good.csv").read_text().replace(";24;38;3316 AB", ";20;38;3316 AB")
    )
    report = run(wsp, "good.csv", changed.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)


def test_bad_rows_are_all_reported_and_nothing_is_written(wsp):
    report = run(wsp, "bad_rows.csv")
    assert not report.ok
    found = {(e.line, e.column) for e in report.errors}
    assert {
        (2, "kvk"),
        (2, "sector"),
        (3, "beroepscode"),
        (4, "uren_max"),
        (4, "startdatum"),
        (4, "rijbewijs"),
        (4, "kenmerk"),
        (5, "kenmerk"),
        (5, "functie"),
        (5, "postcode"),
        (5, "taalniveau"),
        (5, "status"),
    } <= found
    reasons = {(e.line, e.column): e.reason for e in report.errors}
    assert "8 cijfers" in reasons[(2, "kvk")]
    assert "lager dan het minimum" in reasons[(4, "uren_max")]
    assert Vacancy.objects.count() == 0 and Employer.objects.count() == 0
    assert "regel;kolom;reden" in report.errors_csv()


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing_columns.csv", "Kolommen ontbreken"), ("empty.csv", "leeg")],
)
def test_unreadable_files_are_refused(wsp, name, message):
    report = run(wsp, name)
    assert not report.ok and message in report.errors[0].reason


def test_xlsx_import(wsp):
    rows = [line.split(";") for line in (FILES / "good.csv").read_text().splitlines()]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    report = run(wsp, "vacatures.xlsx", buffer.getvalue())
    assert report.ok and report.created == 4


def test_command_exits_2_on_bad_rows(wsp, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "matching",
            "import-vacancies",
            str(FILES / "bad_rows.csv"),
            "--organisation",
            "Baanbrekend",
        )
    assert exit_info.value.code == 2
    assert "regel 2, kolom kvk" in capsys.readouterr().err
    call_command(
        "matching",
        "import-vacancies",
        str(FILES / "good.csv"),
        "--organisation",
        "Baanbrekend",
    )
    assert "4 nieuw" in capsys.readouterr().out


def _employer(wsp, name, city=""):
    return Employer.objects.create(
        kvk_number="24123456",
        name=name,
        city=city,
        sector="logistics",
        organisation=wsp,
        region=wsp.region,
    )


def test_known_kvk_under_another_name_elsewhere_stops_the_import(wsp):
    """Bug 9: rows of 'Distributiecentrum Dordtse Kil' went to another employer."""
    other = _employer(wsp, "Transportbedrijf Zuid", city="Breda")
    report = run(wsp, "good.csv")
    assert not report.ok
    assert {e.line for e in report.errors} == {2, 3}
    assert "hoort in deze regio bij 'Transportbedrijf Zuid'" in report.errors[0].reason
    assert not Vacancy.objects.exists()
    assert other.vacancies.count() == 0


def test_known_kvk_under_another_name_in_the_same_place_warns(wsp):
    known = _employer(wsp, "DC Dordtse Kil", city="Dordrecht")
    report = run(wsp, "good.csv")
    assert report.ok
    assert [w.line for w in report.warnings] == [2, 3]
    assert "Gekoppeld aan die werkgever" in report.warnings[0].reason
    assert known.vacancies.count() == 2


def test_same_kvk_and_name_links_without_warning(wsp):
    known = _employer(wsp, "distributiecentrum  Dordtse Kil")
    report = run(wsp, "good.csv")
    assert report.ok and not report.warnings
    assert known.vacancies.count() == 2
