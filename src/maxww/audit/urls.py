from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
    path("controle/", views.verify, name="verify"),
    path("betrokkene/", views.subjects, name="subjects"),
    path("betrokkene/<uuid:uuid>/", views.person, name="person"),
    path(
        "betrokkene/<uuid:uuid>/gegevens.json",
        views.person_export,
        name="person_export",
    ),
    path("betrokkene/<uuid:uuid>/gegevens.pdf", views.person_pdf, name="person_pdf"),
    path(
        "betrokkene/<uuid:uuid>/verwijderen/",
        views.person_erase,
        name="person_erase",
    ),
]
