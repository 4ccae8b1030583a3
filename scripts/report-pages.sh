#!/usr/bin/env bash
# Page images of the demo's last 3.8 report, in Chinese and in English, to look at before a
# change to the reports lands: target/report-pages/{zh-CN,en}-N.png, plus the PDFs and XLSX.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p promodesk-cli
OUT=target/report-pages
rm -rf "$OUT" && mkdir -p "$OUT"
DB="$OUT/demo.db"
P=./target/debug/promodesk
$P --db "$DB" demo >/dev/null
# The mall's logo as a mall would give it: an SVG with its name in it.
cat >"$OUT/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="96" height="32"><rect width="96" height="32" rx="6" fill="#c2185b"/><text x="48" y="22" font-size="15" text-anchor="middle" fill="#fff" font-family="sans-serif">望京汇</text></svg>
SVG
$P --db "$DB" mall set --logo "$OUT/logo.svg" >/dev/null
# The ended 3.8 festival: the demo's first campaign by start date.
ID=$($P --db "$DB" campaign list --json | python3 -c 'import json,sys; print(min(json.load(sys.stdin), key=lambda c: c["start"])["id"])')
for lang in zh-CN en; do
  $P --db "$DB" export --campaign "$ID" --format pdf --lang "$lang" --out "$OUT/$lang.pdf" >/dev/null
  $P --db "$DB" export --campaign "$ID" --format xlsx --lang "$lang" --out "$OUT/$lang.xlsx" >/dev/null
  pdftoppm -r 80 -png "$OUT/$lang.pdf" "$OUT/$lang"
done
ls "$OUT"/*.png
