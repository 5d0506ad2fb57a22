#!/usr/bin/env bash
# Installs what `make bench` and `make bench-peers` need beyond the main build, when missing:
# the peers danvand is measured against (Redis, PostgreSQL; SQLite comes with python3) and
# valgrind for Benchmarks/profile.sh. ordo-one/benchmark 1.38.1 needs no jemalloc (it uses its
# own malloc-interposer package), so nothing here affects the main package's build.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail
need=()
for pkg in redis-server redis-tools postgresql postgresql-contrib valgrind; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
python3 -c 'import sqlite3' 2>/dev/null || need+=(python3)
if ((${#need[@]})); then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${need[@]}" >/dev/null
fi
# The Debian packages start their own servers where an init system runs them; the peers here
# run private instances on Unix sockets in temporary directories, so those are left alone.
