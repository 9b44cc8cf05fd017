"""Importing municipalities and regions from a CBS-style file: all or nothing."""

import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import openpyxl
import pytest

from maxww.organisations.models import Municipality, Region, RegionalConfig
from maxww.organisations.services import import_regions

FILES = Path(__file__).parent / "files"
pytestmark = pytest.mark.django_db


def test_good_file_creates_regions_municipalities_and_configs():
    data = (FILES / "regions_good.csv").read_bytes()
    report = import_regions(data, "regions_good.csv")
    assert report.ok, report.errors
    assert report.created == 3
    assert Municipality.objects.get(code="GM0865").region.code == "AM29"
    assert set(Region.objects.values_list("code", flat=True)) == {"AM24", "AM29"}
    assert RegionalConfig.objects.count() == 2


def test_reimport_changes_nothing():
    data = (FILES / "regions_good.csv").read_bytes()
    import_regions(data, "regions_good.csv")
    report = import_regions(data, "regions_good.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)


def test_bad_file_imports_nothing_and_names_every_bad_row():
    report = import_regions((FILES / "regions_bad.csv").read_bytes(), "regions_bad.csv")
    assert not report.ok
    found = {(e.line, e.column) for e in report.errors}
    assert (3, "gemeentecode") in found
    assert (4, "gemeentenaam") in found
    assert (5, "gemeentecode") in found  # duplicate of line 2
    assert (6, "arbeidsmarktregionaam") in found  # AM24 named twice differently
    assert Municipality.objects.count() == 0
    assert Region.objects.count() == 0


def test_missing_column_is_reported_with_the_columns_found():
    report = import_regions(b"Gemeentecode,Gemeentenaam\nGM0796,Den Bosch\n", "x.csv")
    assert not report.ok
    assert "arbeidsmarktregiocode" in report.errors[0].reason
    assert "Gevonden kolommen" in report.errors[0].reason


def test_empty_and_non_utf8_files_are_refused():
    assert "leeg" in import_regions(b"", "x.csv").errors[0].reason
    latin1 = "Gemeentecode;Gemeentenaam;Arbeidsmarktregio's code;Arbeidsmarktregio's naam\nGM0796;Bossch\xe9;AM29;NOB\n"
    assert "UTF-8" in import_regions(latin1.encode("latin-1"), "x.csv").errors[0].reason


def test_xlsx_with_empty_rows_imports():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Gemeentecode",
            "Gemeentenaam",
            "Arbeidsmarktregio's code",
            "Arbeidsmarktregio's naam",
        ]
    )
    sheet.append(["GM0599", "Rotterdam", "AM22", "Rijnmond"])
    sheet.append([None, None, None, None])
    sheet.append([606, "Schiedam", 22, "Rijnmond"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_regions(buffer.getvalue(), "regio.xlsx")
    assert report.ok, report.errors
    assert Municipality.objects.get(code="GM0606").region.name == "Rijnmond"


def test_command_exits_nonzero_on_a_bad_file(capsys):
    with pytest.raises(CommandError) as excinfo:
        call_command("import_regions", str(FILES / "regions_bad.csv"))
    assert excinfo.value.returncode == 2
    assert "regel 3" in capsys.readouterr().err
    assert Municipality.objects.count() == 0


def test_command_imports_a_good_file(capsys):
    call_command("import_regions", str(FILES / "regions_good.csv"))
    assert "3 nieuw" in capsys.readouterr().out
