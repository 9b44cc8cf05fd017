"""Tests that need a system tool skip, with one line why, when it is missing.

A bare machine (only Python 3.11) runs `make test` green: chromium (browser
journeys), pdftoppm/pdftotext (PDF checks) and Pango (WeasyPrint) are Debian
packages that .ci/run installs. CI sets MAXWW_REQUIRE_SYSTEM_TOOLS=1 (and
MAXWW_REQUIRE_BROWSER=1), and then a missing tool fails the test instead.
"""

from __future__ import annotations

import functools
import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"


def _required(*, browser: bool) -> bool:
    """CI asks for the tool: every tool, or (for a browser journey) chromium."""
    if os.environ.get("MAXWW_REQUIRE_SYSTEM_TOOLS"):
        return True
    return browser and bool(os.environ.get("MAXWW_REQUIRE_BROWSER"))


def need(present: bool, what: str, package: str, *, browser: bool = False) -> None:
    """Skip the test when *what* is missing; fail instead when CI requires it."""
    if present:
        return
    if _required(browser=browser):
        pytest.fail(f"{what} is required here (apt-get install {package})")
    pytest.skip(f"{what} not installed (apt-get install {package}); CI installs it")


@functools.cache
def has_pango() -> bool:
    """WeasyPrint loads Pango when imported; without it the import fails."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def need_chromium() -> None:
    present = os.path.exists(CHROMIUM) and shutil.which("chromium") is not None
    need(present, "chromium", "chromium", browser=True)


def need_pango() -> None:
    need(has_pango(), "Pango (for WeasyPrint)", "libpango-1.0-0 libpangoft2-1.0-0")


def need_poppler() -> None:
    present = all(shutil.which(tool) for tool in ("pdftoppm", "pdftotext"))
    need(present, "pdftoppm/pdftotext", "poppler-utils")
