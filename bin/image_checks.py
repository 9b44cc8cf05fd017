"""HTTP checks for bin/image-test.sh, with the standard library only.

`image_checks.py URL web`: /healthz, /healthz/ready and a logged-in start page.
`image_checks.py URL scheduler`: wait until every scheduled job has run and none failed.
"""

import http.cookiejar
import json
import re
import sys
import time
import urllib.parse
import urllib.request


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_for(url: str, seconds: int = 60) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, body = get_json(url)
            if status == 200:
                return body
        except (OSError, ValueError):
            if time.monotonic() > deadline:
                raise
        time.sleep(1)


def web(base: str) -> None:
    print("/healthz", json.dumps(wait_for(f"{base}/healthz")))
    print("/healthz/ready", json.dumps(wait_for(f"{base}/healthz/ready")))
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/inloggen/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "coordinator",
            "password": "maxww-demo-2026",
            "next": "/",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/inloggen/", data=data, headers={"Referer": f"{base}/inloggen/"}
    )
    page = opener.open(request, timeout=30)
    html = page.read().decode()
    heading = re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1).strip()
    assert page.url == f"{base}/" and "Goedendag, Carla" in heading, (page.url, heading)
    print(f"logged in as coordinator: GET / -> {page.status}, <h1> {heading!r}")


def scheduler(base: str, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        status, body = get_json(f"{base}/healthz/ready")
        jobs = body.get("scheduler", {})
        if (
            jobs.get("failed")
            or jobs.get("status") == "ok"
            or time.monotonic() > deadline
        ):
            break
        time.sleep(2)
    print("/healthz/ready", json.dumps(body))
    assert status == 200 and jobs.get("status") == "ok", jobs


if __name__ == "__main__":
    {"web": web, "scheduler": scheduler}[sys.argv[2]](sys.argv[1].rstrip("/"))
