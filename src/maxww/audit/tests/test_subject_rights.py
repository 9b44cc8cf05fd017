"""Data-subject rights: export (JSON, PDF; art. 15) and erasure (art. 17)."""

import datetime as dt
import json
import shutil
import subprocess

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.audit.subject_rights import (
    ErasureRefusedError,
    erase_person,
    erasure_report,
    subject_export,
    subject_export_pdf,
)
from maxww.matching.models import Placement, Proposal
from maxww.matching.tests.factories import VacancyFactory
from maxww.organisations.constants import Role
from maxww.people.constants import ClaimStatus
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.people.tests.factories import (
    AccessGrantFactory,
    PersonFactory,
    WWClaimFactory,
)
from maxww.trajects.constants import ContactChannel, TrajectState
from maxww.trajects.models import Consent, Contact, Traject
from maxww.trajects.tests.factories import ConsentFactory, TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = PersonFactory(bsn="111222333")
    WWClaimFactory(person=person)
    AccessGrantFactory(person=person)
    return person


def test_export_holds_every_record_about_the_person_but_no_secrets(person, make_user):
    coach = make_user(role=Role.COACH)
    log_access(
        user=coach,
        action="viewed",
        obj=person,
        person_ref=str(person.uuid),
        legal_basis="caseload",
        purpose="traject",
    )
    data = subject_export(person=person, user=None)
    records = data["records"]
    assert records["people.person"][0]["last_name"] == person.last_name
    assert len(records["people.wwclaim"]) == 1
    assert len(records["people.household"]) == 1
    assert len(records["people.accessgrant"]) == 1
    text = json.dumps(data)
    assert person.bsn_hash not in text and person.bsn_encrypted not in text
    assert "111222333" not in text and data["bsn"] == "******333"
    # Who saw my data: the coach's view is in the export.
    assert [e["event"] for e in data["access_log"]] == ["person_viewed"]
    assert data["access_log"][0]["organisation"] == str(coach.organisation)
    # The export is itself logged.
    assert AccessLog.objects.filter(
        event="person_subject_exported", person_ref=str(person.uuid)
    ).exists()


def test_erasure_report_counts_and_deletes_nothing(person):
    report = erasure_report(person=person, user=None)
    assert report.would_delete["people.person"] == 1
    assert report.would_delete["people.wwclaim"] == 1
    assert report.can_erase == (not report.blocked_by)
    assert Person.objects.filter(pk=person.pk).exists()
    assert AccessLog.objects.filter(event="person_erasure_checked").exists()


def test_cli_writes_the_export_and_refuses_unknown_people(person, tmp_path):
    out = tmp_path / "export.json"
    call_command("audit", "subject-export", str(person.uuid), "-o", str(out))
    assert json.loads(out.read_text())["person"] == str(person.uuid)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("audit", "erasure-report", "00000000-0000-4000-8000-000000000000")


# --- PDF, erasure, and the privacy officer's page --------------------------------

ON = dt.date(2026, 3, 2)


def _pdf_text(pdf: bytes, tmp_path) -> str:
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "export.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(result.stdout.split())


@pytest.fixture
def ended(make_user):
    """A person whose WW and traject are over: erasure is allowed."""
    coach = make_user(role=Role.COACH)
    person = PersonFactory(bsn="111222333", first_name="Fenna", last_name="Wisselaar")
    WWClaimFactory(
        person=person,
        status=ClaimStatus.ENDED,
        start_date=dt.date(2024, 1, 1),
        max_end_date=dt.date(2025, 1, 1),
        actual_end_date=dt.date(2024, 11, 30),
        end_reason="work",
    )
    traject = TrajectFactory(
        person=person,
        organisation=coach.organisation,
        coach=coach,
        state=TrajectState.ENDED,
        ended_date=dt.date(2024, 12, 1),
        outcome="work",
        employer_name="Scheepswerf De Merwede",
    )
    Contact.objects.create(
        traject=traject,
        channel=ContactChannel.PHONE,
        contact_date=dt.date(2024, 10, 1),
        summary="Sollicitatiebrief doorgenomen",
        by=coach,
    )
    AccessGrantFactory(person=person, organisation=coach.organisation)
    log_access(
        user=coach,
        action="viewed",
        obj=person,
        person_ref=str(person.uuid),
        legal_basis="caseload",
        purpose="traject",
    )
    return person


