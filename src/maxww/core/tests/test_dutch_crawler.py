"""Crawl the app as each demo role: no raw values, ISO dates or English in view.

The demo region (``maxww demo load``) gives every page something to show.
Each role opens its navigation, every GET link on those pages and one page
of each kind behind them (a detail page per URL pattern), and the visible
text is checked by ``dutch_text.problems``.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import Resolver404, resolve

import pytest

from maxww.core.navigation import NAV_ITEMS
from maxww.demo.services import DEMO_USERS
from maxww.organisations.models import User
from maxww.policy import can

from .dutch_text import problems, visible_text

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
# Not HTML for people (files, the API, the admin's own screens, logging out).
SKIP = re.compile(
    r"^/(api/|static/|media/|beheer/|uitloggen|logout|admin/)|\.(pdf|csv|xlsx|json|zip)$"
    r"|/(pdf|csv|xlsx|export|download|brieven\.pdf)/?$"
)
MAX_PER_ROLE = 60


def _kind(path: str) -> str:
    """One page per URL pattern: the view name stands for all its objects."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _crawl(client, user, kinds: set[str]) -> dict[str, list[str]]:
    start = [item.url() for item in NAV_ITEMS if can(user, item.perm) and item.url()]
    start = [u for u in start if not SKIP.search(u)]
    seen_kinds: set[str] = set()
    queue = ["/", *start]
    found: dict[str, list[str]] = {}
    fetched = 0
    while queue and fetched < MAX_PER_ROLE:
        path = queue.pop(0)
        kind = _kind(path)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = client.get(path)
        fetched += 1
        if response.status_code == 200:
            kinds.add(kind)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        bad = problems(visible_text(html))
        if bad:
            found[path] = bad
        for link in HREF.findall(html):
            link = urlsplit(link).path
            if not SKIP.search(link) and _kind(link) not in seen_kinds:
                queue.append(link)
    return found


def test_every_page_each_role_reaches_reads_as_dutch(client):
    call_command("demo", "load", "--people", "150", "--on", dt.date.today().isoformat())
    report = []
    kinds: set[str] = set()
    for username, *_ in DEMO_USERS:
        user = User.objects.get(username=username)
        client.force_login(user)
        for path, bad in _crawl(client, user, kinds).items():
            report += [f"{username} {path}: {p}" for p in bad[:5]]

    assert not report, "\n".join(report)
    # The crawl reached lists and detail pages of every part, not just the menu.
    assert len(kinds) >= 40, sorted(kinds)
    for detail in ("trajects:detail", "handover:application", "handover:detail"):
        assert detail in kinds, sorted(kinds)
