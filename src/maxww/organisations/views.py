"""The beheerder's own region: its configuration as a Dutch form, with history."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from maxww.policy import Perm
from maxww.policy.views import FORM, requires

from . import config_services
from .config_forms import RegionalConfigForm
from .models import RegionalConfig


@requires(Perm.CONFIGURE, methods=FORM)
def regional_config(request):
    """Edit the configuration of the beheerder's own region (only that one)."""
    region = request.user.organisation.region
    config, _created = RegionalConfig.objects.get_or_create(region=region)
    before = config_services.shown_values(config)
    form = RegionalConfigForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        change = config_services.save_config(
            config=form.save(commit=False),
            before=before,
            by=request.user,
            recipients=form.cleaned_data.get("consent_recipients"),
        )
        if change is None:
            messages.info(request, _("Niets gewijzigd."))
        else:
            messages.success(
                request,
                _("De instellingen van %(region)s zijn opgeslagen.")
                % {"region": region.name},
            )
        return redirect("organisations:regional_config")
    return render(
        request,
        "organisations/regional_config.html",
        {
            "form": form,
            "region": region,
            "organisations": region.organisations.order_by("kind", "name"),
            "history": region.config_changes.select_related("changed_by")[:25],
        },
    )
