"""What a row of the cohort list and the invitation list tells the coordinator."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from maxww.screening.constants import SelectionStatus, Window
from maxww.screening.models import ScreeningRecord, Selection
from maxww.screening.services import refresh_screening

from .test_views import ON, make_people


def _records(region, uwv, coordinator, window_days: int) -> list[ScreeningRecord]:
    people = make_people(region, uwv, 3, end=ON + dt.timedelta(days=window_days))
    people[0].last_name = "<b>Vet</b>"
    people[0].save(update_fields=["last_name"])
    refresh_screening(on=ON)
    records = list(
        ScreeningRecord.objects.filter(person__in=people).order_by("person__bsn_hash")
    )
    first, second, third = records
    first.precheck_reasons = ["Geen vermogen bekend"]
    first.partner_income_flag = True
    first.target_groups_override = ""
    first.risk_score = 0.625
    first.risk_reasons = [{"label": "Lange WW-duur", "weight": 0.4}]
    first.save()
    second.risk_score = None
    second.save()
    Selection.objects.create(
        person=third.person,
        organisation=uwv,
        selected_by=coordinator,
        reason="Gesprek",
        status=SelectionStatus.OPEN,
        window=third.window,
    )
    return records


def test_cohort_rows_show_labels_reasons_status_and_escape_names(
    client, coordinator, region, uwv
):
    first, _, _ = _records(region, uwv, coordinator, window_days=100)
    client.force_login(coordinator)
    html = client.get(reverse("screening:cohorts"), {"window": "all"}).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt;" in html and "<b>Vet</b>" not in html
    assert (
        "<summary>Waarom?</summary>" in html and "<li>Geen vermogen bekend</li>" in html
    )
    assert 'title="Partnerinkomen maakt bijstand onwaarschijnlijk"' in html
    assert '<span class="mx-optional">(handmatig)</span>' in html
    assert ">62%<" in html  # 0.625: widthratio rounds half to even
    assert "Geselecteerd" in html
    override = reverse("screening:override", args=[first.claim.uuid])
    assert f'href="{override}">Doelgroepen</a>' in html


def test_invitation_rows_keep_the_choice_when_the_selection_is_refused(
    client, coordinator, region, uwv
):
    first, second, third = _records(region, uwv, coordinator, window_days=170)
    assert first.window == Window.INVITATION
    client.force_login(coordinator)
    response = client.post(
        reverse("screening:invitations"), {"person": [str(first.person.uuid)]}
    )  # no reason: the form is refused and the page shown again
    html = response.content.decode()
    assert f'value="{first.person.uuid}" id="sel-{first.pk}" checked>' in html
    assert f'value="{second.person.uuid}" id="sel-{second.pk}">' in html
    # The selected person has no checkbox, but a status badge.
    assert f'id="sel-{third.pk}"' not in html.split(f'<label for="sel-{third.pk}"')[0]
    assert '<span class="mx-badge mx-badge--warn">Geselecteerd</span>' in html
    assert "<li>Lange WW-duur</li>" in html and "Nog niet geselecteerd" in html
