"""The legal-basis dimension of the access matrix: every role, with and without.

``test_access_matrix.py`` drives person-level URLs only with an id that does
not exist. Here every URL whose matrix entry names a basis and whose route
points at a person-level object is driven with a real object of a synthetic
person: for each allowed casework role the page answers as allowed while the
user's organisation has an active ``AccessGrant`` with the basis the matrix
names, and 404 (the answer for an id that does not exist, so ids cannot be
probed) before the grant and after it is revoked. Roles that can never hold
a basis (analyst, manager, functional admin) never get the object.

A new basis-bearing URL fails ``test_every_basis_url_is_covered`` until it is
in ``OBJECTS`` or, with a reason, in ``SKIP``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.audit.access_matrix import (
    MATRIX,
    Access,
    Route,
    holders_of,
    matrix_key,
    methods_of,
    missing_kwargs,
    routes_by_name,
)
from maxww.core.tests.system_tools import need_pango
from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, User
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.policy import CASEWORK, CLIENT

ALLOWED_STATUSES = {200, 201, 204, 302, 400}
TODAY = dt.date(2026, 3, 2)


@dataclass
class World:
    """One organisation, one synthetic person and a colleague to act as author."""

    organisation: Organisation
    person: Person
    author: User


Builder = Callable[[World], dict[str, str]]


# --- the objects a route points at, created for the world's person ----------


def _traject(world: World):
    from maxww.trajects.tests.factories import TrajectFactory

    return TrajectFactory(
        person=world.person, organisation=world.organisation, coaching=True
    )


def _traject_uuid(world: World) -> dict[str, str]:
    return {"uuid": str(_traject(world).uuid)}


def _handover_start(world: World) -> dict[str, str]:
    return {"traject_uuid": str(_traject(world).uuid)}


def _plan_action(world: World) -> dict[str, str]:
    from maxww.trajects.constants import PlanActionKind
    from maxww.trajects.services import add_plan_action

    traject = _traject(world)
    action = add_plan_action(
        traject=traject,
        kind=PlanActionKind.APPLICATIONS,
        description="Sollicitaties",
        by=world.author,
        on=TODAY,
    )
    return {"uuid": str(traject.uuid), "pk": str(action.pk)}


def _task(world: World) -> dict[str, str]:
    from maxww.trajects.services import add_task

    traject = _traject(world)
    task = add_task(
        traject=traject, title="Bellen", due_date=TODAY, by=world.author, on=TODAY
    )
    return {"uuid": str(traject.uuid), "pk": str(task.pk)}


def _durability(world: World) -> dict[str, str]:
    from maxww.trajects.models import DurabilityCheck

    traject = _traject(world)
    check = DurabilityCheck.objects.create(traject=traject, months=3, due_date=TODAY)
    return {"uuid": str(traject.uuid), "pk": str(check.pk)}


def _consent(world: World):
    from maxww.trajects.tests.factories import ConsentFactory

    return ConsentFactory(
        person=world.person, recipient=world.organisation, recorded_by=world.author
    )


def _consent_uuid(world: World) -> dict[str, str]:
    return {"uuid": str(_consent(world).uuid)}


def _traject_consent(world: World) -> dict[str, str]:
    traject = _traject(world)
    return {"uuid": str(traject.uuid), "consent_uuid": str(_consent(world).uuid)}


def _claim(world: World) -> dict[str, str]:
    from maxww.people.tests.factories import WWClaimFactory
    from maxww.screening.models import ScreeningRecord

    claim = WWClaimFactory(person=world.person)
    ScreeningRecord.objects.create(claim=claim, person=world.person)
    return {"uuid": str(claim.uuid)}


def _application(world: World) -> dict[str, str]:
    from maxww.handover.tests.factories import BijstandApplicationFactory

    application = BijstandApplicationFactory(
        person=world.person, organisation=world.organisation
    )
    return {"uuid": str(application.uuid)}


def _handover(world: World) -> dict[str, str]:
    """A real dossier, sent and received by the world's own organisation."""
    from maxww.handover.models import Handover
    from maxww.handover.services import generate_key, hand_over
    from maxww.handover.tests.factories import traject_ready_for_handover
    from maxww.people.models import AccessGrant
    from maxww.trajects.models import Traject

    setup = traject_ready_for_handover()
    handover = hand_over(
        traject=setup.traject,
        to_organisation=setup.municipality_org,
        by=setup.coach,
        on=TODAY,
    )
    Traject.objects.filter(pk=setup.traject.pk).update(organisation=world.organisation)
    Handover.objects.filter(pk=handover.pk).update(
        from_organisation=world.organisation, to_organisation=world.organisation
    )
    # The setup's own grants are for other organisations; drop them anyway.
    AccessGrant.objects.filter(person=handover.person).delete()
    generate_key(organisation=world.organisation, now=timezone.now())
    world.person = handover.person
    return {"uuid": str(handover.uuid)}


