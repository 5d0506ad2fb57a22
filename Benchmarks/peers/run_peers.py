#!/usr/bin/env python3
"""`make bench-peers`: the peers alone (disk, Redis appendfsync always, PostgreSQL, SQLite WAL
FULL) with the load shapes of `make bench`, median of PB_REPS (3) rounds of PB_SECS (4) s."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from rounds import Peers  # noqa: E402


def main():
    reps = int(os.environ.get("PB_REPS", "3"))
    secs = float(os.environ.get("PB_SECS", "4"))
    peers = Peers(os.environ.get("PB_ONLY", "disk,redis,postgres,sqlite").split(","))
    rows = []
    try:
        for r in range(reps):
            for part in (("a", "b") if r % 2 == 0 else ("b", "a")):
                rows += peers.round(secs, part)
    finally:
        peers.stop()
        common.cleanup()
    groups = {}
    for row in rows:
        groups.setdefault((row["system"], row["scenario"]), []).append(row)
    print(f"peers: {peers.versions}; median of {reps} rounds of {secs:g} s\n")
    print("| system | shape | events/s | min .. max | p50 µs | p99 µs |")
    print("|---|---|---:|---|---:|---:|")
    for (system, scenario), rs in sorted(groups.items()):
        v = [x["value"] for x in rs]
        p50 = common.median([x.get("p50_us") for x in rs])
        p99 = common.median([x.get("p99_us") for x in rs])
        f = lambda x: "–" if x is None else f"{x:,.0f}"
        print(f"| {system} | {scenario} | {f(common.median(v))} | {f(min(v))} .. {f(max(v))} | {f(p50)} | {f(p99)} |")


if __name__ == "__main__":
    main()
