#!/usr/bin/env python3
"""`make bench`: danvand and its peers in one run, interleaved, and ONE Markdown table.

Round r (r = 1..reps): peers part A (disk fdatasync/record, Redis appendfsync always 1, 16,
16x16), danvand's append shapes (danvan-bench appends, fresh daemon), peers part B (PostgreSQL
1 and 16 clients, SQLite WAL FULL 1 and 512 per transaction, disk fdatasync every 512); odd
rounds run the parts the other way round. Then danvan-bench growth: one log grown 10k → 100k
→ 1M (10M with --with-10m), per size time to ready, replay rate, RSS, summary/units latency and
rate idle, and under 16 appending clients at the largest size. Medians over the rounds.
"""
import argparse, datetime, json, os, platform, re, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "peers"))
import common  # noqa: E402
from rounds import Peers  # noqa: E402


def log(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


def run_json_lines(cmd, timeout):
    log("$ " + " ".join(cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=None, text=True, timeout=timeout)
    if p.returncode:
        raise RuntimeError(f"{cmd[0]} exited {p.returncode}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // (1024 * 1024) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    fs = subprocess.run(["findmnt", "-no", "SOURCE,FSTYPE", "-T", "/tmp"], capture_output=True, text=True).stdout.strip()
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    commit = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gib": mem, "kernel": platform.release(), "fs": fs,
            "swift": swift[0] if swift else "?", "commit": commit + ("+changes" if dirty else ""),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def aggregate(rows):
    """(system, scenario) -> dict of medians over the rounds."""
    groups = {}
    for r in rows:
        groups.setdefault((r["system"], r["scenario"]), []).append(r)
    out = {}
    for key, rs in groups.items():
        keys = set().union(*[r.keys() for r in rs]) - {"system", "scenario", "metric", "note"}
        m = {k: common.median([r.get(k) for r in rs if isinstance(r.get(k), (int, float))]) for k in keys}
        m["n"] = len(rs)
        m["notes"] = sorted({r["note"] for r in rs if r.get("note")})
        out[key] = m
    return out


def fmt(x, unit=""):
    if x is None:
        return "–"
    if abs(x) >= 100:
        s = f"{x:,.0f}"
    elif abs(x) >= 10:
        s = f"{x:,.1f}"
    else:
        s = f"{x:,.2f}"
    return s + unit


def lat(m):
    if not m or m.get("p50_us") is None:
        return "–"
    return f"{fmt(m.get('p50_us'))} / {fmt(m.get('p99_us'))} / {fmt(m.get('p999_us'))}"


def paired_ratio(rows, scenario, peer_system, peer_scenario):
    """Median over the rounds of danvand's figure divided by the peer's in the same round:
    the interleaving makes each round's pair share the machine's load of the moment."""
    by_round = {}
    for r in rows:
        if "round" not in r:
            continue
        if (r["system"], r["scenario"]) == ("danvand", scenario):
            by_round.setdefault(r["round"], {})["d"] = r["value"]
        elif (r["system"], r["scenario"]) == (peer_system, peer_scenario):
            by_round.setdefault(r["round"], {})["p"] = r["value"]
    ratios = [v["d"] / v["p"] for v in by_round.values() if "d" in v and v.get("p")]
    return common.median(ratios), len(ratios)


def table(agg, sizes, info, rows):
    d = lambda sc: agg.get(("danvand", sc))
    peer = lambda sys_, sc: agg.get((sys_, sc))
    val = lambda m, k="value": None if m is None else m.get(k)
    big = max(sizes)
    BIG = label(big)
    lines = ["| Scenario | danvand | danvand p50 / p99 / p99.9 µs | CPU client / danvand (cores) | Redis always | PostgreSQL | SQLite FULL | Disk raw | Ratio | Target | Met |",
             "|---|---:|---|---|---:|---:|---:|---:|---|---|---|"]

    def met(ok):
        return "–" if ok is None else ("**met**" if ok else "not met")

    def row(name, dm, *, redis=None, pg=None, sqlite=None, disk=None, ratio="–", target="", ok=None, unit="",
            latency=True, cpu=True):
        cpu_s = f"{fmt(val(dm, 'client_cores'))} / {fmt(val(dm, 'server_cores'))}" if cpu and dm else "–"
        lines.append(f"| {name} | {fmt(val(dm), unit)} | {lat(dm) if latency else '–'} | {cpu_s} | "
                     f"{fmt(val(redis))} | {fmt(val(pg))} | {fmt(val(sqlite))} | {fmt(val(disk))} | {ratio} | {target} | {met(ok)} |")

    def ratio(scenario, peer_system, peer_scenario, what):
        x, n = paired_ratio(rows, scenario, peer_system, peer_scenario)
        if x is None:
            return "–", None
        return f"{x:.2f}× {what}", x

    # (1) single-event durable appends
    m = d("append 1x1"); dk = peer("disk", "append 1x1")
    r, x = ratio("append 1x1", "disk", "append 1x1", "disk")
    row("(1) append, 1 client, 1 event/request (events/s)", m, redis=peer("redis", "append 1x1"),
        pg=peer("postgres", "append 1x1"), sqlite=peer("sqlite", "append 1x1"), disk=dk, ratio=r,
        target="≥ 0.90× disk (fdatasync per 512 B record)", ok=None if x is None else x >= 0.9)
    m = d("append 16x1"); rd = peer("redis", "append 16x1")
    r, x = ratio("append 16x1", "redis", "append 16x1", "Redis")
    row("(1) append, 16 clients (events/s)", m, redis=rd, pg=peer("postgres", "append 16x1"), ratio=r,
        target="≥ 2× Redis appendfsync always", ok=None if x is None else x >= 2)
    m = d("append 16x16"); rd = peer("redis", "append 16x16")
    r, x = ratio("append 16x16", "redis", "append 16x16", "Redis")
    row("(1) append, 16 clients × 16 in flight (events/s)", m, redis=rd, ratio=r, target="(none; Redis -P 16 shown)")
    dk = peer("disk", "append b512x1")
    for shape in ("b512x1", "b512x4"):
        m = d(f"append {shape}")
        if not m:
            continue
        r, x = ratio(f"append {shape}", "disk", "append b512x1", "disk")
        clients = shape.split("x")[1]
        row(f"(2) append, 512 events/request, {clients} client{'s' if clients != '1' else ''} (events/s)", m,
            sqlite=peer("sqlite", "append b512x1"), disk=dk, ratio=r,
            target="≥ 0.75× disk (fdatasync per 512 records)", ok=None if x is None else x >= 0.75)
    # (3) cold start
    for s in sizes:
        L = label(s)
        m = d(f"ready {L}")
        if m:
            t = s / 1e6
            big_enough = s >= 1_000_000
            row(f"(3) time to ready, {L} events (s)", m, ratio=f"{fmt(s / val(m))} events/s overall",
                target=f"≤ {t:g} s (10M in 10 s, no snapshot)" if big_enough else "(start-up dominated)",
                ok=(val(m) <= t) if big_enough else None, latency=False, cpu=False)
    for s in sizes:
        L = label(s)
        m = d(f"ready {L} from snapshot")
        if m and s >= 1_000_000:
            ten = s >= 10_000_000
            row(f"(3) time to ready from a state snapshot, {L} events (s)", m, ratio="snapshot of the whole log",
                target="≤ 1 s (10M, with a snapshot)" if ten else "(the bar is 10M in 1 s)",
                ok=(val(m) <= 1) if ten else None, latency=False, cpu=False)
    m = d(f"replay {BIG}")
    row(f"(3) replay rate, {BIG} events (events/s)", m, target="≥ 1,000,000 events/s",
        ok=None if not m else val(m) >= 1e6, latency=False, cpu=False)
    # (4) queries at the largest size
    for q in ("summary", "units"):
        bar = "" if q == "summary" else " (summary's bar)"
        m = d(f"{q} idle 1 client {BIG}")
        row(f"(4) `{q}` idle, 1 client, {BIG} events (queries/s)", m, target=f"p99 ≤ 200 µs{bar}",
            ok=None if not m else m["p99_us"] <= 200)
        m = d(f"{q} idle 8 clients {BIG}")
        row(f"(4) `{q}` idle, 8 clients, {BIG} events (queries/s)", m, target=f"≥ 50,000 queries/s{bar}",
            ok=None if not m else val(m) >= 50_000)
        m = d(f"{q} under 16-client appends {BIG}")
        if m:
            note = f"p50 ≤ 100 µs, p99 ≤ 1 ms{bar}; appends meanwhile {fmt(m.get('append_events_per_s'))}/s"
            row(f"(4) `{q}` while 16 clients append, 1 client, {BIG} events (queries/s)", m, target=note,
                ok=m["p50_us"] <= 100 and m["p99_us"] <= 1000)
    # (4) periods, idle: a quarter, a five-year term, arbitrary days; `units` of a quarter
    for q, what in (("summary quarter", "a quarter, decree09"), ("summary term", "a five-year term"),
                    ("summary days", "from–to of arbitrary days"), ("units quarter", "a quarter")):
        name = q.split()[0]
        m = d(f"{q} idle 1 client {BIG}")
        row(f"(4) `{name}` of {what}, idle, 1 client, {BIG} events (queries/s)", m, target="p99 ≤ 200 µs (summary's bar)",
            ok=None if not m else m["p99_us"] <= 200)
        m = d(f"{q} idle 8 clients {BIG}")
        row(f"(4) `{name}` of {what}, idle, 8 clients, {BIG} events (queries/s)", m, target="≥ 50,000 queries/s (summary's bar)",
            ok=None if not m else val(m) >= 50_000)
    # (5) memory
    m = d(f"memory {BIG}")
    if m:
        lines.append(f"| (5) resident memory after {BIG} events (bytes/event) | {fmt(val(m))} | – | – | – | – | – | – | "
                     f"RSS {fmt(m.get('rss_bytes', 0) / 1e6)} MB; {fmt(m.get('marginal_bytes_per_event'))} B/event above the empty daemon | "
                     f"≤ 100 B/event (at 10M) | {met(val(m) <= 100)} |")
    # (6) growth
    def series(key, scen, unit=""):
        vals = [(label(s), (d(f"{scen} {label(s)}") or {}).get(key)) for s in sizes]
        return ", ".join(f"{L}: {fmt(v, unit)}" for L, v in vals), [v for _, v in vals]
    s_txt, s_vals = series("p50_us", "summary idle 1 client", " µs")
    ok = None if None in s_vals else s_vals[-1] <= 1.5 * s_vals[0] + 20
    lines.append(f"| (6) growth: `summary` p50 idle | {s_txt} | – | – | – | – | – | – | {fmt(s_vals[-1] / s_vals[0] if None not in s_vals else None)}× from {label(sizes[0])} to {BIG} | flat (≤ 1.5×) | {met(ok)} |")
    s_txt, s_vals = series("p50_us", "units idle 1 client", " µs")
    ok = None if None in s_vals else s_vals[-1] <= 1.5 * s_vals[0] + 20
    lines.append(f"| (6) growth: `units` p50 idle | {s_txt} | – | – | – | – | – | – | {fmt(s_vals[-1] / s_vals[0] if None not in s_vals else None)}× | flat (≤ 1.5×) | {met(ok)} |")
    r_txt, r_vals = series("value", "replay", "/s")
    ok = None if None in r_vals else r_vals[-1] >= 0.67 * max(r_vals)
    lines.append(f"| (6) growth: replay rate | {r_txt} | – | – | – | – | – | – | – | linear (rate holds) | {met(ok)} |")
    t_txt, _ = series("value", "ready", " s")
    lines.append(f"| (6) growth: time to ready | {t_txt} | – | – | – | – | – | – | – | linear | – |")
    m_txt, _ = series("value", "memory", " B")
    lines.append(f"| (6) growth: RSS per event | {m_txt} | – | – | – | – | – | – | – | falls toward the marginal cost | – |")
    # (7) asOf (issue 20): a first answer at a past point rebuilds it (a snapshot near it, then the
    # log up to it); the same point again is cached; the end is the live projection.
    for name, where in (("start (1%)", "near the start (1 %: from the first event)"),
                        ("middle (50% - 1, before a snapshot)", "in the middle, just before a kept snapshot (from the one at 10 %)"),
                        ("middle (55%)", "in the middle, after a snapshot (from 50 %)"),
                        ("near the end (99%)", "near the end (99 %: from 90 %)"),
                        ("end", "at the end (the live projection)")):
        m = d(f"asof {name} {BIG}")
        if m:
            peak = m.get("peak_rss_bytes")
            peak_text = f", peak RSS {fmt(peak / 1e6)} MB" if peak else ""
            lines.append(f"| (7) `asOf` {where}, {BIG} events, first answer (s) | {fmt(val(m))} | – | – | – | – | – | – | seq {fmt(m.get('seq'))}{peak_text} | cheap near the end | – |")
    for name, what in (("time, first (index built)", "a time, the first one (reads the log once for its index of record times)"),
                       ("time, index built", "a time, index built")):
        m = d(f"asof {name} {BIG}")
        if m:
            lines.append(f"| (7) `asOf` {what}, {BIG} events (s) | {fmt(val(m))} | – | – | – | – | – | – | – | – | – |")
    m = d(f"asof cached {BIG}")
    if m:
        lines.append(f"| (7) `asOf` at a point already rebuilt, {BIG} events | {fmt(val(m))} µs p50 | {fmt(m.get('p50_us'))} / {fmt(m.get('p99_us'))} / – | – | – | – | – | – | 200 queries | – | – |")
    for name in ("idle", "during an asOf rebuild"):
        m = d(f"asof appends {name} {BIG}")
        if m:
            row(f"(7) appends 1 client {name}, {BIG} events (events/s)", m, target="a rebuild does not stall appends" if name != "idle" else "")
    return "\n".join(lines)


def label(size):
    return f"{size // 1_000_000}M" if size >= 1_000_000 and size % 1_000_000 == 0 else (f"{size // 1000}k" if size >= 1000 else str(size))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--danvand", required=True)
    ap.add_argument("--bench", required=True, help="the danvan-bench binary")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--secs", type=float, default=4)
    ap.add_argument("--shapes", default="1x1,16x1,16x16,b512x1,b512x4")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--with-10m", action="store_true", help="also 10M events (long, ~1.5 GB of log)")
    ap.add_argument("--peers", default="disk,redis,postgres,sqlite")
    ap.add_argument("--out", default=os.path.join(HERE, ".build", "bench"))
    ap.add_argument("--update-doc", help="replace the table between the bench markers of this file (BENCHMARKS.md)")
    a = ap.parse_args()
    t_start = time.time()
    os.makedirs(a.out, exist_ok=True)
    # One binary for the whole run, even if the build folder is rebuilt meanwhile.
    snapshot = os.path.join(a.out, "danvand")
    shutil.copy2(a.danvand, snapshot)
    a.danvand = snapshot
    sizes = [int(x) for x in a.sizes.split(",")] + ([10_000_000] if a.with_10m else [])
    info = machine()
    info["load_before"] = open("/proc/loadavg").read().split()[:3]
    log(f"{info['cores']} cores, {info['mem_gib']} GiB, {info['cpu']}, load {' '.join(info['load_before'])}")
    rows = []
    which = a.peers.split(",") if a.peers else []
    peers = Peers(which)
    try:
        for r in range(a.reps):
            first, last = ("a", "b") if r % 2 == 0 else ("b", "a")
            part = peers.round(a.secs, first)
            part += run_json_lines([a.bench, "appends", "--danvand", a.danvand, "--shapes", a.shapes,
                                    "--seconds", str(a.secs)], timeout=600)
            part += peers.round(a.secs, last)
            for row in part:
                row["round"] = r
            rows += part
        info["peer_versions"] = peers.versions
    finally:
        peers.stop()
        common.cleanup()
    rows += run_json_lines([a.bench, "growth", "--danvand", a.danvand, "--sizes", ",".join(map(str, sizes)),
                            "--starts", str(a.reps)], timeout=3600)
    rows += run_json_lines([a.bench, "asof", "--danvand", a.danvand, "--events", str(max(sizes))], timeout=3600)
    info["load_after"] = open("/proc/loadavg").read().split()[:3]
    info["minutes"] = (time.time() - t_start) / 60
    with open(os.path.join(a.out, "results.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    agg = aggregate(rows)
    md = table(agg, sizes, info, rows)
    notes = sorted({n for m in agg.values() for n in m["notes"]})
    header = (f"Measured {info['date']} on {info['cores']} cores ({info['cpu']}), {info['mem_gib']} GiB, kernel {info['kernel']}, "
              f"/tmp on {info['fs']}; {info['swift']}; commit {info['commit']}; peers {info.get('peer_versions', {})}; "
              f"load {' '.join(info['load_before'])} before, {' '.join(info['load_after'])} after; "
              f"median of {a.reps} interleaved rounds of {a.secs:g} s (ratios: median of the per-round ratios); run took {info['minutes']:.1f} min.")
    text = header + "\n\n" + md + "\n"
    if notes:
        text += "\nFailed replies seen: " + "; ".join(notes[:3]) + "\n"
    with open(os.path.join(a.out, "table.md"), "w") as f:
        f.write(text)
    print(text)
    os.remove(snapshot)
    if a.update_doc:
        doc = open(a.update_doc).read()
        new = re.sub(r"(<!-- bench:begin -->\n).*?(<!-- bench:end -->)", lambda m: m.group(1) + text + m.group(2), doc, flags=re.S)
        open(a.update_doc, "w").write(new)
        log(f"updated {a.update_doc}")


if __name__ == "__main__":
    main()
