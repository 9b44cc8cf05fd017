"""The rows of the cohort list and the invitation list as HTML, made in Python.

Both lists show 25 screening records a page. Through the template engine each
row cost about 0.3-0.4 ms of CPU (some twenty tags and variables, a
``widthratio``, a URL): a third of the page. ``format_html`` gives the same
markup, escaped the same way, in a fraction of that. The tables around the
rows stay in the templates; the rows carry the labels ``_with_labels`` sets.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from maxww.core.templatetags.row_urls import row_url_for

from .models import ScreeningRecord

_NONE = SafeString("—")


def _percent(score: float | None) -> SafeString:
    """``{% widthratio score 1 100 %}%``, or a dash without a score."""
    if score is None:
        return _NONE
    return format_html("{}%", round(float(score) / 1.0 * 100))


def _precheck(r: ScreeningRecord, partner: SafeString) -> SafeString:
    badge = format_html(
        '<span class="mx-badge{}">{}</span>', r.precheck_class, r.precheck_label
    )
    return badge + partner if r.partner_income_flag else badge


def _partner_badge() -> SafeString:
    return format_html(
        ' <span class="mx-badge mx-badge--warn" title="{}">{}</span>',
        _("Partnerinkomen maakt bijstand onwaarschijnlijk"),
        _("partnerinkomen"),
    )


def _status(r: ScreeningRecord, texts: dict[str, str], otherwise: str) -> SafeString:
    status = r.selection_status
    if status == "open":
        return format_html(
            '<span class="mx-badge mx-badge--warn">{}</span>', texts["open"]
        )
    if status == "invited":
        return format_html(
            '<span class="mx-badge mx-badge--ok">{}</span>', texts["invited"]
        )
    if status == "declined":
        return format_html('<span class="mx-badge">{}</span>', texts["declined"])
    return format_html("{}", otherwise)


def _status_texts() -> dict[str, str]:
    return {
        "open": _("Geselecteerd"),
        "invited": _("Uitgenodigd"),
        "declined": _("Afgezien"),
    }


def _groups(r: ScreeningRecord, manual: str) -> SafeString:
    labels = (
        format_html_join(
            "", '<span class="mx-badge">{}</span> ', ((g,) for g in r.group_labels)
        )
        if r.group_labels
        else _NONE
    )
    if r.target_groups_override is not None:
        return labels + format_html(' <span class="mx-optional">({})</span>', manual)
    return labels


def _reasons(r: ScreeningRecord, why: str) -> SafeString:
    if not r.precheck_reasons:
        return SafeString("")
    return format_html(
        '<details><summary>{}</summary><ul class="mx-reasons">{}</ul></details>',
        why,
        format_html_join(
            "", "<li>{}</li>", ((reason,) for reason in r.precheck_reasons)
        ),
    )


def cohort_rows(rows: Iterable[ScreeningRecord]) -> SafeString:
    """One ``<tr>`` per record of the cohort list (see ``_cohort_table.html``)."""
    manual, why, groups = _("handmatig"), _("Waarom?"), _("Doelgroepen")
    partner, statuses = _partner_badge(), _status_texts()
    invite_url = reverse("screening:invitations")
    steps = {
        "screening": _("Screenen"),
        "coaching": _("Begeleiding starten"),
        "follow_up": _("Opvolgen"),
        "documentation": _("Resultaat vastleggen"),
    }
    invite = format_html(
        '<a class="utrecht-link" href="{}">{}</a>', invite_url, _("Uitnodigen")
    )

    def next_step(r: ScreeningRecord) -> object:
        if r.window == "invitation" and not r.selection_status:
            return invite
        return steps.get(r.window, _NONE)

    return format_html_join(
        "\n",
        '<tr class="utrecht-table__row">'
        '<th scope="row" class="utrecht-table__header-cell">{}</th>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}{}</td>'
        '<td class="utrecht-table__cell mx-num">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{} · '
        '<a class="utrecht-link" href="{}">{}</a></td></tr>',
        (
            (
                r.person.sort_name,
                r.person.municipality.name,
                r.end_label,
                r.window_label,
                _groups(r, manual),
                _precheck(r, partner),
                _reasons(r, why),
                _percent(r.risk_score),
                _status(r, statuses, "—"),
                next_step(r),
                row_url_for("screening:override", r.claim.uuid),
                groups,
            )
            for r in rows
        ),
    )


def _risk_reasons(r: ScreeningRecord) -> SafeString:
    if not r.risk_reasons:
        return _NONE
    return format_html(
        '<ul class="mx-reasons">{}</ul>',
        format_html_join("", "<li>{}</li>", ((_label(x),) for x in r.risk_reasons)),
    )


def _label(reason: object) -> object:
    """``{{ reason.label }}``: a key of a dict, else an attribute, else empty."""
    if isinstance(reason, dict):
        return reason.get("label", "")
    return getattr(reason, "label", "")


def _checkbox(r: ScreeningRecord, chosen: Container[str]) -> SafeString:
    if r.selection_status and r.selection_status != "declined":
        return SafeString("")
    return format_html(
        '<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input"'
        ' name="person" value="{}" id="sel-{}"{}>',
        r.person.uuid,
        r.pk,
        SafeString(" checked") if r.person_ref in chosen else "",
    )


def invitation_rows(
    rows: Iterable[ScreeningRecord], chosen: Container[str]
) -> SafeString:
    """One ``<tr>`` per record of the invitation list (see ``invitations.html``)."""
    partner, statuses = _partner_badge(), _status_texts()
    not_selected = _("Nog niet geselecteerd")
    return format_html_join(
        "\n",
        '<tr class="utrecht-table__row">'
        '<td class="utrecht-table__cell">{}</td>'
        '<th scope="row" class="utrecht-table__header-cell">'
        '<label for="sel-{}">{}</label></th>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell mx-num">{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}</td></tr>',
        (
            (
                _checkbox(r, chosen),
                r.pk,
                r.person.sort_name,
                r.person.municipality.name,
                r.end_label,
                _precheck(r, partner),
                _percent(r.risk_score),
                _risk_reasons(r),
                _status(r, statuses, not_selected),
            )
            for r in rows
        ),
    )
