#!/usr/bin/env bash
# Statistics benchmark: 1,000,000 generated WeChat trades (a 3.8 campaign's four days, eight
# stores, every fifth payment with a ¥30 coupon) imported by `promodesk`, then the median time
# of every dashboard query (core/benches/stats.rs) against the baseline measured in the same
# run: the sqlite3 shell running the same aggregation over a flat table of the same rows.
# Target: every query under 50 ms median.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
export RUNS="${RUNS:-15}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv"
DB="$WORK/stats.db"
pd() { target/release/promodesk --db "$DB" "$@"; }
for i in 1 2 3 4 5 6 7 8; do
  pd store add --name "Store $i" --wechat-sub-mch-id "$((1900012300 + i))" >/dev/null
done
CAMPAIGN=$(pd campaign add --name "2027 3.8 女神节" --festival womens-day --start 2027-03-06 --end 2027-03-09 \
  --budget 5000000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
pd coupon add --campaign "$CAMPAIGN" --product wechat_cash --name "满100减30" --kind fixed --face 30 \
  --threshold 100 --quantity 150000 >/dev/null
pd import "$WORK/bill.csv" >/dev/null
echo "database: $ROWS trades, $(du -h "$DB" | cut -f1)"

# The baseline: a flat copy of the trades and one aggregation per query shape, timed by the shell.
sqlite3 "$WORK/flat.db" "ATTACH '$DB' AS src; CREATE TABLE flat AS SELECT provider, kind, occurred_at,
  merchant_id, coupon_id, order_fen, settlement_fen, coupon_fen, refund_fen, fee_e5 FROM src.trade;"
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
print(f"{'query':<18}{'median ms':>11}{'baseline ms':>13}{'ratio':>8}  target < 50 ms")
worst = 0.0
for name, ms in rows:
    ms = float(ms)
    base = b_total if name.startswith(("kpis", "campaign", "uplift")) else b_group
    worst = max(worst, ms)
    print(f"{name:<18}{ms:>11.2f}{base:>13.1f}{base / ms:>7.1f}x  {'ok' if ms < 50 else 'SLOW'}")
print(f"slowest dashboard query: {worst:.2f} ms ({'meets' if worst < 50 else 'misses'} the 50 ms target)")
PY
