#!/usr/bin/env bash
# Every benchmark, one table: import, dashboard queries, edits, report export, app start-up and
# idle memory — each against its baseline measured in the same run. The detailed output of each
# benchmark is printed first.
#
# TRADES=10000000 (opt-in; about 25 more minutes) runs the dashboard, edit, export and app
# benchmarks on a database of that many trades (scripts/bench-db.sh: generated bills through the
# importer, built once); the import benchmark always imports one $ROWS-row bill.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export BENCH_DB_CACHE="$WORK/cache.db"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "== import";  scripts/bench-import.sh | tee "$WORK/import.txt"
echo "== stats";   scripts/bench-stats.sh  | tee "$WORK/stats.txt"
echo "== edits";   scripts/bench-edit.sh  | tee "$WORK/edit.txt"
echo "== export";  scripts/bench-export.sh | tee "$WORK/export.txt"
echo "== busy";    scripts/bench-busy.sh  | tee "$WORK/busy.txt"
echo "== app"
scripts/bench-db.sh "$WORK" >/dev/null
# The floor: an empty Tauri app built beside the real one, same profile, same Tauri.
cargo build --release -q -p promodesk-app -p promodesk-empty-app
PROMODESK_APP_BIN="$PWD/target/release/promodesk-app" PROMODESK_BENCH_DB="$WORK/bench.db" \
  PROMODESK_EMPTY_APP_BIN="$PWD/target/release/promodesk-empty-app" \
  E2E_TEST=bench_app scripts/e2e.sh --nocapture 2>/dev/null \
  | grep -oE '(startup|startupspread|memory|pss)_[a-z]+ [0-9.-]+' | tee "$WORK/app.txt"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

python3 - "$WORK" "$TRADES" <<'PY'
import re, sys
work, trades = sys.argv[1], int(sys.argv[2])
size = f"{trades / 1e6:g}M"
read = lambda name: open(f"{work}/{name}").read()
def num(text, pattern):
    m = re.search(pattern, text)
    return float(m.group(1).replace(",", "")) if m else float("nan")
def text(t, pattern):
    m = re.search(pattern, t)
    return m.group(1) if m else ""
imp, st, ex, app = read("import.txt"), read("stats.txt"), read("export.txt"), read("app.txt")
edits = [l.split() for l in read("edit.txt").splitlines() if l.startswith("edit ")]
slowest = max(edits, key=lambda e: float(e[2]))
tauri_start, tauri_pss = num(app, r"startup_tauri ([\d.]+)"), num(app, r"pss_tauri (\d+)") / 1024
rows = [
    ("import 1M WeChat rows (s)", num(imp, r"promodesk import\s+([\d.]+)"), text(imp, r"promodesk import\s+[\d.]+\s+(\S+)"),
     num(imp, r"sqlite3 \.import \(bare\)\s+([\d.]+)"), "sqlite3 .import", "≤ 1.0× (fails above 3×)"),
    ("bytes per trade (1M import)", num(imp, r"database: ([\d.]+) bytes per trade"), "",
     num(imp, r"bill: ([\d.]+) bytes per row"), "the bill's bytes a row", "≤ 120 bytes"),
    (f"slowest dashboard query, {size} (ms)", num(st, r"slowest dashboard query: ([\d.]+)"), "",
     num(st, r"totals ([\d.]+) ms"), "sqlite3 flat-table SUM", "< 50 ms"),
    (f"slowest edit, {size}: {slowest[1]} (ms)", float(slowest[2]), "", float(slowest[3]), "same edit, no trades", "< 50 ms"),
    (f"XLSX report, {size} DB (s)", num(ex, r"XLSX report \([\d,]+ trades\)\s+([\d.]+)"), "",
     num(ex, r"bare \(baseline\)\s+([\d.]+)"), "rust_xlsxwriter bare", "≤ 2× baseline"),
    (f"PDF report, {size} DB (s)", num(ex, r"PDF report: ([\d.]+)"), "", 1.0, "target 1 s", "< 1 s"),
    ("app start-up, empty DB (s)", num(app, r"startup_empty ([\d.]+)"), text(app, r"startupspread_empty (\S+)"),
     tauri_start, "empty Tauri app", "≤ 1.1× (issue #20)"),
    (f"app start-up, {size} trades (s)", num(app, r"startup_loaded ([\d.]+)"), text(app, r"startupspread_loaded (\S+)"),
     tauri_start, "empty Tauri app", "≤ 1.1×"),
    ("idle PSS, empty DB (MiB)", num(app, r"pss_empty (\d+)") / 1024, "", tauri_pss, "empty Tauri app", "≤ 1.1×"),
    (f"idle PSS, {size} trades (MiB)", num(app, r"pss_loaded (\d+)") / 1024, "", tauri_pss, "empty Tauri app", "≤ 1.1×"),
    (f"idle RSS, {size} trades (MiB)", num(app, r"memory_loaded (\d+)") / 1024, "",
     num(app, r"memory_tauri (\d+)") / 1024, "empty Tauri app", "(RSS counts shared pages)"),
]
print()
print(f"{'benchmark':42}{'ours':>9}{'spread':>13}{'baseline':>10}{'ratio':>8}  {'baseline is':24}target")
for name, ours, spread, base, what, target in rows:
    print(f"{name:42}{ours:>9.2f}{spread:>13}{base:>10.2f}{ours / base:>7.2f}×  {what:24}{target}")
PY
