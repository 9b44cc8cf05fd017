"""Load test: a realistic mix of caseworkers on one region (make load).

Coordinators scan cohort and invitation lists and register attendance; coaches
open their caseload and traject pages; everyone calls the API a little. Runs
only against a server on 127.0.0.1 (bin/load.sh starts gunicorn there).
"""

import random
import re

from locust import HttpUser, between, task

PASSWORD = "maxww-demo-2026"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
UUID = re.compile(r"/trajecten/([0-9a-f-]{36})/")
SESSION = re.compile(r"/voorlichting/([0-9a-f-]{36})/")


class _Caseworker(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/inloggen/", name="login form")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/inloggen/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="login",
        )

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Coordinator(_Caseworker):
    weight = 2
    username = "coordinator"

    @task(4)
    def cohorts(self) -> None:
        municipality = random.choice(["", "GM0505", "GM0642", "GM0590"])
        self.client.get(
            f"/screening/?municipality={municipality}", name="/screening/ (cohorts)"
        )

    @task(3)
    def invitations(self) -> None:
        self.client.get("/screening/uitnodigen/", name="/screening/uitnodigen/")

    @task(2)
    def sessions_and_attendance(self) -> None:
        page = self.client.get("/voorlichting/", name="/voorlichting/")
        sessions = SESSION.findall(page.text)
        if sessions:
            uuid = random.choice(sessions)
            self.client.get(
                f"/voorlichting/{uuid}/aanwezigheid/",
                name="/voorlichting/[uuid]/aanwezigheid/",
            )

    @task(1)
    def api_rules(self) -> None:
        self.client.post(
            "/api/v1/rules/bijstand",
            json={
                "reference_date": "2026-12-01",
                "household": "single",
                "applicant_birth_date": "1970-01-01",
                "partner_birth_date": None,
                "co_residents_27_plus": random.randint(0, 3),
                "net_monthly_income_eur": "0",
                "assets_eur": "1000",
                "debts_eur": "0",
                "home_equity_eur": "0",
            },
            headers={"X-CSRFToken": self.csrf(), "Referer": self.host + "/"},
            name="/api/v1/rules/bijstand",
        )


class Coach(_Caseworker):
    weight = 3
    username = "coach"
    trajects: list[str]

    @task(3)
    def caseload(self) -> None:
        page = self.client.get("/trajecten/", name="/trajecten/ (caseload)")
        self.trajects = UUID.findall(page.text)

    @task(5)
    def traject(self) -> None:
        if getattr(self, "trajects", None):
            uuid = random.choice(self.trajects)
            self.client.get(f"/trajecten/{uuid}/", name="/trajecten/[uuid]/")

    @task(1)
    def api_me(self) -> None:
        self.client.get("/api/v1/me", name="/api/v1/me")

    @task(1)
    def kennisbank(self) -> None:
        self.client.get("/kennisbank/?q=bonus", name="/kennisbank/")
