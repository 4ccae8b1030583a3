#!/usr/bin/env bash
# Builds the .deb (release app, UI embedded) with the Tauri CLI from ui/node_modules, then
# proves it: unpacks it into a temporary root, checks the binary, the desktop file and the
# dependencies (WebKitGTK, fonts-noto-cjk for the PDF), and starts the packaged app under Xvfb on
# a throw-away database for a few seconds — it must still be running and have created the file.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build --silent)
(cd ui && npx tauri build --bundles deb --config '{"build":{"beforeBuildCommand":""}}' 2>&1 | tail -5)
DEB="$(ls -t target/release/bundle/deb/*.deb | head -1)"
echo "package: $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb --field "$DEB" Package Version Depends
ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT"
BIN="$ROOT/usr/bin/promodesk-app"
test -x "$BIN"
ls "$ROOT/usr/share/applications/"*.desktop >/dev/null
dpkg-deb --field "$DEB" Depends | grep -q fonts-noto-cjk
set +e
timeout 8 xvfb-run -a "$BIN" --db "$ROOT/smoke.db" >/dev/null 2>&1
status=$?
set -e
if [ "$status" -ne 124 ] || [ ! -f "$ROOT/smoke.db" ]; then
  echo "package: the packaged app did not keep running (exit $status)" >&2
  exit 1
fi
echo "package: the packaged app starts and opens its database"
