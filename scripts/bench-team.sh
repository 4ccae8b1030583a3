#!/usr/bin/env bash
# The team store's figures beside the embedded store's, measured in the same run on a local
# PostgreSQL cluster run as IT would (fsync on; scripts/pg-test-cluster.sh with PG_TEST_DURABLE=1,
# a Unix socket, so the network is not what is measured):
# - import: one generated $ROWS-row WeChat Pay bill by `promodesk import` into a fresh team
#   database and into a fresh file, alternating, median of $RUNS; the baseline for the team store
#   is PostgreSQL's own bulk load (psql \copy of the same file into a bare table).
# - dashboard: every dashboard query (core/benches/stats.rs) on the bench database built by
#   scripts/bench-db.sh in each store; prints each store's slowest median.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROWS="${ROWS:-1000000}"
export TRADES="${TRADES:-$ROWS}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d /tmp/promodesk-bench-team-XXXXXX)"
chmod 755 "$WORK"
cleanup() { scripts/pg-test-cluster.sh stop "$WORK/pg" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
SERVER=$(PG_TEST_DURABLE=1 scripts/pg-test-cluster.sh start "$WORK/pg")
HOST="$WORK/pg"
cargo build --release -q -p promodesk-cli -p promodesk-tests --bin promodesk --bin gen_wechat_bill
target/release/gen_wechat_bill "$ROWS" "$WORK/bill.csv"
chmod 644 "$WORK/bill.csv"
echo "bill: $ROWS rows; server: PostgreSQL $(psql "$SERVER" -Atc 'SHOW server_version'), fsync $(psql "$SERVER" -Atc 'SHOW fsync')"

python3 - "$WORK" "$SERVER" "$HOST" "$RUNS" "$ROWS" <<'PY'
import os, statistics, subprocess, sys, time
work, server, host, runs, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
bill = os.path.join(work, "bill.csv")
psql = lambda db, sql: subprocess.run(["psql", f"postgresql://postgres@/{db}?host={host}", "-qAtc", sql],
                                      check=True, stdout=subprocess.DEVNULL)
def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
team, file, copy = [], [], []
for i in range(runs):
    psql("postgres", "DROP DATABASE IF EXISTS imp WITH (FORCE)"); psql("postgres", "CREATE DATABASE imp")
    url = f"postgresql://postgres@/imp?host={host}"
    # The schema is made before the clock starts, as it is on a team database in use.
    subprocess.run(["target/release/promodesk", "--db", url, "campaign", "list"], check=True, stdout=subprocess.DEVNULL)
    team.append(timed(["target/release/promodesk", "--db", url, "import", bill]))
    db = os.path.join(work, "imp.db")
    for s in ("", "-wal", "-shm"):
        if os.path.exists(db + s): os.remove(db + s)
    subprocess.run(["target/release/promodesk", "--db", db, "campaign", "list"], check=True, stdout=subprocess.DEVNULL)
    file.append(timed(["target/release/promodesk", "--db", db, "import", bill]))
    psql("postgres", "DROP DATABASE IF EXISTS bare WITH (FORCE)"); psql("postgres", "CREATE DATABASE bare")
    # Each line as one text value: the bill's summary lines at its end have other columns.
    psql("bare", "CREATE TABLE bill (line TEXT)")
    copy.append(timed(["psql", f"postgresql://postgres@/bare?host={host}", "-qc",
                       f"\\copy bill FROM '{bill}' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"]))
m = statistics.median
sp = lambda xs: f"{min(xs):.2f}-{max(xs):.2f}"
print(f"team import {m(team):.2f} {sp(team)}")
print(f"file import {m(file):.2f} {sp(file)}")
print(f"postgres copy {m(copy):.2f} {sp(copy)}")
print(f"import team/file {m(team)/m(file):.2f}x, team/copy {m(team)/m(copy):.2f}x")
PY

# Dashboards: the same database built in each store, then every query timed on each.
slowest() { awk 'NF == 3 && $2 ~ /^[0-9.]+$/ { if ($2 > max) { max = $2; spread = $3 } } END { printf "%.2f %s\n", max, spread }'; }
psql "$SERVER" -qc "CREATE DATABASE dash"
DASH="postgresql://postgres@/dash?host=$HOST"
CAMPAIGN=$(BENCH_DB_URL="$DASH" BENCH_DB_CACHE="" scripts/bench-db.sh "$WORK")
TEAM_SLOWEST=$(PROMODESK_BENCH_DB="$DASH" PROMODESK_BENCH_CAMPAIGN="$CAMPAIGN" \
  cargo bench -q -p promodesk-core --bench stats 2>/dev/null | tee "$WORK/team-stats.txt" | slowest)
CAMPAIGN=$(BENCH_DB_CACHE="${BENCH_DB_CACHE:-}" scripts/bench-db.sh "$WORK")
FILE_SLOWEST=$(PROMODESK_BENCH_DB="$WORK/bench.db" PROMODESK_BENCH_CAMPAIGN="$CAMPAIGN" \
  cargo bench -q -p promodesk-core --bench stats 2>/dev/null | tee "$WORK/file-stats.txt" | slowest)
echo "team dashboard queries (ms): $(tr '\n' ' ' < "$WORK/team-stats.txt")"
echo "file dashboard queries (ms): $(tr '\n' ' ' < "$WORK/file-stats.txt")"
echo "team slowest dashboard query: $TEAM_SLOWEST"
echo "file slowest dashboard query: $FILE_SLOWEST"
