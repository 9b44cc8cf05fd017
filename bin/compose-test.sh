#!/usr/bin/env bash
# make compose-test: start deploy/compose.yaml for real (db, the one-shot migrate,
# web, two workers, the scheduler), wait for /healthz/ready, log in as a demo user
# and fetch a page, run an extract import through a worker, see the scheduled jobs
# run and recorded, then `down -v`. Exit 0 when all of that held. Not in CI: the
# image build alone takes 7-10 minutes here.
#
# With docker: COMPOSE="docker compose" make compose-test. With podman, a
# podman-compose of 1.1 or newer is needed (bookworm's 1.0.3 does not wait for
# `service_completed_successfully`); without one on the PATH it is installed from
# PyPI into /tmp/pc-venv. No registry reachable: POSTGRES_IMAGE defaults to an image
# built here from deploy/postgres/Containerfile.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$(date +%s)
step() { printf '== %s (%s s)\n' "$1" "$(( $(date +%s) - START ))"; }

if [ -z "${COMPOSE:-}" ]; then
  source bin/podman-env.sh
  pc=$(command -v podman-compose || true)
  if [ -z "$pc" ] || ! "$pc" --version 2>/dev/null | grep -qE 'podman-compose version (1\.([1-9]|[0-9]{2})|[2-9])'; then
    pc=/tmp/pc-venv/bin/podman-compose
    if [ ! -x "$pc" ]; then
      step "installing podman-compose from PyPI into /tmp/pc-venv"
      python3 -m venv /tmp/pc-venv
      /tmp/pc-venv/bin/pip install --quiet podman-compose
    fi
  fi
  COMPOSE="$pc"
  podman image exists "$IMAGE" || bash bin/image.sh
  if [ -z "${POSTGRES_IMAGE:-}" ] && ! podman image exists docker.io/library/postgres:16; then
    export POSTGRES_IMAGE=localhost/maxww-postgres
    if ! podman image exists "$POSTGRES_IMAGE"; then
      step "building $POSTGRES_IMAGE from deploy/postgres/Containerfile"
      podman build --quiet --format docker --network host --build-arg BASE="$BASE_IMAGE" \
        -t "$POSTGRES_IMAGE" deploy/postgres >/dev/null
    fi
  fi
  ENGINE=podman
else
  ENGINE=docker
fi
export MAXWW_PORT="${MAXWW_PORT:-8000}"
PROJECT="${COMPOSE_PROJECT:-maxww-compose-test}"
DC=($COMPOSE -p "$PROJECT" -f deploy/compose.yaml)
URL="http://127.0.0.1:$MAXWW_PORT"
if (exec 3<>"/dev/tcp/127.0.0.1/$MAXWW_PORT") 2>/dev/null; then
  echo "port $MAXWW_PORT is taken on 127.0.0.1: set MAXWW_PORT to a free one" >&2
  exit 1
fi
# The containers of a service, by compose's own labels (podman-compose and docker alike).
cid() { $ENGINE ps -q ${2:-} --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" | head -1; }
psql_db() { $ENGINE exec -i "$(cid db)" psql -U maxww -qAt -F ' ' "$@" maxww; }

cleanup() {
  step "down -v"
  "${DC[@]}" down -v --timeout 20 >/tmp/compose-test-down.log 2>&1 || cat /tmp/compose-test-down.log
}
trap cleanup EXIT
"${DC[@]}" down -v >/dev/null 2>&1 || true

step "up -d (db ${POSTGRES_IMAGE:-postgres:16}, migrate, web, worker-1, worker-2, scheduler)"
"${DC[@]}" up -d >/tmp/compose-test-up.log 2>&1 || { cat /tmp/compose-test-up.log; exit 1; }
$ENGINE ps -a --filter "label=com.docker.compose.project=$PROJECT" --format '{{.Names}}  {{.Status}}  {{.Command}}'

step "wait for the one-shot migrate"
migrate=$(cid migrate -a)
for _ in $(seq 300); do
  state=$($ENGINE inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$migrate")
  case "$state" in exited*) break ;; esac
  sleep 1
done
$ENGINE logs "$migrate" 2>&1 | grep -vE '^\s*$' | tail -3
echo "migrate: $state"
[ "$state" = "exited 0" ]

step "web: /healthz/ready, a login and a page"
python3 bin/image_checks.py "$URL" web

step "an import through a worker"
uuid=$($ENGINE exec -i "$(cid web)" maxww shell --verbosity 0 -c "$(cat <<'PY'
import datetime, sys
from django.core.files.uploadedfile import SimpleUploadedFile
from maxww.organisations.models import User
from maxww.screening.services.uploads import store_upload
from maxww.screening.tasks import run_extract_import
user = User.objects.get(username="adviseur")
# Into MEDIA_ROOT, the volume that the workers share with web.
extract = store_upload(
    SimpleUploadedFile("uwv-extract.csv", sys.stdin.buffer.read()), by=user)
run_extract_import.enqueue(extract.pk, datetime.date.today().isoformat())
print(extract.uuid)
PY
)" < examples/uwv-extract.csv)
for _ in $(seq 120); do
  status=$(psql_db -c "SELECT status FROM screening_extractimport WHERE uuid = '$uuid'")
  [ "$status" = done ] || [ "$status" = failed ] && break
  sleep 1
done
echo "import $uuid: $status"
psql_db -c "SELECT 'task ' || status || ' by worker ' || worker_ids::text FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%run_extract_import'"
for w in worker-1 worker-2; do
  echo "$w: $($ENGINE logs "$(cid $w)" 2>&1 | grep -c 'run_extract_import' || true) log lines about run_extract_import"
done
[ "$status" = done ]

step "the scheduled jobs through the scheduler"
python3 bin/image_checks.py "$URL" scheduler
psql_db -c "SELECT job, outcome, exit_code FROM scheduler_scheduledrun ORDER BY job"
$ENGINE logs "$(cid scheduler)" 2>&1 | grep -c '"scheduler.job_succeeded"' | sed 's/^/scheduler log: job_succeeded events: /'
step "compose-test passed"
