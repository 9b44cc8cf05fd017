"""factory-boy factories for matching."""

import datetime as dt

import factory

from maxww.matching.constants import Sector
from maxww.matching.models import CandidateProfile, Employer, Occupation, Vacancy
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access
from maxww.trajects.constants import ConsentPurpose
from maxww.trajects.tests.factories import ConsentFactory, TrajectFactory


def occupation(code: str) -> Occupation:
    """The shipped occupation with this ISCO code (loaded by the migration)."""
    return Occupation.objects.get(code=code)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Werkgever {n} BV")
    sector = Sector.LOGISTICS
    postcode = "3311AB"
    organisation = factory.SubFactory(OrganisationFactory)
    region = factory.SelfAttribute("organisation.region")


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Orderpicker {n}")
    occupation = factory.LazyFunction(lambda: occupation("9333"))
    hours_min = 24
    hours_max = 38
    postcode = "3311AB"
    start_date = dt.date(2026, 3, 1)
    organisation = factory.SelfAttribute("employer.organisation")
    region = factory.SelfAttribute("employer.region")


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        skip_postgeneration_save = True

    traject = factory.SubFactory(TrajectFactory, coaching=True)
    hours_available = 32
    postcode = "3312AB"
    max_travel_km = 20
    available_from = dt.date(2026, 2, 1)

    @factory.post_generation
    def occupations(self, create, extracted, **kwargs):
        if create:
            self.occupations.set(
                [
                    occupation(c)
                    for c in (extracted if extracted is not None else ["9333"])
                ]
            )

    @factory.post_generation
    def consent_to(self, create, extracted, **kwargs):
        """consent_to=<Organisation>: the person consents to be proposed there."""
        if create and extracted is not None:
            consent = ConsentFactory(
                person=self.traject.person,
                purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
                recipient=extracted,
            )
            # As trajects.services.give_consent does: the recipient may see them.
            grant_access(
                person=consent.person,
                organisation=extracted,
                basis=GrantBasis.CONSENT,
                source=consent.grant_source,
            )


def proposable_candidate(make_user, *, today: dt.date) -> CandidateProfile:
    """Sanne Kandidaat in Drechtsteden, coached by Randstad ("kees"), who consented
    to being proposed by the WSP Baanbrekend (whose employer adviser is "emre")."""
    from maxww.organisations.constants import OrganisationKind, Role
    from maxww.organisations.tests.factories import RegionFactory
    from maxww.trajects.services import give_consent

    region = RegionFactory(code="AM24", name="Drechtsteden")
    wsp = OrganisationFactory(
        name="Baanbrekend", kind=OrganisationKind.WSP, region=region
    )
    partner = OrganisationFactory(
        name="Randstad", kind=OrganisationKind.PARTNER, region=region
    )
    make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp, username="emre")
    coach = make_user(role=Role.COACH, organisation=partner, username="kees")
    profile = CandidateProfileFactory(
        traject__organisation=partner,
        traject__coach=coach,
        traject__person__first_name="Sanne",
        traject__person__last_name="Kandidaat",
        traject__person__municipality__region=region,
        available_from=today,
    )
    person = profile.traject.person
    grant_access(person=person, organisation=partner, basis=GrantBasis.CASELOAD)
    give_consent(
        person=person,
        purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
        recipient=wsp,
        by=coach,
        on=today,
    )
    return profile
