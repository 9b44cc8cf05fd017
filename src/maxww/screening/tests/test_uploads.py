"""The extract upload: stored as a file (not in the database), large ones queued."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

import pytest
from django_tasks import default_task_backend

from maxww.core.tests.test_uploads import zip_bomb
from maxww.people.models import Person
from maxww.screening.constants import ImportStatus
from maxww.screening.models import ExtractImport
from maxww.screening.tasks import run_extract_import

from .conftest import EXAMPLE, ON
from .test_faults import big_extract

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def upload(client, name: str, data: bytes, **kwargs):
    return client.post(
        reverse("screening:import_upload"),
        {"file": SimpleUploadedFile(name, data)},
        **kwargs,
    )


@pytest.fixture
def queue(settings):
    """Tasks are queued, not run: what a worker would pick up."""
    settings.TASKS = DUMMY
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.mark.django_db
def test_an_extract_above_the_inline_size_is_always_a_background_task(
    client, coordinator, queue, settings
):
    data = big_extract(2000)  # ~360 KB: above the default 256 KB, below main's 2 MB
    assert len(data) > settings.MAXWW_IMPORT_INLINE_BYTES == 256 * 1024
    client.force_login(coordinator)
    response = upload(client, "middel.csv", data, follow=True)
    extract = ExtractImport.objects.get()
    assert extract.status == ImportStatus.PENDING
    assert not Person.objects.exists()  # nothing imported inside the request
    assert [r.args for r in queue.results] == [[extract.pk, ON.today().isoformat()]]
    html = response.content.decode()
    assert "In de wachtrij (0%)" in html
    assert 'hx-get="' in html  # the page polls for progress

    # The worker picks it up; the page then shows the result.
    assert run_extract_import.call(extract.pk, ON.isoformat()) == ImportStatus.DONE
    assert Person.objects.count() == 2000
    page = client.get(reverse("screening:import_detail", args=[extract.uuid]))
    assert "Het bestand is ingelezen" in page.content.decode()


@pytest.mark.django_db
def test_a_small_extract_is_still_imported_at_once(client, coordinator, queue):
    client.force_login(coordinator)
    response = upload(client, "klein.csv", EXAMPLE.read_bytes(), follow=True)
    assert "Het bestand is ingelezen" in response.content.decode()
    assert not queue.results
    assert Person.objects.count() == 20


@pytest.mark.django_db
def test_the_uploaded_file_is_in_media_storage_not_in_the_database(
    client, coordinator, queue, settings
):
    data = big_extract(2000)
    client.force_login(coordinator)
    upload(client, "middel.csv", data)
    extract = ExtractImport.objects.get()
    stored = Path(settings.MEDIA_ROOT) / extract.file.name
    assert stored.parent == Path(settings.MEDIA_ROOT) / "imports" / "uwv"
    assert stored.name == f"{extract.uuid}.csv"  # not the uploaded name
    assert hashlib.sha256(stored.read_bytes()).digest() == hashlib.sha256(data).digest()
    # The row itself is small: no column of it holds the file.
    table = ExtractImport._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")
        row = cursor.fetchone()
    assert sum(len(str(v)) for v in row) < 1000
    # Processed, the file is gone too: the people are in the database now.
    run_extract_import.call(extract.pk, ON.isoformat())
    assert not stored.exists()
    extract.refresh_from_db()
    assert extract.file.name == ""


@pytest.mark.django_db
def test_the_api_queues_a_large_extract_and_answers_202_with_progress(
    coordinator, queue
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.post(
        reverse("screening-import"),
        {"file": SimpleUploadedFile("middel.csv", big_extract(2000))},
        format="multipart",
    )
    assert response.status_code == 202
    assert response.data["status"] == ImportStatus.PENDING
    assert response.data["progress"] == 0
    assert len(queue.results) == 1 and not Person.objects.exists()


@pytest.mark.django_db
def test_a_zip_bomb_extract_is_refused_quickly_and_stores_nothing(
    client, coordinator, settings
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # stream it to disk, as a large one is
    bomb = zip_bomb(400 * 1024 * 1024)
    client.force_login(coordinator)
    start = time.perf_counter()
    response = upload(client, "bom.xlsx", bomb, follow=True)
    elapsed = time.perf_counter() - start
    html = response.content.decode()
    assert re.search(r"uitgepakt 40\d MB; de grens is 200 MB", html), html[-3000:]
    assert elapsed < 2, f"the request took {elapsed:.1f} s"
    extract = ExtractImport.objects.get()
    assert extract.status == ImportStatus.FAILED
    assert not extract.file
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_queued_extract_of_an_uploader_who_lost_the_role_imports_nothing(
    client, coordinator, queue
):
    """Background work follows the policy: the check is made when the task runs."""
    client.force_login(coordinator)
    upload(client, "middel.csv", big_extract(2000))
    extract = ExtractImport.objects.get()
    coordinator.role = "analyst"  # moved to another job before the worker ran
    coordinator.save(update_fields=["role"])
    assert run_extract_import.call(extract.pk, ON.isoformat()) == ImportStatus.FAILED
    extract.refresh_from_db()
    assert "mag niet meer importeren" in extract.message
    assert not Person.objects.exists()
