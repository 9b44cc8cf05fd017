"""The kennisbank pages: search and filter instruments, one instrument."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import services
from .forms import InstrumentFilterForm
from .models import Instrument


@login_required
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


@login_required
def instrument_detail(request, uuid):
    instrument = get_object_or_404(
        Instrument.objects.prefetch_related("regions"), uuid=uuid
    )
    return render(
        request, "kennisbank/instrument_detail.html", {"instrument": instrument}
    )
