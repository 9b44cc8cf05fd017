"""Load test: a realistic mix of caseworkers on one region (make load).

Coordinators scan cohort and invitation lists, open a session's door list and
tick who came; coaches open their caseload and traject pages; everyone calls
the API a little. Runs only against a server on 127.0.0.1 (bin/load.sh starts
gunicorn there).

Every user logs in through the login form first (PBKDF2, as in production).
bin/load.sh resets the statistics once all users are logged in, so the
reported percentiles are the steady state; the login times are written to
``LOAD_LOGINS_CSV`` so that the ramp-up is reported too. A page that answers
with anything but the expected status (e.g. a redirect to the login page)
counts as an error.

Think time: each user waits ``LOAD_WAIT`` seconds between actions (default
"3,10": uniform between 3 and 10 s, a caseworker who reads a list or a traject
page before the next click; brisk for people who also phone and write notes).
``LOAD_WAIT=0.5,2`` is the stress profile: about six times the request rate,
i.e. the server's capacity rather than a day's work.
"""

import csv
import os
import random
import re

from locust import FastHttpUser, between, events, task

PASSWORD = "maxww-demo-2026"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
UUID = re.compile(r"/trajecten/([0-9a-f-]{36})/")
SESSION = re.compile(r"/voorlichting/([0-9a-f-]{36})/")
# An attendance checkbox that can still be ticked (not disabled: session open).
DOOR_ROW = re.compile(r'hx-post="(/voorlichting/uitnodiging/[0-9a-f-]{36}/aanwezig/)"')
DOOR_CLOSED = "De aanwezigheid is afgesloten"
MUNICIPALITY_SELECT = re.compile(
    r'<select name="municipality"[^>]*>(.*?)</select>', re.S
)
OPTION = re.compile(r'<option value="(\d+)"')

_logins: list[float] = []


def _think_time() -> tuple[float, float]:
    low, _, high = os.environ.get("LOAD_WAIT", "3,10").partition(",")
    return float(low), float(high or low)


@events.request.add_listener
def _record_login(name, response_time, exception, **_kwargs) -> None:
    if name == "login" and exception is None:
        _logins.append(response_time)


@events.quitting.add_listener
def _write_logins(**_kwargs) -> None:
    path = os.environ.get("LOAD_LOGINS_CSV")
    if path:
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows([t] for t in _logins)


class _Caseworker(FastHttpUser):
    abstract = True
    wait_time = between(*_think_time())
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/inloggen/", name="login form")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/inloggen/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/inloggen/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")

    def page(self, url: str, name: str):
        """GET a page; anything but 200 (say, a redirect to login) is an error."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            return response

    def csrf(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""


class Coordinator(_Caseworker):
    weight = 2
    username = "coordinator"

    municipalities: list[str]

    @task(4)
    def cohorts(self) -> None:
        """All of the region, or one municipality picked from the filter."""
        choice = random.choice(["", *getattr(self, "municipalities", [])[:3]])
        page = self.page(f"/screening/?municipality={choice}", "/screening/ (cohorts)")
        select = MUNICIPALITY_SELECT.search(page.text or "")
        if select:
            self.municipalities = OPTION.findall(select.group(1))

    @task(3)
    def invitations(self) -> None:
        self.page("/screening/uitnodigen/", "/screening/uitnodigen/")

    @task(2)
    def sessions_and_attendance(self) -> None:
        """At the door: open a session's attendance list and tick one person."""
        sessions = SESSION.findall(self.page("/voorlichting/", "/voorlichting/").text)
        if not sessions:
            return
        door = self.page(
            f"/voorlichting/{random.choice(sessions)}/aanwezigheid/",
            "/voorlichting/[uuid]/aanwezigheid/",
        ).text
        rows = DOOR_ROW.findall(door or "")
        if not rows or DOOR_CLOSED in door:
            return
        url = random.choice(rows)
        self.client.post(
            url,
            data={"present": url.split("/")[-3]},
            headers={
                "X-CSRFToken": self.csrf(),
                "HX-Request": "true",
                "Referer": self.host + "/voorlichting/",
            },
            name="/voorlichting/uitnodiging/[uuid]/aanwezig/ (tick)",
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
        page = self.page("/trajecten/", "/trajecten/ (caseload)")
        self.trajects = UUID.findall(page.text or "")

    @task(5)
    def traject(self) -> None:
        if getattr(self, "trajects", None):
            uuid = random.choice(self.trajects)
            self.page(f"/trajecten/{uuid}/", "/trajecten/[uuid]/")

    @task(1)
    def api_me(self) -> None:
        self.page("/api/v1/me", "/api/v1/me")

    @task(1)
    def kennisbank(self) -> None:
        self.page("/kennisbank/?q=bonus", "/kennisbank/")
