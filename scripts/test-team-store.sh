#!/usr/bin/env bash
# The Rust suite of core on the team store: starts a throwaway PostgreSQL cluster
# (scripts/pg-test-cluster.sh), runs `cargo test -p promodesk-core` with PROMODESK_TEST_STORE
# pointing at it — every test that asks for an in-memory database then gets a fresh team
# database — and stops the cluster however the tests end. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
dir=$(mktemp -d /tmp/promodesk-pg-XXXXXX)
cleanup() { ./scripts/pg-test-cluster.sh stop "$dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
url=$(./scripts/pg-test-cluster.sh start "$dir")
echo "team store tests on $url"
PROMODESK_TEST_STORE="$url" $CARGO test -p promodesk-core --no-fail-fast "$@"
