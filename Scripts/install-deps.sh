#!/usr/bin/env bash
# Installs the Debian packages danvan needs to build and test, when they are missing.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail
need=()
# systemd: systemd-socket-activate, systemd-analyze and the systemd the system tests boot;
# python3: the system tests' fake NOTIFY_SOCKET and client;
# tmux: the pseudo-terminal in which danvanctl's interactive shell is tested;
# libreoffice-calc: opens the workbooks of `danvanctl report --format xlsx` in its tests;
# chromium: renders `danvanctl report --format html` to PNG and PDF in its tests;
# unzip: looks inside those workbooks;
# postgresql: the national database danvan-ship's tests start (Ship/Scripts/pg-cluster.sh).
for pkg in libsystemd-dev libedit-dev pkg-config socat systemd python3 tmux libreoffice-calc chromium unzip postgresql; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
