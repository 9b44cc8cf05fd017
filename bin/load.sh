#!/usr/bin/env bash
# make load: 50 concurrent caseworkers against gunicorn on 127.0.0.1 with
# LOAD_PEOPLE (default 100,000) people in the PostgreSQL database maxww_load.
#
# Users log in (PBKDF2, about 0.4 s of CPU each) while they are spawned at
# LOAD_SPAWN_RATE per second; once all are in, locust resets its statistics
# (--reset-stats) and runs LOAD_SECONDS more, so the table is the steady state.
# The ramp-up logins are reported on their own line.
# Prints p50/p95/p99 and errors; exits 1 when any request failed, 2 when p95 is
# not under 200 ms, 3 when the server does not start.
#
#   LOAD_REUSE=1    keep the existing maxww_load database (no drop, no demo load)
#   LOAD_SECONDS    steady-state seconds after the ramp-up (default 120)
#   LOAD_WORKERS, LOAD_THREADS   gunicorn processes and threads (default 4 and 2)
#   LOAD_WAIT       think time per user, "low,high" seconds (default 3,10;
#                   "0.5,2" is the stress profile, see benchmarks/locustfile.py)
set -euo pipefail
cd "$(dirname "$0")/.."
people=${LOAD_PEOPLE:-100000}
users=${LOAD_USERS:-50}
rate=${LOAD_SPAWN_RATE:-1}
steady=${LOAD_SECONDS:-120}
duration=$((steady + (users + rate - 1) / rate + 5))
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
mkdir -p var

if [ "${LOAD_REUSE:-0}" != 1 ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db" postgres
  .venv/bin/maxww migrate --no-input -v 0
  echo "== generating $people people (demo factories)"
  /usr/bin/time -f "   %e s" .venv/bin/maxww demo load --people "$people" >/dev/null
  # Fresh planner statistics: a bulk load leaves none until autovacuum comes by.
  psql -h 127.0.0.1 -U postgres -qc "VACUUM ANALYZE" "$db"
fi
# Static files (templates need the manifest); skipped when nothing changed since.
manifest=$STATIC_ROOT/staticfiles.json
if [ ! -f "$manifest" ] || [ -n "$(find src -path '*/static/*' -newer "$manifest" | head -1)" ]; then
  .venv/bin/maxww collectstatic --no-input -v 0
fi
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is in use (an earlier run still stopping?); set LOAD_PORT" >&2
  exit 3
fi
pidfile=var/load-gunicorn.pid
rm -f "$pidfile"
GUNICORN_BIND=127.0.0.1:$port GUNICORN_WORKERS=${LOAD_WORKERS:-4} \
  GUNICORN_THREADS=${LOAD_THREADS:-2} \
  .venv/bin/gunicorn -c deploy/gunicorn.conf.py maxww.wsgi --daemon --pid "$pidfile"
stop_server() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
}
trap stop_server EXIT
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "gunicorn did not start" >&2; exit 3; }
echo "== $users users (spawned at $rate/s, think time ${LOAD_WAIT:-3,10} s), then ${steady}s steady state, against http://127.0.0.1:$port"
echo "   $(date -Iseconds), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f var/load_stats.csv var/load_logins.csv
LOAD_LOGINS_CSV=var/load_logins.csv .venv/bin/locust -f benchmarks/locustfile.py \
  --headless -u "$users" -r "$rate" -t "${duration}s" --reset-stats \
  --host "http://127.0.0.1:$port" --csv var/load --only-summary >var/load.log 2>&1 || true
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
.venv/bin/python - <<'PY'
import csv
import statistics
import sys

rows = list(csv.DictReader(open("var/load_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"{'endpoint':52} {'reqs':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}")
for r in rows:
    print(
        f"{r['Name'][:52]:52} {r['Request Count']:>6} {r['Failure Count']:>5} "
        f"{r['50%']:>6} {r['95%']:>6} {r['99%']:>6}"
    )
logins = sorted(float(x) for x in open("var/load_logins.csv").read().split())
if logins:
    q = statistics.quantiles(logins, n=100, method="inclusive")
    print(
        f"\nramp-up: {len(logins)} logins, p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, "
        f"max {logins[-1]:.0f} ms (not in the steady-state figures above)"
    )
p95, fails = float(total["95%"]), int(total["Failure Count"])
seconds = max(float(total.get("Requests/s") or 0), 0)
print(
    f"steady state: p50 {total['50%']} ms, p95 {total['95%']} ms, "
    f"p99 {total['99%']} ms, {seconds:.1f} req/s, "
    f"errors {fails} of {total['Request Count']}"
)
if fails:
    print("FAILED: requests failed (see var/load_failures.csv)")
    sys.exit(1)
if p95 >= 200:
    print("FAILED: p95 is not under 200 ms")
    sys.exit(2)
print("OK: no errors, p95 under 200 ms")
PY
