#!/usr/bin/env bash
# Export benchmark: on the database of scripts/bench-db.sh (1,000,000 trades in one campaign),
# the median time of the full XLSX report (every section, charts, ¥ formats and the trade detail
# in constant memory) against rust_xlsxwriter writing the same trade cells bare, measured in the
# same run (core/benches/export.rs); and the PDF report's time. Targets: XLSX within 2× of the
# bare write, PDF under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
export RUNS="${RUNS:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

CAMPAIGN=$(scripts/bench-db.sh "$WORK")
PROMODESK_BENCH_DB="$WORK/bench.db" PROMODESK_BENCH_CAMPAIGN="$CAMPAIGN" \
  cargo bench -q -p promodesk-core --bench export > "$WORK/times.txt"
# The campaign holds one bill of a one-bill database, two of a larger one (bench-db.sh).
IN_CAMPAIGN=$(( TRADES > ROWS ? 2 * ROWS : ROWS ))
python3 - "$WORK/times.txt" "$IN_CAMPAIGN" <<'PY'
import sys
lines = [l.split() for l in open(sys.argv[1]) if l.strip()]
t = {k: float(v) for k, v, _ in lines}
spread = {k: s for k, _, s in lines}
rows = int(sys.argv[2])
ratio = t["xlsx_export"] / t["xlsx_bare"]
print(f"{'':34}{'median s':>10}{'spread':>13}")
print(f"{'XLSX report (' + format(rows, ',') + ' trades)':34}{t['xlsx_export']:>10.2f}{spread['xlsx_export']:>13}")
print(f"{'rust_xlsxwriter bare (baseline)':34}{t['xlsx_bare']:>10.2f}{spread['xlsx_bare']:>13}")
print(f"ratio (report / bare): {ratio:.2f}   (target <= 2.0: {'ok' if ratio <= 2.0 else 'MISSED'})")
print(f"PDF report: {t['pdf_export']:.3f} s, spread {spread['pdf_export']}   (target < 1 s: {'ok' if t['pdf_export'] < 1 else 'MISSED'})")
PY
