"""factory-boy factories for organisations; shared by tests and the demo."""

import factory

from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.models import (
    Municipality,
    Organisation,
    Region,
    RegionalConfig,
    User,
)


def _free_code(model, prefix: str, width: int, top: int) -> str:
    """The highest unused code, so tests that name real codes (AM24, GM0505) never collide."""
    used = set(
        model.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    )
    for number in range(top, 0, -1):
        code = f"{prefix}{number:0{width}d}"
        if code not in used:
            return code
    raise RuntimeError(f"no free {prefix} code left")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.LazyFunction(lambda: _free_code(Region, "AM", 2, 99))
    name = factory.Sequence(lambda n: f"Regio {n}")
    config = factory.RelatedFactory(
        "maxww.organisations.tests.factories.RegionalConfigFactory", "region"
    )


class RegionalConfigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalConfig
        django_get_or_create = ("region",)

    region = factory.SubFactory(RegionFactory)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.LazyFunction(lambda: _free_code(Municipality, "GM", 4, 9999))
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.MUNICIPALITY
    region = factory.SubFactory(RegionFactory)

    class Params:
        uwv = factory.Trait(
            kind=OrganisationKind.UWV, name=factory.Sequence(lambda n: f"UWV {n}")
        )
        partner = factory.Trait(kind=OrganisationKind.PARTNER)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COACH
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()