def test_pdf_export_is_a_readable_pdf_without_hashes(ended, tmp_path, pango):
    pdf = subject_export_pdf(person=ended, user=None, on=ON)
    text = _pdf_text(pdf, tmp_path)
    assert "Uw gegevens bij Max-WW" in text
    assert "Fenna Wisselaar" in text
    # Dutch headings per kind of record, values as a person reads them.
    for heading in ("WW-uitkeringen", "Trajecten", "Contactmomenten"):
        assert heading in text
    assert "Sollicitatiebrief doorgenomen" in text
    assert "Scheepswerf De Merwede" in text
    assert "Wie heeft uw gegevens bekeken" in text
    assert "traject" in text  # the coach's view, with its purpose
    # No hashes, ciphertext or the full BSN.
    assert ended.bsn_hash not in text and ended.bsn_encrypted[:20] not in text
    assert "111222333" not in text and "******333" in text
    assert AccessLog.objects.filter(
        event="person_subject_exported_pdf", person_ref=str(ended.uuid)
    ).exists()


def test_export_masks_a_bsn_inside_stored_documents(ended):
    from maxww.handover.models import Handover

    Handover.objects.create(
        person=ended,
        from_name="Partner",
        to_organisation=ended.owner,
        document={"person": {"bsn": "111222333", "name": "Fenna Wisselaar"}},
        version="1.0",
        status="accepted",
    )
    text = json.dumps(subject_export(person=ended, user=None))
    assert "111222333" not in text and "Fenna Wisselaar" in text


