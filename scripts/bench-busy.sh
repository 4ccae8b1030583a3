#!/usr/bin/env bash
# A busy database: on the database of scripts/bench-db.sh (1,000,000 trades), the median time
# of `campaign list` and of a dashboard query (`stats --campaign`) from a second process, idle
# (the baseline, same run) and while another process imports a second 1,000,000-row bill; and
# how long a write (`campaign add`) waited for that import. Targets: reads < 100 ms during the
# import; the write succeeds after waiting (never "database is locked").
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

CAMPAIGN=$(scripts/bench-db.sh "$WORK")
DB="$WORK/bench.db"
# Trade numbers after every one in the database, so all of the second bill is new.
target/release/gen_wechat_bill "$ROWS" "$WORK/second.csv" "$TRADES"
pd() { target/release/promodesk --db "$DB" "$@"; }

# Median milliseconds of RUNS runs of a command.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)] / 1000}'
}

IDLE_LIST=$(median_ms pd campaign list --json)
IDLE_STATS=$(median_ms pd stats --campaign "$CAMPAIGN" --json)

pd import "$WORK/second.csv" >/dev/null &
IMPORT=$!
# The import records itself beside the database when it starts.
until [ -e "$DB.activity" ]; do sleep 0.05; done
sleep 0.5
BUSY_LIST=$(median_ms pd campaign list --json)
BUSY_STATS=$(median_ms pd stats --campaign "$CAMPAIGN" --json)
START=$(date +%s%N)
pd campaign add --name "周末快闪" --start 2027-05-01 --end 2027-05-02 --budget 1000 >/dev/null 2>"$WORK/wait.txt"
WAITED=$(( ($(date +%s%N) - START) / 1000000 ))
wait "$IMPORT"

echo "reads from a second process, median of $RUNS (ms): idle baseline vs during a $ROWS-row import"
printf '%-28s%10s%10s%8s  target < 100 ms\n' "command" "idle" "import" "ratio"
row() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN {printf "%-28s%10.1f%10.1f%7.2f×\n", n, a, b, b / a}'; }
row "campaign list" "$IDLE_LIST" "$BUSY_LIST"
row "stats --campaign (dashboard)" "$IDLE_STATS" "$BUSY_STATS"
echo "a write during the import waited ${WAITED} ms, then succeeded"
echo "it said: $(head -1 "$WORK/wait.txt")"
