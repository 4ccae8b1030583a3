#!/usr/bin/env bash
# Prepares the benchmark database: $TRADES trades (default $ROWS, default 1,000,000) of a mall's
# 200 tenants, from generated WeChat Pay bills of $ROWS rows imported by the release `promodesk`,
# with a 3.8 campaign over 2027-03-06…09, eight stores and a ¥30 coupon.
# - TRADES = ROWS: one bill, all of it in the campaign's four days (one payment a second).
# - TRADES > ROWS (e.g. TRADES=10000000, opt-in: about two minutes): two bills in the campaign
#   (more trades than an Excel sheet holds), the rest spread over the year before, 36 days a bill
#   (about 28,000 trades a day, a large mall's ordinary days).
# BENCH_DB_CACHE=FILE: reuse a database this script built before with the same sizes (bench.sh
# builds the 10-million one once for every benchmark). Usage: scripts/bench-db.sh WORKDIR —
# writes WORKDIR/bench.db and prints the campaign id. BENCH_DB_URL=postgres://…: builds it in that
# (empty) team database instead, through the same commands (scripts/bench-team.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$1"
ROWS="${ROWS:-1000000}"
TRADES="${TRADES:-$ROWS}"
DB="$WORK/bench.db"
CACHE="${BENCH_DB_CACHE:-}"
TAG="$TRADES-$ROWS"
cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
TEAM="${BENCH_DB_URL:-}"
[ -n "$TEAM" ] && { DB="$TEAM"; CACHE=""; }
if [ -n "$CACHE" ] && [ -f "$CACHE" ] && [ "$(cat "$CACHE.tag" 2>/dev/null)" = "$TAG" ]; then
  cp "$CACHE" "$DB"
  cat "$CACHE.campaign"
  exit 0
fi
[ -z "$TEAM" ] && rm -f "$DB" "$DB-wal" "$DB-shm"
pd() { target/release/promodesk --db "$DB" "$@"; }
for i in 1 2 3 4 5 6 7 8; do
  pd store add --name "Store $i" --wechat-sub-mch-id "$((1900012300 + i))" >/dev/null
done
CAMPAIGN=$(pd campaign add --name "2027 3.8 女神节" --festival womens-day --start 2027-03-06 --end 2027-03-09 \
  --budget 5000000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
pd coupon add --campaign "$CAMPAIGN" --product wechat_cash --name "满100减30" --kind fixed --face 30 \
  --threshold 100 --quantity 150000 >/dev/null
bills=$(( (TRADES + ROWS - 1) / ROWS ))
for ((k = 0; k < bills; k++)); do
  if [ "$bills" -eq 1 ] || [ "$k" -lt 2 ]; then
    target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv" "$((k * ROWS))"
  else
    start=$(date -d "2026-03-10 + $(( (k - 2) * 36 )) days" +%F)
    target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv" "$((k * ROWS))" "$start" 36
  fi
  pd import "$WORK/bill.csv" >/dev/null
  [ "$bills" -gt 1 ] && echo "bench-db: $(( (k + 1) * ROWS )) trades" >&2
done
rm -f "$WORK/bill.csv"
if [ -n "$CACHE" ]; then
  sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$DB" "$CACHE"
  echo "$TAG" > "$CACHE.tag"
  echo "$CAMPAIGN" > "$CACHE.campaign"
fi
echo "$CAMPAIGN"
