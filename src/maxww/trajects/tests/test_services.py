"""Behaviour of consent, the traject state machine, coaching and tasks."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.trajects import services
from maxww.trajects.constants import ConsentKind, ConsentPurpose, Outcome, TrajectState
from maxww.trajects.models import DurabilityCheck, Task

ON = dt.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def uwv():
    return OrganisationFactory(uwv=True)


@pytest.fixture
def person(uwv):
    person = PersonFactory(owner=uwv)
    grant_access(person=person, organisation=uwv, basis=GrantBasis.CASELOAD)
    WWClaimFactory(
        person=person, max_end_date=dt.date(2026, 6, 1), sector="Zorg en welzijn"
    )
    return person


@pytest.fixture
def coordinator(make_user, uwv):
    return make_user(role=Role.COORDINATOR, organisation=uwv)


@pytest.fixture
def partner_coach(make_user, uwv):
    partner = OrganisationFactory(partner=True, region=uwv.region)
    return make_user(role=Role.COACH, organisation=partner)


def test_consent_gives_and_withdrawal_removes_access_at_once(
    person, coordinator, partner_coach
):
    assert not Person.objects.visible_to(partner_coach).filter(pk=person.pk).exists()
    consent = services.give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner_coach.organisation,
        by=coordinator,
        on=ON,
    )
    assert services.has_consent(
        person, ConsentPurpose.SHARE_WITH_PARTNER, partner_coach.organisation
    )
    assert Person.objects.visible_to(partner_coach).filter(pk=person.pk).exists()

    services.withdraw_consent(consent=consent, by=coordinator, on=ON)

    assert not Person.objects.visible_to(partner_coach).filter(pk=person.pk).exists()
    assert not services.has_consent(
        person, ConsentPurpose.SHARE_WITH_PARTNER, partner_coach.organisation
    )
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.withdraw_consent(consent=consent, by=coordinator, on=ON)


def test_signed_consent_needs_a_small_pdf_or_image(person, coordinator, partner_coach):
    kwargs = dict(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner_coach.organisation,
        by=coordinator,
        on=ON,
        kind=ConsentKind.SIGNED_FORM,
    )
    with pytest.raises(ValidationError, match="ondertekende formulier"):
        services.give_consent(**kwargs)
    with pytest.raises(ValidationError):
        services.give_consent(
            **kwargs, form_file=SimpleUploadedFile("x.exe", b"MZ", "application/x")
        )
    big = SimpleUploadedFile("x.pdf", b"%PDF" + b"0" * (6 * 1024 * 1024))
    with pytest.raises(ValidationError, match="te groot"):
        services.give_consent(**kwargs, form_file=big)
    ok = services.give_consent(
        **kwargs, form_file=SimpleUploadedFile("toestemming.pdf", b"%PDF-1.4 x")
    )
    assert ok.form_file.name.endswith(".pdf")


def test_state_machine_refuses_invalid_moves_with_dutch_message(
    person, uwv, coordinator
):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    with pytest.raises(services.TransitionError, match="kan niet naar"):
        services.transition(
            traject=traject, to=TrajectState.FOLLOW_UP, by=coordinator, on=ON
        )
    services.transition(traject=traject, to=TrajectState.INVITED, by=coordinator, on=ON)
    with pytest.raises(services.TransitionError, match="Kies een uitkomst"):
        services.transition(
            traject=traject, to=TrajectState.ENDED, by=coordinator, on=ON
        )
    with pytest.raises(ValidationError, match="loopt al een traject"):
        services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    events = list(traject.events.values_list("event", "from_state", "to_state"))
    assert events == [
        ("traject_signalled", "", "signalled"),
        ("traject_state_changed", "signalled", "invited"),
    ]


def test_work_outcome_needs_employer_and_plans_durability_checks(
    person, uwv, coordinator
):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    services.transition(
        traject=traject, to=TrajectState.COACHING, by=coordinator, on=ON
    )
    with pytest.raises(services.TransitionError) as exc:
        services.transition(
            traject=traject,
            to=TrajectState.ENDED,
            by=coordinator,
            on=ON,
            outcome=Outcome.WORK,
        )
    assert "employer_name" in exc.value.message_dict
    traject = services.transition(
        traject=traject,
        to=TrajectState.ENDED,
        by=coordinator,
        on=ON,
        outcome=Outcome.WORK,
        employer_name="Zorggroep Dordrecht",
        hours_per_week=Decimal("32"),
        work_start_date=dt.date(2026, 3, 16),
    )
    assert traject.state == TrajectState.ENDED and traject.ended_date == ON
    checks = list(
        DurabilityCheck.objects.filter(traject=traject).values_list(
            "months", "due_date"
        )
    )
    assert checks == [(3, dt.date(2026, 6, 16)), (6, dt.date(2026, 9, 16))]
    check = DurabilityCheck.objects.get(traject=traject, months=3)
    services.record_durability(
        check=check, still_working=True, by=coordinator, on=dt.date(2026, 6, 16)
    )
    assert Task.objects.get(pk=check.task_id).done_at is not None
    with pytest.raises(services.TransitionError):
        services.transition(
            traject=traject, to=TrajectState.COACHING, by=coordinator, on=ON
        )


def test_partner_coach_needs_consent_before_assignment(
    person, uwv, coordinator, partner_coach
):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    with pytest.raises(services.ConsentRequiredError, match="geen toestemming"):
        services.assign_coach(
            traject=traject, coach=partner_coach, by=coordinator, on=ON
        )
    services.give_consent(
        person=person,
        purpose=ConsentPurpose.SHARE_WITH_PARTNER,
        recipient=partner_coach.organisation,
        by=coordinator,
        on=ON,
    )
    services.assign_coach(traject=traject, coach=partner_coach, by=coordinator, on=ON)
    assert services.caseload(user=partner_coach, on=ON).get().pk == traject.pk


def test_suggest_coach_prefers_sector_then_lowest_caseload(
    person, uwv, coordinator, make_user
):
    uwv.region.config.sector_specialisations = ["techniek", "administratief", "zorg"]
    uwv.region.config.save()
    busy_care = make_user(
        role=Role.COACH, organisation=uwv, sector_specialisation="zorg"
    )
    idle_care = make_user(
        role=Role.COACH, organisation=uwv, sector_specialisation="zorg"
    )
    make_user(role=Role.COACH, organisation=uwv, sector_specialisation="techniek")
    for _ in range(2):
        other = PersonFactory(owner=uwv)
        t = services.signal(person=other, organisation=uwv, by=coordinator, on=ON)
        t.coach = busy_care
        t.save()
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    assert services.suggest_coach(traject) == idle_care


def test_jobready_gaps_and_weekly_review(person, uwv, coordinator):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    check = services.record_jobready_check(
        traject=traject,
        by=coordinator,
        on=ON,
        own_transport=False,
        hours_available=8,
        childcare="not_arranged",
        qualifications="",
        recent_experience=True,
        language="good",
        health_limits="",
    )
    assert not check.is_jobready
    assert any("Kinderopvang" in g for g in check.gaps)
    services.add_plan_action(
        traject=traject,
        kind="applications",
        description="10 sollicitaties per week",
        weekly_target=10,
        by=coordinator,
        on=ON,
    )
    assert not services.add_review(
        traject=traject, by=coordinator, on=ON, applications=6
    ).on_track
    assert services.add_review(
        traject=traject, by=coordinator, on=ON, applications=11
    ).on_track


def test_overdue_tasks_reminders_and_closing_report(person, uwv, coordinator):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    services.add_task(
        traject=traject,
        title="Cv nalopen",
        due_date=ON - dt.timedelta(days=2),
        by=coordinator,
        on=ON,
    )
    services.add_task(
        traject=traject,
        title="Bellen",
        due_date=ON + dt.timedelta(days=5),
        by=coordinator,
        on=ON,
    )
    services.log_contact(
        traject=traject,
        channel="phone",
        summary="Intake gepland",
        next_step="Intake",
        by=coordinator,
        on=ON,
    )
    assert [t.title for t in services.overdue_tasks(user=coordinator, on=ON)] == [
        "Cv nalopen"
    ]
    assert services.send_reminders(on=ON) == 1
    assert "1 taken" in mail.outbox[0].subject
    assert services.send_reminders(on=ON) == 0  # once a day
    report = services.closing_report(traject)
    assert report["contacts"][0]["summary"] == "Intake gepland"
    assert report["open_tasks"] == ["Cv nalopen", "Bellen"]
    assert report["ww_end_date"] == "2026-06-01"


def test_remind_command_mails_once_per_day(person, uwv, coordinator):
    from django.core.management import call_command

    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    services.add_task(
        traject=traject, title="Bellen", due_date=ON, by=coordinator, on=ON
    )
    call_command("trajects", "remind", "--on", ON.isoformat())
    call_command("trajects", "remind", "--on", ON.isoformat())
    assert len(mail.outbox) == 1
    assert Task.objects.get().reminded_date == ON


def test_the_history_of_a_work_outcome_names_employer_and_hours_in_dutch(
    person, uwv, coordinator
):
    traject = services.signal(person=person, organisation=uwv, by=coordinator, on=ON)
    services.transition(
        traject=traject, to=TrajectState.COACHING, by=coordinator, on=ON
    )
    services.transition(
        traject=traject,
        to=TrajectState.ENDED,
        by=coordinator,
        on=ON,
        outcome=Outcome.WORK,
        employer_name="Zorggroep Dordrecht",
        hours_per_week=Decimal("32"),
        work_start_date=dt.date(2026, 3, 16),
    )
    ended = traject.events.get(to_state=TrajectState.ENDED)
    # As a mapping: jsonb (PostgreSQL) does not keep the order of the keys.
    assert dict(ended.detail_items) == {
        "uitkomst": "Werk",
        "werkgever": "Zorggroep Dordrecht",
        "uren per week": "32",
    }


def test_every_detail_a_traject_event_records_has_a_dutch_label():
    """The history shows each detail under EVENT_DETAIL_LABELS; a key without
    one would reach the page as its English name."""
    import ast
    from pathlib import Path

    from maxww.trajects.constants import EVENT_DETAIL_LABELS

    columns = {"traject", "event", "by", "on", "from_state", "to_state"}
    recorded = set()
    for path in (Path(services.__file__).parent).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_event":
                recorded |= {k.arg for k in node.keywords if k.arg} - columns
    assert recorded, "no _event call found"
    assert sorted(recorded - set(EVENT_DETAIL_LABELS)) == []
