"""One request at a time: latency, CPU and queries of every request in the load mix.

Usage (from the repository root, after ``make load`` has built ``maxww_load``):

    .venv/bin/python benchmarks/request_latency.py            # 20 runs each
    .venv/bin/python benchmarks/request_latency.py --runs 5

Runs the requests of ``benchmarks/locustfile.py`` one after another through the
Django test client with the production settings of ``bin/load.sh`` against the
database ``maxww_load`` (``DATABASE_URL`` overrides it), logged in as the demo
coordinator and coach. Prints per request the median wall time, the median CPU
time of this process (the database's own CPU is not in it), the number of
queries and the size of the page. No load: this is the floor under the load
test's percentiles.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

for key, value in {
    "DJANGO_SETTINGS_MODULE": "maxww.conf.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/maxww_load",
    "SECRET_KEY": "load-test-secret-key-not-for-production-0123456789abcdef",
    "FIELD_ENCRYPTION_KEY": "load-test-field-key",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "MAXWW_REQUIRE_2FA": "false",
    "LOG_LEVEL": "WARNING",
    "STATIC_ROOT": "var/load-static",
}.items():
    os.environ.setdefault(key, value)
# Always the production settings this measures (``make bench`` exports the test
# settings for the other scripts).
os.environ["DJANGO_SETTINGS_MODULE"] = "maxww.conf.production"

PASSWORD = "maxww-demo-2026"
RULES = {
    "reference_date": "2026-12-01",
    "household": "single",
    "applicant_birth_date": "1970-01-01",
    "partner_birth_date": None,
    "co_residents_27_plus": 1,
    "net_monthly_income_eur": "0",
    "assets_eur": "1000",
    "debts_eur": "0",
    "home_equity_eur": "0",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs

    import psycopg

    try:
        psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5).close()
    except psycopg.OperationalError:
        print(
            "skipped: no database at DATABASE_URL (maxww_load); "
            "`make load` builds it (100,000 people)"
        )
        return

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def login(username: str) -> Client:
        client = Client()
        start = time.perf_counter()
        response = client.post(
            "/inloggen/", {"username": username, "password": PASSWORD}
        )
        assert response.status_code == 302, f"login {username} failed"
        print(f"{'login ' + username:45} {1000 * (time.perf_counter() - start):7.0f}")
        return client

    def measure(client: Client, label: str, method: str, url: str, **kw):
        walls, cpus = [], []
        response = getattr(client, method)(url, **kw)  # warm-up
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            response = getattr(client, method)(url, **kw)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        with CaptureQueriesContext(connection) as queries:
            getattr(client, method)(url, **kw)
        assert response.status_code == 200, f"{label}: {response.status_code}"
        print(
            f"{label:45} {1000 * statistics.median(walls):7.1f} "
            f"{1000 * statistics.median(cpus):7.1f} {len(queries):5d} "
            f"{len(response.content) // 1024:5d}"
        )
        return response.content.decode()

    print(f"{'request':45} {'ms':>7} {'cpu ms':>7} {'qs':>5} {'KB':>5}")
    coordinator, coach = login("coordinator"), login("coach")
    html = measure(coordinator, "/screening/ (cohorts)", "get", "/screening/")
    select = re.search(r'<select name="municipality"[^>]*>(.*?)</select>', html, re.S)
    municipality = re.findall(r'<option value="(\d+)"', select.group(1))[0]
    measure(
        coordinator,
        "/screening/?municipality=… (one municipality)",
        "get",
        f"/screening/?municipality={municipality}",
    )
    measure(coordinator, "/screening/uitnodigen/", "get", "/screening/uitnodigen/")
    html = measure(coordinator, "/voorlichting/", "get", "/voorlichting/")
    session = re.findall(r"/voorlichting/([0-9a-f-]{36})/", html)[0]
    html = measure(
        coordinator,
        "/voorlichting/[uuid]/aanwezigheid/",
        "get",
        f"/voorlichting/{session}/aanwezigheid/",
    )
    tick = re.findall(
        r'hx-post="(/voorlichting/uitnodiging/[0-9a-f-]{36}/aanwezig/)"', html
    )
    if tick:
        measure(
            coordinator,
            "/voorlichting/uitnodiging/[uuid]/aanwezig/",
            "post",
            tick[0],
            data={"present": tick[0].split("/")[-3]},
            HTTP_HX_REQUEST="true",
        )
    measure(
        coordinator,
        "/api/v1/rules/bijstand",
        "post",
        "/api/v1/rules/bijstand",
        data=RULES,
        content_type="application/json",
    )
    html = measure(coach, "/trajecten/ (caseload)", "get", "/trajecten/")
    traject = re.findall(r"/trajecten/([0-9a-f-]{36})/", html)[0]
    measure(coach, "/trajecten/[uuid]/", "get", f"/trajecten/{traject}/")
    measure(coach, "/api/v1/me", "get", "/api/v1/me")
    measure(coach, "/kennisbank/?q=bonus", "get", "/kennisbank/?q=bonus")


if __name__ == "__main__":
    main()