def _proposal(world: World) -> dict[str, str]:
    from maxww.matching.models import Proposal
    from maxww.matching.tests.factories import VacancyFactory

    proposal = Proposal.objects.create(
        vacancy=VacancyFactory(employer__organisation=world.organisation),
        traject=_traject(world),
        proposed_by=world.author,
        organisation=world.organisation,
        proposed_date=TODAY,
    )
    return {"uuid": str(proposal.uuid)}


def _cv(world: World) -> dict[str, str]:
    from maxww.portal.services import upload_cv

    upload_cv(
        person=world.person,
        upload=SimpleUploadedFile(
            "cv.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
        ),
    )
    return {"uuid": str(world.person.uuid)}


def _invitation(world: World) -> dict[str, str]:
    from maxww.voorlichting.models import Invitation
    from maxww.voorlichting.tests.factories import SessionFactory

    session = SessionFactory(
        organisation=world.organisation,
        region=world.organisation.region,
        created_by=world.author,
    )
    invitation = Invitation.objects.create(
        session=session,
        person=world.person,
        invited_by=world.author,
        invited_date=timezone.localdate(),
    )
    return {"uuid": str(invitation.uuid)}


OBJECTS: dict[str, Builder] = {
    **{
        name: _traject_uuid
        for name in (
            "trajects:detail",
            "trajects:transition",
            "trajects:assign",
            "trajects:jobready",
            "trajects:plan",
            "trajects:review",
            "trajects:contact",
            "trajects:task",
            "trajects:consent",
            "traject-detail",
            "traject-transition",
            "kennisbank:traject_uses",
            "matching:candidate",
            "matching:profile_edit",
        )
    },
    "trajects:plan_done": _plan_action,
    "trajects:task_done": _task,
    "trajects:durability": _durability,
    "trajects:consent_withdraw": _traject_consent,
    "handover:start": _handover_start,
    "consent-detail": _consent_uuid,
    "consent-withdraw": _consent_uuid,
    "screening:override": _claim,
    "handover:application": _application,
    "application-detail": _application,
    "handover:detail": _handover,
    "handover:pdf": _handover,
    "handover:package": _handover,
    "handover-package": _handover,
    "matching:proposal_hire": _proposal,
    "matching:proposal_status": _proposal,
    "proposal-detail": _proposal,
    "portal:staff_cv": _cv,
    "voorlichting:letter": _invitation,
}

_SESSION = "a session, not a person: its invitees are filtered by basis"
_VACANCY = "a vacancy, not a person: its candidates are filtered by consent"
_CLIENT = "the client's own page (basis: self); no staff role may use it"
_REGION = "basis is the administrator's region, not an AccessGrant"
_IMPORT = "an import of the own organisation, not a person"
SKIP: dict[str, str] = {
    **dict.fromkeys(
        (
            "voorlichting:session",
            "voorlichting:attendance",
            "voorlichting:email",
            "voorlichting:invite",
            "voorlichting:letter_run_start",
            "voorlichting:letter_run_pdf",
            "session-invitations",
            "session-invite",
        ),
        _SESSION,
    ),
    **dict.fromkeys(("matching:propose", "vacancy-candidates"), _VACANCY),
    **dict.fromkeys(
        (
            "portal:consent_withdraw",
            "portal:invitation_reschedule",
            "portal:invitation_respond",
        ),
        _CLIENT,
    ),
    **dict.fromkeys(
        (
            "audit:person",
            "audit:person_export",
            "audit:person_pdf",
            "audit:person_erase",
        ),
        _REGION,
    ),
    **dict.fromkeys(("screening:import_detail", "screening:import_errors"), _IMPORT),
}


