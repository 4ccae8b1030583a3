#!/usr/bin/env bash
# Import benchmark: a generated WeChat Pay trade bill of $ROWS rows (default 1,000,000) that looks
# like a mall's (200 tenants, a third of the payments with a coupon, one row in 25 a refund of an
# earlier payment, Chinese product names, fees) imported by `promodesk import` (parse, validate,
# dedupe, reconcile, match stores, attribute coupons, commit) and, as the baseline measured in the
# same run, by the sqlite3 shell's `.import` of the same file into a bare table. Runs alternate
# (ours, sqlite3, ours, …) so both see the same machine load. Prints each median with its spread
# (min–max), the ratio (sqlite3 time / ours: ≥ 1.0 means at least as fast), peak memory, and the
# database's bytes per trade beside the bill's bytes per row.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-3}"
# BIN: where promodesk and gen_wechat_bill are (another build's, to compare); built here if unset.
BIN="${BIN:-}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ -z "$BIN" ]; then
  cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
  BIN=target/release
fi
"$BIN/gen_wechat_bill" "$ROWS" "$WORK/bill.csv"
echo "bill: $ROWS rows, $(du -h "$WORK/bill.csv" | cut -f1)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"

python3 - "$WORK" "$ROWS" "$RUNS" "$BIN" <<'PY'
import os, resource, statistics, subprocess, sys, time
work, rows, runs, bindir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
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

def db_bytes(db):
    # Everything checkpointed into the file, so its size is the data's.
    subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True, stdout=subprocess.DEVNULL)
    return os.path.getsize(db)

ours, base, peaks = [], [], []
for _ in range(runs):
    db = os.path.join(work, "promodesk.db")
    e, p = run([f"{bindir}/promodesk", "--db", db, "import", bill], db)
    ours.append(e); peaks.append(p)
    sdb = os.path.join(work, "baseline.db")
    e, _ = run(["sqlite3", sdb, "-cmd", ".mode csv", f".import {bill} bill"], sdb)
    base.append(e)
o, b = statistics.median(ours), statistics.median(base)
spread = lambda xs: f"{min(xs):.2f}–{max(xs):.2f}"
print(f"{'':24}{'median s':>10}{'spread s':>12}{'rows/s':>12}")
print(f"{'promodesk import':24}{o:>10.2f}{spread(ours):>12}{rows/o:>12,.0f}")
print(f"{'sqlite3 .import (bare)':24}{b:>10.2f}{spread(base):>12}{rows/b:>12,.0f}")
ratios = sorted(x / y for x, y in zip(base, ours))
print(f"ratio (sqlite3 / ours): {b/o:.2f}   (per run {ratios[0]:.2f}–{ratios[-1]:.2f}; target >= 1.0, failure < 0.33)")
print(f"peak memory of promodesk import: {max(peaks)//1024} MB (target < 200 MB)")
size = db_bytes(db)
bill_bytes = os.path.getsize(bill)
print(f"database: {size/rows:.1f} bytes per trade (target <= 120); bill: {bill_bytes/rows:.1f} bytes per row; sqlite3's bare table: {db_bytes(sdb)/rows:.1f} bytes per row")
PY
