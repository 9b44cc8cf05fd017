"""Journey of the UWV adviser: plan a session, invite, letters, attendance, call-backs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory, WWClaimFactory
from maxww.screening.models import Selection
from maxww.voorlichting.constants import InvitationStatus
from maxww.voorlichting.models import CallTask, Invitation, Session
from maxww.voorlichting.tests.factories import SessionFactory

from .conftest import (
    JOURNEY,
    LONG_TITLE,
    assert_error,
    assert_kept,
    login,
    shot,
    tab_to_and_press_enter,
    type_past_limits,
)

pytestmark = JOURNEY


@dataclass
class Team:
    """The adviser's UWV office, three selected people and a later session."""

    uwv: object
    adviser: object
    people: list
    later: object


@pytest.fixture
def team(make_user):
    uwv = OrganisationFactory(uwv=True, name="UWV Dordrecht")
    adviser = make_user(role=Role.UWV_ADVISER, organisation=uwv, username="anouk")
    people = PersonFactory.create_batch(3, owner=uwv, phone="06 12345678")
    for p in people:
        WWClaimFactory(
            person=p, max_end_date=timezone.localdate() + dt.timedelta(days=100)
        )
        Selection.objects.create(
            person=p, organisation=uwv, selected_by=adviser, reason="Voorcheck"
        )
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    # A later session to move a no-show to.
    later = SessionFactory(
        organisation=uwv,
        created_by=adviser,
        starts_at=timezone.now() + dt.timedelta(days=21),
        place="UWV Dordrecht, zaal 5",
    )
    return Team(uwv=uwv, adviser=adviser, people=people, later=later)


def test_adviser_plans_invites_prints_registers_and_calls_back(
    browser_page, live_server, team, pango
):
    people, later = team.people, team.later
    page = browser_page
    login(page, "anouk")
    page.goto(live_server.url + reverse("voorlichting:session_new"))

    # Absurd first: a 3,000-character title in the year 9999.
    title = page.get_by_label("Titel")
    type_past_limits(title, LONG_TITLE)
    page.get_by_label("Datum").fill("9999-12-31")
    page.get_by_label("Locatie").fill("UWV Dordrecht, zaal 2")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    page.locator(".utrecht-form-field--invalid").first.wait_for()
    shot(page, "adviseur-01-session-refused")
    assert_error(
        page,
        page.get_by_label("Titel"),
        "niet meer dan 120 tekens bevat (het zijn er nu 3000)",
    )
    assert_error(page, page.get_by_label("Datum"), "Kies een datum tussen")
    assert_kept(page.get_by_label("Titel"), LONG_TITLE)
    assert_kept(page.get_by_label("Datum"), "9999-12-31")
    assert_kept(page.get_by_label("Locatie"), "UWV Dordrecht, zaal 2")
    assert not Session.objects.exclude(pk=later.pk).exists()

    # Then a real one: next week, with the keyboard to the button.
    day = timezone.localdate() + dt.timedelta(days=7)
    page.get_by_label("Titel").fill("Max-WW in zicht")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Aantal plaatsen").fill("15")
    tab_to_and_press_enter(
        page,
        page.get_by_role("button", name="Bijeenkomst plannen"),
        start=page.get_by_label("Opmerkingen"),
    )
    page.get_by_text("De bijeenkomst is gepland.").wait_for()
    session = Session.objects.exclude(pk=later.pk).get()
    assert timezone.localtime(session.starts_at).hour == 10  # Amsterdam time

    # Invite the whole selection.
    for p in people:
        page.get_by_label(p.sort_name).first.check()
    page.get_by_role("button", name="Aangevinkte personen uitnodigen").first.click()
    page.get_by_text("3 personen uitgenodigd.").wait_for()

    # Letters: the run finishes (or lists who has no full address for follow-up).
    page.get_by_role("button", name="Brieven maken (pdf)").click()
    page.locator("#letter-run:not([hx-get])").wait_for()
    shot(page, "adviseur-02-letters")
    assert "Fout" not in page.locator("#letter-run").inner_text()

    # After the session: two of three came.
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    page.goto(live_server.url + reverse("voorlichting:attendance", args=[session.uuid]))
    for p in people[:2]:
        box = page.get_by_label(p.sort_name)
        box.focus()
        page.keyboard.press("Space")
        page.get_by_role("status").filter(has_text="is aanwezig").first.wait_for()
    shot(page, "adviseur-03-attendance")
    page.get_by_role("button", name="Aanwezigheid afsluiten").click()
    page.get_by_text("1 nabeltaken aangemaakt").wait_for()
    missing = people[2]
    row = page.get_by_role("row").filter(has_text=missing.sort_name)
    assert "06 12345678" in row.inner_text()
    task = CallTask.objects.get()
    assert task.due_date >= timezone.localdate()
    shot(page, "adviseur-04-call-backs")

    # Call back: a new date without choosing the session is refused, the note kept.
    row.get_by_label("Uitkomst").select_option(label="Nieuwe datum afgesproken")
    row.get_by_label("Toelichting").fill("Komt over drie weken")
    row.get_by_role("button", name="Vastleggen").click()
    row = page.get_by_role("row").filter(has_text=missing.sort_name)
    row.locator(".utrecht-form-field--invalid").wait_for()
    shot(page, "adviseur-05-call-back-refused")
    assert_error(
        page, row.get_by_label("Nieuwe bijeenkomst"), "Kies de nieuwe bijeenkomst."
    )
    assert_kept(row.get_by_label("Toelichting"), "Komt over drie weken")
    assert row.get_by_label("Uitkomst").input_value() == "new_date"
    assert CallTask.objects.get().done_at is None
    row.get_by_label("Nieuwe bijeenkomst").select_option(index=1)
    tab_to_and_press_enter(
        page,
        row.get_by_role("button", name="Vastleggen"),
        start=row.get_by_label("Toelichting"),
    )
    page.get_by_text(f"Uitkomst vastgelegd voor {missing.full_name}.").wait_for()
    assert page.get_by_text("Geen open nabeltaken.").is_visible()
    assert Invitation.objects.get(person=missing, session=later).status in (
        InvitationStatus.INVITED,
        InvitationStatus.ACCEPTED,
    )
