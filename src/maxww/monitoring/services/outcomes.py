"""What counts as each stage and outcome of a WW claim (one definition each)."""

from __future__ import annotations

from django.db.models import Q

from maxww.people.constants import ClaimStatus, EndReason

from .filters import _model

# The same sentence on the page, in the funnel's note and in the exports.
BIJSTAND_DEFINITION = (
    "Naar bijstand = de WW-uitkering eindigde met een vastgelegde instroom in de "
    "bijstand, of de persoon had een traject dat eindigde met een bijstandsaanvraag."
)


def bijstand_q(prefix: str = "") -> Q:
    """The one source of truth for "this WW claim ended in bijstand".

    The recorded outcome (``ClaimOutcome.entered_bijstand``) or a traject that
    ended with a bijstand application (the warm handover): before, the second
    was missing and the dashboard undercounted doorstroom. The funnel, the
    tables, the trend, the forecast's rates and the back-test's actuals all use
    it; :data:`BIJSTAND_DEFINITION` says it in words.
    """
    q = Q(**{f"{prefix}outcome__entered_bijstand": True})
    traject = _model("trajects.Traject")
    if traject is not None:
        q |= Q(
            **{
                f"{prefix}person_id__in": traject.objects.filter(
                    outcome="bijstand_application"
                ).values("person_id")
            }
        )
    return q


def known_outcome_q(prefix: str = "") -> Q:
    """Ended claims whose outcome is known: recorded, or bijstand via a traject."""
    return Q(**{f"{prefix}status": ClaimStatus.ENDED}) & (
        Q(**{f"{prefix}outcome__isnull": False}) | bijstand_q(prefix)
    )


def _stage_filters() -> dict[str, Q]:
    """Per funnel stage, the condition on a WW claim (a person may be in several)."""
    stages: dict[str, Q] = {
        "screened": Q(screening__precheck__in=["likely", "unlikely"])
        | Q(screening__risk_score__isnull=False),
    }
    invitation = _model("voorlichting.Invitation")
    if invitation is not None:
        stages["invited"] = Q(person_id__in=invitation.objects.values("person_id"))
        stages["attended"] = Q(
            person_id__in=invitation.objects.filter(status="attended").values(
                "person_id"
            )
        )
    traject = _model("trajects.Traject")
    if traject is not None:
        coached = traject.objects.filter(
            Q(state__in=["coaching", "follow_up"]) | Q(events__to_state="coaching")
        )
        stages["coached"] = Q(person_id__in=coached.values("person_id"))
        stages["placed"] = Q(
            person_id__in=traject.objects.filter(outcome="work").values("person_id")
        )
        stages["to_work"] = Q(end_reason=EndReason.WORK) | stages["placed"]
    else:
        stages["placed"] = Q(pk__in=[])
        stages["to_work"] = Q(end_reason=EndReason.WORK)
    stages["to_bijstand"] = bijstand_q()
    return stages
