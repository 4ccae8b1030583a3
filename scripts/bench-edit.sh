#!/usr/bin/env bash
# Edit benchmark: on the database of scripts/bench-db.sh (1,000,000 trades of a mall's 200
# tenants), the median time of a store rename, mapping a tenant's merchant id (about 5,000
# trades move), a campaign's description and end date, a coupon's quantity and a new store
# with a merchant id already in the bills — each against the same edit on the same database
# without trades, measured in the same run (core/benches/edit.rs). Target: under 50 ms each.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
scripts/bench-db.sh "$WORK" >/dev/null
PROMODESK_BENCH_DB="$WORK/bench.db" cargo bench -q -p promodesk-core --bench edit | tee "$WORK/edit.txt"
python3 - "$WORK/edit.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("edit ")]
print(f"\n{'edit, this database':44}{'median ms':>10}{'empty DB':>10}{'ratio':>8}{'spread':>14}")
for _, name, ours, base, spread in rows:
    print(f"{name:44}{float(ours):>10.2f}{float(base):>10.2f}{float(ours)/float(base):>7.1f}×{spread:>14}")
worst = max(float(r[2]) for r in rows)
print(f"slowest edit: {worst:.2f} ms (target < 50 ms)")
for _, name, ours, base, spread in [l.split() for l in open(sys.argv[1]) if l.startswith("heavy ")]:
    print(f"re-attributing edit {name}: {float(ours):.0f} ms (empty DB {float(base):.2f} ms)")
PY
