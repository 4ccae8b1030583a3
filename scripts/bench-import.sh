#!/usr/bin/env bash
# Import benchmark: a generated WeChat Pay trade bill of $ROWS rows (default 1,000,000) imported
# by `promodesk import` (parse, validate, dedupe, reconcile, match stores, attribute coupons,
# commit) and, as the baseline measured in the same run, by the sqlite3 shell's `.import` of
# the same file into a bare table. Prints rows/s, peak memory and the ratio (ours / sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv"
echo "bill: $ROWS rows, $(du -h "$WORK/bill.csv" | cut -f1)"

python3 - "$WORK" "$ROWS" "$RUNS" <<'PY'
import os, resource, statistics, subprocess, sys, time
work, rows, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bill = os.path.join(work, "bill.csv")

def run(cmd, db):
    for suffix in ("", "-wal", "-shm"):
        try: os.remove(db + suffix)
        except FileNotFoundError: pass
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak

ours, base, peaks = [], [], []
for _ in range(runs):
    db = os.path.join(work, "promodesk.db")
    e, p = run(["target/release/promodesk", "--db", db, "import", bill], db)
    ours.append(e); peaks.append(p)
    sdb = os.path.join(work, "baseline.db")
    e, _ = run(["sqlite3", sdb, "-cmd", ".mode csv", f".import {bill} bill"], sdb)
    base.append(e)
o, b = statistics.median(ours), statistics.median(base)
print(f"{'':24}{'median s':>10}{'rows/s':>12}")
print(f"{'promodesk import':24}{o:>10.2f}{rows/o:>12,.0f}")
print(f"{'sqlite3 .import (bare)':24}{b:>10.2f}{rows/b:>12,.0f}")
print(f"ratio (ours / sqlite3): {b/o:.2f}   (target >= 1.0, failure < 0.33)")
print(f"peak memory of promodesk import: {max(peaks)//1024} MB (target < 200 MB)")
PY
