"""Helpers for the role journeys: log in, fill, tab to a button, messages, shots.

Every journey is marked ``e2e`` and runs in one xdist group, so that under
``pytest -n 2 --dist loadgroup`` one worker runs the browsers one after another
while the other worker takes the rest of the suite.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import login as _login

SHOTS = Path(os.environ.get("MAXWW_JOURNEY_SHOTS", "/tmp/journeys"))

JOURNEY = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("journeys"),
]

# Absurd input from issue #20.
LONG_TITLE = ("Bijeenkomst " * 250).strip() + "!"  # 3,000 characters
LONG_SUMMARY = ("Lange samenvatting. " * 1000).strip() + "."  # 20,000 characters


@pytest.fixture
def browser_page(browser_page):
    """The shared page, with room for a busy 2-core CI machine (15 s was tight)."""
    browser_page.set_default_timeout(30000)
    return browser_page


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads and letters land in a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def login(page, username: str) -> None:
    """Log in through the form and wait for the start page."""
    _login(page, username)
    page.get_by_role("button", name="Uitloggen").wait_for()


def logout(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Gebruikersnaam").wait_for()


def shot(page, name: str) -> None:
    """A full-page screenshot into /tmp/journeys/ (looked at by a person)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def type_past_limits(field, text: str) -> None:
    """Fill a field as a browser that ignores maxlength would (a paste, an old
    browser, a script): the server must refuse what the layout cannot hold."""
    field.evaluate("el => el.removeAttribute('maxlength')")
    field.fill(text)


def tab_to_and_press_enter(page, button, *, start=None, limit: int = 80) -> None:
    """Reach *button* with the Tab key (from *start*, focused first) and press Enter."""
    if start is not None:
        start.focus()
    for _ in range(limit):
        if button.evaluate("el => el === document.activeElement"):
            page.keyboard.press("Enter")
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {button}")


def error_of(page, field) -> str:
    """The error message the form links to *field* (aria-describedby)."""
    assert field.get_attribute("aria-invalid") == "true", "field is not marked invalid"
    ids = (field.get_attribute("aria-describedby") or "").split()
    texts = [page.locator(f"#{i}").inner_text() for i in ids if i.endswith("error")]
    assert texts, "no error message linked to the field"
    return " ".join(texts)


def assert_error(page, field, message: str | re.Pattern) -> None:
    """The Dutch message shows at the field, which is marked invalid."""
    text = error_of(page, field)
    if isinstance(message, re.Pattern):
        assert message.search(text), text
    else:
        assert message in text, text


def assert_kept(field, value: str) -> None:
    """What the person typed is still in the field after the error."""
    assert field.input_value() == value
