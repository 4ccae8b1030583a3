#!/usr/bin/env bash
# Every benchmark, one table: import, dashboard queries, edits, report export, app start-up and
# idle memory, and the team database's import and dashboards (bench-team.sh) — each against its
# baseline measured in the same run. The detailed output of each
# benchmark is printed first.
#
# TRADES=10000000 (opt-in; about 25 more minutes) runs the dashboard, edit, export and app
# benchmarks on a database of that many trades (scripts/bench-db.sh: generated bills through the
# importer, built once); the import benchmark always imports one $ROWS-row bill.
# BENCH_DB_CACHE=FILE keeps that database between runs (built by this version of PromoDesk).
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export BENCH_DB_CACHE="${BENCH_DB_CACHE:-$WORK/cache.db}"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "== import";  scripts/bench-import.sh | tee "$WORK/import.txt"
echo "== stats";   scripts/bench-stats.sh  | tee "$WORK/stats.txt"
echo "== edits";   scripts/bench-edit.sh  | tee "$WORK/edit.txt"
echo "== export";  scripts/bench-export.sh | tee "$WORK/export.txt"
echo "== busy";    scripts/bench-busy.sh  | tee "$WORK/busy.txt"
echo "== codes";   scripts/bench-codes.sh | tee "$WORK/codes.txt"
echo "== team";    scripts/bench-team.sh  | tee "$WORK/team.txt"
echo "== app"
scripts/bench-db.sh "$WORK" >/dev/null
# The floor: an empty Tauri app built beside the real one, same profile, same Tauri.
cargo build --release -q -p promodesk-app -p promodesk-empty-app
PROMODESK_APP_BIN="$PWD/target/release/promodesk-app" PROMODESK_BENCH_DB="$WORK/bench.db" \
  PROMODESK_EMPTY_APP_BIN="$PWD/target/release/promodesk-empty-app" \
  E2E_TEST=bench_app scripts/e2e.sh --nocapture 2>/dev/null \
  | grep -oE '(startup|startupspread|memory|pss|pssspread)_[a-z]+ [0-9.-]+' | tee "$WORK/app.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

scripts/bench-table.py "$WORK" "$TRADES"
