"""Holds: the reasons never to touch a person.

An open traject, an open handover or bijstand application, a running WW claim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q

if TYPE_CHECKING:
    from django.db.models import QuerySet


def _open_traject() -> Exists:
    traject = apps.get_model("trajects", "Traject")
    return Exists(traject.objects.filter(person=OuterRef("pk")).exclude(state="ended"))


def _open_handover() -> Q:
    from maxww.handover.constants import OPEN_APPLICATION_STATUSES, HandoverStatus

    handover = apps.get_model("handover", "Handover")
    application = apps.get_model("handover", "BijstandApplication")
    return Q(
        Exists(
            handover.objects.filter(
                person=OuterRef("pk"),
                status__in=[HandoverStatus.SENT, HandoverStatus.RECEIVED],
            )
        )
    ) | Q(
        Exists(
            application.objects.filter(
                person=OuterRef("pk"), status__in=OPEN_APPLICATION_STATUSES
            )
        )
    )


def _running_claim() -> Exists:
    from maxww.people.constants import ClaimStatus
    from maxww.people.models import WWClaim

    return Exists(
        WWClaim.objects.filter(person=OuterRef("pk"), status=ClaimStatus.ACTIVE)
    )


# code -> (condition on Person, Dutch label for reports)
HOLDS: dict[str, tuple[Callable[[], Q | Exists], str]] = {
    "open_traject": (_open_traject, "lopend traject"),
    "open_handover": (_open_handover, "lopende overdracht of bijstandsaanvraag"),
    "running_claim": (_running_claim, "lopende WW-uitkering"),
}


def holds_of(people: QuerySet) -> QuerySet:
    """``people`` annotated with one boolean per hold (``hold_<code>``)."""
    return people.annotate(
        **{
            f"hold_{code}": models.ExpressionWrapper(
                condition(), output_field=models.BooleanField()
            )
            for code, (condition, _label) in HOLDS.items()
        }
    )
