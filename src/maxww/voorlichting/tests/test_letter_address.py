"""The invitation letter can be posted: address, sender, place line, contact.

Text is read back from the real PDF (pdftotext). A person without a complete
postal address gets no letter; the run says so and lists them for follow-up.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.organisations.tests.factories import OrganisationFactory
from maxww.people.constants import GrantBasis
from maxww.people.services import grant_access_bulk
from maxww.people.tests.factories import PersonFactory
from maxww.voorlichting import letters, services
from maxww.voorlichting.constants import LetterRunStatus
from maxww.voorlichting.tests.factories import SessionFactory

ON = dt.date(2026, 12, 3)
pytestmark = pytest.mark.django_db


@pytest.fixture
def uwv():
    return OrganisationFactory(
        uwv=True,
        name="UWV Dordrecht",
        letter_sender="Postbus 1234\n3300 AA  Dordrecht",
        letter_place="Dordrecht",
        phone="078 123 45 67",
        email="maxww@uwv.example",
        opening_hours="maandag t/m vrijdag van 9.00 tot 17.00 uur",
    )


@pytest.fixture
def coordinator(make_user, uwv):
    return make_user(role=Role.COORDINATOR, organisation=uwv)


@pytest.fixture
def posted(uwv):
    """Someone with a complete address."""
    return PersonFactory(
        owner=uwv,
        initials="A.",
        first_name="Anouk",
        surname_prefix="van",
        last_name="Briefbus",
        street="Voorstraat",
        house_number="12",
        house_number_addition="B",
        postcode="3311AB",
        town="Dordrecht",
    )


@pytest.fixture
def unaddressed(uwv):
    """Someone whose street and town UWV did not supply."""
    return PersonFactory(
        owner=uwv,
        first_name="Bas",
        last_name="Zonderstraat",
        street="",
        town="",
        phone="06 12345678",
    )


@pytest.fixture
def session(uwv, coordinator, posted, unaddressed):
    people = [posted, unaddressed]
    grant_access_bulk(
        person_ids=[p.pk for p in people],
        organisation=uwv,
        basis=GrantBasis.CASELOAD,
        source="test",
    )
    session = SessionFactory(organisation=uwv, created_by=coordinator, capacity=10)
    services.invite_people(session=session, people=people, by=coordinator, on=ON)
    return session


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_letter_shows_the_address_and_the_sender_block(
    session, coordinator, posted, tmp_path, poppler
):
    invitation = session.invitations.get(person=posted)
    pdf = services.letters_pdf(
        session=session, by=coordinator, on=ON, invitations=[invitation]
    )
    text = pdf_text(pdf, tmp_path)
    assert "A. van Briefbus" in text
    assert "Voorstraat 12-B" in text
    assert "3311 AB DORDRECHT" in " ".join(text.split())
    assert "UWV Dordrecht" in text
    assert "Postbus 1234" in text
    assert "Dordrecht, 3 december 2026" in text


def test_the_letter_shows_the_organisations_phone_email_and_opening_hours(
    session, coordinator, posted, tmp_path, poppler
):
    invitation = session.invitations.get(person=posted)
    pdf = services.letters_pdf(
        session=session, by=coordinator, on=ON, invitations=[invitation]
    )
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "078 123 45 67" in text
    assert "maxww@uwv.example" in text
    assert "maandag t/m vrijdag van 9.00 tot 17.00 uur" in text


def test_a_run_skips_an_incomplete_address_and_does_not_mark_it_sent(
    session, coordinator, posted, unaddressed, tmp_path, poppler
):
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    assert run.status == LetterRunStatus.DONE
    assert run.total == 1 and run.skipped == 1
    assert run.message == "1 brief niet gemaakt: adres onvolledig."
    assert list(run.letters.values_list("invitation__person", flat=True)) == [posted.pk]
    skipped = session.invitations.get(person=unaddressed)
    assert skipped.letter_printed_at is None
    printed = AccessLog.objects.filter(event="invitation_letter_printed")
    assert printed.count() == 1
    assert "Zonderstraat" not in pdf_text(bytes(run.pdf), tmp_path)


def test_the_run_page_lists_whom_to_follow_up_and_logs_showing_them(
    client, session, coordinator, unaddressed, pango
):
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    client.force_login(coordinator)
    page = client.get(reverse("voorlichting:letter_run", args=[run.uuid]))
    html = page.content.decode()
    assert "1 brief niet gemaakt: adres onvolledig." in html
    assert "Zonderstraat, Bas" in html
    assert "straat, woonplaats" in html
    assert "06 12345678" in html
    assert AccessLog.objects.filter(
        purpose="brieven: adres onvolledig", person_ref=str(unaddressed.uuid)
    ).exists()


def test_a_single_letter_without_an_address_is_refused(
    session, coordinator, unaddressed
):
    invitation = session.invitations.get(person=unaddressed)
    with pytest.raises(ValidationError, match="adres is onvolledig"):
        services.letters_pdf(
            session=session, by=coordinator, on=ON, invitations=[invitation]
        )
    invitation.refresh_from_db()
    assert invitation.letter_printed_at is None


def test_when_nobody_has_an_address_the_run_makes_no_pdf_and_lists_them(
    session, coordinator, posted
):
    posted.street = ""
    posted.save()
    run = letters.start_letter_run(session=session, by=coordinator, on=ON)
    assert run.status == LetterRunStatus.DONE
    assert (run.total, run.skipped) == (0, 2)
    assert run.pdf is None
    assert run.message == "2 brieven niet gemaakt: adres onvolledig."
