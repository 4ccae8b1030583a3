#!/usr/bin/env bash
# Every benchmark, one table: import, dashboard queries, report export, app start-up and idle
# memory — each against its baseline measured in the same run. The detailed output of each
# benchmark is printed first.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "== import";  scripts/bench-import.sh | tee "$WORK/import.txt"
echo "== stats";   scripts/bench-stats.sh  | tee "$WORK/stats.txt"
echo "== edits";   scripts/bench-edit.sh  | tee "$WORK/edit.txt"
echo "== export";  scripts/bench-export.sh | tee "$WORK/export.txt"
echo "== busy";    scripts/bench-busy.sh  | tee "$WORK/busy.txt"
echo "== codes";   scripts/bench-codes.sh | tee "$WORK/codes.txt"
echo "== app"
scripts/bench-db.sh "$WORK" >/dev/null
cargo build --release -q -p promodesk-app
PROMODESK_APP_BIN="$PWD/target/release/promodesk-app" PROMODESK_BENCH_DB="$WORK/bench.db" \
  E2E_TEST=bench_app scripts/e2e.sh --nocapture 2>/dev/null | grep -oE '(startup|memory)_[a-z]+ [0-9.]+' | tee "$WORK/app.txt"

python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
read = lambda name: open(f"{work}/{name}").read()
def num(text, pattern):
    m = re.search(pattern, text)
    return float(m.group(1).replace(",", "")) if m else float("nan")
imp, st, ex, app = read("import.txt"), read("stats.txt"), read("export.txt"), read("app.txt")
codes = read("codes.txt")
edits = [l.split() for l in read("edit.txt").splitlines() if l.startswith("edit ")]
slowest = max(edits, key=lambda e: float(e[2]))
rows = [
    ("import 1M WeChat rows (s)", num(imp, r"promodesk import\s+([\d.]+)"), num(imp, r"sqlite3 \.import \(bare\)\s+([\d.]+)"), "sqlite3 .import", "≤ 1.0× (fails above 3×)"),
    ("slowest dashboard query (ms)", num(st, r"slowest dashboard query: ([\d.]+)"), num(st, r"totals ([\d.]+) ms"), "sqlite3 flat-table SUM", "< 50 ms"),
    (f"slowest edit: {slowest[1]} (ms)", float(slowest[2]), float(slowest[3]), "same edit, no trades", "< 50 ms"),
    ("XLSX report, 1M trades (s)", num(ex, r"XLSX report \([\d,]+ trades\)\s+([\d.]+)"), num(ex, r"bare \(baseline\)\s+([\d.]+)"), "rust_xlsxwriter bare", "≤ 2× baseline"),
    ("PDF report (s)", num(ex, r"PDF report: ([\d.]+)"), 1.0, "target 1 s", "< 1 s"),
    ("generate 1M coupon codes (s)", num(codes, r"generate_1M ([\d.]+)"), num(codes, r"in_memory_1M ([\d.]+)"), "same draws into a HashSet", "< 10 s"),
    ("app start-up, 1M trades (s)", num(app, r"startup_loaded ([\d.]+)"), num(app, r"startup_empty ([\d.]+)"), "same app, empty DB", "≤ 1.5× empty"),
    ("idle memory, 1M trades (MiB)", num(app, r"memory_loaded (\d+)") / 1024, num(app, r"memory_empty (\d+)") / 1024, "same app, empty DB", "≤ 1.5× empty"),
]
print()
print(f"{'benchmark':40}{'ours':>10}{'baseline':>10}{'ratio':>8}  {'baseline is':24}target")
for name, ours, base, what, target in rows:
    print(f"{name:40}{ours:>10.2f}{base:>10.2f}{ours / base:>7.2f}×  {what:24}{target}")
PY
