#!/usr/bin/env python3
"""Rows/s of danvan-ship: one shipper, then four at once, into a fresh PostgreSQL 15.

Each province is a danvand loaded (danvand import) with the sample province and EXTRA synthetic
land donations (other ids per province); the shippers start on an empty national database and
the time is taken until PostgreSQL's max(seq) of every province is its danvand's last seq.
Then the national queries are timed on what was shipped.

  python3 Ship/Scripts/bench-ship.py --danvand .build/release/danvand \
      --ship Ship/.build/release/danvan-ship [--extra 200000] [--batch 1000]

PostgreSQL runs from Ship/Scripts/pg-cluster.sh (fsync=off, synchronous_commit=off: the rate is
the shipper's and the server's CPU, not this machine's disk). Standard library only.
"""
import argparse, json, os, re, shutil, socket, subprocess, sys, tempfile, time, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "Samples", "lao-cai.ndjson")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def psql(port, sql):
    return subprocess.run(["psql", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "national",
                           "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def make_log(path, prefix, extra):
    uuid_re = re.compile(r'"([0-9a-f]{2})([0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')
    with open(SAMPLE) as src, open(path, "w") as out:
        for line in src:
            out.write(uuid_re.sub(lambda m: '"%s%s"' % (prefix, m.group(2)), line))
        units = ["BY", "SP", "BX", "BT", "BH"]
        for i in range(extra):
            out.write(json.dumps({"id": prefix + str(uuid.uuid4())[2:], "type": "land.donated", "data": {
                "unit": units[i % 5], "households": 1 + i % 3, "areaM2": 10 + (i % 1000) / 4, "purpose": "road",
                "donatedOn": "2024-0%d-1%d" % (1 + i % 9, i % 10)}}, separators=(",", ":")) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--danvand", default=os.path.join(ROOT, ".build/release/danvand"))
    ap.add_argument("--ship", default=os.path.join(ROOT, "Ship/.build/release/danvan-ship"))
    ap.add_argument("--extra", type=int, default=200000, help="synthetic events per province beyond the sample")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--provinces", default="1,4", help="runs: how many shippers at once, comma-separated")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="danvan-ship-bench.")
    os.chmod(work, 0o755)  # the postgres user must reach its data directory below
    procs = []
    try:
        counts = [int(x) for x in args.provinces.split(",")]
        n_max = max(counts)
        daemons = []
        for i in range(n_max):
            d = os.path.join(work, "p%d" % i)
            os.makedirs(d)
            log = os.path.join(d, "log.ndjson")
            make_log(log, "b%d" % i, args.extra)
            subprocess.run([args.danvand, "import", "--state-dir", d, log], check=True, capture_output=True)
            os.remove(log)
            sock = os.path.join(d, "danvand.sock")
            procs.append(subprocess.Popen([args.danvand, "run", "--state-dir", d, "--socket", sock, "--log-level", "warning"]))
            daemons.append(sock)
        for sock in daemons:
            for _ in range(300):
                if os.path.exists(sock):
                    break
                time.sleep(0.05)
        last = 8684 + args.extra
        results = []
        for n in counts:
            pgdir = os.path.join(work, "pg%d" % n)
            port = free_port()
            subprocess.run(["bash", os.path.join(HERE, "pg-cluster.sh"), "init", pgdir, str(port)], check=True)
            subprocess.run(["psql", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc", "CREATE DATABASE national"], check=True)
            url = "postgresql://postgres@127.0.0.1:%d/national?target_session_attrs=read-write" % port
            # Schema first, so that only shipping is timed.
            subprocess.run([args.ship, "migrate", "--province", "P0", "--database", url], check=True, capture_output=True)
            started = time.time()
            ships = [subprocess.Popen([args.ship, "run", "--socket", daemons[i], "--province", "P%d" % i, "--database", url,
                                       "--batch-size", str(args.batch)], stderr=subprocess.DEVNULL) for i in range(n)]
            while True:
                done = psql(port, "SELECT count(*) FROM (SELECT province FROM events GROUP BY province HAVING max(seq) = %d) x" % last)
                if int(done) == n:
                    break
                if time.time() - started > 1800:
                    raise SystemExit("not shipped in 30 min")
                time.sleep(0.2)
            seconds = time.time() - started
            for s in ships:
                s.terminate()
                s.wait()
            rows = n * last
            line = {"shippers": n, "rows": rows, "seconds": round(seconds, 2), "rows_per_s": int(rows / seconds),
                    "batch": args.batch}
            psql(port, "ANALYZE")
            for name, sql in [("national_summary() (nation, all time)", "SELECT national_summary() IS NULL"),
                              ("national_summary('P0') (one province)", "SELECT national_summary('P0') IS NULL"),
                              ("national_summary('P0','BY','2024-01-01','2024-12-31')", "SELECT national_summary('P0','BY','2024-01-01','2024-12-31') IS NULL"),
                              ("national_provinces() (side by side)", "SELECT count(*) FROM national_provinces()")]:
                t = time.time()
                psql(port, sql)
                line[name] = round(time.time() - t, 3)
            line["table_bytes"] = int(psql(port, "SELECT pg_total_relation_size('events')"))
            results.append(line)
            print(json.dumps(line, ensure_ascii=False), flush=True)
            subprocess.run(["bash", os.path.join(HERE, "pg-cluster.sh"), "destroy", pgdir], check=True)
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
