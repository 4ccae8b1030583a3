#!/usr/bin/env bash
# Code pools: generating 1,000,000 coupon codes into a database file (CSPRNG draws, check
# character, the UNIQUE index across pools) against drawing them into an in-memory set, and
# each run a new pool beside the ones before (core/benches/codes.rs); medians of 3 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p promodesk-core --bench codes
