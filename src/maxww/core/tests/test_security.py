"""Input hardening, security headers, CSP and a clean `check --deploy`."""

import io
import os
import secrets
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import openpyxl
import pytest
from openpyxl.packaging.relationship import Relationship
from openpyxl.workbook.external_link.external import ExternalBook, ExternalLink

from maxww.core.imports import neutralise_formula, read_table
from maxww.core.security import (
    BSN_MASK,
    check_upload,
    contains_bsn,
    mask_bsns,
    sanitize_html,
)

REPO = Path(__file__).resolve().parents[4]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"


def _xlsx(*rows, external_link: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    if external_link:
        link = ExternalLink(externalBook=ExternalBook(id="rId1"))
        link.file_link = Relationship(
            Id="rId1",
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath",
            Target=external_link,
            TargetMode="External",
        )
        workbook._external_links.append(link)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- uploads -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("scan.pdf", PDF, "pdf"),
        ("foto.png", PNG, "png"),
        ("foto.JPG", JPEG, "jpg"),
        ("foto.jpeg", JPEG, "jpg"),
        ("lijst.csv", b"naam;waarde\nJan;1\n", "csv"),
        ("lijst.xlsx", _xlsx(("naam",), ("Jan",)), "xlsx"),
    ],
)
def test_check_upload_accepts_files_whose_content_matches(name, data, kind):
    assert check_upload(SimpleUploadedFile(name, data)) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "niet toegestaan"),
        ("scan.pdf", b"MZ\x90\x00 not a pdf", "past niet bij"),
        ("foto.png", JPEG, "past niet bij"),
        ("lijst.csv", b"PK\x03\x04zip", "geen tekstbestand"),
        ("lijst.csv", b"a\x00b", "geen tekstbestand"),
        ("lijst.xlsx", b"PK\x03\x04 broken zip", "beschadigd"),
        ("leeg.pdf", b"", "leeg"),
    ],
)
def test_check_upload_refuses_with_a_dutch_reason(name, data, message):
    with pytest.raises(ValidationError) as excinfo:
        check_upload(SimpleUploadedFile(name, data))
    assert message in " ".join(excinfo.value.messages)


def test_check_upload_refuses_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    with pytest.raises(ValidationError, match="geen XLSX"):
        check_upload(out.getvalue(), name="lijst.xlsx")


def test_check_upload_refuses_too_big_and_not_allowed_types():
    with pytest.raises(ValidationError, match="te groot"):
        check_upload(SimpleUploadedFile("scan.pdf", PDF + b"x" * 100), max_bytes=50)
    with pytest.raises(ValidationError, match="niet toegestaan"):
        check_upload(SimpleUploadedFile("foto.png", PNG), allowed=("pdf",))


def test_check_upload_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("scan.pdf", PDF)
    check_upload(upload)
    assert upload.read() == PDF


# --- XLSX: no formulas evaluated, no external links followed -----------------


