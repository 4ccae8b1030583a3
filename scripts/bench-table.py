#!/usr/bin/env python3
"""The one table of `make bench` (scripts/bench.sh), from the outputs it saved in WORKDIR:
import.txt, stats.txt, edit.txt, export.txt, codes.txt and app.txt. Usage: bench-table.py WORKDIR TRADES."""
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
codes = read("codes.txt")
team = read("team.txt")
# The benchmark's own lines: `edit NAME ours base spread`.
edits = [e for e in (l.split() for l in read("edit.txt").splitlines()) if len(e) == 5 and e[0] == "edit"]
slowest = max(edits, key=lambda e: float(e[2]))
tauri_start, tauri_pss = num(app, r"startup_tauri ([\d.]+)"), num(app, r"pss_tauri (\d+)") / 1024
rows = [
    ("import 1M WeChat rows (s)", num(imp, r"promodesk import\s+([\d.]+)"), text(imp, r"promodesk import\s+[\d.]+\s+(\S+)"),
     num(imp, r"sqlite3 \.import \(bare\)\s+([\d.]+)"), "sqlite3 .import", "≤ 1.0× (fails above 3×)"),
    ("bytes per trade (1M import)", num(imp, r"database: ([\d.]+) bytes per trade"), "",
     num(imp, r"bill: ([\d.]+) bytes per row"), "the bill's bytes a row", "≤ 120 bytes"),
    (f"slowest dashboard query, {size} (ms)", num(st, r"slowest dashboard query: ([\d.]+)"),
     text(st, r"slowest dashboard query: [\d.]+ ms, spread (\S+)"),
     num(st, r"totals ([\d.]+) ms"), "sqlite3 flat-table SUM", "< 50 ms"),
    (f"bytes per trade, {size} DB", num(st, r"([\d.]+) bytes per trade"), "",
     num(imp, r"bill: ([\d.]+) bytes per row"), "the bill's bytes a row", "≤ 120 bytes"),
    (f"slowest edit, {size} (ms)", float(slowest[2]), slowest[4], float(slowest[3]), "same edit, no trades", "< 50 ms"),
    ("XLSX report, " + text(ex, r"XLSX report [(]([\d,]+) trades") + " trades (s)", num(ex, r"XLSX report \([\d,]+ trades\)\s+([\d.]+)"),
     text(ex, r"XLSX report \([\d,]+ trades\)\s+[\d.]+\s+(\S+)"),
     num(ex, r"bare \(baseline\)\s+([\d.]+)"), "rust_xlsxwriter bare", "≤ 2× baseline"),
    ("PDF report (s)", num(ex, r"PDF report: ([\d.]+)"), text(ex, r"PDF report: [\d.]+ s, spread (\S+)"), 1.0, "target 1 s", "< 1 s"),
    ("import 1M rows, team database (s)", num(team, r"team import ([\d.]+)"), text(team, r"team import [\d.]+ (\S+)"),
     num(team, r"postgres copy ([\d.]+)"), "psql \\copy of the bill", "(no target; file import beside)"),
    ("  same import, embedded file (s)", num(team, r"file import ([\d.]+)"), text(team, r"file import [\d.]+ (\S+)"),
     num(team, r"postgres copy ([\d.]+)"), "psql \\copy of the bill", ""),
    (f"slowest dashboard query, team DB (ms)", num(team, r"team slowest dashboard query: ([\d.]+)"),
     text(team, r"team slowest dashboard query: [\d.]+ (\S+)"),
     num(team, r"file slowest dashboard query: ([\d.]+)"), "same queries, embedded file", "< 50 ms"),
    ("generate 1M coupon codes (s)", num(codes, r"generate_1M ([\d.]+)"), text(codes, r"generate_1M [\d.]+ (\S+)"),
     num(codes, r"in_memory_1M ([\d.]+)"), "same draws into a HashSet", "< 10 s"),
    ("app start-up, empty DB (s)", num(app, r"startup_empty ([\d.]+)"), text(app, r"startupspread_empty (\S+)"),
     tauri_start, "empty Tauri app", "≤ 1.1×"),
    (f"app start-up, {size} trades (s)", num(app, r"startup_loaded ([\d.]+)"), text(app, r"startupspread_loaded (\S+)"),
     tauri_start, "empty Tauri app", "≤ 1.1×"),
    ("idle PSS, empty DB (MiB)", num(app, r"pss_empty (\d+)") / 1024, text(app, r"pssspread_empty (\S+)"),
     tauri_pss, "empty Tauri app", "≤ 1.1×"),
    (f"idle PSS, {size} trades (MiB)", num(app, r"pss_loaded (\d+)") / 1024, text(app, r"pssspread_loaded (\S+)"),
     tauri_pss, "empty Tauri app", "≤ 1.1×"),
    (f"idle RSS, {size} trades (MiB)", num(app, r"memory_loaded (\d+)") / 1024, "",
     num(app, r"memory_tauri (\d+)") / 1024, "empty Tauri app", "(RSS counts shared pages)"),
]
print()
print(f"{'benchmark':42}{'ours':>9}{'spread':>13}{'baseline':>10}{'ratio':>8}  {'baseline is':27}target")
for name, ours, spread, base, what, target in rows:
    print(f"{name:42}{ours:>9.2f}{spread:>13}{base:>10.2f}{ours / base:>7.2f}×  {what:27}{target}")
print(f"(ratio = ours / baseline; the slowest edit is {slowest[1]}; {size} = the database the dashboard,")
print(" edit, export and app rows ran on)")
