"""The central privacy rule as a table: role × legal basis → sees the person or not."""

from django.http import Http404
from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.people.bsn import InvalidBSNError, decrypt_bsn, normalise_bsn
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access, open_person, revoke_access
from maxww.people.tests.factories import PersonFactory, synthetic_bsn

pytestmark = pytest.mark.django_db

CASEWORK = [
    Role.UWV_ADVISER,
    Role.COORDINATOR,
    Role.COACH,
    Role.EMPLOYER_ADVISER,
    Role.GATEKEEPER,
    Role.CASE_MANAGER,
]
AGGREGATE = [Role.MANAGER, Role.ANALYST, Role.FUNCTIONAL_ADMIN]
BASES = [GrantBasis.CASELOAD, GrantBasis.CONSENT, GrantBasis.APPLICATION]


@pytest.mark.parametrize("role", CASEWORK + AGGREGATE)
@pytest.mark.parametrize("basis", [*BASES, None])
def test_visibility_matrix(make_user, role, basis):
    user = make_user(role=role)
    person = PersonFactory()
    PersonFactory()  # someone else, never visible
    if basis:
        grant_access(person=person, organisation=user.organisation, basis=basis)
    visible = list(Person.objects.visible_to(user))
    expected = [person] if basis and role in CASEWORK else []
    assert visible == expected


def test_a_grant_for_another_organisation_gives_no_access(make_user):
    user, other = make_user(role=Role.COACH), make_user(role=Role.COACH)
    person = PersonFactory()
    grant_access(
        person=person, organisation=other.organisation, basis=GrantBasis.CONSENT
    )
    assert not Person.objects.visible_to(user).exists()
    assert Person.objects.visible_to(other).exists()


def test_revoking_consent_removes_access_at_once(make_user):
    user = make_user(role=Role.COACH)
    person = PersonFactory()
    grant_access(
        person=person, organisation=user.organisation, basis="consent", source="c1"
    )
    assert Person.objects.visible_to(user).count() == 1
    revoke_access(
        person=person, organisation=user.organisation, basis="consent", source="c1"
    )
    assert Person.objects.visible_to(user).count() == 0


def test_uwv_off_switch_keeps_only_application_and_consent(make_user):
    user = make_user(role=Role.COORDINATOR)
    from_caseload, from_application = PersonFactory(), PersonFactory()
    grant_access(person=from_caseload, organisation=user.organisation, basis="caseload")
    grant_access(
        person=from_application, organisation=user.organisation, basis="application"
    )
    user.organisation.uwv_access_enabled = False
    user.organisation.save()
    assert list(Person.objects.visible_to(user)) == [from_application]


def test_open_person_logs_the_access_with_basis_and_without_bsn(make_user):
    user = make_user(role=Role.COACH)
    person = PersonFactory(bsn="111222333")
    grant_access(person=person, organisation=user.organisation, basis="consent")
    opened = open_person(user=user, uuid=str(person.uuid), purpose="traject bekijken")
    assert opened == person
    entry = AccessLog.objects.get()
    assert entry.legal_basis == "consent"
    assert entry.person_ref == str(person.uuid)
    assert "111222333" not in " ".join(str(v) for v in entry.__dict__.values())


def test_open_person_without_basis_is_a_plain_404(make_user):
    user = make_user(role=Role.COACH)
    person = PersonFactory()
    with pytest.raises(Http404):
        open_person(user=user, uuid=str(person.uuid), purpose="x")
    assert AccessLog.objects.count() == 0


def test_bsn_is_validated_hashed_and_encrypted():
    assert normalise_bsn("111 222 333") == "111222333"
    with pytest.raises(InvalidBSNError, match="elfproef"):
        normalise_bsn("111222334")
    with pytest.raises(InvalidBSNError, match="9 cijfers"):
        normalise_bsn("1234")
    person = PersonFactory(bsn="111222333")
    assert "111222333" not in person.bsn_hash
    assert decrypt_bsn(person.bsn_encrypted) == "111222333"


def test_synthetic_bsns_pass_the_elfproef():
    for n in range(0, 5000, 37):
        normalise_bsn(synthetic_bsn(n))


def test_revoked_at_is_set_not_deleted(make_user):
    user = make_user(role=Role.COACH)
    person = PersonFactory()
    grant = grant_access(person=person, organisation=user.organisation, basis="consent")
    revoke_access(person=person, basis="consent")
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_at <= timezone.now()
