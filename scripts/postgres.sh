#!/usr/bin/env bash
# A PostgreSQL server of the project's own (Debian's `postgresql` package) for development and tests.
#   scripts/postgres.sh install | start | stop | status
# Environment: POSTGRES_PORT (5432), POSTGRES_DATA_DIR, POSTGRES_DB / POSTGRES_USER / POSTGRES_PASSWORD
# (activation / activation / activation). It listens on 127.0.0.1 only and trusts no remote client.
set -euo pipefail

port="${POSTGRES_PORT:-5432}"
db="${POSTGRES_DB:-activation}"
user="${POSTGRES_USER:-activation}"
password="${POSTGRES_PASSWORD:-activation}"

log() { echo "[postgres] $*"; }

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install() {
  if [ -n "$(bin_dir)" ] && [ -x "$(bin_dir)/pg_ctl" ]; then return; fi
  if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is missing: run 'sudo apt-get install -y postgresql'" >&2; exit 1; fi
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
}

# The server refuses to run as root, so as root it runs as the `postgres` system user.
if [ "$(id -u)" -eq 0 ]; then
  data="${POSTGRES_DATA_DIR:-/var/lib/postgresql/activation-$port}"
  as_owner() { runuser -u postgres -- "$@"; }
else
  data="${POSTGRES_DATA_DIR:-$HOME/.local/share/activation/postgres-$port}"
  as_owner() { "$@"; }
fi

running() { [ -f "$data/postmaster.pid" ] && as_owner "$(bin_dir)/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  install
  local pgbin; pgbin="$(bin_dir)"
  if running; then log "already running on 127.0.0.1:$port"; else
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
      as_owner "$pgbin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ "$(id -u)" -eq 0 ] && command -v pg_lsclusters >/dev/null; then
      # Installing Debian's package may start its default cluster on the same port.
      pg_lsclusters --no-header | awk -v p="$port" '$3 == p && $4 == "online" {print $1, $2}' |
        while read -r version cluster; do pg_ctlcluster "$version" "$cluster" stop; done
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken by another server; stop it or set POSTGRES_PORT" >&2; exit 1
    fi
    # Durability settings are relaxed: this server is for development and tests, not for data you keep.
    as_owner "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    log "PostgreSQL up on 127.0.0.1:$port"
  fi
  as_owner "$pgbin/psql" -q -h /tmp -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE "$user" LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE "$db" OWNER "$user"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
  log "database $db ready for user $user"
}

stop() {
  if running; then as_owner "$(bin_dir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if running; then log "running on 127.0.0.1:$port"; else log "not running"; exit 3; fi ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
