# Boots a real systemd as PID 1 in new pid, mount, uts, ipc and net namespaces, on a
# throw-away overlay of the host's root file system, and tears it down again.
# Sourced by Tests/system/systemd-lab.sh. Recipe and pitfalls: ../shared/reference/systemd-lab/.
#
# Needs: root with CAP_SYS_ADMIN, util-linux unshare/nsenter, /lib/systemd/systemd, a cgroup
# hierarchy systemd can use (hybrid: /sys/fs/cgroup/systemd + unified; or pure cgroup2).
#
# Variables: LAB (a fresh directory for this instance), CG (a unique cgroup name).
# After lab_boot: LAB_PID1 (host pid of the container's systemd), and `C cmd...` runs cmd inside.

# Why the lab cannot run here, or nothing (exit 1) when it can.
lab_unavailable_reason() {
  if [ "$(id -u)" -ne 0 ]; then echo "not root (needs CAP_SYS_ADMIN to create namespaces)"; return 0; fi
  if [ ! -x /lib/systemd/systemd ]; then echo "/lib/systemd/systemd is not installed (apt-get install systemd)"; return 0; fi
  local tool
  for tool in unshare nsenter setsid systemd-analyze; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing"; return 0; }
  done
  if ! unshare --pid --mount --uts --ipc --net --fork true 2>/dev/null; then
    echo "cannot create pid/mount/uts/ipc/net namespaces here (container without CAP_SYS_ADMIN?)"; return 0
  fi
  if [ -z "$(lab_cgroup_roots)" ]; then echo "no writable cgroup hierarchy for systemd under /sys/fs/cgroup"; return 0; fi
  return 1
}

# The cgroup hierarchies the container's systemd gets a subtree of.
lab_cgroup_roots() {
  if [ -d /sys/fs/cgroup/systemd ] && [ -w /sys/fs/cgroup/systemd ]; then
    echo /sys/fs/cgroup/systemd
    [ -d /sys/fs/cgroup/unified ] && echo /sys/fs/cgroup/unified
  elif [ -f /sys/fs/cgroup/cgroup.controllers ] && [ -w /sys/fs/cgroup ]; then
    echo /sys/fs/cgroup
  fi
}

# In-container command runner: all namespaces of the container's PID 1, and its root.
C() { nsenter -t "$LAB_PID1" -a -r -w "$@"; }

# The host-side path of a path inside the container.
croot() { echo "/proc/$LAB_PID1/root$1"; }

lab_boot() {
  local R=$LAB/root h
  mkdir -p "$R" "$LAB/ovl" "$LAB/share"
  export LIBMOUNT_UTAB=$LAB/utab   # keep libmount from creating /run/mount on the host
  for h in $(lab_cgroup_roots); do mkdir -p "$h/$CG"; done
  cat > "$LAB/inner.sh" <<'EOF'
#!/bin/bash
set -euo pipefail
LAB=$1 R=$1/root CG=$2; shift 2
for h in "$@"; do echo 0 > "$h/$CG/cgroup.procs"; done
mount --make-rprivate /
mount -t tmpfs -o mode=755 ovl "$LAB/ovl"
mkdir "$LAB/ovl/upper" "$LAB/ovl/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$LAB/ovl/upper,workdir=$LAB/ovl/work" "$R"
mount -t proc proc "$R/proc"
mount --bind "$R/proc/sys" "$R/proc/sys"; mount -o remount,bind,ro "$R/proc/sys"
mount --rbind /sys "$R/sys"; mount -o remount,bind,ro "$R/sys"
mount -t tmpfs -o mode=755,nosuid tmpfs "$R/dev"
for d in null zero full random urandom tty; do touch "$R/dev/$d"; mount --bind "/dev/$d" "$R/dev/$d"; done
mkdir -p "$R/dev/pts" "$R/dev/shm" "$R/dev/mqueue"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$R/dev/pts"; ln -s pts/ptmx "$R/dev/ptmx"
mount -t tmpfs -o mode=1777 tmpfs "$R/dev/shm"
ln -s /proc/self/fd "$R/dev/fd"; ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"; ln -s /proc/self/fd/2 "$R/dev/stderr"
mount -t tmpfs -o mode=755 tmpfs "$R/run"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
mkdir -p "$R/share"; mount --bind "$LAB/share" "$R/share"
mkdir -p "$R/etc/systemd/system"
# A minimal boot target: the default one would start every service enabled on the host.
cat > "$R/etc/systemd/system/lab.target" <<'UNIT'
[Unit]
Description=danvan system test boot target
Requires=sysinit.target sockets.target
After=sysinit.target sockets.target
AllowIsolate=yes
UNIT
hostname danvan-lab
cd "$R"
exec chroot "$R" /usr/bin/env -i container=danvan-lab TERM=dumb /lib/systemd/systemd --system --unit=lab.target --log-level=info
EOF
  chmod +x "$LAB/inner.sh"
  # shellcheck disable=SC2046
  setsid unshare --fork --kill-child=SIGKILL --pid --mount --uts --ipc --net -- \
    "$LAB/inner.sh" "$LAB" "$CG" $(lab_cgroup_roots) </dev/null >"$LAB/systemd.console" 2>&1 &
  echo $! > "$LAB/unshare.pid"
  local upid p="" i
  upid=$(cat "$LAB/unshare.pid")
  for i in $(seq 100); do
    p=$(awk '{print $1}' "/proc/$upid/task/$upid/children" 2>/dev/null)
    if [ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = systemd ]; then break; fi
    p=""; sleep 0.1
  done
  [ -n "$p" ] || { echo "systemd did not start; see $LAB/systemd.console"; cat "$LAB/systemd.console"; return 1; }
  LAB_PID1=$p
  echo "$p" > "$LAB/pid1"
  for i in $(seq 100); do [ -S "/proc/$p/root/run/systemd/private" ] && break; sleep 0.1; done
  [ -S "/proc/$p/root/run/systemd/private" ] || { echo "systemd did not come up; see $LAB/systemd.console"; return 1; }
  C systemctl is-system-running --wait >/dev/null 2>&1 || true
}

# Powers the container off (SIGRTMIN+4), kills it if that hangs, removes the cgroups systemd
# leaves behind (bottom-up), and reports what is left (nothing, when all went well).
lab_teardown() {
  local p u i h
  p=$(cat "$LAB/pid1" 2>/dev/null || true)
  u=$(cat "$LAB/unshare.pid" 2>/dev/null || true)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -s RTMIN+4 "$p" 2>/dev/null || true; fi
  for i in $(seq 100); do { [ -n "$u" ] && kill -0 "$u" 2>/dev/null; } || break; sleep 0.1; done
  if [ -n "$u" ] && kill -0 "$u" 2>/dev/null; then
    echo "lab: poweroff timed out, SIGKILL $u"
    kill -KILL "$u" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$u" 2>/dev/null || break; sleep 0.1; done
  fi
  for h in $(lab_cgroup_roots); do
    [ -d "$h/$CG" ] && find "$h/$CG" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  rm -f "$LAB/pid1" "$LAB/unshare.pid"
}

# Prints what the lab left behind; empty when nothing.
lab_leftovers() {
  local h
  for h in $(lab_cgroup_roots); do [ -d "$h/$CG" ] && echo "cgroup $h/$CG"; done
  grep -F "$LAB" /proc/mounts | awk '{print "mount " $2}'
  if [ -n "${LAB_PID1:-}" ] && kill -0 "$LAB_PID1" 2>/dev/null; then echo "process $LAB_PID1"; fi
  return 0
}
