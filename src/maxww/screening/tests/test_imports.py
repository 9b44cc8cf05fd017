"""The UWV extract import: all or nothing, every bad row reported, idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import connection

import pytest

from maxww.people.constants import GrantBasis
from maxww.people.models import AccessGrant, Person, WWClaim
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport, ScreeningRecord
from maxww.screening.services import import_extract

from .conftest import EXAMPLE, ON, read


def run(uwv, data: bytes, name: str = "extract.csv"):
    return import_extract(data=data, filename=name, organisation=uwv, on=ON)


def test_example_file_lands_people_claims_records_and_caseload(uwv):
    report = run(uwv, EXAMPLE.read_bytes())
    assert report.ok, report.errors
    assert report.rows == report.created == 20
    assert Person.objects.count() == 20
    assert WWClaim.objects.count() == 20
    assert ScreeningRecord.objects.count() == 20
    assert (
        AccessGrant.objects.filter(organisation=uwv, basis=GrantBasis.CASELOAD).count()
        == 20
    )
    person = Person.objects.get(claims__claim_ref="WW202600001")
    assert person.postcode == "3378BG"
    assert "109000006" not in person.bsn_hash


def test_comma_separated_file_and_xlsx_are_read(uwv):
    assert run(uwv, read("comma.csv")).created == 3
    report = run(uwv, EXAMPLE.with_suffix(".xlsx").read_bytes(), "extract.xlsx")
    assert report.ok, report.errors
    assert report.created == 17 and report.unchanged == 3


def test_bad_rows_land_nothing_and_each_is_reported(uwv):
    report = run(uwv, read("bad_rows.csv"))
    assert not report.ok
    assert Person.objects.count() == 0
    found = {(e.line, e.column) for e in report.errors}
    assert (2, "bsn") in found  # elfproef
    assert (3, "postcode") in found
    assert (3, "gemeentecode") in found
    assert (3, "laatste_ww_dag") in found  # end before start
    assert (4, "geboortedatum") in found  # 31-02
    assert (4, "dagloon") in found
    csv = report.errors_csv()
    assert csv.splitlines()[0] == "regel;kolom;reden"
    assert "elfproef" in csv


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("wrong_delimiter.csv", "Kolommen ontbreken"),
        ("missing_column.csv", "laatste_ww_dag"),
        ("empty.csv", "kopregel"),
        ("zero_bytes.csv", "0 bytes"),
        ("header_only.csv", "geen gegevens"),
        ("latin1.csv", "UTF-8"),
        ("not_really.xlsx", "XLSX"),
    ],
)
def test_malformed_files_are_refused_with_a_reason(uwv, name, fragment):
    report = run(uwv, read(name), name)
    assert not report.ok
    assert fragment in report.errors[0].reason
    assert Person.objects.count() == 0


def test_xlsx_with_empty_rows_skips_them(uwv):
    report = run(uwv, read("empty_rows.xlsx"), "x.xlsx")
    assert report.ok, report.errors
    assert report.rows == report.created == 3


def test_xlsx_with_merged_cells_reports_the_empty_cell(uwv):
    report = run(uwv, read("merged_cells.xlsx"), "x.xlsx")
    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [(3, "achternaam")]


def test_reimporting_the_same_file_is_a_no_op(uwv):
    data = EXAMPLE.read_bytes()
    first = ExtractImport.objects.create(organisation=uwv, filename="a.csv", sha256="")
    import_extract(data=data, filename="a.csv", organisation=uwv, on=ON, extract=first)
    before = list(WWClaim.objects.values_list("pk", "updated_at").order_by("pk"))
    second = ExtractImport.objects.create(organisation=uwv, filename="a.csv", sha256="")
    report = import_extract(
        data=data, filename="a.csv", organisation=uwv, on=ON, extract=second
    )
    second.refresh_from_db()
    assert report.ok and report.created == 0 and report.unchanged == 20
    assert second.is_duplicate and second.status == ImportStatus.DONE
    assert (
        list(WWClaim.objects.values_list("pk", "updated_at").order_by("pk")) == before
    )


def test_same_rows_in_another_file_are_unchanged_per_row(uwv):
    run(uwv, EXAMPLE.read_bytes())
    report = run(uwv, EXAMPLE.read_bytes() + b"\n")
    assert report.ok and report.unchanged == 20 and report.updated == 0
    assert Person.objects.count() == 20


def test_newer_extract_updates_end_dates_without_duplicating_people(uwv):
    run(uwv, read("good.csv"))
    text = read("good.csv").decode().replace("2027-02-21", "2027-03-31")
    report = run(uwv, text.encode())
    assert report.ok and report.updated == 1 and report.unchanged == 2
    assert Person.objects.count() == 3
    claim = WWClaim.objects.get(claim_ref="WW202600001")
    assert claim.max_end_date == dt.date(2027, 3, 31)


def test_claim_number_of_another_person_is_an_error(uwv):
    run(uwv, read("good.csv"))
    text = read("good.csv").decode().replace("109000006", "100000009")
    report = run(uwv, text.encode())
    assert not report.ok
    assert report.errors[0].column == "uitkeringsnummer"


def test_cli_import_exits_2_and_lists_every_bad_row(uwv, tmp_path, capsys):
    from django.core.management import call_command

    from .conftest import FILES

    with pytest.raises(SystemExit) as exc:
        call_command(
            "screening",
            "import",
            str(FILES / "bad_rows.csv"),
            "--organisation",
            uwv.name,
        )
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "regel 2, kolom bsn" in err and "regel 4, kolom dagloon" in err
    call_command("screening", "import", str(EXAMPLE), "--organisation", uwv.name)
    assert "nieuw: 20" in capsys.readouterr().out


def test_cli_initial_load_lands_the_same_as_a_normal_import(uwv, capsys):
    from django.core.management import call_command

    from maxww.people.models import AccessGrant, Person
    from maxww.screening.models import ScreeningRecord

    call_command(
        "screening",
        "import",
        str(EXAMPLE),
        "--organisation",
        uwv.name,
        "--initial-load",
    )
    assert "nieuw: 20" in capsys.readouterr().out
    people = Person.objects.filter(owner=uwv)
    assert people.count() == 20
    assert AccessGrant.objects.filter(person__in=people, organisation=uwv).count() == 20
    assert ScreeningRecord.objects.filter(person__in=people).count() == 20
    # A second, ordinary import of the same rows (another file) changes nothing.
    report = run(uwv, EXAMPLE.read_bytes() + b"\n")
    assert report.ok and report.unchanged == 20 and report.created == 0


def test_a_new_extract_screens_what_changed_and_leaves_the_rest(uwv):
    """A changed household re-runs that person's pre-check; untouched rows stay.

    Jansen now lives with a partner whose income is unknown: no indication.
    """
    from maxww.screening.constants import PreCheck

    run(uwv, EXAMPLE.read_bytes())
    records = {
        r.claim.claim_ref: r for r in ScreeningRecord.objects.select_related("claim")
    }
    jansen = records["WW202600001"]
    assert jansen.precheck == PreCheck.LIKELY
    text = EXAMPLE.read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text) if "WW202600001" in row)
    text[line] = text[line].replace(";alleenstaand;", ";samenwonend;")
    later = dt.date(2026, 12, 1)

    report = import_extract(
        data="\n".join(text).encode(),
        filename="december.csv",
        organisation=uwv,
        on=later,
    )

    assert report.ok and report.updated == 0 and report.unchanged == 20
    jansen.refresh_from_db()
    assert jansen.precheck == PreCheck.UNKNOWN
    assert jansen.precheck_on == later
    untouched = records["WW202600002"]
    untouched.refresh_from_db()
    assert untouched.precheck_on == ON  # the nightly refresh handles the rest


def test_reimport_keeps_one_caseload_grant_and_restores_a_revoked_one(uwv):
    from django.utils import timezone

    run(uwv, EXAMPLE.read_bytes())
    grant = AccessGrant.objects.filter(organisation=uwv).order_by("pk").first()
    grant.revoked_at = timezone.now()
    grant.save()

    assert run(uwv, EXAMPLE.read_bytes() + b"\n", "again.csv").ok

    active = AccessGrant.objects.filter(organisation=uwv, revoked_at__isnull=True)
    assert active.count() == 20  # one each, no duplicates
    assert active.filter(person=grant.person).exists()


def test_new_people_are_screened_from_memory_as_if_read_back(uwv, monkeypatch):
    """The import screens its new people without reading them back: same frame."""
    import polars as pl
    from polars.testing import assert_frame_equal

    from maxww.screening.services.frame import claims_frame
    from maxww.screening.services.imports import pipeline

    seen = {}
    screen = pipeline.refresh_records

    def spy(frame, **kwargs):
        seen.update(kwargs, frame=frame)
        return screen(frame, **kwargs)

    monkeypatch.setattr(pipeline, "refresh_records", spy)
    assert run(uwv, EXAMPLE.read_bytes()).created == 20

    assert seen["unrecorded"].len() == 20  # all new: no record looked up
    loaded = seen["frame"].sort("claim_id")
    stored = claims_frame(claim_ids=WWClaim.objects.values_list("pk", flat=True))
    assert loaded.height == 20
    assert_frame_equal(loaded, stored.sort("claim_id"))
    assert loaded["household_type"].n_unique() > 1  # the file's leefvorm is used
    assert loaded.filter(pl.col("region_id").is_null()).is_empty()


def test_a_refresh_after_an_import_of_new_people_changes_nothing(uwv):
    from maxww.screening.services import refresh_screening

    from .conftest import hand_set_model

    hand_set_model()
    run(uwv, EXAMPLE.read_bytes())
    assert ScreeningRecord.objects.filter(risk_score__isnull=False).count() == 20

    counts = refresh_screening(on=ON)

    assert counts["claims"] == 20
    changed = {k: v for k, v in counts.items() if k not in ("claims", "prechecked")}
    assert changed == dict.fromkeys(changed, 0)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_the_polling_page_sees_the_progress_while_the_import_runs(uwv, monkeypatch):
    """The import's transaction is still open, yet its progress is visible."""

    from maxww.screening.services.imports import pipeline

    extract = ExtractImport.objects.create(
        organisation=uwv, filename="x.csv", sha256=""
    )
    seen = []
    screen = pipeline.refresh_records

    def spy(frame, **kwargs):
        other = connection.get_new_connection(connection.get_connection_params())
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT progress, stage FROM screening_extractimport WHERE id = %s",
                    [extract.pk],
                )
                seen.append(cursor.fetchone())
        finally:
            other.close()
        return screen(frame, **kwargs)

    monkeypatch.setattr(pipeline, "refresh_records", spy)
    report = import_extract(
        data=EXAMPLE.read_bytes(),
        filename="x.csv",
        organisation=uwv,
        on=ON,
        extract=extract,
    )

    assert report.ok
    assert seen == [(70, "Vensters, voorcheck en risico berekenen")]
    extract.refresh_from_db()
    assert (extract.progress, extract.status) == (100, ImportStatus.DONE)


def test_help_page_and_template_extract_instead_of_internal_references(
    client, make_user, uwv
):
    """Issue 20: no 'docs/formats/uwv-extract.md' on the import form."""
    from django.urls import reverse

    from maxww.organisations.constants import Role
    from maxww.screening.extract_help import template_csv

    client.force_login(make_user(role=Role.COORDINATOR, organisation=uwv))
    page = client.get(reverse("screening:import_upload")).text
    assert "docs/formats" not in page and ".md" not in page
    assert reverse("screening:extract_help") in page
    help_page = client.get(reverse("screening:extract_help")).text
    assert "laatste_ww_dag" in help_page and "Verplicht" in help_page
    download = client.get(reverse("screening:extract_template"))
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.decode("utf-8-sig") == template_csv()
    report = run(uwv, template_csv().encode())
    assert report.ok, report.errors
