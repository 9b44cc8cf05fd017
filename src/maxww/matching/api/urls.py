"""API routes of the matching app (mounted under /api/v1/ by maxww.api.urls)."""

from rest_framework.routers import SimpleRouter

from .viewsets import (
    EmployerViewSet,
    OccupationViewSet,
    ProposalViewSet,
    VacancyViewSet,
)

router = SimpleRouter()
router.register("occupations", OccupationViewSet, basename="occupation")
router.register("employers", EmployerViewSet, basename="employer")
router.register("vacancies", VacancyViewSet, basename="vacancy")
router.register("proposals", ProposalViewSet, basename="proposal")
urlpatterns = router.urls
