"""The disk's own limit: append 512-byte records to a file with one fdatasync every
`every` records, single writer, bounded in seconds and records (from the shared peer study)."""
import os, time
from common import workdir, pct

REC = 512
RECORD = (b"x" * (REC - 1)) + b"\n"


def append_fdatasync(every, secs, max_recs=4_000_000):
    """Records per second, and fdatasync p50/p99 in microseconds."""
    d = workdir("disk")
    path = os.path.join(d, "log.bin")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
    lat, n = [], 0
    t0 = time.perf_counter()
    deadline = t0 + secs
    try:
        while n < max_recs:
            os.write(fd, RECORD)
            n += 1
            if n % every == 0:
                s = time.perf_counter()
                os.fdatasync(fd)
                e = time.perf_counter()
                lat.append(e - s)
                if e > deadline:
                    break
        if n % every:
            os.fdatasync(fd)
        el = time.perf_counter() - t0
    finally:
        os.close(fd)
        os.unlink(path)
    lat.sort()
    return {"value": n / el, "p50_us": pct(lat, 50) * 1e6, "p99_us": pct(lat, 99) * 1e6}
