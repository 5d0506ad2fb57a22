#!/usr/bin/env python3
"""A stand-in for systemd's notification socket (NOTIFY_SOCKET), for tests without systemd.

Binds an AF_UNIX SOCK_DGRAM socket with SO_PASSCRED (so every datagram carries the sender's
pid, as systemd checks NotifyAccess=main) and appends each assignment it receives to OUT as
"<monotonic seconds> <sender pid> KEY=value". Runs until killed.

Usage: fake-notify.py SOCKET_PATH OUT_FILE
"""
import os
import socket
import struct
import sys
import time

path, out = sys.argv[1], sys.argv[2]
if os.path.exists(path):
    os.unlink(path)
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
with open(out, "a", buffering=1) as f:
    f.write(f"{time.monotonic():.3f} 0 LISTENING=1\n")
    while True:
        data, ancillary, _, _ = sock.recvmsg(65536, socket.CMSG_SPACE(12))
        pid = 0
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                pid = struct.unpack("iII", payload[:12])[0]
        for line in data.decode(errors="replace").splitlines():
            f.write(f"{time.monotonic():.3f} {pid} {line}\n")
