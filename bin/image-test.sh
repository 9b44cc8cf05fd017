#!/usr/bin/env bash
# make image-test: run the image as a deployment would, against this machine's
# PostgreSQL: migrate, demo load, web, two workers, the scheduler; check /healthz,
# /healthz/ready and a logged-in page, an import through a worker and the
# scheduled jobs through the scheduler; then stop everything. Exit 0 when all held.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/podman-env.sh

DB="${IMAGE_TEST_DB:-maxww_deploy}"
PORT="${IMAGE_TEST_PORT:-8765}"   # not 8000: host networking shares the machine's ports
NAME=maxww-image-test
URL="http://127.0.0.1:$PORT"
PSQL=(psql -h 127.0.0.1 -U postgres -qAt)
ENVS=(
  -e DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
  -e SECRET_KEY=image-test-only-not-secret
  -e FIELD_ENCRYPTION_KEY=aW1hZ2UtdGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0ISE=
  -e ALLOWED_HOSTS=127.0.0.1,localhost
  -e PORT="$PORT"
  # Plain HTTP on the loopback, no TOTP app for the demo users: a first look only.
  -e SECURE_SSL_REDIRECT=false -e SECURE_COOKIES=false -e MAXWW_REQUIRE_2FA=false
  -e GUNICORN_WORKERS=2
  # No SMTP server here: reminders and invitations are printed instead of sent.
  -e EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
  # One media volume for all, as in production: an upload is read by a worker.
  -v "$NAME-media:/var/lib/maxww/media"
)
# One-offs and background processes: no HEALTHCHECK timer (that is for web).
run() { podman run --rm --no-healthcheck -e LOG_LEVEL=WARNING "${ENVS[@]}" "$@"; }
start() { podman run -d --no-healthcheck --name "$NAME-$1" "${ENVS[@]}" "${@:2}" >/dev/null; }
step() { printf '== %s (%s s)\n' "$1" "$(( $(date +%s) - START ))"; }

cleanup() {
  for c in web worker-1 worker-2 scheduler; do
    podman rm --force --time 10 "$NAME-$c" >/dev/null 2>&1 || true
  done
  podman volume rm --force "$NAME-media" >/dev/null 2>&1 || true
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres || true
}
trap cleanup EXIT
START=$(date +%s)
cleanup
"${PSQL[@]}" -c "CREATE DATABASE $DB" postgres

step "migrate (one-shot)"
run "$IMAGE" maxww migrate --no-input | tail -1
step "demo load (one-shot)"
run "$IMAGE" maxww demo load | tail -2

step "web, two workers, scheduler"
# web keeps its HEALTHCHECK; podman runs it on request here (no systemd timers).
podman run -d --health-interval disable --name "$NAME-web" "${ENVS[@]}" "$IMAGE" >/dev/null
start worker-1 "$IMAGE" maxww db_worker
start worker-2 "$IMAGE" maxww db_worker
start scheduler "$IMAGE" maxww scheduler --interval 5

python3 bin/image_checks.py "$URL" web
step "image HEALTHCHECK"
podman healthcheck run "$NAME-web" && echo "healthy"

step "an import through a worker"
uuid=$(run -v "$PWD/examples:/examples:ro" "$IMAGE" maxww shell --verbosity 0 -c "$(cat <<'PY'
import datetime
from django.core.files.uploadedfile import SimpleUploadedFile
from maxww.organisations.models import User
from maxww.screening.services.uploads import store_upload
from maxww.screening.tasks import run_extract_import
user = User.objects.get(username="adviseur")
# Into MEDIA_ROOT, the volume that the workers share with this one-off.
extract = store_upload(
    SimpleUploadedFile("uwv-extract.csv", open("/examples/uwv-extract.csv", "rb").read()),
    by=user)
run_extract_import.enqueue(extract.pk, datetime.date.today().isoformat())
print(extract.uuid)
PY
)")
for _ in $(seq 60); do
  status=$("${PSQL[@]}" -c "SELECT status FROM screening_extractimport WHERE uuid = '$uuid'" "$DB")
  [ "$status" = done ] || [ "$status" = failed ] && break
  sleep 1
done
echo "import $uuid: $status"
"${PSQL[@]}" -c "SELECT 'task ' || status || ' by worker ' || worker_ids::text FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%run_extract_import'" "$DB"
[ "$status" = done ]

step "the scheduled jobs through the scheduler"
python3 bin/image_checks.py "$URL" scheduler
"${PSQL[@]}" -F ' ' -c "SELECT job, outcome, exit_code FROM scheduler_scheduledrun ORDER BY job" "$DB"

step "stop"
podman stop --time 20 "$NAME-scheduler" "$NAME-worker-1" "$NAME-worker-2" "$NAME-web" >/dev/null
podman logs "$NAME-scheduler" 2>&1 | grep -c '"scheduler.job_succeeded"' | sed 's/^/scheduler log: job_succeeded events: /'
podman logs "$NAME-scheduler" 2>&1 | grep -q '"scheduler.stopped"' && echo "scheduler stopped cleanly on SIGTERM"
step "image-test passed"
