"""UI routes of the voorlichting app (mounted at /voorlichting/ in maxww.urls)."""

from django.urls import path

from . import views

app_name = "voorlichting"
urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("nieuw/", views.session_new, name="session_new"),
    path("nabellen/", views.call_tasks, name="call_tasks"),
    path("nabellen/<int:pk>/", views.call_task_done, name="call_task_done"),
    path("<uuid:uuid>/", views.session_detail, name="session"),
    path("<uuid:uuid>/uitnodigen/", views.invite, name="invite"),
    path("<uuid:uuid>/brieven/", views.letter_run_start, name="letter_run_start"),
    path("brieven/<uuid:uuid>/", views.letter_run, name="letter_run"),
    path(
        "brieven/<uuid:uuid>/brieven.pdf", views.letter_run_pdf, name="letter_run_pdf"
    ),
    path("<uuid:uuid>/mailen/", views.email, name="email"),
    path("<uuid:uuid>/aanwezigheid/", views.attendance, name="attendance"),
    path(
        "<uuid:uuid>/aanwezigheid/afsluiten/",
        views.attendance_close,
        name="attendance_close",
    ),
    path("uitnodiging/<uuid:uuid>/brief.pdf", views.letter, name="letter"),
    path("uitnodiging/<uuid:uuid>/reactie/", views.rsvp, name="rsvp"),
    path(
        "uitnodiging/<uuid:uuid>/aanwezig/",
        views.attendance_toggle,
        name="attendance_toggle",
    ),
]
