#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (docs/TEAM-DATABASE.md): a data folder in DIR, a
# server listening on a Unix socket in DIR only (no TCP port, so parallel clusters never clash),
# no fsync (nothing in it is worth keeping), trust authentication for the `postgres` role.
#
#   scripts/pg-test-cluster.sh start DIR   # prints one line: postgresql://postgres@/postgres?host=DIR
#   scripts/pg-test-cluster.sh stop DIR    # stops the server (quietly if it is not running), removes DIR
#
# DIR must be an absolute path, empty or missing on the first start (`mktemp -d` is fine); a
# second `start` on a running cluster only prints the URL again, on a stopped one starts it.
#
# Root: PostgreSQL refuses to run as root, so when this script runs as root the cluster belongs
# to a system user, `promodesk-test` (created with useradd the first time, no home, no login
# shell), which then owns DIR; initdb and pg_ctl run as that user through runuser. The tests,
# still root, connect over the socket as role `postgres` like anyone else. DIR's parent folders
# must be searchable by that user (/tmp is; /root is not). As a normal user everything runs as
# that user.
#
# The binaries: initdb and pg_ctl on PATH, else the newest /usr/lib/postgresql/*/bin (Debian's
# `postgresql` package, installed by scripts/setup.sh, keeps them there).
set -euo pipefail

TEST_USER=promodesk-test
MARKER=.pg-test-cluster

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop DIR   (DIR absolute)" >&2
  exit 2
}

[ $# -eq 2 ] || usage
action=$1
dir=${2%/}
case "$dir" in
  /?*) ;;
  *) die "DIR must be an absolute path other than /: '$2'" ;;
esac
# The folder goes into pg_ctl's -o options and the URL unquoted.
case "$dir" in
  *[[:space:]\'\"\\\?\&\#%]*) die "DIR must not contain spaces, quotes, ?, &, # or %: '$dir'" ;;
esac

# The folder holding initdb and pg_ctl: PATH's initdb (pg_ctl beside it, so both are of one
# version), else the newest Debian version folder.
pg_bin() {
  local initdb
  if initdb=$(command -v initdb 2>/dev/null); then
    initdb=$(readlink -f "$initdb")
    if [ -x "$(dirname "$initdb")/pg_ctl" ] && [ -x "$(dirname "$initdb")/pg_isready" ]; then
      dirname "$initdb"
      return
    fi
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] && [ -x "$newest/pg_ctl" ] && [ -x "$newest/pg_isready" ] ||
    die "no initdb/pg_ctl on PATH or under /usr/lib/postgresql/*/bin; install Debian's postgresql package (scripts/setup.sh does)"
  echo "$newest"
}

# Runs a command as the cluster's owner: ourselves, or the test user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$TEST_USER" -- "$@")
  else
    "$@"
  fi
}

ensure_test_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$TEST_USER" >/dev/null 2>&1 && return 0
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin --comment "PromoDesk throwaway test clusters" "$TEST_USER" ||
    die "could not create the system user $TEST_USER (needed to run PostgreSQL when root)"
}

# Whether the server answers on DIR's socket.
ready() {
  "$BIN/pg_isready" -q -h "$dir" -d postgres -U postgres >/dev/null 2>&1
}

# Whether the postmaster named in DIR/data/postmaster.pid is a live process (not gone, and not
# a zombie: where PID 1 does not reap, as in some containers, a killed server stays one).
server_alive() {
  local pid state
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  state=$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

url() {
  echo "postgresql://postgres@/postgres?host=$dir"
}

start() {
  # The server's socket is DIR/.s.PGSQL.5432: a Unix socket path holds at most 107 bytes.
  [ ${#dir} -le 90 ] || die "DIR is too long for a Unix socket path (at most 90 characters): $dir"
  if [ -e "$dir" ]; then
    [ -d "$dir" ] || die "$dir exists and is not a folder"
    if [ ! -e "$dir/$MARKER" ] && [ -n "$(ls -A "$dir")" ]; then
      die "$dir is not empty and is not a test cluster; refusing to use it"
    fi
  else
    mkdir -p "$dir"
  fi
  touch "$dir/$MARKER"
  ensure_test_user
  if [ "$(id -u)" -eq 0 ]; then
    chown "$TEST_USER:" "$dir" "$dir/$MARKER"
    as_owner test -w "$dir" ||
      die "$TEST_USER cannot write $dir: its parent folders must be searchable by other users (use /tmp)"
  fi

  if ready; then
    url
    return
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    if server_alive; then
      # Starting, or hung: give it a few seconds, then stop it and start again.
      for _ in $(seq 1 50); do
        ready && { url; return; }
        server_alive || break
        sleep 0.1
      done
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -t 10 -s stop >/dev/null 2>&1 || true
    fi
    # A server that died without stopping (killed, machine restarted) leaves its pid and socket
    # lock files; nothing of it runs any more, so they go.
    if ! server_alive; then
      rm -f "$dir/data/postmaster.pid" "$dir/.s.PGSQL.5432.lock" "$dir/.s.PGSQL.5432"
    fi
  fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir/data"
    local locale=(--locale=C.UTF-8)
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || locale=(--no-locale)
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 "${locale[@]}" \
      --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      die "initdb failed (log above, and in $dir/initdb.log)"
    }
  fi

  # Tests keep nothing: no fsync. A benchmark (PG_TEST_DURABLE=1) measures a server as IT runs it.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${PG_TEST_DURABLE:-0}" = 1 ] && durability=""
  as_owner "$BIN/pg_ctl" -w -s -D "$dir/data" -l "$dir/log" \
    -o "-k $dir -c listen_addresses='' $durability -c max_connections=200" \
    start >&2 || {
    tail -n 20 "$dir/log" >&2 2>/dev/null || true
    die "the server did not start (log: $dir/log)"
  }
  url
}

stop() {
  [ -e "$dir" ] || return 0
  [ -d "$dir" ] || die "$dir is not a folder"
  if [ ! -e "$dir/$MARKER" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir is not a test cluster (no $MARKER in it); refusing to remove it"
  fi
  if [ -f "$dir/data/postmaster.pid" ] && server_alive; then
    BIN=$(pg_bin)
    # pg_ctl refuses root: run it as whoever owns the data folder.
    local owner
    owner=$(stat -c %U "$dir/data")
    if [ "$(id -u)" -eq 0 ] && [ "$owner" != root ]; then
      (cd / && runuser -u "$owner" -- "$BIN/pg_ctl" -D "$dir/data" -m immediate -s stop) >/dev/null 2>&1 || true
    else
      "$BIN/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$dir"
}

case "$action" in
  start)
    BIN=$(pg_bin)
    start
    ;;
  stop)
    stop
    ;;
  *) usage ;;
esac
