"""A real OpenID Connect provider for the login tests (oidc-provider on Node.js).

``oidc_provider`` (a session fixture) installs the pinned npm packages once
into ``var/cache/oidc-provider/<lock hash>/``, starts ``server.mjs`` on a
loopback port and registers two clients: a DigiD-like one (``bsn``, ``acr``)
and a staff one (``email``, ``amr``), both pointing back at the live server.
Without Node.js/npm the tests skip, unless MAXWW_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

HERE = Path(__file__).parent
REPO = HERE.parents[4]
CACHE = Path(
    os.environ.get("MAXWW_NODE_CACHE", REPO / "var" / "cache" / "oidc-provider")
)
START_SECONDS = 30


@dataclass
class Client:
    client_id: str
    client_secret: str


@dataclass
class TestProvider:
    issuer: str
    digid: Client
    staff: Client
    other_staff: Client

    @property
    def discovery_url(self) -> str:
        return self.issuer + "/.well-known/openid-configuration"

    def set_clock(self, skew_seconds: int) -> None:
        """Shift the provider's clock (negative: its tokens are already expired)."""
        response = requests.post(
            self.issuer + "/__test/clock", json={"skew": skew_seconds}, timeout=5
        )
        response.raise_for_status()


def _unavailable(reason: str):
    if os.environ.get("MAXWW_REQUIRE_BROWSER"):
        pytest.fail(f"the test OpenID provider is required: {reason}")
    pytest.skip(reason)


def _installed() -> Path:
    """The folder with node_modules for this package-lock.json (installed once)."""
    lock = (HERE / "package-lock.json").read_bytes()
    folder = CACHE / hashlib.sha256(lock).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)  # xdist workers install one at a time
        if not (folder / "node_modules" / "oidc-provider").is_dir():
            for name in ("package.json", "package-lock.json"):
                shutil.copy(HERE / name, folder / name)
            result = subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if result.returncode != 0:
                _unavailable(f"npm ci failed: {result.stderr.strip()[-500:]}")
        _replace_if_changed(HERE / "server.mjs", folder / "server.mjs")
    return folder


def _replace_if_changed(source: Path, target: Path) -> None:
    """Copy by atomic rename, and only when changed: another worker's node may
    be reading ``target`` this moment (a copy in place truncates it first, and
    node runs the empty file and exits without a word)."""
    content = source.read_bytes()
    if target.exists() and target.read_bytes() == content:
        return
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_bytes(content)
    os.replace(partial, target)


def start(base_url: str, tmp: Path):
    """Start the provider; yields a TestProvider and stops it afterwards."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        _unavailable("Node.js and npm are not installed")
    folder = _installed()
    digid = Client("maxww-digid", "digid-test-secret")
    staff = Client("maxww-uwv", "uwv-test-secret")
    other = Client("maxww-gemeente", "gemeente-test-secret")
    config = {
        "clients": [
            {
                "client_id": digid.client_id,
                "client_secret": digid.client_secret,
                "redirect_uris": [f"{base_url}/mijn/oidc/callback/"],
                "post_logout_redirect_uris": [f"{base_url}/mijn/inloggen/"],
                "kind": "digid",
            },
            *(
                {
                    "client_id": c.client_id,
                    "client_secret": c.client_secret,
                    "redirect_uris": [f"{base_url}/account/sso/callback/"],
                    "post_logout_redirect_uris": [f"{base_url}/inloggen/"],
                    "kind": "staff",
                }
                for c in (staff, other)
            ),
        ]
    }
    config_path = tmp / "oidc-provider.json"
    config_path.write_text(json.dumps(config))
    log = open(tmp / "oidc-provider.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        ["node", str(folder / "server.mjs"), str(config_path)],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        issuer = _wait_ready(process, log)
        yield TestProvider(issuer=issuer, digid=digid, staff=staff, other_staff=other)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_ready(process: subprocess.Popen, log) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("READY "):
            return line.split()[1]
        if not line and process.poll() is not None:
            break
    log.seek(0)
    raise RuntimeError(f"the test OpenID provider did not start: {log.read()[-2000:]}")


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """The running provider, shared by all login tests of a test process."""
    yield from start(live_server.url, tmp_path_factory.mktemp("oidc"))


@pytest.fixture
def provider_clock(oidc_provider):
    """Set the provider's clock for one test; put back afterwards."""
    yield oidc_provider.set_clock
    oidc_provider.set_clock(0)


def register(provider: TestProvider, client: Client, **fields):
    """An IdentityProvider for ``client``, saved through the admin form.

    The form fetches the provider's discovery document, as it does for the
    functional admin.
    """
    from maxww.accounts.admin import IdentityProviderForm

    clients = fields.get("purpose", "clients") == "clients"
    organisation = fields.pop("organisation", None)
    data = {
        "name": "DigiD" if clients else "UWV-account",
        "slug": client.client_id,
        "purpose": "clients",
        "organisation": organisation.pk if organisation else "",
        "discovery_url": provider.discovery_url,
        "client_id": client.client_id,
        "client_secret": client.client_secret,
        "scopes": "openid bsn" if clients else "openid email",
        "claim": "bsn" if clients else "email",
        "user_field": "email",
        "minimum_assurance": "midden",
        "is_active": True,
        **fields,
    }
    form = IdentityProviderForm(data={k: v for k, v in data.items() if v is not False})
    assert form.is_valid(), form.errors
    return form.save()
