"""Peak memory of uploading and importing a 150 MB UWV extract (issue 19, finding 8).

Usage (from the repository root; needs a PostgreSQL server you may create
databases on):

    .venv/bin/python benchmarks/upload_memory.py             # 150 MB
    .venv/bin/python benchmarks/upload_memory.py --mb 20     # quicker

It creates a throw-away database (``maxww_bench_uploads``), migrates it, makes
a region, a UWV organisation with a coordinator and an API token, and writes a
seeded synthetic extract of ``--mb`` MB to a temporary file. Then, each in a
process of its own:

1. **web**: gunicorn (one sync worker) serves maxww; the extract is streamed to
   ``POST /api/v1/screening/imports`` over HTTP in 1 MiB chunks. The answer
   must be 202 (queued). Peak memory is the worker's ``VmHWM`` (Linux's
   high-water mark of resident memory) after the upload, next to its ``VmHWM``
   after one ``GET /healthz`` before it.
2. **worker**: the queued task runs as ``maxww db_worker`` would run it
   (``run_extract_import``, reading the stored file from MEDIA_ROOT); peak
   memory is that process's ``ru_maxrss``.

It checks that every row landed and that the database holds no copy of the
file. The database and the files are removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from screening_import import _admin, _urls, extract_csv  # noqa: E402 - after the path

DB = "maxww_bench_uploads"
PORT = 8765
BIN = Path(sys.executable).parent


def _high_water_mb(pid: int) -> float:
    """Linux's peak resident memory of a live process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def _write_extract(path: Path, megabytes: int) -> int:
    """A seeded synthetic extract of about ``megabytes`` MB; returns its rows."""
    per_row = len(extract_csv(10_000)) / 10_000
    rows = int(megabytes * 1_000_000 / per_row)
    path.write_bytes(extract_csv(rows))
    return rows


def _stream_upload(path: Path, token: str) -> tuple[int, dict]:
    """POST the file as multipart in 1 MiB chunks; the client never holds it whole."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    conn.putrequest("POST", "/api/v1/screening/imports")
    conn.putheader("Authorization", f"Token {token}")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(len(head) + path.stat().st_size + len(tail)))
    conn.endheaders()
    conn.send(head)
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            conn.send(chunk)
    conn.send(tail)
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def _wait_for(port: int, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


WORKER = """
import resource, sys, time, django
django.setup()
from maxww.screening.models import ExtractImport
from maxww.screening.services.imports import pipeline
from maxww.screening.tasks import run_extract_import
if sys.argv[3] == "stages":
    set_progress, start = pipeline._set_progress, time.perf_counter()
    def staged(extract, progress, stage):
        status = open("/proc/self/status").read().split("\\n")
        mem = {l.split(":")[0]: int(l.split()[1]) // 1024 for l in status if l[:2] == "Vm"}
        print(f"   {time.perf_counter() - start:6.1f} s  {stage:<40} now "
              f"{mem['VmRSS']:5} MB, peak so far {mem['VmHWM']:5} MB", file=sys.stderr)
        set_progress(extract, progress, stage)
    pipeline._set_progress = staged
extract = ExtractImport.objects.get(uuid=sys.argv[1])
status = run_extract_import.call(extract.pk, sys.argv[2])
print(status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=150)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--stages", action="store_true", help="the worker's memory at each stage"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    stages = "stages" if args.stages else "-"
    server, bench = _urls(args.database_url, DB)
    _admin(server, f"DROP DATABASE IF EXISTS {DB}")
    _admin(server, f"CREATE DATABASE {DB}")
    work = Path(tempfile.mkdtemp(prefix="maxww-bench-uploads-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maxww.conf.test",
        "DATABASE_URL": bench,
        "MEDIA_ROOT": str(work / "media"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from maxww.organisations.models import (
        Municipality,
        Organisation,
        Region,
        RegionalConfig,
        User,
    )
    from maxww.people.models import WWClaim
    from maxww.screening.models import ExtractImport

    web = None
    try:
        call_command("migrate", verbosity=0)
        region = Region.objects.create(code="AM99", name="Benchregio")
        RegionalConfig.objects.create(region=region)
        Municipality.objects.bulk_create(
            Municipality(code=f"GM{i:04d}", name=f"Gemeente {i}", region=region)
            for i in range(1, 11)
        )
        uwv = Organisation.objects.create(name="Bench UWV", kind="uwv", region=region)
        user = User.objects.create(
            username="bench", role="coordinator", organisation=uwv
        )
        from rest_framework.authtoken.models import Token

        token = Token.objects.create(user=user).key
        connections.close_all()

        path = work / "extract.csv"
        start = time.perf_counter()
        rows = _write_extract(path, args.mb)
        size = path.stat().st_size
        print(
            f"extract: {rows:,} rows, {size / 1e6:.0f} MB"
            f" (written in {time.perf_counter() - start:.1f} s)"
        )

        web = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "maxww.wsgi:application",
                *("--workers", "1", "--timeout", "600"),
                *("--bind", f"127.0.0.1:{PORT}"),
            ],
            env=env,
            cwd=ROOT,
        )
        _wait_for(PORT)
        import psutil

        (worker,) = psutil.Process(web.pid).children()
        idle = _high_water_mb(worker.pid)
        start = time.perf_counter()
        status, body = _stream_upload(path, token)
        took = time.perf_counter() - start
        peak = _high_water_mb(worker.pid)
        assert status == 202, (status, body)
        print(
            f"1. web: upload streamed in {took:.1f} s, answer {status} "
            f"(status {body['status']}); gunicorn worker peak {peak:.0f} MB "
            f"(idle after GET /healthz: {idle:.0f} MB)"
        )
        web.terminate()
        web.wait(30)
        web = None
        stored = work / "media" / ExtractImport.objects.get().file.name
        assert stored.stat().st_size == size, "the stored file differs"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size(%s)", [ExtractImport._meta.db_table]
            )
            table_bytes = cursor.fetchone()[0]
        connections.close_all()

        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", WORKER, body["uuid"], "2026-11-23", stages],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        took = time.perf_counter() - start
        outcome, max_kb = done.stdout.split()[-2:]
        assert outcome == "done", done.stdout
        assert WWClaim.objects.count() == rows
        print(
            f"2. worker: {rows:,} rows imported in {took:.1f} s; "
            f"peak {int(max_kb) / 1024:.0f} MB"
        )
        print(
            f"   extract table {table_bytes / 1024:.0f} kB on disk with the upload "
            f"pending; stored file removed after the import: {not stored.exists()}"
        )
    finally:
        if web is not None:
            web.terminate()
            web.wait(30)
        connections.close_all()
        if not args.keep:
            _admin(server, f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
            import shutil

            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
