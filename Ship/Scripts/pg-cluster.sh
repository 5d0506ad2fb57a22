#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's `postgresql`, 15 here) under a directory of its own, on loopback:
# for danvan-ship's tests and benchmarks, and to try the "Across the country" recipes by hand.
# PostgreSQL refuses to run as root: as root, every server command runs as the postgres user.
#
#   pg-cluster.sh init    DIR PORT             initdb DIR/primary (trust auth: tests only) and start it on PORT
#   pg-cluster.sh replica DIR PRIMARY_PORT PORT  pg_basebackup -R -X stream into DIR/replica and start it on PORT
#   pg-cluster.sh start   DIR NAME PORT        start DIR/NAME (primary or replica) again
#   pg-cluster.sh stop    DIR NAME             stop DIR/NAME (fast: rolls back open transactions)
#   pg-cluster.sh promote DIR NAME             pg_ctl promote DIR/NAME (the failover)
#   pg-cluster.sh destroy DIR                  stop every server under DIR and remove DIR
# Sockets go to DIR/sock; logs to DIR/NAME.log.
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$BIN/initdb" ] || { echo "pg-cluster.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 69; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start() { # DIR NAME PORT
  as_pg "$BIN/pg_ctl" -D "$1/$2" -l "$1/$2.log" -w -t 60 \
    -o "-p $3 -k $1/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
}
cmd=${1:?usage: pg-cluster.sh init|replica|start|stop|promote|destroy DIR ...}; shift
case "$cmd" in
  init)
    D=$1 PORT=$2
    mkdir -p "$D/sock"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$D"; fi
    as_pg "$BIN/initdb" -D "$D/primary" -U postgres -A trust --no-sync >/dev/null
    start "$D" primary "$PORT" ;;
  replica)
    D=$1 PRIMARY=$2 PORT=$3
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY" -U postgres -D "$D/replica" -R -X stream -c fast
    start "$D" replica "$PORT" ;;
  start) start "$1" "$2" "$3" ;;
  stop) as_pg "$BIN/pg_ctl" -D "$1/$2" -m fast -w -t 60 stop >/dev/null ;;
  promote) as_pg "$BIN/pg_ctl" -D "$1/$2" -w -t 60 promote >/dev/null ;;
  destroy)
    D=$1
    for n in primary replica; do
      if [ -f "$D/$n/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$D/$n" -m immediate -w stop >/dev/null 2>&1 || true; fi
    done
    rm -rf "$D" ;;
  *) echo "pg-cluster.sh: unknown command $cmd" >&2; exit 64 ;;
esac
