"""PDFs and exports read as Dutch: the real PDF text, the real CSV and XLSX cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse

import openpyxl
import pytest

from maxww.audit.services import log_access
from maxww.audit.subject_rights import subject_export_pdf
from maxww.core.exporting import (
    XLSX_DATE,
    XLSX_DATETIME,
    XLSX_EUR,
    Money,
    csv_value,
    xlsx_row,
)
from maxww.core.formatting import (
    MONTHS_SHORT,
    nl_date_table,
    nl_datetime_table,
    nl_text,
)
from maxww.handover import services as handover_services
from maxww.handover.dossier import render_pdf
from maxww.handover.tests.factories import ON, traject_ready_for_handover
from maxww.organisations.constants import Role
from maxww.trajects.constants import ContactChannel

from .dutch_text import problems

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.django_db
def test_the_handover_dossier_pdf_reads_as_dutch(tmp_path, pango):
    s = traject_ready_for_handover()
    handover = handover_services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )

    text = _pdf_text(render_pdf(handover), tmp_path)

    assert problems(text) == []
    assert "Alleenstaand" in text  # not 'single'
    assert "€ 1.200,00" in text and "€ 112,50" in text  # assets, daily wage
    assert "17 mei 1980" in text  # birth date as Dutch writes it
    months = "|".join(re.escape(m) for m in MONTHS_SHORT)
    assert re.search(rf"Afgedrukt op \d{{1,2}} ({months}) \d{{4}} \d\d:\d\d", text)


@pytest.mark.django_db
def test_the_inzage_export_pdf_reads_as_dutch(tmp_path, pango):
    s = traject_ready_for_handover()
    person = s.traject.person
    log_access(
        user=s.coach,
        action="viewed",
        obj=person,
        person_ref=str(person.uuid),
        legal_basis="caseload",
        purpose="traject",
    )

    text = _pdf_text(subject_export_pdf(person=person, user=None, on=ON), tmp_path)

    assert problems(text) == [], "\n".join(problems(text))
    assert "17 mei 1980" in text
    assert "2 maart 2026" in text  # the date of the overview


@pytest.mark.django_db
def test_the_audit_csv_has_dutch_dates_labels_and_local_time(client, make_user):
    officer = make_user(role=Role.FUNCTIONAL_ADMIN)
    client.force_login(officer)
    log_access(
        user=make_user(role=Role.COACH),
        action="viewed",
        object_type="people.person",
        person_ref="p1",
        legal_basis="caseload",
        purpose="traject",
    )

    response = client.get(reverse("audit:search"), {"format": "csv"})

    header, *rows = csv.reader(io.StringIO(response.content.decode()), delimiter=";")
    row = dict(zip(header, rows[-1], strict=True))
    assert row["handeling"] == "bekeken"
    assert row["grondslag"] == "eigen caseload" and row["rol"] == "Werkcoach"
    day, time = row["tijdstip"].split(" ")
    assert dt.datetime.strptime(day, "%d-%m-%Y") and len(time) == 5
    people_read = ("tijdstip", "gebruiker", "rol", "handeling", "grondslag", "doel")
    assert problems(";".join(row[c] for c in people_read)) == []


def test_csv_cells_in_dutch_notation():
    moment = dt.datetime(2026, 12, 3, 13, 5, tzinfo=dt.UTC)
    assert [
        csv_value(dt.date(2026, 12, 3)),
        csv_value(moment),
        csv_value(Money("1234.56")),
        csv_value(True),
        csv_value(ContactChannel.PHONE),
    ] == ["03-12-2026", "03-12-2026 14:05", "€ 1.234,56", "Ja", "Telefoon"]


def test_xlsx_cells_are_typed_with_dutch_number_formats(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    moment = dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)
    xlsx_row(sheet, [dt.date(2026, 12, 3), moment, Money("1234.56"), False, 7])
    path = tmp_path / "export.xlsx"
    book.save(path)

    date_cell, moment_cell, money_cell, bool_cell, count_cell = next(
        openpyxl.load_workbook(path).active.iter_rows(min_row=1, max_row=1)
    )

    assert date_cell.is_date and date_cell.value.date() == dt.date(2026, 12, 3)
    assert date_cell.number_format == XLSX_DATE
    # Summer time: 08:30 UTC is 10:30 in Amsterdam.
    assert moment_cell.value == dt.datetime(2026, 7, 1, 10, 30)
    assert moment_cell.number_format == XLSX_DATETIME
    assert money_cell.data_type == "n" and money_cell.value == pytest.approx(1234.56)
    assert money_cell.number_format == XLSX_EUR and "€" in XLSX_EUR
    assert bool_cell.value == "Nee"
    assert count_cell.value == 7 and count_cell.number_format == "General"


def test_table_dates_and_citations():
    assert nl_date_table(dt.date(2026, 1, 5)) == "05-01-2026"
    assert (
        nl_datetime_table(dt.datetime(2026, 1, 5, 9, 0, tzinfo=AMSTERDAM))
        == "05-01-2026 09:00"
    )
    assert nl_text("tekst geldend op 2026-01-01, https://x.nl/B/2026-01-01#A20") == (
        "tekst geldend op 1 jan. 2026, https://x.nl/B/2026-01-01#A20"
    )
    assert Decimal(Money("1.5")) == Decimal("1.5")
