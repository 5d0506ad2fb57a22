"""PostgreSQL 15: a private cluster (initdb/pg_ctl) in a temporary directory, Unix socket only,
synchronous_commit=on, fsync=on, wal_sync_method=fdatasync; INSERT of the event row
(bigserial, text, jsonb) through pgbench with prepared statements, time-bounded."""
import glob, os, re, shutil, subprocess
from common import workdir, EVENT


def _bin():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (Benchmarks/install-deps.sh installs it)")
    return os.path.dirname(found[-1])


class PostgresPeer:
    PORT = "55433"

    def __init__(self):
        self.started = False

    def _as_pg(self, args, **kw):
        if os.geteuid() == 0:
            args = ["runuser", "-u", "postgres", "--", *args]
        return subprocess.run(args, **kw)

    def start(self):
        self.bin = _bin()
        self.base = workdir("postgres")
        self.data, self.sock = f"{self.base}/data", f"{self.base}/sock"
        os.makedirs(self.sock)
        if os.geteuid() == 0:
            for p in (self.base, self.sock):
                shutil.chown(p, "postgres", "postgres")
            os.chmod(self.base, 0o755)
            os.chmod(os.path.dirname(self.base), 0o755)
        self._as_pg([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                     "--locale=C.UTF-8"], check=True, capture_output=True)
        with open(f"{self.data}/postgresql.conf", "a") as f:
            f.write(f"""
listen_addresses = ''
unix_socket_directories = '{self.sock}'
port = {self.PORT}
fsync = on
synchronous_commit = on
full_page_writes = on
wal_sync_method = fdatasync
shared_buffers = 256MB
max_wal_size = 4GB
max_connections = 50
""")
        self._as_pg([f"{self.bin}/pg_ctl", "-D", self.data, "-l", f"{self.base}/pg.log", "-w", "-t", "60", "start"],
                    check=True, capture_output=True)
        self.started = True
        self.version = self.psql("show server_version")
        self.psql("CREATE TABLE events(seq bigserial PRIMARY KEY, type text NOT NULL, id uuid UNIQUE, payload jsonb NOT NULL)")
        self.script = f"{self.base}/insert.sql"
        data = __import__("json").dumps(EVENT["data"], separators=(",", ":"))
        with open(self.script, "w") as f:
            f.write(f"INSERT INTO events(type, id, payload) VALUES ('land.donated', gen_random_uuid(), '{data}'::jsonb);\n")
        os.chmod(self.script, 0o644)
        self.pgbench(1, 1)  # warm-up
        return self

    def stop(self):
        if self.started:
            self._as_pg([f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60", "stop"], capture_output=True)
            self.started = False

    def psql(self, sql):
        r = subprocess.run(["timeout", "120", f"{self.bin}/psql", "-h", self.sock, "-p", self.PORT, "-U", "postgres",
                            "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                           capture_output=True, text=True)
        if r.returncode:
            raise RuntimeError(r.stderr)
        return r.stdout.strip()

    def pgbench(self, clients, secs):
        cmd = ["timeout", str(secs + 60), f"{self.bin}/pgbench", "-h", self.sock, "-p", self.PORT, "-U", "postgres",
               "-n", "-M", "prepared", "-f", self.script, "-c", str(clients), "-j", str(min(clients, 2)),
               "-T", str(secs), "postgres"]
        out = subprocess.run(cmd, capture_output=True, text=True)
        m = re.search(r"tps = ([\d.]+)", out.stdout)
        lat = re.search(r"latency average = ([\d.]+) ms", out.stdout)
        if not m:
            raise RuntimeError(out.stdout[-800:] + out.stderr[-800:])
        return {"value": float(m.group(1)), "avg_us": float(lat.group(1)) * 1000 if lat else None}

    def append(self, clients, secs):
        """Committed single-row INSERTs per second."""
        return self.pgbench(clients, max(1, int(round(secs))))
