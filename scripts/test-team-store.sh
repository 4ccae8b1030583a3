#!/usr/bin/env bash
# The Rust suites on the team store: starts a throwaway PostgreSQL cluster
# (scripts/pg-test-cluster.sh), runs core's tests, the CLI's black-box tests and the app's IPC
# tests with
# PROMODESK_TEST_STORE pointing at it — every core test that asks for an in-memory database, and
# every CLI test's `Cli::new()`, then gets a fresh team database — and stops the cluster however
# the tests end. Tests of the database file itself (faults, backups, WAL) use files in both runs.
# Extra arguments (a test name filter) go to both cargo test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
dir=$(mktemp -d /tmp/promodesk-pg-XXXXXX)
# What the fronts keep per user (team backups, the remembered database and plaza) goes to a
# throwaway home of this run, never the user's.
home=$(mktemp -d /tmp/promodesk-team-home-XXXXXX)
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
cleanup() {
  ./scripts/pg-test-cluster.sh stop "$dir" >/dev/null 2>&1 || true
  rm -rf "$home"
}
trap cleanup EXIT
url=$(./scripts/pg-test-cluster.sh start "$dir")
echo "team store tests on $url"
status=0
PROMODESK_TEST_STORE="$url" $CARGO test -p promodesk-core --no-fail-fast "$@" || status=1
cli_tests=()
for t in tests/tests/cli*.rs; do cli_tests+=(--test "$(basename "$t" .rs)"); done
PROMODESK_TEST_STORE="$url" $CARGO test -p promodesk-tests "${cli_tests[@]}" --no-fail-fast "$@" || status=1
# The app's commands through IPC (src-tauri/tests/ipc.rs) on a team database.
PROMODESK_TEST_STORE="$url" $CARGO test -p promodesk-app --test ipc --no-fail-fast "$@" || status=1
exit $status
