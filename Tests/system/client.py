#!/usr/bin/env python3
"""A minimal danvan client for the system tests: sends NDJSON requests over the Unix socket
and prints one reply line per request, in order.

Usage: client.py SOCKET REQUEST...      (each REQUEST is one JSON object)
       client.py SOCKET --hang REQUEST  send it and wait (used for a request that never
                                        gets its reply because the daemon is made to hang)
Exit status: 0 with every reply printed; 2 when the connection fails, a reply is missing
after DANVAN_CLIENT_TIMEOUT seconds (default 15), or the daemon closed the connection early.
"""
import os
import socket
import sys


def main() -> int:
    path, requests = sys.argv[1], sys.argv[2:]
    hang = bool(requests) and requests[0] == "--hang"
    if hang:
        requests = requests[1:]
    timeout = float(os.environ.get("DANVAN_CLIENT_TIMEOUT", "15"))
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(path)
        sock.sendall("".join(r + "\n" for r in requests).encode())
        if hang:
            sock.recv(1)  # returns on EOF (daemon killed) or raises on timeout
            return 0
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while data.count(b"\n") < len(requests):
            chunk = sock.recv(1 << 16)
            if not chunk:
                break
            data += chunk
    except OSError as error:
        print(f"client: {path}: {error}", file=sys.stderr)
        return 2
    lines = data.decode().splitlines()
    for line in lines:
        print(line)
    if len(lines) < len(requests):
        print(f"client: {len(lines)} replies to {len(requests)} requests", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
