"""Behaviour of sessions: invitations, capacity, letters, attendance, nabellen."""

import datetime as dt
import subprocess

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role, SessionTone
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.trajects.constants import TrajectState
from maxww.trajects.models import Traject
from maxww.voorlichting import services
from maxww.voorlichting.constants import CallOutcome, InvitationStatus
from maxww.voorlichting.models import CallTask, LetterTemplate
from maxww.voorlichting.tests.factories import SessionFactory

ON = dt.date(2026, 3, 2)
# After the factory sessions (two weeks ahead) have started.
AFTER = timezone.now() + dt.timedelta(days=30)
pytestmark = pytest.mark.django_db


@pytest.fixture
def uwv():
    return OrganisationFactory(uwv=True)


@pytest.fixture
def coordinator(make_user, uwv):
    return make_user(role=Role.COORDINATOR, organisation=uwv)


@pytest.fixture
def people(uwv):
    people = PersonFactory.create_batch(5, owner=uwv, email="x@example.org")
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    return people


@pytest.fixture
def session(uwv, coordinator):
    return SessionFactory(organisation=uwv, created_by=coordinator, capacity=4)


def test_invite_moves_trajects_and_refuses_capacity_overrun(
    session, people, coordinator
):
    with pytest.raises(services.CapacityError, match="nog 4 plaatsen vrij"):
        services.invite_people(session=session, people=people, by=coordinator, on=ON)
    assert session.invitations.count() == 0  # all or nothing

    result = services.invite_people(
        session=session, people=people[:3], by=coordinator, on=ON
    )
    assert result.invited == 3
    again = services.invite_people(
        session=session, people=people[:3], by=coordinator, on=ON
    )
    assert (again.invited, again.already_invited) == (0, 3)
    states = set(Traject.objects.values_list("state", flat=True))
    assert states == {TrajectState.INVITED}


def test_people_without_basis_are_not_invited(session, people, coordinator):
    stranger = PersonFactory()
    result = services.invite_people(
        session=session, people=[stranger], by=coordinator, on=ON
    )
    assert (result.invited, result.not_visible) == (0, 1)


def test_double_attendance_is_idempotent_with_a_message(session, people, coordinator):
    services.invite_people(session=session, people=people[:2], by=coordinator, on=ON)
    invitation = session.invitations.first()
    first = services.register_attendance(
        invitation=invitation, by=coordinator, on=ON, now=AFTER
    )
    second = services.register_attendance(
        invitation=invitation, by=coordinator, on=ON, now=AFTER
    )
    assert not first.already and second.already
    assert "al als aanwezig geregistreerd" in second.message
    traject = Traject.objects.get(person=invitation.person)
    assert traject.state == TrajectState.ATTENDED
    assert traject.events.filter(to_state=TrajectState.ATTENDED).count() == 1


def test_closing_attendance_creates_call_tasks_and_escalates(
    session, people, coordinator, uwv
):
    person = people[0]
    earlier = SessionFactory(organisation=uwv, created_by=coordinator)
    services.invite_people(session=earlier, people=[person], by=coordinator, on=ON)
    services.close_attendance(session=earlier, by=coordinator, on=ON, now=AFTER)
    services.invite_people(session=session, people=people[:3], by=coordinator, on=ON)
    services.register_attendance(
        invitation=session.invitations.get(person=people[1]),
        by=coordinator,
        on=ON,
        now=AFTER,
    )
    assert (
        services.close_attendance(session=session, by=coordinator, on=ON, now=AFTER)
        == 2
    )
    counted = services.with_counts(type(session).objects.filter(pk=session.pk)).get()
    assert (counted.invited_count, counted.attended_count) == (3, 1)
    assert round(counted.attendance_rate, 2) == 0.33
    task = CallTask.objects.get(invitation__session=session, invitation__person=person)
    assert task.escalated and task.no_show_count == 2
    assert task.assignee == coordinator
    assert services.open_call_tasks(user=coordinator).first() == task
    with pytest.raises(services.AttendanceError):
        services.close_attendance(session=session, by=coordinator, on=ON, now=AFTER)


def test_call_outcome_new_date_reinvites(session, people, coordinator, uwv):
    services.invite_people(session=session, people=people[:1], by=coordinator, on=ON)
    services.close_attendance(session=session, by=coordinator, on=ON, now=AFTER)
    task = CallTask.objects.get()
    later = SessionFactory(organisation=uwv, created_by=coordinator)
    with pytest.raises(ValidationError, match="nieuwe bijeenkomst"):
        services.record_call_outcome(
            task=task, outcome=CallOutcome.NEW_DATE, by=coordinator, on=ON
        )
    services.record_call_outcome(
        task=task,
        outcome=CallOutcome.NEW_DATE,
        by=coordinator,
        on=ON,
        new_session=later,
    )
    assert later.invitations.get().person == people[0]
    assert task.done_at is not None


def test_letters_pdf_uses_regional_tone_and_logs_printing(
    session, people, coordinator, tmp_path, poppler
):
    session.region.config.session_tone = SessionTone.STRICT
    session.region.config.save()
    LetterTemplate.objects.create(
        region=session.region,
        tone=SessionTone.STRICT,
        subject="Verplichte bijeenkomst {{ session.title }}",
        body="U bent verplicht te komen naar {{ session.place }}.",
    )
    services.invite_people(session=session, people=people[:2], by=coordinator, on=ON)
    pdf = services.letters_pdf(session=session, by=coordinator, on=ON)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    page = next(tmp_path.glob("p*.png"))
    assert page.stat().st_size > 1000
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert "verplicht te komen" in text
    assert AccessLog.objects.filter(action="printed").count() == 2
    assert set(session.invitations.values_list("letter_printed_at", flat=True)) != {
        None
    }


def test_invitation_emails_go_out_once(session, people, coordinator):
    services.invite_people(session=session, people=people[:2], by=coordinator, on=ON)
    assert services.send_invitation_emails(session=session, by=coordinator, on=ON) == 2
    assert "Uitnodiging" in mail.outbox[0].subject
    assert services.send_invitation_emails(session=session, by=coordinator, on=ON) == 0


def test_rsvp_decline_frees_a_seat(session, people, coordinator):
    services.invite_people(session=session, people=people[:4], by=coordinator, on=ON)
    services.respond(invitation=session.invitations.first(), accepted=False, on=ON)
    assert services.seats_left(session) == 1
    assert session.invitations.filter(status=InvitationStatus.DECLINED).count() == 1


def test_no_attendance_before_the_session_and_no_calls_due_before_it(
    session, people, coordinator
):
    """Bug 4: a session in January cannot be closed in December."""
    services.invite_people(session=session, people=people[:2], by=coordinator, on=ON)
    invitation = session.invitations.first()
    with pytest.raises(services.AttendanceError, match="nog niet begonnen"):
        services.register_attendance(invitation=invitation, by=coordinator, on=ON)
    with pytest.raises(services.AttendanceError, match="nog niet begonnen"):
        services.close_attendance(session=session, by=coordinator, on=ON)
    assert not CallTask.objects.exists()
    services.close_attendance(session=session, by=coordinator, on=ON, now=AFTER)
    session_day = timezone.localdate(session.starts_at)
    assert {t.due_date for t in CallTask.objects.all()} == {
        session_day + dt.timedelta(days=2)
    }
