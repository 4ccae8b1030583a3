#!/usr/bin/env bash
# Builds the .deb (release app, UI embedded) with the Tauri CLI from ui/node_modules, then
# proves it: checks the binary, the desktop file and the dependencies (WebKitGTK, fonts-noto-cjk
# for the PDF), installs it with apt (which resolves those dependencies), starts the installed
# app under Xvfb on a throw-away database for a few seconds — it must still be running and have
# created the file — and removes the package again.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build --silent)
ui/node_modules/.bin/tauri build --bundles deb 2>&1 | tail -5
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
PACKAGE="$(dpkg-deb --field "$DEB" Package)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$PWD/$DEB" >/dev/null
INSTALLED="$(dpkg -L "$PACKAGE" | grep -m1 '^/usr/bin/')"
set +e
timeout 8 xvfb-run -a "$INSTALLED" --db "$ROOT/smoke.db" >/dev/null 2>&1
status=$?
set -e
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$PACKAGE" >/dev/null
if [ "$status" -ne 124 ] || [ ! -f "$ROOT/smoke.db" ]; then
  echo "package: the packaged app did not keep running (exit $status)" >&2
  exit 1
fi
echo "package: $PACKAGE installs, $INSTALLED starts and opens its database, and uninstalls"
