"""UI routes of the trajects app (mounted at /trajecten/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "trajects"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/fase/", views.transition, name="transition"),
    path("<uuid:uuid>/coach/", views.assign, name="assign"),
    path("<uuid:uuid>/toestemming/", views.consent, name="consent"),
    path(
        "<uuid:uuid>/toestemming/<uuid:consent_uuid>/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<uuid:uuid>/werkfit/", views.jobready, name="jobready"),
    path("<uuid:uuid>/werkplan/", views.plan, name="plan"),
    path("<uuid:uuid>/werkplan/<int:pk>/gedaan/", views.plan_done, name="plan_done"),
    path("<uuid:uuid>/weekgesprek/", views.review, name="review"),
    path("<uuid:uuid>/contact/", views.contact, name="contact"),
    path("<uuid:uuid>/taak/", views.task, name="task"),
    path("<uuid:uuid>/taak/<int:pk>/gedaan/", views.task_done, name="task_done"),
    path("<uuid:uuid>/duurzaamheid/<int:pk>/", views.durability, name="durability"),
]