def test_erase_removes_the_person_and_everything_on_them(
    ended, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    consent = ConsentFactory(person=ended)
    consent.form_file.save("toestemming.pdf", ContentFile(b"%PDF-1.4 test"))
    stored = tmp_path / consent.form_file.name
    assert stored.exists()
    uuid = str(ended.uuid)
    with django_capture_on_commit_callbacks(execute=True):
        report = erase_person(person=ended, user=None, reason="verzoek per brief")
    assert report.would_delete["people.person"] == 1
    assert not Person.objects.filter(uuid=uuid).exists()
    for model in (WWClaim, Household, AccessGrant, Traject, Consent):
        assert not model.objects.filter(person_id=ended.pk).exists(), model
    assert not Contact.objects.exists()
    assert not stored.exists()
    entry = AccessLog.objects.get(event="person_erased")
    assert entry.person_ref == uuid and entry.action == "deleted"
    assert entry.object_ref == f"people.person:{uuid}"
    assert "verzoek per brief" in entry.purpose
    # What the log says about the person survives, with the uuid only.
    assert AccessLog.objects.filter(person_ref=uuid, event="person_viewed").exists()
    assert "Wisselaar" not in json.dumps(list(AccessLog.objects.values()), default=str)


def test_erase_also_removes_a_placement_that_protects_the_traject(ended, make_user):
    traject = ended.trajects.get()
    adviser = make_user(role=Role.EMPLOYER_ADVISER)
    proposal = Proposal.objects.create(
        vacancy=VacancyFactory(),
        traject=traject,
        status="hired",
        proposed_by=adviser,
        organisation=adviser.organisation,
        proposed_date=dt.date(2024, 11, 1),
    )
    Placement.objects.create(
        proposal=proposal,
        traject=traject,
        vacancy=proposal.vacancy,
        employer=proposal.vacancy.employer,
        hours_per_week=32,
        start_date=dt.date(2024, 12, 1),
        placed_by=adviser,
        organisation=adviser.organisation,
    )
    report = erasure_report(person=ended, user=None)
    assert report.can_erase and report.would_delete["matching.placement"] == 1
    erase_person(person=ended, user=None, reason="verzoek")
    assert not Placement.objects.exists() and not Proposal.objects.exists()


@pytest.mark.parametrize(
    "block, message",
    [
        ("running_claim", "Er loopt nog een WW-uitkering"),
        ("open_traject", "Er loopt nog een traject"),
        ("open_handover", "Er loopt een overdracht of bijstandsaanvraag"),
    ],
)
def test_blocked_erasure_is_refused_with_a_dutch_reason(ended, block, message):
    if block == "running_claim":
        WWClaimFactory(person=ended, status=ClaimStatus.ACTIVE)
    elif block == "open_traject":
        TrajectFactory(person=ended, state=TrajectState.COACHING)
    else:
        from maxww.handover.tests.factories import BijstandApplicationFactory

        BijstandApplicationFactory(person=ended, status="checking")
    report = erasure_report(person=ended, user=None)
    assert not report.can_erase and block in report.blocked_by
    with pytest.raises(ErasureRefusedError) as refused:
        erase_person(person=ended, user=None, reason="verzoek")
    assert any(message in m for m in refused.value.messages)
    assert Person.objects.filter(pk=ended.pk).exists()
    assert AccessLog.objects.filter(
        event="person_erasure_refused", person_ref=str(ended.uuid)
    ).exists()
    assert not AccessLog.objects.filter(event="person_erased").exists()


def test_erase_needs_a_reason(ended):
    with pytest.raises(ErasureRefusedError):
        erase_person(person=ended, user=None, reason="  ")
    assert Person.objects.filter(pk=ended.pk).exists()


def test_cli_erases_with_yes_and_refuses_when_blocked(ended):
    from django.core.management.base import CommandError

    blocked = PersonFactory()
    WWClaimFactory(person=blocked, status=ClaimStatus.ACTIVE)
    with pytest.raises(CommandError, match="Er loopt nog een WW-uitkering"):
        call_command(
            "audit", "erase", "--person", str(blocked.uuid), "--reason", "x", "--yes"
        )
    assert Person.objects.filter(pk=blocked.pk).exists()
    call_command(
        "audit", "erase", "--person", str(ended.uuid), "--reason", "brief", "--yes"
    )
    assert not Person.objects.filter(pk=ended.pk).exists()


def test_cli_writes_the_pdf(ended, tmp_path, pango):
    out = tmp_path / "gegevens.pdf"
    call_command("audit", "subject-export", str(ended.uuid), "--pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")


# --- the privacy officer's pages ---------------------------------------------------


@pytest.fixture
def officer(client, make_user, ended):
    from maxww.organisations.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(region=ended.municipality.region)
    user = make_user(role=Role.FUNCTIONAL_ADMIN, organisation=organisation)
    client.force_login(user)
    return user


def test_officer_finds_a_person_by_bsn_and_sees_what_is_held(client, officer, ended):
    response = client.post(reverse("audit:subjects"), {"bsn": "111222333"})
    assert response.status_code == 302
    assert response.url == reverse("audit:person", kwargs={"uuid": ended.uuid})
    page = client.get(response.url).content.decode()
    assert "Fenna Wisselaar" in page
    assert "Contactmomenten" in page and "Definitief verwijderen" in page
    assert "111222333" not in page


def test_officer_lookup_explains_a_wrong_bsn(client, officer):
    response = client.post(reverse("audit:subjects"), {"bsn": "123456789"})
    assert response.status_code == 400
    assert "elfproef" in response.content.decode()


def test_officer_sees_only_people_of_their_region(client, officer):
    other = PersonFactory()
    url = reverse("audit:person", kwargs={"uuid": other.uuid})
    assert client.get(url).status_code == 404
    response = client.post(reverse("audit:subjects"), {"person_ref": str(other.uuid)})
    assert "Geen persoon gevonden in uw regio" in response.content.decode()


def test_officer_downloads_json_and_pdf(client, officer, ended, pango):
    kwargs = {"uuid": ended.uuid}
    data = client.get(reverse("audit:person_export", kwargs=kwargs)).json()
    assert data["person"] == str(ended.uuid)
    response = client.get(reverse("audit:person_pdf", kwargs=kwargs))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    events = set(AccessLog.objects.filter(user=officer).values_list("event", flat=True))
    assert {"person_subject_exported", "person_subject_exported_pdf"} <= events


def test_officer_erases_after_confirming_with_a_reason(client, officer, ended):
    url = reverse("audit:person_erase", kwargs={"uuid": ended.uuid})
    response = client.post(url, {"reason": "verzoek per brief"})
    assert response.status_code == 400  # not confirmed
    assert Person.objects.filter(pk=ended.pk).exists()
    response = client.post(
        url, {"reason": "verzoek per brief", "confirm": "on"}, follow=True
    )
    assert not Person.objects.filter(pk=ended.pk).exists()
    page = response.content.decode()
    assert "zijn verwijderd" in page and "person_erased" in page
    entry = AccessLog.objects.get(event="person_erased")
    assert entry.user == officer and entry.person_ref == str(ended.uuid)


def test_officer_sees_why_erasure_is_refused(client, officer, ended):
    WWClaimFactory(person=ended, status=ClaimStatus.ACTIVE)
    page = client.get(reverse("audit:person", kwargs={"uuid": ended.uuid}))
    assert "Deze persoon kan nu niet worden verwijderd" in page.content.decode()
    assert "Er loopt nog een WW-uitkering" in page.content.decode()
    response = client.post(
        reverse("audit:person_erase", kwargs={"uuid": ended.uuid}),
        {"reason": "verzoek", "confirm": "on"},
    )
    assert response.status_code == 409
    assert "Verwijderen kan niet" in response.content.decode()
    assert Person.objects.filter(pk=ended.pk).exists()
