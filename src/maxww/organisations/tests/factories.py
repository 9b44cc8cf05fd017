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


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"AM{(n % 99) + 1:02d}")
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

    code = factory.Sequence(lambda n: f"GM{(n % 9999) + 1:04d}")
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
