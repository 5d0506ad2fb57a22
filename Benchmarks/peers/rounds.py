"""The peers' side of an interleaved run: one round measures every peer once on every
load shape; `run-bench.py` calls `peer_round` between danvand's rounds so that noise from
the shared machine hits danvand and the peers alike."""
import sys, time
import disk, sqlite_peer
from redis_peer import RedisPeer
from postgres_peer import PostgresPeer


def log(text):
    print(f"peers: {text}", file=sys.stderr, flush=True)


class Peers:
    """Starts the servers once; `round()` returns a list of result dicts."""

    def __init__(self, which):
        self.which = which
        self.redis = RedisPeer("always").start() if "redis" in which else None
        self.pg = PostgresPeer().start() if "postgres" in which else None
        self.versions = {}
        if self.redis:
            self.versions["redis"] = self.redis.version
        if self.pg:
            self.versions["postgres"] = self.pg.version
        if "sqlite" in which:
            self.versions["sqlite"] = sqlite_peer.version

    def stop(self):
        for p in (self.redis, self.pg):
            if p:
                p.stop()

    def round(self, secs, part):
        """`part` 'a' or 'b': the round is split in two so that danvand runs between them."""
        out = []

        def rec(system, scenario, r):
            r = dict(r)
            r.update(system=system, scenario=scenario, metric="events/s")
            out.append(r)
            log(f"{system:8s} {scenario:22s} {r['value']:>12,.0f} ev/s")

        if part == "a":
            if "disk" in self.which:
                rec("disk", "append 1x1", disk.append_fdatasync(1, secs))
            if self.redis:
                rec("redis", "append 1x1", self.redis.append(1, 1, secs))
                rec("redis", "append 16x1", self.redis.append(16, 1, secs))
                rec("redis", "append 16x16", self.redis.append(16, 16, secs))
        else:
            if self.pg:
                rec("postgres", "append 1x1", self.pg.append(1, secs))
                rec("postgres", "append 16x1", self.pg.append(16, secs))
            if "sqlite" in self.which:
                rec("sqlite", "append 1x1", sqlite_peer.append(1, secs))
                rec("sqlite", "append b512x1", sqlite_peer.append(512, secs))
            if "disk" in self.which:
                rec("disk", "append b512x1", disk.append_fdatasync(512, secs))
        return out
