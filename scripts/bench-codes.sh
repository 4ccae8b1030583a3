#!/usr/bin/env bash
# Code pools: generating 1,000,000 coupon codes into a database file (CSPRNG draws, check
# character, the UNIQUE index across pools) against drawing them into an in-memory set, and
# a second pool of 1,000,000 beside the first (core/benches/codes.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p promodesk-core --bench codes