def test_xlsx_formulas_are_not_evaluated_and_links_not_followed(monkeypatch):
    data = _xlsx(
        ("naam", "waarde"),
        ("a", "=1+1"),
        ("b", "='[extern.xlsx]Blad1'!A1"),
        ("c", '=WEBSERVICE("http://127.0.0.1:9/lek")'),
        external_link="http://127.0.0.1:9/extern.xlsx",
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "xl/externalLinks/externalLink1.xml" in archive.namelist()
    opened = []
    real_load = openpyxl.load_workbook

    def spy(*args, **kwargs):
        workbook = real_load(*args, **kwargs)
        opened.append(workbook)
        return workbook

    def no_network(*args, **kwargs):
        raise AssertionError("an XLSX import tried to open a network connection")

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    frame = read_table(data, "lijst.xlsx", aliases={"naam": (), "waarde": ()})
    values = frame["waarde"].to_list()
    # Stored results only: openpyxl never calculates, so nothing becomes "2",
    # and the formula text itself is not passed on as data either.
    assert "2" not in values
    assert not any(str(v or "").startswith("=") for v in values)
    assert opened and opened[0]._external_links == []


# --- CSV export and BSNs -----------------------------------------------------


@pytest.mark.parametrize("value", ["=SUM(A1)", "+31 6", "-1+1", "@cmd", "\tx"])
def test_neutralise_formula_prefixes_spreadsheet_formulas(value):
    assert neutralise_formula(value) == "'" + value


def test_neutralise_formula_leaves_plain_text():
    assert neutralise_formula("Jansen") == "Jansen"
    assert neutralise_formula("") == ""


def test_mask_bsns_masks_only_elfproef_valid_numbers():
    text = "BSN 111222333, ook 1112.22.333; telefoon 0612345678; dossier 123456789"
    masked = mask_bsns(text)
    assert masked.count(BSN_MASK) == 2
    assert "0612345678" in masked and "123456789" in masked
    assert contains_bsn(text) and not contains_bsn(masked)


# --- rich text ---------------------------------------------------------------


def test_sanitize_html_keeps_simple_markup_and_drops_scripts():
    dirty = (
        '<p onclick="steal()">Welkom <strong>bij</strong> '
        '<a href="javascript:alert(1)">x</a><a href="https://example.nl">site</a>'
        "<script>alert(1)</script><img src=x onerror=alert(1)></p>"
    )
    clean = sanitize_html(dirty)
    assert "<strong>bij</strong>" in clean
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and "<img" not in clean
    assert 'href="https://example.nl"' in clean and "noopener" in clean


# --- headers -----------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_csp_and_security_headers(client):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "img-src 'self' data:" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_csp_admits_exactly_the_htmx_indicator_style(settings):
    import base64
    import hashlib

    js = (REPO / "src/maxww/core/static/vendor/htmx/htmx.min.js").read_text()
    start = js.index("`.${t}{") + len("`.${t}")
    hidden = js[start : js.index("`", start)]
    start = js.index("`.${n} .${t}, .${n}.${t}{") + len("`.${n} .${t}, .${n}.${t}")
    shown = js[start : js.index("`", start)]
    style = (
        f".htmx-indicator{hidden}"
        f".htmx-request .htmx-indicator, .htmx-request.htmx-indicator{shown}"
    )
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert f"'sha256-{digest}'" in directives["style-src"]
    assert "'unsafe-inline'" not in directives["style-src"]


@pytest.mark.django_db
def test_pages_have_no_inline_scripts(client, make_user):
    client.force_login(make_user())
    html = client.get(reverse("home")).content.decode()
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].strip().startswith("src="), chunk[:80]


@pytest.mark.django_db
def test_logged_in_pages_are_not_cached(client, make_user):
    client.force_login(make_user())
    assert "no-store" in client.get(reverse("home")).headers["Cache-Control"]


@pytest.mark.django_db
def test_swagger_ui_loads_no_cdn_assets(client, make_user):
    client.force_login(make_user())
    html = client.get(reverse("api-docs")).content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg" not in html
    assert "/static/drf_spectacular_sidecar/" in html
    csp = client.get(reverse("api-docs")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self' 'unsafe-inline'" in csp
    # Only there: other pages keep the strict style policy.
    assert (
        "unsafe-inline"
        not in client.get(reverse("home")).headers["Content-Security-Policy"]
    )


def test_check_deploy_is_clean_in_production_settings():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            # The test settings put developer defaults in the environment.
            if k
            not in (
                "DATABASE_URL",
                "DJANGO_ALLOW_ASYNC_UNSAFE",
                "SECURE_COOKIES",
                "DEBUG",
            )
        },
        "DJANGO_SETTINGS_MODULE": "maxww.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": "x",
        "ALLOWED_HOSTS": "maxww.example.nl",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "INFO"],
        cwd=REPO / "src",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout + result.stderr


def test_log_lines_never_show_a_bsn(caplog):
    import structlog

    structlog.stdlib.get_logger("maxww.test").warning(
        "bsn_test_event", note="klant 111222333 belde", other="dossier 123456789"
    )
    err = caplog.text
    assert "111222333" not in err
    assert BSN_MASK in err and "123456789" in err
