"""Shared by the peer benchmarks: the event every system stores, timing bounds, temp dirs.

Adapted for danvan from the shared peer study (Redis, PostgreSQL, SQLite, raw disk). Every
peer stores the same realistic event danvand gets in `make bench` (a land donation, ~190 bytes
of JSON); the raw disk is measured with 512-byte records, as the issue's targets state it."""
import json, os, shutil, tempfile

# The event the single-event scenarios append everywhere (danvand's Requests.landDonated).
EVENT = {"type": "land.donated", "id": "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b",
         "data": {"unit": "BY", "households": 3, "areaM2": 120.5, "assetsVnd": 1000000,
                  "purpose": "road", "donatedOn": "2023-04-01"}}
EVENT_JSON = json.dumps(EVENT, separators=(",", ":"), ensure_ascii=False)


def workdir(name):
    """A fresh private directory for one peer under $TMPDIR (removed by `cleanup`)."""
    base = os.environ.get("DANVAN_PEERS_DIR") or os.path.join(tempfile.gettempdir(), f"danvan-peers.{os.getpid()}")
    d = os.path.join(base, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def cleanup():
    """Removes every peer's directory."""
    base = os.environ.get("DANVAN_PEERS_DIR") or os.path.join(tempfile.gettempdir(), f"danvan-peers.{os.getpid()}")
    shutil.rmtree(base, ignore_errors=True)


def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def pct(sorted_vals, p):
    if not sorted_vals:
        return float("nan")
    k = min(len(sorted_vals) - 1, int(round(p / 100 * (len(sorted_vals) - 1))))
    return sorted_vals[k]
