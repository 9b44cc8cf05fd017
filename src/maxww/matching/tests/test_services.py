import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from maxww.matching import services
from maxww.matching.constants import ProposalStatus, VacancyStatus
from maxww.matching.models import Employer
from maxww.organisations.constants import OrganisationKind, Role
from maxww.organisations.tests.factories import OrganisationFactory, RegionFactory
from maxww.trajects.constants import Outcome, TrajectState
from maxww.trajects.models import DurabilityCheck
from maxww.trajects.services import withdraw_consent

from .factories import CandidateProfileFactory, VacancyFactory, occupation

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 1)


@pytest.fixture
def wsp():
    region = RegionFactory(code="AM24", name="Drechtsteden")
    return OrganisationFactory(
        name="Baanbrekend", kind=OrganisationKind.WSP, region=region
    )


@pytest.fixture
def vacancy(wsp):
    return VacancyFactory(
        organisation=wsp, employer__organisation=wsp, certificates="VCA"
    )


def test_rank_candidates_orders_by_fit_and_explains(wsp, vacancy):
    exact = CandidateProfileFactory(consent_to=wsp, certificates="vca")
    related = CandidateProfileFactory(consent_to=wsp, occupations=["9334"])
    far = CandidateProfileFactory(
        consent_to=wsp, postcode="6511AA", occupations=["9333"]
    )  # Nijmegen, ~80 km
    unrelated = CandidateProfileFactory(consent_to=wsp, occupations=["2512"])
    ranked = services.rank_candidates(vacancy=vacancy, on=ON)
    assert [m.profile_id for m in ranked] == [
        exact.pk,
        related.pk,
        far.pk,
        unrelated.pk,
    ]
    assert ranked[0].score == 100
    texts = [r.text for r in ranked[0].reasons]
    assert texts[0].startswith("Beroep komt precies overeen: Laders, lossers")
    assert "binnen de reisafstand van 20 km" in texts[2]
    assert "certificaat aanwezig: vca" in texts[4]
    assert "Verwant beroep" in ranked[1].reasons[0].text
    assert "verder dan de reisafstand" in ranked[2].reasons[2].text
    assert "certificaat ontbreekt: vca" in ranked[1].reasons[4].text
    assert sum(r.points for r in ranked[1].reasons) == pytest.approx(
        ranked[1].score, abs=0.51
    )


def test_only_candidates_with_active_consent_in_the_region_appear(
    wsp, vacancy, make_user
):
    consenting = CandidateProfileFactory(consent_to=wsp)
    CandidateProfileFactory()  # no consent at all
    elsewhere = OrganisationFactory(region=RegionFactory(code="AM20"))
    CandidateProfileFactory(consent_to=elsewhere)  # consent for another region
    withdrawn = CandidateProfileFactory(consent_to=wsp)
    ended = CandidateProfileFactory(consent_to=wsp, traject__state=TrajectState.ENDED)
    consent = withdrawn.traject.person.consents.get()
    withdraw_consent(consent=consent, by=consent.recorded_by, on=ON)
    ranked = services.rank_candidates(vacancy=vacancy, on=ON)
    assert [m.profile_id for m in ranked] == [consenting.pk]
    assert ended.pk not in [m.profile_id for m in ranked]


def test_rank_vacancies_for_candidate_best_first(wsp):
    profile = CandidateProfileFactory(consent_to=wsp, occupations=["8332"])
    driver = VacancyFactory(
        organisation=wsp, employer__organisation=wsp, occupation=occupation("8332")
    )
    picker = VacancyFactory(organisation=wsp, employer__organisation=wsp)
    VacancyFactory(
        organisation=wsp, employer__organisation=wsp, status=VacancyStatus.CLOSED
    )
    ranked = services.rank_vacancies(profile=profile, on=ON)
    assert [m.vacancy_id for m in ranked] == [driver.pk, picker.pk]
    assert ranked[0].vacancy == driver


def test_rank_vacancies_is_empty_without_consent(wsp):
    profile = CandidateProfileFactory()
    VacancyFactory(organisation=wsp, employer__organisation=wsp)
    assert services.rank_vacancies(profile=profile, on=ON) == []


