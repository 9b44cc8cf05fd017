"""One formatting layer: no template formats a date or time with Django's filters.

Dates and times go through ``maxww.core.formatting`` (``{% load nl %}``), so HTML,
PDF, e-mail and exports read the same and times are in Europe/Amsterdam. This
reads every template file under ``src/maxww`` and the built-in letter texts, and
names file and line of each ``|date`` or ``|time`` that slipped back in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from django.template import Context

import pytest

from maxww.voorlichting.services import DEFAULT_LETTERS
from maxww.voorlichting.services.letters import letter_text

PACKAGE = Path(__file__).resolve().parents[2]  # src/maxww
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".svg", ".json"}
# ``|date:"j F Y"``, ``| time``, ``|date`` — not ``|nl_date`` or ``|datetime``.
DJANGO_FILTER = re.compile(r"\|\s*(date|time)(?![\w])")


def _template_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or path.suffix not in TEMPLATE_SUFFIXES:
            continue
        if "templates" in parts or "fixtures" in parts:
            yield path


def _uses(name: str, text: str) -> list[str]:
    """'file:line: text' for each Django date/time filter in ``text``."""
    return [
        f"{name}:{number}: {line.strip()}"
        for number, line in enumerate(text.splitlines(), 1)
        if DJANGO_FILTER.search(line)
    ]


def test_the_pattern_finds_django_filters_and_spares_the_dutch_ones() -> None:
    found = _uses("x", '{{ a|date:"j F Y" }}\n{{ b | time }}\n{{ c|date }}')
    assert found == [
        'x:1: {{ a|date:"j F Y" }}',
        "x:2: {{ b | time }}",
        "x:3: {{ c|date }}",
    ]
    spared = (
        "{{ a|nl_date }} {{ a|nl_datetime_table }} {{ a|nl_time }} {{ d|default:'' }}"
    )
    assert _uses("x", spared) == []


def test_the_scan_sees_the_templates() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _template_files()}
    assert "trajects/templates/trajects/detail.html" in names
    assert "portal/templates/portal/email/invitation_new.txt" in names
    assert len(names) > 100


def test_no_template_file_uses_djangos_date_or_time_filter() -> None:
    found = [
        use
        for path in _template_files()
        for use in _uses(
            path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8")
        )
    ]
    assert not found, "Use the nl filters ({% load nl %}):\n" + "\n".join(found)


@pytest.mark.parametrize("tone", sorted(DEFAULT_LETTERS))
def test_the_default_letter_texts_use_the_dutch_filters(tone: str) -> None:
    subject, body = DEFAULT_LETTERS[tone]
    name = f"DEFAULT_LETTERS[{tone}]"
    assert _uses(name, subject) + _uses(name, body) == []
    assert "nl_date_long" in body and "nl_time" in body


def test_a_letter_text_saved_with_djangos_filter_still_renders() -> None:
    text = "{{ on|date:'j-n-Y' }} / {{ on|nl_date_long }}"
    rendered = letter_text(text).render(Context({"on": date(2026, 12, 3)}))
    assert rendered == "3-12-2026 / 3 december 2026"


@pytest.mark.parametrize("tone", sorted(DEFAULT_LETTERS))
def test_a_default_letter_gives_day_date_and_amsterdam_time(tone: str) -> None:
    starts = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
    session = {"title": "Werk na de WW", "starts_at": starts, "place": "Stadhuis"}
    body = letter_text(DEFAULT_LETTERS[tone][1]).render(Context({"session": session}))
    assert "op donderdag 3 december 2026 om 10:00 uur in Stadhuis." in body
