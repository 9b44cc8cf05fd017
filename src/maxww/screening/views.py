"""Screening pages: cohorts, invitation list, extract upload, model card, overrides.

Views parse, call a service and render; every list of people starts from
``Person.objects.visible_to`` (via ``query.visible_records``) and is logged.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

import structlog

from maxww.audit.constants import Action
from maxww.core.faults import (
    DISK_FULL_STATUS,
    database_errors,
    disk_full_message,
    is_disk_full,
    log_disk_full,
)
from maxww.core.formatting import nl_date
from maxww.core.imports import ImportReport, RowError
from maxww.core.pagination import PAGE_PARAM, query_without_page
from maxww.people.models import Person
from maxww.policy import Perm
from maxww.policy.audit import note_shown
from maxww.policy.views import READ, requires

from . import extract_help as extract_help_
from . import rows as row_html
from .constants import (
    ACTIVE_WINDOWS,
    PreCheck,
    TargetGroup,
    Window,
)
from .forms import CohortFilterForm, OverrideForm, SelectionForm, UploadForm
from .models import ExtractImport, RiskModel
from .query import PRECHECK_RANK, apply_filters, visible_records, window_counts
from .services import (
    active_model,
    funnel,
    override_target_groups,
    select_for_voorlichting,
)
from .services.risk import FEATURE_GROUPS, PROTECTED_ATTRIBUTES
from .services.uploads import start_import, store_upload

logger = structlog.stdlib.get_logger(__name__)
PAGE_SIZE = 25  # rows a list page shows (and logs)
# What a row of the cohort and invitation lists shows (see rows.py): fewer
# columns to select and fewer model fields to fill, 25 times per page.
ROW_FIELDS = (
    "window",
    "precheck",
    "target_groups",
    "target_groups_override",
    "precheck_reasons",
    "partner_income_flag",
    "risk_score",
    "risk_reasons",
    "person__uuid",
    "person__initials",
    "person__first_name",
    "person__surname_prefix",
    "person__last_name",
    "person__municipality__name",
    "claim__max_end_date",
    "claim__uuid",
)


def _page(request, qs, *, count: int | None = None) -> tuple[Page, list]:
    """The requested page of ``qs`` and its rows.

    With a known ``count`` only the page is read. Without one, the ordered ids
    of every match come first (one narrow query gives the count and the page;
    a count and a page query each did the same joins), then the page's rows.
    """
    number = request.GET.get(PAGE_PARAM)
    if count is not None:
        paginator = Paginator(qs, PAGE_SIZE)
        paginator.count = count
        page = paginator.get_page(number)
        return page, list(page.object_list)
    page = Paginator(list(qs.values_list("pk", flat=True)), PAGE_SIZE).get_page(number)
    rows = qs.in_bulk(page.object_list)
    return page, [rows[pk] for pk in page.object_list]


def _with_labels(rows: list) -> list:
    """Display labels on each row, looked up once per page, not per cell."""
    windows = {k: str(v) for k, v in Window.choices}
    prechecks = {k: str(v) for k, v in PreCheck.choices}
    groups = {k: str(v) for k, v in TargetGroup.choices}
    badges = {PreCheck.LIKELY: " mx-badge--bad", PreCheck.UNLIKELY: " mx-badge--ok"}
    for r in rows:
        r.end_label = nl_date(r.claim.max_end_date)
        r.window_label = windows.get(r.window, r.window)
        r.precheck_label = prechecks.get(r.precheck, r.precheck)
        r.precheck_class = badges.get(r.precheck, "")
        r.group_labels = [groups[c] for c in r.target_group_list if c in groups]
        r.person_ref = str(r.person.uuid)
    return rows


@requires(Perm.SCREENING_READ, methods=READ)
def cohorts(request):
    """Who is in which window: filterable, paginated, logged."""
    user = request.user
    form = CohortFilterForm(request.GET or None, region=user.region)
    data = form.cleaned_data if form.is_valid() else {}
    counts = window_counts(user)
    qs = (
        apply_filters(visible_records(user), data)
        .only(*ROW_FIELDS)
        .order_by("claim__max_end_date", "pk")
    )
    total = None
    if not any(v for k, v in data.items() if k != "window"):
        # Filtered on a window only: the window counts already hold the total.
        window = data.get("window") or ""
        total = sum(counts.values()) if window == "" else counts.get(window)
    page, rows = _page(request, qs, count=total)
    rows = _with_labels(rows)
    note_shown(
        request,
        [r.person for r in rows],
        object_type="screening.screeningrecord",
        purpose="screening cohorten",
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "cohort_rows": row_html.cohort_rows(rows),
        "window_counts": [(w.label, counts[w.value]) for w in ACTIVE_WINDOWS],
        "query": query_without_page(request),
    }
    template = (
        "screening/_cohort_table.html" if request.htmx else "screening/cohorts.html"
    )
    return render(request, template, context)


@requires(Perm.SCREENING_READ, methods=("GET", "POST"))
def invitations(request):
    """The invite window ranked by pre-check then risk; select with a reason."""
    user = request.user
    form = SelectionForm(request.POST or None)
    chosen = request.POST.getlist("person")
    if request.method == "POST" and form.is_valid():
        if not chosen:
            form.add_error(None, _("Kies ten minste één persoon."))
        else:
            try:
                created = select_for_voorlichting(
                    user=user, person_uuids=chosen, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(
                    request,
                    _("%(n)d persoon/personen geselecteerd voor voorlichting.")
                    % {"n": len(created)},
                )
                return redirect("screening:invitations")
    qs = (
        visible_records(user)
        .filter(window=Window.INVITATION)
        .annotate(rank=PRECHECK_RANK)
        .only(*ROW_FIELDS)
        .order_by("rank", "-risk_score", "claim__max_end_date", "pk")
    )
    page, rows = _page(request, qs)
    rows = _with_labels(rows)
    note_shown(
        request,
        [r.person for r in rows],
        object_type="screening.screeningrecord",
        purpose="uitnodigingslijst voorlichting",
    )
    visible = Person.objects.visible_ids(user)
    return render(
        request,
        "screening/invitations.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "invitation_rows": row_html.invitation_rows(rows, set(chosen)),
            "funnel": funnel(people=visible, organisation=user.organisation),
            "query": query_without_page(request),
        },
    )


@requires(Perm.SCREENING_IMPORT, methods=READ)
def extract_help(request):
    """Help: the columns of the UWV extract, with a template to download."""
    return render(
        request, "screening/extract_help.html", {"columns": extract_help_.columns()}
    )


@requires(Perm.SCREENING_IMPORT, methods=READ)
def extract_template(request):
    """A template extract (header and one synthetic row) as CSV."""
    response = HttpResponse(
        "\ufeff" + extract_help_.template_csv(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="uwv-bestand-sjabloon.csv"'
    return response


@requires(Perm.SCREENING_IMPORT, methods=("GET", "POST"))
def import_upload(request):
    """Upload a UWV extract; small files run at once, larger ones in the background.

    The file streams to MEDIA_ROOT (never into memory or the database); above
    ``MAXWW_IMPORT_INLINE_BYTES`` the import is always a background task and the
    detail page shows its progress. A full disk while storing the file
    re-renders the form with 507 and a clear message (nothing is stored); a
    database that drops out during a small import marks that import as failed
    (the import itself rolled back).
    """
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            extract = store_upload(upload, by=request.user)
        except (OSError, *database_errors()) as exc:
            if not is_disk_full(exc):
                raise
            log_disk_full(request, exc, stage="extract_upload", size=upload.size)
            form.add_error(None, disk_full_message())
            return _upload_page(request, form, status=DISK_FULL_STATUS)
        start_import(extract)
        return redirect("screening:import_detail", uuid=extract.uuid)
    return _upload_page(request, form)


def _upload_page(request, form, status: int = 200):
    recent = ExtractImport.objects.filter(organisation=request.user.organisation)[:10]
    return render(
        request,
        "screening/import_upload.html",
        {"form": form, "recent": recent},
        status=status,
    )


def _own_import(request, uuid) -> ExtractImport:
    return get_object_or_404(
        ExtractImport.objects,
        uuid=uuid,
        organisation=request.user.organisation,
    )


@requires(Perm.SCREENING_IMPORT, methods=READ)
def import_detail(request, uuid):
    """Status, progress and report of one import; htmx polls the fragment."""
    extract = _own_import(request, uuid)
    context = {"extract": extract, "errors": extract.errors[:200]}
    if request.htmx:
        return render(request, "screening/_import_status.html", context)
    return render(request, "screening/import_detail.html", context)


@requires(Perm.SCREENING_IMPORT, methods=READ)
def import_errors_csv(request, uuid):
    """Every bad row of a refused import as CSV (regel;kolom;reden)."""
    extract = _own_import(request, uuid)
    report = ImportReport(errors=[RowError(**e) for e in extract.errors])
    response = HttpResponse(report.errors_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="fouten-{extract.uuid}.csv"'
    )
    return response


@requires(Perm.MODEL_CARD_READ, methods=READ)
def model_card(request):
    """The risk model card: data, calibration, metrics per group, limits."""
    model = active_model()
    history = RiskModel.objects.only("version", "trained_at", "metrics", "is_active")[
        :10
    ]
    coefficients = []
    if model is not None:
        labels = {c: lbl for g in model.features for c, lbl in FEATURE_GROUPS[g].levels}
        groups = {
            c: FEATURE_GROUPS[g].label
            for g in model.features
            for c, _l in FEATURE_GROUPS[g].levels
        }
        coefficients = sorted(
            ((groups[c], labels[c], w) for c, w in model.coefficients.items()),
            key=lambda t: -t[2],
        )
    chart, chart_max = _calibration_chart(model)
    group_names = {
        "age_band": _("Leeftijd"),
        "household": _("Huishouden"),
        "education": _("Opleiding"),
    }
    return render(
        request,
        "screening/model_card.html",
        {
            "model": model,
            "history": history,
            "coefficients": coefficients,
            "group_metrics": [
                (group_names.get(k, k), rows)
                for k, rows in (model.group_metrics.items() if model else [])
            ],
            "later_group_metrics": [
                (group_names.get(k, k), rows)
                for k, rows in (
                    (model.metrics.get("later_period") or {}).get("groups", {}).items()
                    if model
                    else []
                )
            ],
            "protected": sorted(PROTECTED_ATTRIBUTES),
            "chart": chart,
            "chart_max": chart_max,
        },
    )


def _calibration_chart(model: RiskModel | None) -> tuple[list[dict], float]:
    """Calibration bins as SVG coordinates in a 270 x 270 plot area."""
    if model is None or not model.calibration:
        return [], 0
    top = max(max(b["predicted"], b["observed"]) for b in model.calibration) * 1.1 or 1
    points = [
        b
        | {
            "x": round(40 + 270 * b["predicted"] / top, 1),
            "y": round(280 - 270 * b["observed"] / top, 1),
        }
        for b in model.calibration
    ]
    return points, round(top, 2)


@requires(Perm.SCREENING_OVERRIDE, methods=("GET", "POST"))
def override(request, uuid):
    """Set a person's target groups by hand, with who, when and why."""
    record = get_object_or_404(visible_records(request.user), claim__uuid=uuid)
    initial = {"groups": record.target_group_list}
    form = OverrideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        override_target_groups(
            user=request.user,
            record=record,
            groups=form.cleaned_data["groups"],
            reason=form.cleaned_data["reason"],
        )
        note_shown(
            request,
            [record.person],
            action=Action.CHANGED,
            obj=record,
            purpose="doelgroepen aanpassen",
        )
        messages.success(request, _("Doelgroepen aangepast."))
        return redirect("screening:cohorts")
    note_shown(
        request,
        [record.person],
        action=Action.VIEWED,
        obj=record,
        purpose="doelgroepen bekijken",
    )
    return render(
        request,
        "screening/override.html",
        {"form": form, "record": record, "precheck": PreCheck},
    )
