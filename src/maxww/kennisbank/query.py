"""Search and filters over instruments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class InstrumentQuerySet(models.QuerySet):
    def search(
        self,
        *,
        text: str = "",
        phase: str = "",
        region_code: str = "",
        target_group: str = "",
        funder: str = "",
    ) -> InstrumentQuerySet:
        """Filter on free text, phase, region, target group and funder.

        A phase filter includes instruments usable in both phases; a region
        filter includes national ones; a target group includes "all".
        """
        qs = self
        for word in text.split():
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(conditions__icontains=word)
            )
        if phase:
            qs = qs.filter(phase__in=[phase, "both"])
        if region_code:
            qs = qs.filter(Q(regions__code=region_code) | Q(regions__isnull=True))
        if target_group:
            qs = qs.filter(
                Q(target_groups__contains=f",{target_group},")
                | Q(target_groups__contains=",all,")
            )
        if funder:
            qs = qs.filter(funder=funder)
        return qs.distinct()
