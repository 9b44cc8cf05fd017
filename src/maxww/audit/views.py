"""The privacy officer's pages (functional admin): the access log, and the
rights of the people in it: export (JSON, PDF) and erasure."""

import json
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from maxww.core.pagination import PAGE_PARAM, query_without_page
from maxww.people.models import Person
from maxww.policy import Perm
from maxww.policy.views import WRITE, requires

from . import services, subject_rights
from .constants import Action, LegalBasis
from .forms import AuditSearchForm, ErasureForm, SubjectLookupForm

PAGE_SIZE = 50


@requires(Perm.AUDIT_READ, methods=("GET",))
def search(request: HttpRequest) -> HttpResponse:
    """Filter the access log; ?format=csv downloads the selection."""
    form = AuditSearchForm(request.GET or None)
    entries = services.search_entries(criteria=form.criteria())
    if request.GET.get("format") == "csv" and (form.is_valid() or not request.GET):
        body = services.entries_csv(entries=entries, user=request.user, request=request)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="toegangslog-{stamp}.csv"'
        )
        return response
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get(PAGE_PARAM))
    services.log_access(
        user=request.user,
        action=Action.VIEWED,
        object_type="audit.accesslog",
        legal_basis=LegalBasis.ADMIN,
        purpose="toezicht toegangslog",
        request=request,
        count=len(page.object_list),
        event="accesslog_searched",
    )
    context = {
        "form": form,
        "page": page,
        "query": query_without_page(request),
    }
    template = "audit/_results.html" if request.htmx else "audit/search.html"
    return render(request, template, context)


@requires(Perm.AUDIT_READ, methods=WRITE)
def verify(request: HttpRequest) -> HttpResponse:
    """Check the whole hash chain and show the outcome on the search page."""
    report = services.verify_chain()
    form = AuditSearchForm()
    page = Paginator(services.search_entries(criteria=form.criteria()), PAGE_SIZE)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page.get_page(1), "query": "", "report": report},
        status=200,
    )


# --- rights of the people in the log (AVG art. 15 and 17) --------------------


def _people(user) -> QuerySet[Person]:
    """The people a privacy officer may act for: those of their own region."""
    qs = Person.objects.select_related("municipality", "owner")
    if user.is_superuser:
        return qs
    region_id = user.organisation.region_id if user.organisation_id else None
    return qs.filter(municipality__region_id=region_id)


@requires(Perm.SUBJECT_RIGHTS, methods=("GET", "POST"))
def subjects(request: HttpRequest) -> HttpResponse:
    """Find the person behind an inzage- or verwijderverzoek (BSN or uuid)."""
    form = SubjectLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.find(_people(request.user))
        if person is not None:
            return redirect("audit:person", uuid=person.uuid)
        form.add_error(None, _("Geen persoon gevonden in uw regio."))
    status = 400 if form.errors else 200
    return render(request, "audit/subjects.html", {"form": form}, status=status)


def _person_page(
    request: HttpRequest, person: Person, form: ErasureForm, status: int = 200
) -> HttpResponse:
    report = subject_rights.erasure_report(
        person=person, user=request.user, request=request
    )
    kinds = sorted(
        (
            capfirst(str(apps.get_model(label)._meta.verbose_name_plural)),
            n,
        )
        for label, n in report.would_delete.items()
    )
    return render(
        request,
        "audit/person.html",
        {"person": person, "report": report, "kinds": kinds, "form": form},
        status=status,
    )


@requires(Perm.SUBJECT_RIGHTS, methods=("GET",))
def person(request: HttpRequest, uuid) -> HttpResponse:
    """What is held on one person, its export, and erasure (with its blocks)."""
    person = get_object_or_404(_people(request.user), uuid=uuid)
    return _person_page(request, person, ErasureForm())


@requires(Perm.SUBJECT_RIGHTS, methods=("GET",))
def person_export(request: HttpRequest, uuid) -> HttpResponse:
    """Everything held on the person as JSON (logged)."""
    person = get_object_or_404(_people(request.user), uuid=uuid)
    data = subject_rights.subject_export(
        person=person, user=request.user, request=request
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="gegevens-{person.uuid}.json"'
    )
    return response


@requires(Perm.SUBJECT_RIGHTS, methods=("GET",))
def person_pdf(request: HttpRequest, uuid) -> HttpResponse:
    """Everything held on the person as a PDF for the person (logged)."""
    person = get_object_or_404(_people(request.user), uuid=uuid)
    pdf = subject_rights.subject_export_pdf(
        person=person, user=request.user, on=timezone.localdate(), request=request
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="gegevens-{person.uuid}.pdf"'
    )
    return response


@requires(Perm.SUBJECT_RIGHTS, methods=WRITE)
def person_erase(request: HttpRequest, uuid) -> HttpResponse:
    """Erase the person after the officer confirmed and gave a reason."""
    person = get_object_or_404(_people(request.user), uuid=uuid)
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            subject_rights.erase_person(
                person=person,
                user=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except subject_rights.ErasureRefusedError as exc:
            form.add_error(None, exc)
            return _person_page(request, person, form, status=409)
        messages.success(
            request,
            _(
                "De persoon en alle gegevens die aan hem of haar hingen zijn "
                "verwijderd. In het toegangslog staat alleen nog het kenmerk."
            ),
        )
        query = urlencode({"person_ref": str(uuid)})
        return redirect(f"{reverse('audit:search')}?{query}")
    return _person_page(request, person, form, status=400)
