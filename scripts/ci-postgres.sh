#!/usr/bin/env bash
# A scratch PostgreSQL for the tests: installs it from Debian's packages when it is missing,
# creates a cluster in a scratch directory, and runs it as the `postgres` user on a unix socket
# in that directory and on a loopback port.
#
#   scripts/ci-postgres.sh start   # prints the connection URL on stdout (logs go to stderr)
#   scripts/ci-postgres.sh url     # prints the URL of the running instance
#   scripts/ci-postgres.sh stop    # stops it and removes the scratch directory
#
# Both are idempotent: `start` on a running instance only prints its URL (on a stopped one it
# begins again from an empty cluster); `stop` on a stopped one does nothing. Settings (environment):
#   AXP_PG_DIR   scratch directory (default /tmp/axp-ci-postgres)
#   AXP_PG_PORT  loopback port (default 54329)
#
# Typical use: AXP_TEST_DATABASE_URL=$(scripts/ci-postgres.sh start) npm test
set -euo pipefail

dir=${AXP_PG_DIR:-/tmp/axp-ci-postgres}
port=${AXP_PG_PORT:-54329}
data="$dir/data"
sock="$dir/sock"
logfile="$dir/postgres.log"
url="postgres://postgres@127.0.0.1:$port/postgres"

log() { printf 'ci-postgres: %s\n' "$*" >&2; }

bindir() {
  local d
  # Debian keeps each major version's server programs under /usr/lib/postgresql/<major>/bin.
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  command -v pg_ctl >/dev/null 2>&1 && dirname "$(command -v pg_ctl)" && return 0
  return 1
}

# Run a server program as the postgres user when we are root (the server refuses to run as root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_postgres() {
  if bindir >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then log "PostgreSQL is not installed and we are not root: install the postgresql package"; exit 1; fi
  log "installing PostgreSQL from Debian's packages"
  # No default cluster: this script makes its own in the scratch directory.
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir >/dev/null || { log "the postgresql package installed no pg_ctl"; exit 1; }
}

running() {
  local bin
  bin=$(bindir) || return 1
  [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  install_postgres
  local bin
  bin=$(bindir)
  if running; then log "already running in $dir"; echo "$url"; return 0; fi
  # Not running: whatever is left there (a run that was killed, a stale postmaster.pid) is
  # scratch, so start from an empty cluster.
  rm -rf "$dir"
  mkdir -p "$dir" "$sock"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir" "$sock"; fi
  log "initdb $data"
  as_pg "$bin/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  log "starting on 127.0.0.1:$port and $sock"
  # fsync and synchronous_commit stay on: the tests check that an accepted intent is durable.
  # max_connections: three test servers, each with a read pool, writers and a listener, plus
  # the contract suites' stores running in parallel.
  as_pg "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 start -o \
    "-p $port -k $sock -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on" >&2 \
    || { log "start failed; the server log says:"; tail -n 30 "$logfile" >&2 || true; exit 1; }
  echo "$url"
}

stop() {
  local bin
  if bin=$(bindir) && [ -f "$data/PG_VERSION" ]; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 2>/dev/null || true
  fi
  rm -rf "$dir"
  log "stopped; removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && echo "$url" ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
