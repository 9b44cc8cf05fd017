"""The kennisbank pages: search and filter instruments, one instrument."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from maxww.audit.constants import Action
from maxww.policy import Perm
from maxww.policy.audit import note_shown
from maxww.policy.views import FORM, READ, requires

from . import services
from .forms import InstrumentFilterForm, InstrumentUseForm
from .models import Instrument


@requires(Perm.KENNISBANK_READ, methods=READ)
def instruments(request):
    """Searchable, filterable list of instruments (no personal data)."""
    data = request.GET.copy()
    if not data and request.user.organisation_id:
        data["region"] = request.user.organisation.region.code
    form = InstrumentFilterForm(data)
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    results = services.search_instruments(
        text=cleaned.get("q", ""),
        phase=cleaned.get("phase", ""),
        region_code=cleaned.get("region", ""),
        target_group=cleaned.get("target_group", ""),
        funder=cleaned.get("funder", ""),
    )
    context = {"form": form, "instruments": results}
    template = (
        "kennisbank/_instrument_rows.html"
        if getattr(request, "htmx", False)
        else "kennisbank/instruments.html"
    )
    return render(request, template, context)


@requires(Perm.KENNISBANK_READ, methods=READ)
def instrument_detail(request, uuid):
    instrument = get_object_or_404(
        Instrument.objects.prefetch_related("regions"), uuid=uuid
    )
    return render(
        request, "kennisbank/instrument_detail.html", {"instrument": instrument}
    )


@requires(Perm.TRAJECT_INSTRUMENTS, methods=FORM)
def traject_uses(request, uuid):
    """Instruments used in one traject, and registering another one (with cost)."""
    from maxww.trajects.services import visible_trajects

    traject = get_object_or_404(
        visible_trajects(request.user).select_related("person"), uuid=uuid
    )
    form = InstrumentUseForm(
        request.POST or None, initial={"used_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register_use(
            instrument=data["instrument"],
            traject=traject,
            by=request.user,
            on=data["used_on"],
            cost=data["cost"],
            units=data["units"],
            note=data["note"],
        )
        messages.success(request, _("De inzet van het instrument is vastgelegd."))
        return redirect("kennisbank:traject_uses", uuid=traject.uuid)
    note_shown(
        request,
        [traject.person],
        action=Action.VIEWED,
        obj=traject,
        purpose="inzet instrumenten",
        event="instrument_uses_viewed",
    )
    uses = list(services.uses_for_traject(traject))
    return render(
        request,
        "kennisbank/traject_uses.html",
        {
            "traject": traject,
            "form": form,
            "uses": uses,
            "total": sum((u.cost for u in uses), Decimal("0")),
        },
        status=400 if request.method == "POST" else 200,
    )
