"""Bounded uploads: refused before the body is read, XLSX and CSV inspected first."""

from __future__ import annotations

import io
import time
import zipfile

from django.urls import reverse

import openpyxl
import pytest

from maxww.core.imports import FileError, read_table
from maxww.core.uploads import UploadRefusedError, inspect_csv, inspect_xlsx

ALIASES = {"bsn": (), "naam": ()}


class UnreadBody:
    """A request body that fails the test as soon as anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_declaring(client, path: str, size: int):
    """A multipart POST that declares ``size`` bytes and lets nobody read them."""
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE="multipart/form-data; boundary=grens",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": UnreadBody()},
    )


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A real XLSX whose first sheet unpacks to ``unpacked`` bytes of XML rows."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([["bsn", "naam"]])))
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 65536
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for part in source.infolist():
            if part.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(part, source.read(part.filename))
                continue
            with bomb.open(part.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                for _ in range(-(-unpacked // len(row))):  # rounded up
                    sheet.write(row)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture(scope="session")
def bomb() -> bytes:
    """About 1.2 MB that unpacks to 400 MB, like the one in issue 19."""
    return zip_bomb(400 * 1024 * 1024)


# ------------------------------------------------------- before the body


@pytest.mark.django_db
def test_an_upload_above_the_cap_is_refused_in_dutch_without_reading_the_body(
    client, make_user, settings
):
    client.force_login(make_user())
    size = settings.MAXWW_MAX_UPLOAD_BYTES + 1
    response = post_declaring(client, reverse("screening:import_upload"), size)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Het bestand is te groot: de grens is 200 MB." in html
    assert "Er is niets opgeslagen." in html
    assert (
        f'href="{reverse("screening:import_upload")}"' in html
    )  # the way back to the form


@pytest.mark.django_db
def test_the_api_refuses_it_with_a_structured_413_without_reading_the_body(
    client, make_user, settings
):
    settings.MAXWW_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    client.force_login(make_user())
    response = post_declaring(client, reverse("screening-import"), 6 * 1024 * 1024)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 413
    assert body["code"] == "upload_too_large"
    assert body["max_bytes"] == 5 * 1024 * 1024
    assert body["detail"].startswith("Het bestand is te groot: de grens is 5 MB.")


@pytest.mark.django_db
def test_every_upload_point_is_behind_the_same_cap(client, make_user, settings):
    settings.MAXWW_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(make_user())
    for path in (
        reverse("matching:vacancy_import"),
        reverse("handover:import"),
        reverse("portal:cv"),
    ):
        assert post_declaring(client, path, 2 * 1024 * 1024).status_code == 413, path


@pytest.mark.django_db
def test_a_json_body_is_held_to_the_smaller_in_memory_cap(client, make_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client.force_login(make_user())
    response = client.generic(
        "POST",
        reverse("consent-list"),
        CONTENT_TYPE="application/json",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
        **{"wsgi.input": UnreadBody()},
    )
    assert response.status_code == 413
    assert response.json()["max_bytes"] == 1024 * 1024


# ------------------------------------------------------- before parsing


def test_a_zip_bomb_xlsx_is_refused_from_its_directory_in_milliseconds(bomb):
    assert len(bomb) < 2 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(FileError, match=r"uitgepakt 40\d MB; de grens is 200 MB"):
        read_table(bomb, "extract.xlsx", aliases=ALIASES)
    assert time.perf_counter() - start < 0.5


def test_a_packed_too_tightly_xlsx_is_refused_even_below_the_size_cap(settings):
    small_bomb = zip_bomb(20 * 1024 * 1024)
    with pytest.raises(FileError, match="keer zijn eigen grootte"):
        read_table(small_bomb, "extract.xlsx", aliases=ALIASES)


def test_an_xlsx_declaring_too_many_rows_is_refused_before_openpyxl(settings):
    settings.MAXWW_IMPORT_MAX_ROWS = 10
    data = workbook_bytes([["bsn", "naam"], *[[str(i), "X"] for i in range(11)]])
    with pytest.raises(UploadRefusedError, match="meer dan 10 regels"):
        inspect_xlsx(io.BytesIO(data))
    data = workbook_bytes([["bsn", "naam"], *[[str(i), "X"] for i in range(10)]])
    assert read_table(data, "ok.xlsx", aliases=ALIASES).height == 10


def test_a_csv_with_too_many_rows_is_refused_while_counting_lines(settings, tmp_path):
    settings.MAXWW_IMPORT_MAX_ROWS = 1000
    path = tmp_path / "groot.csv"
    path.write_bytes(b"bsn;naam\n" + b"123456782;Jansen\n" * 1001)
    with pytest.raises(FileError, match=r"meer dan 1\.000 regels"):
        read_table(path, "groot.csv", aliases=ALIASES)
    path.write_bytes(b"\xef\xbb\xbfbsn;naam\r\n" + b"123456782;Jansen\r\n" * 1000)
    frame = read_table(path, "groot.csv", aliases=ALIASES)
    assert frame.height == 1000 and frame["naam"][0] == "Jansen"


def test_csv_encoding_is_checked_across_chunk_boundaries(tmp_path):
    path = tmp_path / "lang.csv"
    # A two-byte "é" split over the 1 MiB chunk boundary is still UTF-8.
    body = b"x" * (1024 * 1024 - 10)
    path.write_bytes(b"bsn;naam\n" + body[:-1] + "é".encode() + b"\n")
    assert inspect_csv(path) == b"bsn;naam"
    path.write_bytes(b"bsn;naam\n" + body + "é".encode("latin-1") + b"\n")
    with pytest.raises(UploadRefusedError, match="geen UTF-8-tekst"):
        inspect_csv(path)
