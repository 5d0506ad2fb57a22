#!/usr/bin/env bash
# Installs danvand the way a Debian package would: binaries, systemd units, the sysusers.d
# entry for the danvan user, and the default configuration (never overwriting an edited one).
#
# Usage: deploy/install.sh [--enable] [BIN_SOURCE_DIR]
#   BIN_SOURCE_DIR  where the built danvand and danvanctl are
#                   (default: the output of `swift build -c release --show-bin-path`)
#   --enable        also `systemctl enable --now danvand.socket`
# Environment (all optional):
#   PREFIX=/usr/local   BINDIR=$PREFIX/bin   UNITDIR=$PREFIX/lib/systemd/system
#   SYSUSERSDIR=$PREFIX/lib/sysusers.d   DOCDIR=$PREFIX/share/doc/danvan   SYSCONFDIR=/etc
#   MANDIR=$PREFIX/share/man   COMPLETIONSDIR=$PREFIX/share/bash-completion/completions
#   DESTDIR=            stage into this directory (packaging): no users created, no systemctl
# Safe to run again (an upgrade): binaries and units are replaced, the configuration is kept.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
enable=0
src=""
for arg in "$@"; do
  case "$arg" in
    --enable) enable=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) src="$arg" ;;
  esac
done
. "$(dirname "$0")/layout.sh"
if [ -z "$src" ]; then
  src="$(cd "$root" && swift build -c release --show-bin-path)"
fi
for bin in danvand danvanctl; do
  [ -x "$src/$bin" ] || { echo "install: $src/$bin is missing; build first (make release)" >&2; exit 1; }
done

live=0   # 1 when installing into the running system as root (not staging into DESTDIR)
if [ -z "$DESTDIR" ] && [ "$(id -u)" -eq 0 ]; then live=1; fi

say() { echo "install: $*"; }

install -d -m 0755 "$DESTDIR$BINDIR" "$DESTDIR$UNITDIR" "$DESTDIR$SYSUSERSDIR" "$DESTDIR$DOCDIR"
install -m 0755 "$src/danvand" "$src/danvanctl" "$DESTDIR$BINDIR/"
say "binaries -> $DESTDIR$BINDIR"

# The units name /usr/local paths; rewrite them for another prefix.
for unit in danvand.service danvand.socket; do
  sed -e "s|/usr/local/bin/|$BINDIR/|g" \
      -e "s|/usr/local/share/doc/danvan/|$DOCDIR/|g" \
      -e "s|/etc/danvan/|$SYSCONFDIR/danvan/|g" \
      "$here/$unit" > "$DESTDIR$UNITDIR/$unit.tmp"
  chmod 0644 "$DESTDIR$UNITDIR/$unit.tmp"
  mv -f "$DESTDIR$UNITDIR/$unit.tmp" "$DESTDIR$UNITDIR/$unit"
done
say "units -> $DESTDIR$UNITDIR"
install -m 0644 "$here/sysusers.d/danvan.conf" "$DESTDIR$SYSUSERSDIR/danvan.conf"
say "sysusers.d entry -> $DESTDIR$SYSUSERSDIR/danvan.conf"
install -m 0644 "$here/danvand.conf" "$DESTDIR$DOCDIR/danvand.conf.example"
# Manual pages and bash completion, when the checkout has them.
for page in "$here"/man/*.[158]; do
  [ -f "$page" ] || continue
  section="${page##*.}"
  install -d -m 0755 "$DESTDIR$MANDIR/man$section"
  install -m 0644 "$page" "$DESTDIR$MANDIR/man$section/"
  say "manual page -> $DESTDIR$MANDIR/man$section/$(basename "$page")"
done
if [ -f "$here/danvanctl.bash-completion" ]; then
  install -d -m 0755 "$DESTDIR$COMPLETIONSDIR"
  install -m 0644 "$here/danvanctl.bash-completion" "$DESTDIR$COMPLETIONSDIR/danvanctl"
  say "bash completion -> $DESTDIR$COMPLETIONSDIR/danvanctl"
fi
[ -f "$root/README.md" ] && install -m 0644 "$root/README.md" "$DESTDIR$DOCDIR/README.md"

# The user first: the configuration file belongs to its group.
if [ "$live" -eq 1 ]; then
  if command -v systemd-sysusers >/dev/null 2>&1; then
    systemd-sysusers "$SYSUSERSDIR/danvan.conf"
  elif ! getent passwd danvan >/dev/null; then
    # No systemd-sysusers (a container without systemd): the same user by hand.
    getent group danvan >/dev/null || groupadd --system danvan
    useradd --system --gid danvan --home-dir /var/lib/danvan --no-create-home \
      --shell /usr/sbin/nologin --comment "danvan event log daemon" danvan
  fi
  say "system user: $(id danvan)"
fi

conf="$DESTDIR$SYSCONFDIR/danvan/danvand.conf"
install -d -m 0755 "$DESTDIR$SYSCONFDIR/danvan"
if [ -e "$conf" ]; then
  say "kept your $conf (the shipped default is $DOCDIR/danvand.conf.example)"
else
  install -m 0640 "$here/danvand.conf" "$conf"
  if [ "$live" -eq 1 ]; then chgrp danvan "$conf"; else chmod 0644 "$conf"; fi
  say "default configuration -> $conf"
fi

if [ "$live" -eq 1 ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  if [ "$enable" -eq 1 ]; then
    systemctl enable --now danvand.socket
    say "danvand.socket enabled and started"
  else
    say "start with: systemctl enable --now danvand.socket"
  fi
elif [ "$live" -eq 1 ]; then
  say "systemd is not running here: units installed but not loaded"
fi
