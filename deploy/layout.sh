# Where deploy/install.sh puts things and deploy/uninstall.sh removes them: one list, so the
# two can never disagree. Sourced by both; every variable may be set in the environment.
PREFIX="${PREFIX:-/usr/local}"
BINDIR="${BINDIR:-$PREFIX/bin}"
UNITDIR="${UNITDIR:-$PREFIX/lib/systemd/system}"
SYSUSERSDIR="${SYSUSERSDIR:-$PREFIX/lib/sysusers.d}"
DOCDIR="${DOCDIR:-$PREFIX/share/doc/danvan}"
SYSCONFDIR="${SYSCONFDIR:-/etc}"
MANDIR="${MANDIR:-$PREFIX/share/man}"
COMPLETIONSDIR="${COMPLETIONSDIR:-$PREFIX/share/bash-completion/completions}"
DESTDIR="${DESTDIR:-}"
