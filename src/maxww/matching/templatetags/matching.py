"""``{% traject_proposals traject %}``: the proposals section for a traject page."""

from django import template

from maxww.matching.forms import ProposalStatusForm
from maxww.matching.services import proposals_for_traject
from maxww.policy import Perm, can

register = template.Library()


@register.inclusion_tag("matching/_traject_proposals.html", takes_context=True)
def traject_proposals(context, traject):
    """The proposed vacancies of a traject (the caller has checked visibility)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "traject": traject,
        "proposals": proposals_for_traject(traject),
        "can_write": can(user, Perm.MATCHING_WRITE),
        "status_form": ProposalStatusForm(),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
