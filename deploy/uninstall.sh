#!/usr/bin/env bash
# Removes what deploy/install.sh installed, the way `apt remove` would: units stopped and
# disabled, binaries, units, sysusers.d entry and documentation removed. The configuration
# (/etc/danvan), the log (/var/lib/danvan) and the danvan user are kept.
#
# Usage: deploy/uninstall.sh [--purge]
#   --purge  also delete /etc/danvan and the state directory /var/lib/danvan (THE EVENT LOG;
#            back it up first, see README "Operating danvand"), like `apt purge`.
# Environment: the same PREFIX, BINDIR, UNITDIR, SYSUSERSDIR, DOCDIR, MANDIR, COMPLETIONSDIR,
# SYSCONFDIR, DESTDIR as install.sh.
set -euo pipefail

purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "uninstall: unknown argument $arg" >&2; exit 64 ;;
  esac
done
. "$(dirname "$0")/layout.sh"

say() { echo "uninstall: $*"; }

if [ -z "$DESTDIR" ] && [ "$(id -u)" -eq 0 ] && [ -d /run/systemd/system ]; then
  systemctl disable --now danvand.socket danvand.service 2>/dev/null || true
  say "danvand.service and danvand.socket stopped and disabled"
fi
rm -f "$DESTDIR$BINDIR/danvand" "$DESTDIR$BINDIR/danvanctl" \
      "$DESTDIR$UNITDIR/danvand.service" "$DESTDIR$UNITDIR/danvand.socket" \
      "$DESTDIR$SYSUSERSDIR/danvan.conf"
rm -rf "$DESTDIR$DOCDIR"
rm -f "$DESTDIR$MANDIR/man1/danvanctl.1" "$DESTDIR$MANDIR/man8/danvand.8" "$DESTDIR$MANDIR/man5/danvand.conf.5" \
      "$DESTDIR$COMPLETIONSDIR/danvanctl"
say "binaries, units, sysusers.d entry, manual pages, completion and documentation removed"
if [ "$purge" -eq 1 ]; then
  rm -rf "$DESTDIR$SYSCONFDIR/danvan" "$DESTDIR/var/lib/danvan"
  say "purged $SYSCONFDIR/danvan and /var/lib/danvan"
else
  say "kept $SYSCONFDIR/danvan, /var/lib/danvan and the danvan user (--purge deletes the first two)"
fi
if [ -z "$DESTDIR" ] && [ "$(id -u)" -eq 0 ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
fi
