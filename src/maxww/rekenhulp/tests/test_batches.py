"""POST /api/v1/rules/batches: a file of cases through the task worker, then download."""

import io
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import polars as pl
import pytest

from maxww.audit.models import AccessLog
from maxww.organisations.constants import Role
from maxww.rekenhulp import batches
from maxww.rekenhulp.models import RuleBatch

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parents[2] / "rules" / "tests" / "files"


@pytest.fixture
def api(client, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user(role=Role.CASE_MANAGER, username="kim"))
    return client


def _upload(client, path: Path, law: str = "bijstand", **extra):
    with path.open("rb") as handle:
        return client.post(
            reverse("rules-batches"), {"law": law, "file": handle, **extra}
        )


def test_a_csv_runs_in_the_worker_and_the_result_downloads_as_parquet(api):
    response = _upload(api, FILES / "bijstand_good.csv")
    assert response.status_code == 202
    batch = response.json()
    # The test settings run tasks immediately; a real worker would poll to here.
    detail = api.get(reverse("rules-batch", args=[batch["uuid"]])).json()
    assert (detail["status"], detail["progress_percent"], detail["rows_total"]) == (
        "done",
        100,
        2,
    )
    download = api.get(detail["result_url"])
    assert download.status_code == 200
    rows = pl.read_parquet(io.BytesIO(b"".join(download.streaming_content))).to_dicts()
    # Participatiewet art. 21 onder a and b (2026): € 1.401,50 and € 2.002,13.
    assert [str(r["norm_monthly_eur"]) for r in rows] == ["1401.50", "2002.13"]
    actions = set(AccessLog.objects.values_list("action", flat=True))
    assert {"created", "exported"} <= actions


def test_progress_is_counted_per_chunk(api, monkeypatch, tmp_path):
    monkeypatch.setattr(batches, "CHUNK_ROWS", 10)
    good = pl.read_csv(FILES / "bijstand_good.csv", infer_schema=False)
    path = tmp_path / "many.parquet"
    pl.concat([good] * 13).write_parquet(path)
    batch = _upload(api, path, output_format="csv").json()
    detail = api.get(reverse("rules-batch", args=[batch["uuid"]])).json()
    assert (detail["rows_done"], detail["rows_total"]) == (26, 26)
    text = b"".join(api.get(detail["result_url"]).streaming_content).decode()
    assert text.count("\n") == 27  # header + 26 rows


def test_a_bad_file_fails_with_row_and_field_errors_and_no_result(api):
    batch = _upload(api, FILES / "bijstand_bad_household.csv").json()
    detail = api.get(reverse("rules-batch", args=[batch["uuid"]])).json()
    assert detail["status"] == "failed" and detail["status_label"] == "afgekeurd"
    assert {"row": 2, "field": "household"} in [
        {"row": e["row"], "field": e["field"]} for e in detail["errors"]
    ]
    assert detail["result_url"] is None
    assert (
        api.get(reverse("rules-batch-result", args=[batch["uuid"]])).status_code == 409
    )


def test_too_large_is_refused_on_content_length_before_reading(api, settings):
    settings.RULES_BATCH_MAX_BYTES = 100
    response = _upload(api, FILES / "bijstand_good.csv")
    assert response.status_code == 413
    assert response.json()["max_bytes"] == 100


def test_only_the_uploader_sees_a_batch_and_aggregate_roles_cannot_upload(
    api, client, make_user
):
    batch = _upload(api, FILES / "bijstand_good.csv").json()
    client.force_login(make_user(role=Role.COACH, username="other"))
    assert client.get(reverse("rules-batch", args=[batch["uuid"]])).status_code == 404
    client.force_login(make_user(role=Role.ANALYST, username="ana"))
    assert _upload(client, FILES / "bijstand_good.csv").status_code == 403


def test_a_batch_and_its_files_are_deleted_after_the_retention_period(api, settings):
    settings.RULES_BATCH_KEEP_DAYS = 7
    done = _upload(api, FILES / "bijstand_good.csv").json()["uuid"]
    stuck = _upload(api, FILES / "bijstand_good.csv").json()["uuid"]
    fresh = _upload(api, FILES / "bijstand_good.csv").json()["uuid"]
    files = [
        Path(f.path)
        for b in RuleBatch.objects.filter(uuid__in=[done, stuck])
        for f in (b.input_file, b.output_file)
        if f
    ]
    assert len(files) == 4 and all(p.exists() for p in files)
    now = timezone.now()
    RuleBatch.objects.filter(uuid=done).update(finished_at=now - timedelta(days=8))
    # A batch whose worker died never finishes; it goes 7 days after its upload.
    RuleBatch.objects.filter(uuid=stuck).update(
        status="running", finished_at=None, created_at=now - timedelta(days=8)
    )
    RuleBatch.objects.filter(uuid=fresh).update(finished_at=now - timedelta(days=6))

    call_command("rekenhulp", "prune-batches")

    assert not any(p.exists() for p in files)
    assert api.get(reverse("rules-batch", args=[done])).status_code == 404
    assert api.get(reverse("rules-batch", args=[stuck])).status_code == 404
    kept = api.get(reverse("rules-batch", args=[fresh])).json()
    assert kept["status"] == "done"
    assert api.get(kept["result_url"]).status_code == 200
