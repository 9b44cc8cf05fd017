"""The handover dossier: consent gate, schema, transfer within one deployment."""

import datetime as dt
import json
from pathlib import Path

import pytest

from maxww.audit.models import AccessLog
from maxww.handover import services
from maxww.handover.dossier import SCHEMA_PATH, render_pdf, schema_errors
from maxww.handover.models import Handover
from maxww.organisations.constants import OrganisationKind
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.bsn import decrypt_bsn
from maxww.people.models import Person
from maxww.trajects.services import withdraw_consent

from .factories import ON, traject_ready_for_handover

pytestmark = pytest.mark.django_db


def test_handover_without_consent_is_refused_and_says_why():
    s = traject_ready_for_handover(consent=False)
    with pytest.raises(services.HandoverRefusedError) as exc:
        services.hand_over(
            traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
        )
    assert "geen geldige toestemming" in exc.value.messages[0]
    assert s.municipality_org.name in exc.value.messages[0]
    assert not Handover.objects.exists()
    assert not Person.objects.visible_to(s.gatekeeper).exists()


def test_withdrawn_consent_refuses_too():
    s = traject_ready_for_handover()
    consent = services.consent_for(s.traject.person, s.municipality_org)
    withdraw_consent(consent=consent, by=s.coach, on=ON)
    with pytest.raises(services.HandoverRefusedError):
        services.build_dossier(
            traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
        )


def test_handover_to_a_partner_is_refused():
    s = traject_ready_for_handover()
    partner = OrganisationFactory(kind=OrganisationKind.PARTNER)
    with pytest.raises(services.HandoverRefusedError, match="geen gemeente"):
        services.build_dossier(
            traject=s.traject, to_organisation=partner, by=s.coach, on=ON
        )


def test_dossier_is_valid_against_the_schema_and_complete():
    s = traject_ready_for_handover()
    doc = services.build_dossier(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    assert schema_errors(doc) == []
    person = s.traject.person
    assert doc["person"]["bsn"] == decrypt_bsn(person.bsn_encrypted)
    assert doc["person"]["last_name"] == person.last_name
    assert doc["ww_claims"][0]["daily_wage"] == "112.50"
    assert doc["ww_claims"][0]["max_end_date"] == "2026-03-31"
    assert doc["jobready_check"]["hours_available"] == 32
    assert doc["plan"][0]["description"] == "10 sollicitaties per week"
    assert doc["contacts"]["count"] == 1
    assert doc["consent"]["purpose"] == "share_with_municipality"
    assert doc["closing_report"]["traject"] == str(s.traject.uuid)
    assert doc["household"]["assets"] == "1200.00"


def test_schema_rejects_a_broken_document():
    s = traject_ready_for_handover()
    doc = services.build_dossier(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    doc["person"]["bsn"] = "12"
    del doc["consent"]
    errors = schema_errors(doc)
    assert any(e.startswith("person/bsn") for e in errors)
    assert any("consent" in e for e in errors)


def test_published_schema_equals_the_one_in_the_app():
    docs = Path(__file__).resolve().parents[4] / "docs/formats/handover.schema.json"
    assert json.loads(docs.read_text()) == json.loads(SCHEMA_PATH.read_text())


def test_hand_over_transfers_access_and_is_audited():
    s = traject_ready_for_handover()
    talk = dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC)
    handover = services.hand_over(
        traject=s.traject,
        to_organisation=s.municipality_org,
        by=s.coach,
        on=ON,
        planned_talk_at=talk,
        notes="Graag samen met de klant",
    )
    assert handover.status == "sent"
    assert handover.document["handover_talk"]["planned_at"] == talk.isoformat()
    assert Person.objects.visible_to(s.gatekeeper).filter(pk=s.traject.person.pk)
    assert list(services.incoming_handovers(s.gatekeeper)) == [handover]
    log = AccessLog.objects.get(event="handover_sent")
    assert log.person_ref == str(s.traject.person.uuid)
    assert log.action == "sent"
    # No BSN in the audit trail.
    assert handover.document["person"]["bsn"] not in log.purpose


def test_pdf_renders(pango):
    s = traject_ready_for_handover()
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    pdf = render_pdf(handover)
    assert pdf.startswith(b"%PDF")


def test_shared_with_lists_what_went_where():
    s = traject_ready_for_handover()
    services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    rows = services.shared_with(s.traject.person)
    assert rows[0]["to"] == s.municipality_org.name
    assert rows[0]["from"] == s.partner.name
    assert "WW-gegevens" in rows[0]["what"]
