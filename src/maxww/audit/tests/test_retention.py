"""Retention: the dry run changes nothing, the run pseudonymises exactly the expired."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.audit.retention import PSEUDONYM_NAME, PSEUDONYM_PREFIX, apply_retention
from maxww.audit.tasks import nightly_retention
from maxww.handover.models import BijstandApplication, Handover
from maxww.handover.tests.factories import BijstandApplicationFactory
from maxww.kennisbank.models import InstrumentUse
from maxww.kennisbank.tests.factories import InstrumentFactory
from maxww.monitoring.models import MonthlyAggregate
from maxww.monitoring.publication import dashboard_tables
from maxww.monitoring.services import default_filter as dashboard_filter
from maxww.monitoring.services import refresh_aggregates
from maxww.organisations.constants import Role
from maxww.organisations.models import RegionalConfig
from maxww.organisations.tests.factories import (
    MunicipalityFactory,
    RegionFactory,
    UserFactory,
)
from maxww.people.constants import ClaimStatus, EndReason
from maxww.people.models import AccessGrant, Household, Person, WWClaim
from maxww.people.tests.factories import (
    AccessGrantFactory,
    PersonFactory,
    WWClaimFactory,
)
from maxww.screening.models import ClaimOutcome, ScreeningRecord
from maxww.trajects.constants import ContactChannel, Outcome, TrajectState
from maxww.trajects.models import Consent, Contact, DurabilityCheck, Task, Traject
from maxww.trajects.tests.factories import ConsentFactory, TrajectFactory
from maxww.voorlichting.models import Invitation
from maxww.voorlichting.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 1)  # retention 24 months: last activity on/before 2024-06-01
OLD = dt.date(2023, 12, 31)


def _person(municipality, *, claim_end=OLD, claim_status=ClaimStatus.ENDED, **kw):
    person = PersonFactory(municipality=municipality, **kw)
    Person.objects.filter(pk=person.pk).update(
        created_at=timezone.make_aware(dt.datetime(2022, 1, 10, 9, 0))
    )
    claim = WWClaimFactory(
        person=person,
        start_date=claim_end - dt.timedelta(days=365),
        max_end_date=claim_end,
        status=claim_status,
        actual_end_date=claim_end if claim_status == ClaimStatus.ENDED else None,
        end_reason=EndReason.WORK if claim_status == ClaimStatus.ENDED else "",
    )
    ClaimOutcome.objects.create(
        claim=claim, entered_bijstand=False, recorded_on=claim_end
    )
    ScreeningRecord.objects.create(
        claim=claim, person=person, target_groups=",all,", override_reason="vrij"
    )
    return person


def _traject(person, coach, *, state=TrajectState.ENDED, ended=dt.date(2024, 1, 15)):
    traject = TrajectFactory(
        person=person,
        organisation=coach.organisation,
        coach=coach,
        state=state,
        signalled_date=dt.date(2023, 9, 1),
        state_date=ended if state == TrajectState.ENDED else dt.date(2023, 10, 1),
        ended_date=ended if state == TrajectState.ENDED else None,
        outcome=Outcome.WORK if state == TrajectState.ENDED else "",
        employer_name="Bakkerij De Korrel",
        outcome_note="Vast contract bij de bakker",
    )
    traject.events.create(
        event="state_changed",
        to_state=TrajectState.COACHING,
        on=dt.date(2023, 10, 1),
        detail={"reason": "gesprek met mevrouw"},
    )
    return traject


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    region = RegionFactory(code="AM24", name="Drechtsteden")
    RegionalConfig.objects.filter(region=region).update(retention_months=24)
    municipality = MunicipalityFactory(region=region)
    coach = UserFactory(role=Role.COACH)
    session = SessionFactory(
        starts_at=timezone.make_aware(dt.datetime(2023, 7, 4, 10, 0))
    )
    instrument = InstrumentFactory()

    # A: everything ended long ago: pseudonymised.
    expired = _person(municipality, first_name="Anouk", last_name="Verlopen")
    traject = _traject(expired, coach)
    Contact.objects.create(
        traject=traject,
        channel=ContactChannel.PHONE,
        contact_date=dt.date(2023, 11, 1),
        summary="Belde over haar rugklachten",
        by=coach,
    )
    task = Task.objects.create(traject=traject, title="Bellen", due_date=OLD)
    DurabilityCheck.objects.create(
        traject=traject,
        months=3,
        due_date=dt.date(2024, 4, 15),
        task=task,
        still_working=True,
        checked_date=dt.date(2024, 4, 15),
    )
    consent = ConsentFactory(person=expired)
    consent.form_file.save("toestemming.pdf", ContentFile(b"%PDF-1.4 test"))
    AccessGrantFactory(person=expired, organisation=coach.organisation)
    Invitation.objects.create(
        session=session,
        person=expired,
        status="attended",
        invited_by=coach,
        invited_date=dt.date(2023, 6, 1),
    )
    InstrumentUse.objects.create(
        instrument=instrument,
        person=expired,
        traject=traject,
        cost=Decimal("250.00"),
        used_on=dt.date(2023, 11, 1),
        note="Proefplaatsing bij de bakker",
        registered_by=coach,
        organisation=coach.organisation,
    )
    handover = Handover.objects.create(
        person=expired,
        traject=traject,
        from_name="Partner",
        to_organisation=coach.organisation,
        document={"person": {"name": "Anouk Verlopen"}},
        version="1.0",
        status="accepted",
    )
    BijstandApplicationFactory(
        person=expired,
        handover=handover,
        status="decided",
        application_date=dt.date(2024, 2, 1),
    )
    portal_user = UserFactory(role="", first_name="Anouk", last_name="Verlopen")
    Person.objects.filter(pk=expired.pk).update(portal_user=portal_user)

    # Held or recent: kept exactly as they are.
    open_traject = _person(municipality, last_name="Lopendtraject")
    _traject(open_traject, coach, state=TrajectState.COACHING)
    running = _person(municipality, last_name="Lopendeuitkering")
    # A claim still marked running (the extract never closed it) holds too.
    WWClaimFactory(
        person=running,
        status=ClaimStatus.ACTIVE,
        start_date=dt.date(2022, 6, 1),
        max_end_date=dt.date(2023, 6, 1),
    )
    open_handover = _person(municipality, last_name="Openoverdracht")
    Handover.objects.create(
        person=open_handover,
        from_name="Partner",
        to_organisation=coach.organisation,
        document={},
        version="1.0",
        status="sent",
    )
    recent = _person(municipality, claim_end=dt.date(2025, 1, 31), last_name="Recent")
    checked_late = _person(municipality, last_name="Laatgecontroleerd")
    late = _traject(checked_late, coach)
    DurabilityCheck.objects.create(
        traject=late, months=6, due_date=dt.date(2024, 12, 1)
    )
    Handover.objects.update(
        created_at=timezone.make_aware(dt.datetime(2024, 2, 1, 9, 0))
    )
    # Another region, expired too: only touched when that region runs.
    elsewhere = _person(MunicipalityFactory(), last_name="Elders")
    return {
        "expired": expired,
        "kept": [open_traject, running, open_handover, recent, checked_late],
        "elsewhere": elsewhere,
        "region": region,
        "consent_file": consent.form_file.name,
        "portal_user": portal_user,
        "tmp": tmp_path,
    }


def _snapshot() -> dict:
    """Every row of the tables retention may touch, as plain values."""
    models = [
        Person,
        Household,
        WWClaim,
        AccessGrant,
        ScreeningRecord,
        Traject,
        Contact,
        Task,
        DurabilityCheck,
        Consent,
        Invitation,
        InstrumentUse,
        Handover,
        BijstandApplication,
    ]
    return {m._meta.label: sorted(map(str, m.objects.values())) for m in models}


def _aggregates() -> list:
    return sorted(
        MonthlyAggregate.objects.values_list(
            "month",
            "municipality_id",
            "target_group",
            "ww_ends",
            "known_outcome",
            "screened",
            "invited",
            "attended",
            "coached",
            "to_work",
            "to_bijstand",
        )
    )


def test_dry_run_counts_and_changes_nothing(world):
    before = _snapshot()
    logged = AccessLog.objects.count()
    report = apply_retention(on=ON, dry_run=True, region_code="AM24")
    (region,) = report.regions
    assert (region.code, region.months, region.cutoff) == (
        "AM24",
        24,
        dt.date(2024, 6, 1),
    )
    assert region.people == 1
    assert region.kept == {"open_traject": 1, "running_claim": 1, "open_handover": 1}
    assert region.deleted == {
        "trajects.Contact": 1,
        "trajects.Consent": 1,
        "people.AccessGrant": 1,
        "handover.Handover": 1,
        "handover.BijstandApplication": 1,
    }
    assert region.pseudonymised["people.Person"] == 1
    assert region.pseudonymised["people.WWClaim"] == 1
    assert region.pseudonymised["trajects.Traject"] == 1
    assert region.pseudonymised["organisations.User"] == 1
    assert region.files == 1
    assert _snapshot() == before
    assert AccessLog.objects.count() == logged
    assert (world["tmp"] / world["consent_file"]).exists()


def test_run_pseudonymises_exactly_the_expired_and_keeps_aggregates(
    world, django_capture_on_commit_callbacks
):
    expired = world["expired"]
    refresh_aggregates(on=ON)
    aggregates = _aggregates()
    tables = [t.rows for t in dashboard_tables(dashboard_filter(on=ON), on=ON)]
    kept_before = {p.pk: _row(p) for p in world["kept"]}
    elsewhere = _row(world["elsewhere"])

    with django_capture_on_commit_callbacks(execute=True):
        report = apply_retention(on=ON, region_code="AM24")
    assert report.regions[0].people == 1

    person = Person.objects.get(pk=expired.pk)
    assert person.last_name == PSEUDONYM_NAME
    assert person.first_name == person.email == person.postcode == ""
    assert person.bsn_hash.startswith(PSEUDONYM_PREFIX) and not person.bsn_encrypted
    assert person.birth_date == expired.birth_date.replace(month=1, day=1)
    assert person.portal_user_id is None
    user = type(world["portal_user"]).objects.get(pk=world["portal_user"].pk)
    assert not user.is_active and not user.has_usable_password()
    assert user.first_name == user.last_name == user.email == ""
    # Detail deleted, files too.
    assert not Contact.objects.filter(traject__person=person).exists()
    for model in (Consent, AccessGrant, Handover, BijstandApplication):
        assert not model.objects.filter(person=person).exists(), model
    assert not (world["tmp"] / world["consent_file"]).exists()
    # What the aggregates count stays, without free text.
    traject = Traject.objects.get(person=person)
    assert traject.outcome == Outcome.WORK and traject.employer_name == ""
    assert traject.events.get().detail == {}
    assert traject.tasks.get().title == ""
    assert WWClaim.objects.get(person=person).claim_ref.startswith(PSEUDONYM_PREFIX)
    assert InstrumentUse.objects.get(person=person).note == ""
    assert DurabilityCheck.objects.get(traject=traject).still_working is True
    # Everyone else exactly as before.
    assert {p.pk: _row(p) for p in world["kept"]} == kept_before
    assert _row(world["elsewhere"]) == elsewhere
    # Aggregates: untouched now, and the same when rebuilt from what is left.
    assert _aggregates() == aggregates
    refresh_aggregates(on=ON)
    assert _aggregates() == aggregates
    assert [t.rows for t in dashboard_tables(dashboard_filter(on=ON), on=ON)] == tables
    # Logged with the uuid only.
    entry = AccessLog.objects.get(event="person_pseudonymised")
    assert entry.person_ref == str(expired.uuid) and entry.action == "pseudonymised"
    assert "Verlopen" not in json.dumps(list(AccessLog.objects.values()), default=str)
    # A second run finds nobody.
    assert apply_retention(on=ON, region_code="AM24").regions[0].people == 0


def _row(person) -> tuple:
    p = Person.objects.get(pk=person.pk)
    return (
        p.last_name,
        p.bsn_hash,
        p.birth_date,
        p.grants.count(),
        p.household.assets,
        sorted(p.claims.values_list("claim_ref", flat=True)),
        sorted(p.trajects.values_list("employer_name", flat=True)),
    )


def test_a_person_with_an_open_traject_is_kept_whatever_its_age(world):
    held = world["kept"][0]
    Person.objects.filter(pk=held.pk).update(
        created_at=timezone.make_aware(dt.datetime(2010, 1, 1))
    )
    apply_retention(on=dt.date(2040, 1, 1))
    assert Person.objects.get(pk=held.pk).last_name == "Lopendtraject"
    assert Traject.objects.filter(person=held).count() == 1


def test_cli_prints_a_report_per_region_and_the_dry_run_changes_nothing(world, capsys):
    before = _snapshot()
    call_command("retention", "--dry-run", "--on", ON.isoformat())
    out = capsys.readouterr().out
    assert "PROEFRUN" in out
    assert f"AM24 {world['region'].name}: bewaartermijn 24 maanden" in out
    assert "te pseudonimiseren personen: 1" in out
    assert "lopend traject 1" in out
    assert "contactmomenten (trajects.contact): 1" in out
    assert _snapshot() == before
    call_command("retention", "--on", ON.isoformat(), "--region", "AM24")
    out = capsys.readouterr().out
    assert "gepseudonimiseerde personen: 1" in out and "PROEFRUN" not in out
    call_command("retention", "--on", ON.isoformat(), "--region", "AM24", "--json")
    data = json.loads(capsys.readouterr().out)
    assert [r["people"] for r in data["regions"]] == [0]  # already done
    assert Person.objects.get(pk=world["expired"].pk).last_name == PSEUDONYM_NAME


def test_the_nightly_task_runs_the_same_service(world):
    result = nightly_retention.enqueue(on=ON.isoformat(), dry_run=True).return_value
    region = next(r for r in result["regions"] if r["code"] == "AM24")
    assert region["people"] == 1
    assert Person.objects.get(pk=world["expired"].pk).last_name == "Verlopen"


def test_every_record_about_a_person_has_a_retention_rule():
    """A new model that points at a person fails here until retention knows it."""
    from maxww.audit.retention.records import DELETE, KEEP, _pseudonymised_values

    ruled = (
        {label for label, _path in DELETE}
        | {label for label, _path, _values in _pseudonymised_values()}
        | KEEP
    )
    seen: set = set()
    todo = [Person]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        todo += [rel.related_model for rel in model._meta.related_objects]
    missing = sorted(
        m._meta.label
        for m in seen
        if m._meta.label not in ruled and not m._meta.auto_created
    )
    assert not missing, f"Add to DELETE, _pseudonymised_values or KEEP: {missing}"
