#!/usr/bin/env python3
"""The same figures in both boundaries views, 2,000 times each over one connection to a
danvand socket (argv[1]): p50 and p99 of the round trip in microseconds and the reply's size,
as Markdown rows. BENCHMARKS.md, "Boundaries", says how it is run."""
import socket, time, json, sys
path=sys.argv[1]
s=socket.socket(socket.AF_UNIX); s.connect(path); f=s.makefile('rwb')
def ask(q):
    f.write((json.dumps(q,ensure_ascii=False)+"\n").encode()); f.flush(); return f.readline()
cases=[("summary LC 2023",{"projection":"summary","unit":"LC","year":2023}),
 ("summary xã Nghĩa Đô 2023",{"projection":"summary","unit":"BY-NGHIADO","year":2023}),
 ("units LC 2023",{"projection":"units","parent":"LC","year":2023}),
 ("summary LC 2020..2025",{"projection":"summary","unit":"LC","period":"2020..2025"})]
for name,q in cases:
    for view in ["current","historical"]:
        qq=dict(q,op="query",id=1,boundaries=view)
        for _ in range(200): ask(qq)
        ts=[]
        for _ in range(2000):
            t=time.perf_counter(); r=ask(qq); ts.append(time.perf_counter()-t)
        assert b'"ok":true' in r, r[:200]
        ts.sort()
        print(f"| {name}, {view} | {ts[len(ts)//2]*1e6:.0f} | {ts[int(len(ts)*0.99)]*1e6:.0f} | {len(r)} |")