def _basis_urls() -> set[str]:
    """URL names with an object in the path whose matrix entry names a basis."""
    names = set()
    for name, route in routes_by_name().items():
        key = matrix_key(name)
        if (
            key
            and not key.endswith(":*")
            and MATRIX[key].basis
            and missing_kwargs(route)
        ):
            names.add(name)
    return names


def test_every_basis_url_is_covered():
    urls = _basis_urls()
    missing = sorted(urls - set(OBJECTS) - set(SKIP))
    assert not missing, (
        "These person-level URLs are not driven with and without a basis; add "
        f"a builder to OBJECTS (or a reason to SKIP) in {__name__}: {missing}"
    )
    stale = sorted((set(OBJECTS) | set(SKIP)) - urls)
    assert not stale, f"OBJECTS/SKIP name URLs without a basis: {stale}"
    assert not set(OBJECTS) & set(SKIP)


def _grant_basis(access: Access) -> GrantBasis:
    """The grant for the basis the matrix names first (``consent / caseload``)."""
    return GrantBasis(access.basis.split("/")[0].strip().split()[0])


def _method(route: Route) -> str:
    """The method that shows the object: GET where the URL takes it, else POST."""
    methods = methods_of(route)
    return "GET" if "GET" in methods else "POST"


def _answer(client: Client, method: str, url: str) -> tuple[int, str]:
    response = client.post(url) if method == "POST" else client.get(url)
    return response.status_code, response.get("Location", "")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_person_level_url_needs_a_basis(name, make_user, settings, tmp_path):
    from maxww.organisations.tests.factories import OrganisationFactory
    from maxww.people.services import grant_access, revoke_access
    from maxww.people.tests.factories import PersonFactory

    if name in ("handover:pdf", "voorlichting:letter"):
        need_pango()  # these two answer with a PDF
    settings.MEDIA_ROOT = str(tmp_path)
    access = MATRIX[matrix_key(name)]
    route = routes_by_name()[name]
    method = _method(route)
    basis = _grant_basis(access)
    organisation = OrganisationFactory()
    world = World(
        organisation=organisation,
        person=PersonFactory(),
        author=make_user(Role.COORDINATOR, organisation, username="b_author"),
    )
    url = reverse(name, kwargs=OBJECTS[name](world))
    clients = {}
    for role in sorted(holders_of(route, method) - {CLIENT}):
        client = Client()
        client.force_login(
            make_user(
                role,
                organisation,
                username=f"b_{role}",
                is_staff=role == Role.FUNCTIONAL_ADMIN,
            )
        )
        clients[role] = client

    failures = []

    def expect_hidden(when: str) -> None:
        for role, client in clients.items():
            status, location = _answer(client, method, url)
            if status != 404:
                failures.append(f"{role} {when}: expected 404, got {status} {location}")

    expect_hidden("without a basis")
    grant_access(
        person=world.person, organisation=organisation, basis=basis, source="t"
    )
    for role, client in clients.items():
        status, location = _answer(client, method, url)
        if role not in CASEWORK:
            if status not in (403, 404):
                failures.append(f"{role} (no casework) with a grant: got {status}")
            continue
        allowed = set(access.ok) or ALLOWED_STATUSES
        if status not in allowed or urlsplit(location).path == reverse("login"):
            failures.append(
                f"{role} with basis {basis}: expected allowed, got {status} {location}"
            )
    revoke_access(person=world.person, organisation=organisation, basis=basis)
    expect_hidden("after revoking the basis")
    assert not failures, f"{method} {url} ({name}):\n  " + "\n  ".join(failures)
