#!/usr/bin/env bash
# Prepares the benchmark database: $ROWS (default 1,000,000) generated WeChat trades over a 3.8
# campaign's four days in eight stores (every fifth payment with a ¥30 coupon), imported by the
# release `promodesk`. Usage: scripts/bench-db.sh WORKDIR — writes WORKDIR/bench.db and prints
# the campaign id.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$1"
ROWS="${ROWS:-1000000}"
cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv"
DB="$WORK/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
pd() { target/release/promodesk --db "$DB" "$@"; }
for i in 1 2 3 4 5 6 7 8; do
  pd store add --name "Store $i" --wechat-sub-mch-id "$((1900012300 + i))" >/dev/null
done
CAMPAIGN=$(pd campaign add --name "2027 3.8 女神节" --festival womens-day --start 2027-03-06 --end 2027-03-09 \
  --budget 5000000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
pd coupon add --campaign "$CAMPAIGN" --product wechat_cash --name "满100减30" --kind fixed --face 30 \
  --threshold 100 --quantity 150000 >/dev/null
pd import "$WORK/bill.csv" >/dev/null
rm -f "$WORK/bill.csv"
echo "$CAMPAIGN"
