"""``visible_ids`` is the same rule as ``visible_to``, as ids for other tables."""

import pytest

from maxww.organisations.constants import Role
from maxww.people.constants import GrantBasis
from maxww.people.models import Person
from maxww.people.services import grant_access, revoke_access
from maxww.people.tests.factories import PersonFactory

from .test_visibility import AGGREGATE, BASES, CASEWORK

pytestmark = pytest.mark.django_db


def _ids(user) -> set[int]:
    return set(
        Person.objects.filter(pk__in=Person.objects.visible_ids(user)).values_list(
            "pk", flat=True
        )
    )


@pytest.mark.parametrize("role", CASEWORK + AGGREGATE)
@pytest.mark.parametrize("basis", [*BASES, None])
@pytest.mark.parametrize("uwv_access", [True, False])
def test_visible_ids_match_visible_to(make_user, role, basis, uwv_access):
    user = make_user(role=role)
    person, revoked, elsewhere = PersonFactory(), PersonFactory(), PersonFactory()
    if basis:
        grant_access(person=person, organisation=user.organisation, basis=basis)
        grant_access(person=revoked, organisation=user.organisation, basis=basis)
        revoke_access(person=revoked, organisation=user.organisation, basis=basis)
    other = make_user(role=Role.COACH)
    grant_access(person=elsewhere, organisation=other.organisation, basis="consent")
    user.organisation.uwv_access_enabled = uwv_access
    user.organisation.save()
    expected = set(Person.objects.visible_to(user).values_list("pk", flat=True))
    assert _ids(user) == expected
    assert (person.pk in expected) == bool(
        basis
        and role in CASEWORK
        and (uwv_access or basis in (GrantBasis.APPLICATION, GrantBasis.CONSENT))
    )


def test_a_client_sees_only_themself_and_anonymous_nobody(make_user):
    from django.contrib.auth.models import AnonymousUser

    from maxww.organisations.tests.factories import UserFactory

    person = PersonFactory()
    PersonFactory()
    client = UserFactory(role="", organisation=None)
    person.portal_user = client
    person.save()
    assert _ids(client) == {person.pk}
    assert _ids(AnonymousUser()) == set()
