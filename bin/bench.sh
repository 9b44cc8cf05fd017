#!/usr/bin/env bash
# make bench: every benchmark in benchmarks/, each printing its figures and ratios.
# Benchmarks that need PostgreSQL create and drop their own database on
# BENCH_PG (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_PG="${BENCH_PG:-postgres://postgres@127.0.0.1:5432/postgres}"
export DJANGO_SETTINGS_MODULE=maxww.conf.test
status=0
for script in benchmarks/*.py; do
  [[ "$(basename "$script")" == _* ]] && continue  # helpers, not benchmarks
  echo "== $script"
  .venv/bin/python "$script" || { echo "!! $script failed"; status=1; }
done
exit $status
