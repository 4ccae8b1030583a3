#!/usr/bin/env bash
# Runs the WebDriver tests of the real app: a virtual display (Xvfb), tauri-driver on it, the
# tests, and tauri-driver stopped again however the tests end.
# Expects the app built (`cargo build -p promodesk-app`); `make test` does that first.
set -euo pipefail
cd "$(dirname "$0")/.."

export PROMODESK_APP_BIN="${PROMODESK_APP_BIN:-$PWD/target/debug/promodesk-app}"
TAURI_DRIVER="$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")"
PORT="${E2E_PORT:-4444}"
export TAURI_DRIVER_URL="http://127.0.0.1:$PORT"

if [ -z "${E2E_INSIDE_XVFB:-}" ]; then
  export E2E_INSIDE_XVFB=1
  # 1920×1080: room for the 1440×900 window the layout test sets, whole in screenshots.
  # A private D-Bus session bus: the single-instance check finds the open app through it.
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$@"
fi

# The app's own folders (remembered team database, team backups) live in a throwaway home of
# the run, never in the user's.
home=$(mktemp -d /tmp/promodesk-e2e-home-XXXXXX)
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"

"$TAURI_DRIVER" --port "$PORT" --native-port "$((PORT + 1))" >target/tauri-driver.log 2>&1 &
driver=$!
trap 'kill "$driver" 2>/dev/null || true; wait "$driver" 2>/dev/null || true; rm -rf "$home"' EXIT

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done

# --workspace keeps the feature set of `cargo test --workspace`, so nothing is rebuilt here.
cargo test --workspace --test "${E2E_TEST:-e2e}" -- --ignored --test-threads=1 "$@"
