"""Dashboard and business-case pages: parse filters, call services, render.

Aggregates only: no view here ever touches a person's name, BSN or uuid, and
every number passes the small-cell suppression in ``privacy.py``.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from maxww.audit.services import log_access
from maxww.policy import Perm
from maxww.policy.views import READ, requires

from . import constants, exports
from .business_case import evaluate, sensitivity, single_norm
from .charts import chart_data
from .forms import EFFECT_RANGE, BusinessCaseForm, DashboardFilterForm
from .privacy import format_value
from .publication import backtest_coverage, published
from .services import BIJSTAND_DEFINITION, default_filter

logger = structlog.stdlib.get_logger(__name__)


def _filter(request):
    on = timezone.localdate()
    region_id = request.user.region.pk if request.user.organisation_id else None
    form = DashboardFilterForm(request.GET or None)
    f = form.to_filter(default_filter(on=on, region_id=region_id))
    if not form.is_bound:
        form = DashboardFilterForm(
            initial={"start": f.start, "end": f.end, "region": f.region_id}
        )
    return on, form, f


@requires(Perm.DASHBOARD_READ, methods=READ)
def dashboard(request):
    on, form, f = _filter(request)
    pub = published(f, on=on)
    fc, bt = pub.forecast, pub.backtest
    by_key = {t.key: t for t in pub.tables}
    charts = chart_data(by_key)
    within, shown = backtest_coverage(by_key["backtest"])
    m = by_key["municipalities"]
    total = dict(zip([c.key for c in m.columns], m.total_cells or [], strict=False))
    stats = [
        (_("WW-einden in de periode"), total.get("ww_ends")),
        (_("Doorstroom naar bijstand"), total.get("doorstroom")),
        (_("Uitstroom naar werk"), total.get("work_rate")),
    ]
    context = {
        "stats": [(label, cell) for label, cell in stats if cell is not None],
        "form": form,
        "filter": f,
        "tables": by_key,
        "forecast": fc,
        "forecast_table": by_key["forecast"],
        "forecast_months": by_key["forecast_months"],
        "backtest": bt,
        "backtest_table": by_key["backtest"],
        "backtest_within": within,
        "backtest_shown": shown,
        "chart_data": charts[0],
        "chart_notes": charts[1],
        "national_source": constants.NATIONAL_DOORSTROOM_SOURCE,
        "national_low": constants.NATIONAL_DOORSTROOM_LOW * 100,
        "national_high": constants.NATIONAL_DOORSTROOM_HIGH * 100,
        "query": request.GET.urlencode(),
        "refreshed_at": pub.refreshed_at,
        "bijstand_definition": _(BIJSTAND_DEFINITION),
    }
    return render(request, "monitoring/dashboard.html", context)


@requires(Perm.AGGREGATE_EXPORT, methods=READ)
def export(request, fmt: str):
    """The dashboard tables with the filters applied, as CSV or XLSX (logged)."""
    on, _form, f = _filter(request)
    tables = published(f, on=on).tables
    filters = f.as_text()
    log_access(
        user=request.user,
        action="exported",
        legal_basis="aggregate",
        object_type="monitoring.dashboard",
        purpose=f"dashboard {fmt}: "
        + ", ".join(f"{k}={v}" for k, v in filters.items()),
        request=request,
    )
    filters[_("Definitie")] = _(BIJSTAND_DEFINITION)
    name = f"maxww-dashboard-{on.isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(
            exports.tables_xlsx(tables, filters),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.tables_csv(tables, filters), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _business_case(request):
    on = timezone.localdate()
    norm, source = single_norm(on)
    baseline = None
    if request.user.organisation_id:
        from .forecast import region_rates

        baseline = region_rates(on=on).get(request.user.region.pk)
    from .measured import measure

    measured = measure(
        on=on,
        region_id=request.user.region.pk if request.user.organisation_id else None,
    )
    form = BusinessCaseForm(
        request.GET,
        norm_default=norm,
        norm_source=source,
        baseline=baseline,
        measured=measured,
    )
    if not form.is_valid():
        return form, None, None, []
    params = form.parameters()
    return form, params, evaluate(params), sensitivity(params, EFFECT_RANGE)


def _records(params, result) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        (_("Bereik (personen per jaar)"), params.reach),
        (_("Doorstroom zonder aanpak"), params.baseline_rate),
        (_("Effect op doorstroom"), params.effect),
        (_("Bijstandsnorm per maand"), params.norm_monthly),
        (_("Bron norm"), params.norm_source),
        (_("Gemiddelde duur bijstand (maanden)"), params.duration_months),
        (_("Bron duur"), params.duration_source),
    ]
    rows += [
        (f"{_('Kosten per persoon')}: {a.name} ({a.bearer})", a.cost_per_person)
        for a in params.activities
    ]
    rows += [
        (_("Bijstandsgevallen zonder aanpak"), result.baseline_cases),
        (_("Voorkomen bijstandsgevallen"), result.avoided_cases),
        (_("Voorkomen bijstandsmaanden"), result.avoided_months),
        (_("Voorkomen uitkeringslasten (€)"), result.avoided_eur),
        (_("Programmakosten (€)"), result.programme_cost),
        (_("Netto resultaat (€)"), result.net_result),
        (_("Break-even effect"), result.break_even_effect or ""),
        (
            _("Break-even kosten per persoon (€)"),
            result.break_even_cost_per_person or "",
        ),
    ]
    rows += [
        (f"{_('Kosten gedragen door')} {bearer} (€)", cost)
        for bearer, cost in result.cost_by_bearer.items()
    ]
    return rows


@requires(Perm.DASHBOARD_READ, methods=READ)
def business_case(request):
    form, params, result, range_results = _business_case(request)
    fmt = request.GET.get("format", "")
    if result is not None and fmt in ("csv", "xlsx", "json"):
        return _business_case_export(request, fmt, params, result)
    chart = None
    if result is not None:
        chart = {
            "labels": [
                _("Programmakosten"),
                _("Voorkomen uitkeringslasten"),
                _("Netto"),
            ],
            "values": [result.programme_cost, result.avoided_eur, result.net_result],
            "range": [
                {"effect": round(e * 100), "net": r.net_result}
                for e, r in range_results
            ],
            "break_even": result.break_even_effect * 100
            if result.break_even_effect is not None
            else None,
        }
    query = request.GET.copy()
    query.pop("format", None)
    nets = [r.net_result for _e, r in range_results]
    break_even = result.break_even_effect if result is not None else None
    return render(
        request,
        "monitoring/business_case.html",
        {
            "form": form,
            "params": params,
            "result": result,
            "range_results": range_results,
            "chart_data": {"business_case": chart} if chart else None,
            "sliders": [
                form[name]
                for name in (
                    "reach",
                    "baseline_percent",
                    "effect_percent",
                    "duration_months",
                )
            ],
            "effect_source": constants.EFFECT_SOURCE,
            "break_even_percent": format_value(break_even * 100, "estimate")
            if break_even is not None
            else None,
            "sign_flips": bool(nets) and min(nets) < 0 < max(nets),
            "query": query.urlencode(),
        },
    )


def _business_case_export(request, fmt, params, result):
    log_access(
        user=request.user,
        action="exported",
        legal_basis="aggregate",
        object_type="monitoring.business_case",
        purpose=f"business case {fmt}",
        request=request,
    )
    name = "maxww-business-case"
    if fmt == "json":
        from dataclasses import asdict

        response = JsonResponse(
            {"parameters": asdict(params), "result": result.as_dict()},
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.records_xlsx(_records(params, result), "Business case"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.records_csv(_records(params, result)),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
