"""Rekenhulp: a caseworker computes WW or a bijstand indication, with reasons."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from maxww.policy import Perm
from maxww.policy.views import FORM, requires

from .forms import BijstandForm, WWForm
from .services import evaluate_records


@requires(Perm.RULES_CALCULATE, methods=FORM)
def calculator(request):
    """Both calculators on one page; the submitted one shows its result."""
    law = (
        request.POST.get("law")
        if request.method == "POST"
        else request.GET.get("law", "ww")
    )
    ww_form = WWForm(
        request.POST if law == "ww" and request.method == "POST" else None, prefix="ww"
    )
    bijstand_form = BijstandForm(
        request.POST if law == "bijstand" and request.method == "POST" else None,
        prefix="bijstand",
    )
    result = None
    form = ww_form if law == "ww" else bijstand_form
    if request.method == "POST" and form.is_valid():
        record = form.record() if hasattr(form, "record") else dict(form.cleaned_data)
        results, errors = evaluate_records(law, [record], with_explanation=True)
        for error in errors:
            field = error["field"] if error["field"] in form.fields else None
            form.add_error(field, error["message"])
        result = results[0] if results else None
    context = {
        "law": law if law in ("ww", "bijstand") else "ww",
        "ww_form": ww_form,
        "bijstand_form": bijstand_form,
        "result": result,
        "title": _("Rekenhulp"),
    }
    return render(request, "rekenhulp/calculator.html", context)
