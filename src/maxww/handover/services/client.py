"""The client's side: which parts of the dossier went to whom."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from maxww.handover.models import Handover
from maxww.people.models import Person


def shared_with(person: Person) -> list[dict[str, Any]]:
    """What was shared about the person, with whom and when (for the portal)."""
    rows = (
        Handover.objects.filter(person=person)
        .select_related("to_organisation")
        .order_by("-created_at")
    )
    result = []
    for h in rows:
        doc = h.document
        result.append(
            {
                "handover": str(h.uuid),
                "from": h.from_name,
                "to": h.to_organisation.name,
                "at": h.created_at,
                "status": h.get_status_display(),
                "consent": doc.get("consent", {}).get("uuid"),
                "what": [
                    str(label)
                    for key, label in SHARED_PARTS
                    if doc.get(key) not in (None, [], {})
                ],
            }
        )
    return result


SHARED_PARTS = (
    ("person", gettext_lazy("Persoonsgegevens (naam, BSN, geboortedatum, adres)")),
    ("household", gettext_lazy("Huishouden")),
    ("ww_claims", gettext_lazy("WW-gegevens")),
    ("jobready_check", gettext_lazy("Werkfit-check")),
    ("plan", gettext_lazy("Werkplan en wat is gedaan")),
    ("contacts", gettext_lazy("Contactmomenten (samenvatting)")),
    ("instruments", gettext_lazy("Ingezette instrumenten")),
    ("closing_report", gettext_lazy("Eindverslag")),
)
