"""UI routes of the matching app (mounted at /matching/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.vacancies, name="vacancies"),
    path("vacatures/nieuw/", views.vacancy_new, name="vacancy_new"),
    path("vacatures/importeren/", views.vacancy_import, name="vacancy_import"),
    path("vacatures/<uuid:uuid>/", views.vacancy_detail, name="vacancy"),
    path("vacatures/<uuid:uuid>/wijzigen/", views.vacancy_edit, name="vacancy_edit"),
    path("vacatures/<uuid:uuid>/voorstellen/", views.propose, name="propose"),
    path("werkgevers/", views.employers, name="employers"),
    path("werkgevers/nieuw/", views.employer_new, name="employer_new"),
    path("werkgevers/<uuid:uuid>/", views.employer_detail, name="employer"),
    path(
        "voorstellen/<uuid:uuid>/status/", views.proposal_status, name="proposal_status"
    ),
    path(
        "voorstellen/<uuid:uuid>/plaatsen/", views.proposal_hire, name="proposal_hire"
    ),
    path("kandidaat/<uuid:uuid>/", views.candidate, name="candidate"),
    path("kandidaat/<uuid:uuid>/profiel/", views.profile_edit, name="profile_edit"),
]