def test_propose_requires_consent_and_only_once(wsp, vacancy, make_user):
    adviser = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    without = CandidateProfileFactory()
    with pytest.raises(ValidationError, match="geen toestemming"):
        services.propose(vacancy=vacancy, traject=without.traject, by=adviser, on=ON)
    profile = CandidateProfileFactory(consent_to=wsp)
    proposal = services.propose(
        vacancy=vacancy, traject=profile.traject, by=adviser, on=ON
    )
    assert proposal.score > 0 and proposal.reasons[0]["factor"] == "occupation"
    with pytest.raises(ValidationError, match="al voorgesteld"):
        services.propose(vacancy=vacancy, traject=profile.traject, by=adviser, on=ON)
    # already proposed candidates drop out of the ranking for this vacancy
    assert services.rank_candidates(vacancy=vacancy, on=ON) == []


def test_reject_needs_reason(wsp, vacancy, make_user):
    adviser = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    profile = CandidateProfileFactory(consent_to=wsp)
    p = services.propose(vacancy=vacancy, traject=profile.traject, by=adviser, on=ON)
    with pytest.raises(ValidationError):
        services.set_proposal_status(
            proposal=p, status=ProposalStatus.REJECTED, by=adviser, on=ON
        )
    services.set_proposal_status(
        proposal=p,
        status=ProposalStatus.REJECTED,
        rejection_reason="employer",
        by=adviser,
        on=ON,
    )
    assert p.status == ProposalStatus.REJECTED
    with pytest.raises(ValidationError):
        services.set_proposal_status(
            proposal=p, status=ProposalStatus.INTERVIEW, by=adviser, on=ON
        )


def test_hire_ends_traject_with_work_and_schedules_checks(wsp, vacancy, make_user):
    adviser = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    profile = CandidateProfileFactory(consent_to=wsp)
    p = services.propose(vacancy=vacancy, traject=profile.traject, by=adviser, on=ON)
    services.set_proposal_status(
        proposal=p, status=ProposalStatus.INTERVIEW, by=adviser, on=ON
    )
    placement = services.hire(
        proposal=p, by=adviser, on=ON, hours_per_week=32, start_date=dt.date(2026, 4, 1)
    )
    traject = placement.traject
    traject.refresh_from_db()
    assert traject.state == TrajectState.ENDED and traject.outcome == Outcome.WORK
    assert traject.employer_name == vacancy.employer.name
    checks = DurabilityCheck.objects.filter(traject=traject).order_by("months")
    assert [(c.months, c.due_date) for c in checks] == [
        (3, dt.date(2026, 7, 1)),
        (6, dt.date(2026, 10, 1)),
    ]
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.FILLED
    ratios = services.adviser_ratios()
    assert ratios[0]["proposals"] == 1 and ratios[0]["placements"] == 1
    assert ratios[0]["ratio"] == 1.0


def test_create_employer_validates_kvk(wsp, make_user):
    user = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    with pytest.raises(ValidationError) as err:
        services.create_employer(
            by=user, organisation=wsp, kvk_number="1234", name="X", sector="care"
        )
    assert "8 cijfers" in str(err.value)
    employer = services.create_employer(
        by=user, organisation=wsp, kvk_number="12 34 56 78", name="X", sector="care"
    )
    assert employer.kvk_number == "12345678" and employer.region == wsp.region
    assert Employer.objects.count() == 1


def test_vacancy_hours_min_must_not_exceed_max(wsp, make_user, vacancy):
    user = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    with pytest.raises(ValidationError, match="lager dan het minimum"):
        services.save_vacancy(by=user, vacancy=vacancy, hours_min=30, hours_max=20)


def test_vacancy_visibility_own_or_shared_in_region(wsp, make_user):
    from maxww.matching.models import Vacancy

    own = VacancyFactory(organisation=wsp, employer__organisation=wsp)
    partner = OrganisationFactory(region=wsp.region)
    shared = VacancyFactory(organisation=partner, employer__organisation=partner)
    private = VacancyFactory(
        organisation=partner, employer__organisation=partner, is_shared_in_region=False
    )
    other_region = VacancyFactory()
    user = make_user(role=Role.EMPLOYER_ADVISER, organisation=wsp)
    visible = set(Vacancy.objects.visible_to(user).values_list("pk", flat=True))
    assert visible == {own.pk, shared.pk}
    assert private.pk not in visible and other_region.pk not in visible


def test_score_is_the_sum_of_the_parts_shown(wsp, vacancy):
    """Bug 7: 10.6 + 6.8 points showed as 11 + 7 next to a total of 87."""
    CandidateProfileFactory(
        consent_to=wsp, hours_available=17, available_from=dt.date(2026, 3, 20)
    )
    (match,) = services.rank_candidates(vacancy=vacancy, on=ON)
    shown = [round(r.points) for r in match.reasons]
    assert match.score == 87
    assert sum(shown) == match.score
    assert [r.as_dict()["points"] for r in match.reasons] == shown
