#!/usr/bin/env bash
# A throwaway PostgreSQL for the database tests: a fresh cluster in a temp folder, on 127.0.0.1 and a free port.
#
#   scripts/pg-test.sh start       starts it; prints `export TEST_DATABASE_URL=…` (eval it) and writes the URL to
#                                  $PG_TEST_DIR/url
#   scripts/pg-test.sh stop        stops it and deletes its folder
#   scripts/pg-test.sh run CMD…    start, run CMD with TEST_DATABASE_URL set, stop (even when CMD fails)
#
# PG_TEST_DIR (default: a folder in $TMPDIR named after this checkout) holds the cluster, so two checkouts never
# share one. As root on Debian the `postgresql` package is installed when missing, and the server runs as the
# `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KEY="$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
STATE="${PG_TEST_DIR:-${TMPDIR:-/tmp}/talks-bot-pg-$(id -u)-$KEY}"
DB=talks_test

say() { echo "pg-test: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_installed() {
  if find_bin >/dev/null; then return 0; fi
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing PostgreSQL (apt-get install -y postgresql)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    find_bin >/dev/null && return 0
  fi
  say "PostgreSQL is not installed: install the postgresql package (Debian: apt-get install postgresql)"
  exit 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

start() {
  ensure_installed
  local bin port
  bin="$(find_bin)"
  if [[ -f "$STATE/url" ]] && as_owner "$bin/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
    say "already running"
    echo "export TEST_DATABASE_URL=$(cat "$STATE/url")"
    return 0
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE"
  [[ "$(id -u)" -eq 0 ]] && chown postgres: "$STATE"
  as_owner "$bin/initdb" -D "$STATE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
    || { cat "$STATE/initdb.log" >&2; exit 1; }
  port="$(free_port)"
  # Only loopback, socket in the cluster's own folder; fsync off: a test database is thrown away anyway.
  as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $STATE -c fsync=off -c full_page_writes=off -c max_connections=200" start >&2 \
    || { cat "$STATE/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
  local url="postgres://postgres@127.0.0.1:$port/$DB"
  echo "$url" >"$STATE/url"
  say "PostgreSQL on 127.0.0.1:$port ($STATE)"
  echo "export TEST_DATABASE_URL=$url"
}

stop() {
  if [[ ! -d "$STATE/data" ]]; then return 0; fi
  local bin
  bin="$(find_bin)" || true
  if [[ -n "${bin:-}" ]]; then as_owner "$bin/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true; fi
  rm -rf "$STATE"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  run)
    shift
    [[ $# -gt 0 ]] || { say "usage: $0 run COMMAND [ARGS…]"; exit 2; }
    env_line="$(start)"   # (not inside eval: a failed start must stop here)
    eval "$env_line"
    export TEST_DATABASE_URL
    trap stop EXIT
    "$@"
    ;;
  *) echo "usage: $0 start|stop|run COMMAND…" >&2; exit 2 ;;
esac
