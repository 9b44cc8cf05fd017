"""The audit search page for the privacy officer (functional admin)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from maxww.core.permissions import role_required
from maxww.organisations.constants import Role

from . import services
from .constants import Action, LegalBasis
from .forms import AuditSearchForm

PAGE_SIZE = 50


@login_required
@role_required(Role.FUNCTIONAL_ADMIN)
@require_http_methods(["GET"])
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
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
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
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
    }
    template = "audit/_results.html" if request.htmx else "audit/search.html"
    return render(request, template, context)


@login_required
@role_required(Role.FUNCTIONAL_ADMIN)
@require_POST
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
