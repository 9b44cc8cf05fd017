"""Data-subject export (art. 15) and the erasure dry run (art. 17)."""

import json

from django.core.management import call_command

import pytest

from maxww.audit.models import AccessLog
from maxww.audit.services import log_access
from maxww.audit.subject_rights import erasure_report, subject_export
from maxww.organisations.constants import Role
from maxww.people.models import Person
from maxww.people.tests.factories import (
    AccessGrantFactory,
    PersonFactory,
    WWClaimFactory,
)

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
