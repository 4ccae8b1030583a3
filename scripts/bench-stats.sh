#!/usr/bin/env bash
# Statistics benchmark: on the database of scripts/bench-db.sh (1,000,000 trades of a 3.8
# campaign), the median time of every dashboard query (core/benches/stats.rs) against the
# baseline measured in the same run: the sqlite3 shell running the same aggregation over a flat
# table of the same rows.
# Target: every query under 50 ms median.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
export RUNS="${RUNS:-15}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

CAMPAIGN=$(scripts/bench-db.sh "$WORK")
DB="$WORK/bench.db"
echo "database: $TRADES trades, $(du -h "$DB" | cut -f1), $(python3 -c "import os,sys; print(round(os.path.getsize(sys.argv[1]) / int(sys.argv[2]), 1))" "$DB" "$TRADES") bytes per trade"

# The baseline: a flat copy of the trades and one aggregation per query shape, timed by the shell.
# (trade_row holds the trades as stored: provider, kind and merchant as compact values.)
sqlite3 "$WORK/flat.db" "ATTACH '$DB' AS src; CREATE TABLE flat AS SELECT provider, refund AS kind, occurred_at,
  merchant_ref AS merchant_id, coupon_id, order_fen, order_fen - settle_less AS settlement_fen, coupon_fen, refund_fen, fee_e5
  FROM src.trade_row;"
baseline() {
  local sql="$1" times=()
  for _ in $(seq "$RUNS"); do
    times+=("$(printf ".timer on\n%s\n" "$sql" | sqlite3 "$WORK/flat.db" 2>&1 | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | tail -1)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f\n", a[int((NR+1)/2)] * 1000}'
}
SUMS="COUNT(*), SUM(order_fen), SUM(settlement_fen), SUM(coupon_fen), SUM(refund_fen), SUM(fee_e5)"
B_TOTAL=$(baseline "SELECT kind, $SUMS FROM flat GROUP BY kind;")
B_GROUP=$(baseline "SELECT merchant_id, kind, $SUMS FROM flat GROUP BY merchant_id, kind;")

PROMODESK_BENCH_DB="$DB" PROMODESK_BENCH_CAMPAIGN="$CAMPAIGN" \
  cargo bench -q -p promodesk-core --bench stats > "$WORK/ours.txt"

python3 - "$WORK/ours.txt" "$B_TOTAL" "$B_GROUP" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
b_total, b_group = float(sys.argv[2]), float(sys.argv[3])
print(f"sqlite3 shell, flat table: totals {b_total:.1f} ms, grouped {b_group:.1f} ms (baseline, same run)")
print(f"{'query':<18}{'median ms':>11}{'spread':>14}{'baseline ms':>13}{'ratio':>11}  target < 50 ms")
worst, worst_spread = 0.0, ""
for name, ms, spread in rows:
    ms = float(ms)
    base = b_total if name.startswith(("kpis", "campaign", "uplift")) else b_group
    if ms > worst:
        worst, worst_spread = ms, spread
    print(f"{name:<18}{ms:>11.2f}{spread:>14}{base:>13.1f}{base / ms:>10.1f}x  {'ok' if ms < 50 else 'SLOW'}")
print(f"slowest dashboard query: {worst:.2f} ms, spread {worst_spread} ({'meets' if worst < 50 else 'misses'} the 50 ms target)")
PY
