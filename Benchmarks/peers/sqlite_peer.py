"""SQLite in WAL mode with synchronous=FULL through python's sqlite3: the event row
(type, id, payload JSON), `batch` rows per transaction, one writer, bounded in seconds."""
import os, sqlite3, time, uuid
from common import workdir, EVENT_JSON

version = sqlite3.sqlite_version


def append(batch, secs, max_events=5_000_000):
    """Committed rows per second."""
    d = workdir("sqlite")
    path = f"{d}/events.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert con.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT UNIQUE, payload TEXT NOT NULL)")
    ins = "INSERT INTO events(type, id, payload) VALUES ('land.donated', ?, ?)"
    ids = [str(uuid.uuid4()) for _ in range(batch)]
    n = 0
    t0 = time.perf_counter()
    deadline = t0 + secs
    while n < max_events and time.perf_counter() < deadline:
        con.execute("BEGIN")
        for j in range(batch):
            con.execute(ins, (f"{n + j:08x}" + ids[j][8:], EVENT_JSON))
        con.execute("COMMIT")
        n += batch
    el = time.perf_counter() - t0
    con.close()
    return {"value": n / el}
