"""Time the monitoring dashboard on the demo data: first view and warm views.

Usage (from the repository root, after ``maxww migrate`` and ``maxww demo load``):

    .venv/bin/python benchmarks/dashboard_demo.py
    .venv/bin/python benchmarks/dashboard_demo.py --repeat 10

Logs in the demo ``manager`` (forced login, test client) and requests
``/monitoring/`` for the manager's own region (the default) and for all
regions, plus the CSV export of the region. The first request of a process
pays for the suppression and its linear check (and importing scipy); later
requests within the same rebuild read the published tables. Target (issue 23):
a warm region page under 0.3 s.
"""

from __future__ import annotations

import argparse
import logging  # noqa: TID251 (only to silence the audit lines)
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.dev")
    import django

    django.setup()
    logging.disable(logging.WARNING)  # the export's audit lines are not the result
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(get_user_model().objects.get(username="manager"))
    pages = {
        "region dashboard": ("/monitoring/", {}),
        "all regions": ("/monitoring/", {"region": ""}),
        "region CSV export": ("/monitoring/export.csv", {}),
    }
    print(f"Seconds per request, {args.repeat} warm runs (median, max):")
    for name, (url, params) in pages.items():

        def get(url=url, params=params):
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        first = _timed(get)
        warm = [_timed(get) for _ in range(args.repeat)]
        print(
            f"  {name:<20} first {first:6.3f}   warm {statistics.median(warm):6.3f}"
            f"  (max {max(warm):.3f})"
        )


if __name__ == "__main__":
    main()
