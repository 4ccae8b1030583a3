#!/usr/bin/env bash
# Idempotent machine set-up for PromoDesk on Debian/Ubuntu: installs only what is missing,
# so a second run takes about a second. Called by `make setup` (and so by `make run`/`make test`).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev build-essential pkg-config
  xvfb xauth webkit2gtk-driver imagemagick x11-utils fonts-noto-cjk sqlite3 curl poppler-utils
  dbus libdbus-1-dev
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# PostgreSQL, for the team-database tests: scripts/pg-test-cluster.sh starts throwaway clusters
# with its initdb/pg_ctl (on PATH, or Debian's /usr/lib/postgresql/*/bin). Installing Debian's
# package also creates and starts its own cluster ("main", port 5432) as a system service: that
# is harmless, the tests never use it, and it is left alone.
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  missing+=(postgresql)
fi

if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
TAURI_DRIVER_VERSION=2.1.0
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION"
fi

# npm packages for the UI: reinstall only when package-lock.json changed since the last install.
if [ -f ui/package-lock.json ]; then
  stamp=ui/node_modules/.promodesk-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
    echo "setup: npm ci in ui/"
    (cd ui && npm ci --no-audit --no-fund)
    cp ui/package-lock.json "$stamp"
  fi
fi
