"""Client pages: own data only, staff and clients kept apart, flows with e-mail."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.people.models import Person
from maxww.portal.models import CurriculumVitae
from maxww.portal.services import notify_new_invitation
from maxww.trajects.models import Consent
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import Invitation
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

PORTAL_PAGES = [
    "portal:home",
    "portal:invitations",
    "portal:plan",
    "portal:cv",
    "portal:consents",
    "portal:view_log",
]


def test_anonymous_is_sent_to_the_client_login(client):
    response = client.get(reverse("portal:invitations"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_staff_get_403_on_client_pages(client, world, page):
    client.force_login(world.coordinator)
    assert client.get(reverse(page)).status_code == 403


@pytest.mark.parametrize(
    "page",
    [
        "screening:cohorts",
        "voorlichting:sessions",
        "trajects:caseload",
        "rekenhulp:calculator",
        "monitoring:dashboard",
    ],
)
def test_clients_get_403_on_staff_pages(client, world, page):
    client.force_login(world.client_user)
    response = client.get(reverse(page))
    # 404 where an app has no page there yet; never the staff page itself.
    # (kennisbank lists public instruments to any login: no personal data.)
    assert response.status_code in (403, 404), page


def test_client_gets_403_on_the_staff_page_of_their_own_traject(client, world):
    client.force_login(world.client_user)
    response = client.get(reverse("trajects:detail", args=[world.traject.uuid]))
    assert response.status_code in (403, 404)
    assert "Solliciteren op logistieke functies" not in response.content.decode()


def test_staff_account_cannot_use_the_client_login(client, world):
    response = client.post(
        reverse("portal:login"),
        {"username": "coordinator", "password": "geheim-wachtwoord-123"},
    )
    assert "Dit is de inlog voor inwoners" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_client_logs_in_locally_and_lands_on_mijn(client, world):
    response = client.post(
        reverse("portal:login"),
        {"username": "inwoner", "password": "geheim-wachtwoord-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert "Welkom, Fatima" in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("page", PORTAL_PAGES)
def test_pages_show_no_other_persons_data(client, world, page):
    client.force_login(world.client_user)
    body = client.get(reverse(page)).content.decode()
    assert escape(world.other.last_name) not in body
    assert str(world.other_invitation.uuid) not in body
    assert str(world.other_consent.uuid) not in body


def test_clients_cannot_answer_or_move_another_persons_invitation(client, world):
    client.force_login(world.client_user)
    uuid = world.other_invitation.uuid
    response = client.post(
        reverse("portal:invitation_respond", args=[uuid]), {"answer": "decline"}
    )
    assert response.status_code == 404
    response = client.get(reverse("portal:invitation_reschedule", args=[uuid]))
    assert response.status_code == 404
    response = client.post(
        reverse("portal:invitation_reschedule", args=[uuid]),
        {"session": str(world.later.uuid)},
    )
    assert response.status_code == 404
    world.other_invitation.refresh_from_db()
    assert world.other_invitation.status == InvitationStatus.INVITED


def test_clients_cannot_withdraw_another_persons_consent(client, world):
    client.force_login(world.client_user)
    response = client.post(
        reverse("portal:consent_withdraw", args=[world.other_consent.uuid])
    )
    assert response.status_code == 404
    world.other_consent.refresh_from_db()
    assert world.other_consent.is_active


def test_consent_form_ignores_a_person_field(client, world):
    client.force_login(world.client_user)
    response = client.post(
        reverse("portal:consents"),
        {
            "purpose": "propose_to_employers",
            "recipient": world.uwv.pk,
            "person": world.other.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Consent.objects.filter(person=world.person, recipient=world.uwv).exists()
    assert not Consent.objects.filter(person=world.other, recipient=world.uwv).exists()


def test_decline_notifies_client_and_organiser(client, world):
    client.force_login(world.client_user)
    response = client.post(
        reverse("portal:invitation_respond", args=[world.invitation.uuid]),
        {"answer": "decline"},
    )
    assert response.status_code == 302
    world.invitation.refresh_from_db()
    assert world.invitation.status == InvitationStatus.DECLINED
    recipients = {address for m in mail.outbox for address in m.to}
    assert world.person.email in recipients
    assert world.coordinator.email in recipients
    organiser_mail = next(m for m in mail.outbox if world.coordinator.email in m.to)
    assert world.person.last_name not in organiser_mail.body


def test_reschedule_offers_only_same_region_sessions_with_seats(client, world):
    client.force_login(world.client_user)
    body = client.get(
        reverse("portal:invitation_reschedule", args=[world.invitation.uuid])
    ).content.decode()
    assert str(world.later.uuid) in body
    assert str(world.full.uuid) not in body
    assert str(world.other_region_session.uuid) not in body
    response = client.post(
        reverse("portal:invitation_reschedule", args=[world.invitation.uuid]),
        {"session": str(world.other_region_session.uuid)},
    )
    assert response.status_code == 200
    assert not Invitation.objects.filter(
        person=world.person, session=world.other_region_session
    ).exists()


def test_reschedule_moves_the_client_and_sends_mail(client, world):
    client.force_login(world.client_user)
    response = client.post(
        reverse("portal:invitation_reschedule", args=[world.invitation.uuid]),
        {"session": str(world.later.uuid)},
    )
    assert response.status_code == 302
    world.invitation.refresh_from_db()
    assert world.invitation.status == InvitationStatus.DECLINED
    new = Invitation.objects.get(person=world.person, session=world.later)
    assert new.status == InvitationStatus.ACCEPTED
    assert any("nieuwe afspraak" in m.subject for m in mail.outbox)
    assert any(world.coordinator.email in m.to for m in mail.outbox)


def test_withdrawing_consent_ends_the_coachs_access_at_once(client, world):
    assert Person.objects.visible_to(world.coach).filter(pk=world.person.pk).exists()
    client.force_login(world.client_user)
    client.post(reverse("portal:consent_withdraw", args=[world.consent.uuid]))
    assert (
        not Person.objects.visible_to(world.coach).filter(pk=world.person.pk).exists()
    )
    client.force_login(world.coach)
    assert (
        client.get(reverse("portal:staff_cv", args=[world.person.uuid])).status_code
        == 404
    )


def test_cv_upload_checks_type_and_coach_with_basis_can_open_it(client, world):
    client.force_login(world.client_user)
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(reverse("portal:cv"), {"file": fake})
    assert "geen echte pdf" in response.content.decode()
    exe = SimpleUploadedFile("cv.exe", b"MZ\x90\x00", "application/octet-stream")
    client.post(reverse("portal:cv"), {"file": exe})
    assert CurriculumVitae.objects.count() == 0
    pdf = SimpleUploadedFile("Fatima cv.pdf", b"%PDF-1.4 test", "application/pdf")
    assert client.post(reverse("portal:cv"), {"file": pdf}).status_code == 302
    cv = CurriculumVitae.objects.get(person=world.person)
    assert world.person.first_name not in cv.file.name
    client.force_login(world.coach)
    response = client.get(reverse("portal:staff_cv", args=[world.person.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("portal:staff_cv", args=[world.other.uuid])).status_code
        == 404
    )


def test_view_log_shows_organisation_and_role_but_not_the_username(client, world):
    log_access(
        user=world.coach,
        action=Action.VIEWED,
        obj=world.person,
        person_ref=str(world.person.uuid),
        legal_basis=LegalBasis.CONSENT,
        purpose="begeleiding naar werk",
    )
    log_access(
        user=world.coach,
        action=Action.VIEWED,
        obj=world.other,
        person_ref=str(world.other.uuid),
        legal_basis=LegalBasis.CONSENT,
        purpose="iets over de buurman",
    )
    client.force_login(world.client_user)
    body = client.get(reverse("portal:view_log")).content.decode()
    assert "Randstad Drechtsteden" in body
    assert "begeleiding naar werk" in body
    assert "iets over de buurman" not in body
    assert ">coach<" not in body  # the username


def test_notify_new_invitation_sends_one_mail(world):
    assert notify_new_invitation(world.invitation)
    assert len(mail.outbox) == 1
    assert "Uitnodiging" in mail.outbox[0].subject
    assert mail.outbox[0].to == [world.person.email]


def test_client_can_save_a_check(client, world):
    client.force_login(world.client_user)
    data = {
        "step": 2,
        "birth_date": "1975-05-01",
        "ww_end_known": "yes",
        "ww_end_date": "2027-03-31",
        "household": "single",
        "co_residents_27_plus": "0",
        "partner_income": "0",
        "own_income": "0",
        "assets": "100",
        "debts": "0",
        "owns_home": "no",
    }
    body = client.post(reverse("portal:check"), data).content.decode()
    assert "Bewaar mijn antwoorden" in body
    client.post(reverse("portal:check"), {**data, "save": "1"})
    assert world.person.saved_checks.count() == 1


def test_list_pages_do_not_query_per_row(client, world):
    """Same number of queries with 1 or 6 invitations and log lines (no N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maxww.voorlichting.tests.factories import SessionFactory

    urls = (
        reverse("portal:invitations"),
        reverse("portal:consents"),
        reverse("portal:view_log"),
    )
    client.force_login(world.client_user)

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    counts()  # warm-up: the first request may refresh the session (once a minute)
    before = counts()
    for _ in range(5):
        session = SessionFactory(organisation=world.uwv, created_by=world.coordinator)
        Invitation.objects.create(
            session=session,
            person=world.person,
            invited_by=world.coordinator,
            invited_date=session.starts_at.date(),
        )
        log_access(
            user=world.coach,
            action=Action.VIEWED,
            obj=world.person,
            person_ref=str(world.person.uuid),
            legal_basis=LegalBasis.CONSENT,
        )
    assert counts() == before


def test_rescheduling_a_cancelled_invitation_does_not_book_twice(client, world):
    """Bug 8: moving the old, already moved invitation booked a second session."""
    another = SessionFactory(
        organisation=world.uwv,
        created_by=world.coordinator,
        starts_at=timezone.now() + dt.timedelta(days=28),
        place="UWV Dordrecht, zaal 4",
    )
    client.force_login(world.client_user)
    url = reverse("portal:invitation_reschedule", args=[world.invitation.uuid])
    assert client.post(url, {"session": str(world.later.uuid)}).status_code == 302
    again = client.post(url, {"session": str(another.uuid)})
    assert again.status_code == 200
    assert "U staat al ingeschreven voor" in again.content.decode()
    booked = Invitation.objects.filter(
        person=world.person, status=InvitationStatus.ACCEPTED
    )
    assert list(booked.values_list("session", flat=True)) == [world.later.pk]
