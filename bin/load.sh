#!/usr/bin/env bash
# make load: 50 concurrent caseworkers against gunicorn on 127.0.0.1 with
# LOAD_PEOPLE (default 100,000) people in a throw-away PostgreSQL database.
# Prints p50/p95/p99 and errors; exits 1 when p95 >= 200 ms or any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${LOAD_PEOPLE:-100000}
users=${LOAD_USERS:-50}
duration=${LOAD_SECONDS:-60}
port=${LOAD_PORT:-8765}
db=maxww_load
pg=postgres://postgres@127.0.0.1:5432
export DATABASE_URL="$pg/$db"
export DJANGO_SETTINGS_MODULE=maxww.conf.production
export SECRET_KEY=load-test-secret-key-not-for-production-0123456789abcdef
export FIELD_ENCRYPTION_KEY=load-test-field-key
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export MAXWW_REQUIRE_2FA=false LOG_LEVEL=WARNING GUNICORN_ACCESSLOG=/dev/null
export STATIC_ROOT=var/load-static

if [ "${LOAD_REUSE:-0}" != 1 ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" postgres
  .venv/bin/maxww migrate --no-input -v 0
  echo "== generating $people people (demo factories)"
  /usr/bin/time -f "   %e s" .venv/bin/maxww demo load --people "$people" >/dev/null
fi
.venv/bin/maxww collectstatic --no-input -v 0
GUNICORN_BIND=127.0.0.1:$port GUNICORN_WORKERS=${LOAD_WORKERS:-4} \
  .venv/bin/gunicorn -c deploy/gunicorn.conf.py maxww.wsgi --daemon --pid var/load-gunicorn.pid
trap 'kill "$(cat var/load-gunicorn.pid)" 2>/dev/null || true' EXIT
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
echo "== $users users for ${duration}s against http://127.0.0.1:$port"
.venv/bin/locust -f benchmarks/locustfile.py --headless -u "$users" -r 10 -t "${duration}s" \
  --host "http://127.0.0.1:$port" --csv var/load --only-summary >/dev/null 2>&1 || true
.venv/bin/python - <<'PY'
import csv, sys
rows = list(csv.DictReader(open("var/load_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"{'endpoint':45} {'reqs':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
for r in rows:
    print(f"{r['Name'][:45]:45} {r['Request Count']:>6} {r['Failure Count']:>5} "
          f"{r['50%']:>6} {r['95%']:>6} {r['99%']:>6}")
p95, fails = float(total["95%"]), int(total["Failure Count"])
print(f"\np50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
      f"errors {fails} of {total['Request Count']}")
sys.exit(0 if p95 < 200 and fails == 0 else 1)
PY
