"""docs/architecture.md names exactly the maxww apps that are installed.

The page's app table (the rows under "## Apps" whose first cell is a backticked
``maxww.<app>``) must list every maxww app in INSTALLED_APPS, in that order, and
nothing else; its table of packages that are not apps must name packages that
exist and are not installed as apps.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from django.conf import settings

DOC = Path(__file__).resolve().parents[4] / "docs" / "architecture.md"
_ROW = re.compile(r"^\|\s*`(maxww\.[a-z_]+)`\s*\|", re.M)


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n{title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _installed() -> list[str]:
    return [app for app in settings.INSTALLED_APPS if app.startswith("maxww.")]


def test_app_table_lists_the_installed_maxww_apps_in_order():
    apps = _section("## Apps").split("### Packages that are not Django apps")[0]
    assert _ROW.findall(apps) == _installed()


def test_packages_that_are_not_apps_exist_and_are_not_installed():
    packages = _ROW.findall(_section("### Packages that are not Django apps"))
    assert {"maxww.rules", "maxww.policy", "maxww.api", "maxww.conf"} <= set(packages)
    for name in packages:
        importlib.import_module(name)
        assert name not in _installed()
