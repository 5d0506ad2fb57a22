"""Redis Streams with AOF `appendfsync always`: a private redis-server on a Unix socket
(port 0), XADD of the event, load from redis-benchmark (C, cheap), sized from a short probe."""
import os, re, subprocess, time
from common import workdir, EVENT_JSON


class RedisPeer:
    def __init__(self, fsync="always"):
        self.fsync = fsync
        self.proc = None

    def start(self):
        d = workdir(f"redis-{self.fsync}")
        self.sock = f"{d}/redis.sock"
        with open(f"{d}/redis.conf", "w") as f:
            f.write(f"""port 0
unixsocket {self.sock}
unixsocketperm 700
dir {d}
daemonize no
save ""
appendonly yes
appendfsync {self.fsync}
auto-aof-rewrite-percentage 0
logfile {d}/redis.log
""")
        self.proc = subprocess.Popen(["redis-server", f"{d}/redis.conf"])
        for _ in range(200):
            if os.path.exists(self.sock) and self.cli("PING") == "PONG":
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("redis did not start")
        self.version = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()[2].removeprefix("v=")
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cli(self, *args):
        return subprocess.run(["timeout", "30", "redis-cli", "-s", self.sock, *args],
                              capture_output=True, text=True).stdout.strip()

    def _bench(self, clients, pipeline, n):
        cmd = ["timeout", "120", "redis-benchmark", "-s", self.sock, "-c", str(clients), "-n", str(n),
               "-P", str(pipeline), "--csv", "XADD", "events", "*", "e", EVENT_JSON]
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        rows = [l for l in out.splitlines() if l.startswith('"XADD')]
        if not rows:
            raise RuntimeError("redis-benchmark printed no result: " + out[-400:])
        f = [x.strip('"') for x in rows[-1].rsplit(",", 7)]  # the test name may hold commas
        # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        return {"value": float(f[1]) * 1, "p50_us": float(f[4]) * 1000, "p99_us": float(f[6]) * 1000}

    def append(self, clients, pipeline, secs):
        """XADD events/s (each request one event) for `clients` × `pipeline` in flight, about `secs` long."""
        probe = self._bench(clients, pipeline, 1000 if pipeline == 1 else 8000)["value"]
        n = int(min(max(probe * secs, 2000), 3_000_000))
        self.cli("DEL", "events")
        return self._bench(clients, pipeline, n)
