# Usage: append-latency.py SOCKET SECONDS
# Appends 1-event batches in a loop for N seconds on one connection; prints the max and p99 latency.
import socket, sys, time, json, uuid
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rb')
lat = []; end = time.time() + float(sys.argv[2]); i = 0
while time.time() < end:
    ev = '{"type":"funds.contributed","data":{"unit":"BY","amountVnd":1000,"source":"household","contributedOn":"2023-01-01"}}'
    t = time.perf_counter(); s.sendall(('{"id":%d,"op":"append","events":[%s]}\n' % (i, ev)).encode()); r = f.readline(); lat.append(time.perf_counter() - t); i += 1
    assert b'"ok":true' in r, r
lat.sort()
print("appends %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (len(lat), lat[len(lat)//2]*1e3, lat[int(len(lat)*0.99)]*1e3, lat[-1]*1e3))
