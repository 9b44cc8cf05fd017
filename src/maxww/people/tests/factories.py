"""factory-boy factories for people, households and WW claims (tests and demo)."""

import datetime as dt
import random
from decimal import Decimal

import factory
from faker import Faker
from faker.exceptions import UniquenessException

from maxww.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from maxww.people.bsn import bsn_hash, encrypt_bsn
from maxww.people.constants import GrantBasis, HouseholdType
from maxww.people.models import AccessGrant, Household, Person, WWClaim


def synthetic_bsn(n: int) -> str:
    """A valid (elfproef) synthetic BSN derived from n; deterministic.

    >>> synthetic_bsn(1)
    '100000009'
    """
    base = 10000000 + n % 89999999
    for last in range(10):
        digits = f"{base:08d}"[:8] + str(last)
        total = sum(
            int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)
        )
        if (total - int(digits[8])) % 11 == 0:
            return digits
    return synthetic_bsn(n + 1)


_FAKE = Faker("nl_NL")


def unique_last_name() -> str:
    """A Dutch surname not handed out before in this run (pool reused when empty).

    Tests assert that one person's name is absent from another's page, so two
    people in one test must never share a surname.
    """
    try:
        return _FAKE.unique.last_name()
    except UniquenessException:
        _FAKE.unique.clear()
        return _FAKE.unique.last_name()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    class Params:
        # Spaced by 5 so the helper's step to the next number (when no check digit
        # fits) never lands on another person's BSN; offset away from the demo's.
        bsn = factory.Sequence(lambda n: synthetic_bsn(30_000_000 + 5 * n))

    bsn_hash = factory.LazyAttribute(lambda p: bsn_hash(p.bsn))
    bsn_encrypted = factory.LazyAttribute(lambda p: encrypt_bsn(p.bsn))
    first_name = factory.Faker("first_name", locale="nl_NL")
    initials = factory.LazyAttribute(lambda p: p.first_name[:1] + ".")
    last_name = factory.LazyFunction(unique_last_name)
    birth_date = factory.Faker("date_of_birth", minimum_age=19, maximum_age=66)
    postcode = factory.LazyFunction(
        lambda: (
            f"{random.randint(1000, 9999)}{random.choice('ABCDEGHJKLMNPRSTVWXZ')}"
            f"{random.choice('ABCDEGHJKLMNPRSTVWXZ')}"
        )
    )
    house_number = factory.Faker("building_number", locale="nl_NL")
    street = factory.Faker("street_name", locale="nl_NL")
    town = factory.Faker("city", locale="nl_NL")
    # The person lives in the region of the organisation that supplied them.
    municipality = factory.SubFactory(
        MunicipalityFactory, region=factory.SelfAttribute("..owner.region")
    )
    owner = factory.SubFactory(OrganisationFactory, uwv=True)
    household = factory.RelatedFactory(
        "maxww.people.tests.factories.HouseholdFactory", "person"
    )


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household
        django_get_or_create = ("person",)

    person = factory.SubFactory(PersonFactory)
    household_type = HouseholdType.SINGLE


class WWClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WWClaim

    person = factory.SubFactory(PersonFactory)
    claim_ref = factory.Sequence(lambda n: f"WW{n:08d}")
    start_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=300))
    max_end_date = factory.LazyAttribute(
        lambda c: c.start_date + dt.timedelta(days=365)
    )
    daily_wage = Decimal("120.00")
    hours_lost = Decimal("36.0")
    occupation = "Orderpicker"
    sector = "Logistiek"


class AccessGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessGrant

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    basis = GrantBasis.CASELOAD
