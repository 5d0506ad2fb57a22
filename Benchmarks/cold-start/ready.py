# Usage: ready.py DANVAND STATE_DIR MODE(without|with) RUNS
# Starts danvand, times spawn -> first answered hello, prints its replay log line, stops it (SIGTERM).
import os, socket, subprocess, sys, time, glob
b, state, mode, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sock = state + ".sock"
for r in range(runs):
    if mode == "without":
        for f in glob.glob(state + "/*.dvsnap"): os.unlink(f)
    elif not glob.glob(state + "/*.dvsnap"):
        sys.exit("no snapshot to start from")
    try: os.unlink(sock)
    except FileNotFoundError: pass
    log = open(state + ".log", "w")
    t0 = time.perf_counter()
    p = subprocess.Popen([b, "--state-dir", state, "--socket", sock, "--log-level", "info"], stderr=log, stdout=log)
    while True:
        try:
            s = socket.socket(socket.AF_UNIX); s.connect(sock); s.sendall(b'{"id":1,"op":"hello"}\n')
            if s.makefile('rb').readline(): break
        except OSError: time.sleep(0.001)
    ready = time.perf_counter() - t0
    s = socket.socket(socket.AF_UNIX); s.connect(sock); s.sendall(b'{"id":1,"op":"status"}\n'); st = s.makefile('rb').readline().decode().strip()
    t1 = time.perf_counter(); p.terminate(); p.wait(); stop = time.perf_counter() - t1
    lines = open(state + ".log").read().splitlines()
    replay = [l for l in lines if "replayed the log" in l or "loaded the state snapshot" in l or "wrote a state snapshot" in l or "ignoring" in l]
    print("%s run %d: ready %.3f s, stop %.2f s" % (mode, r + 1, ready, stop))
    for l in replay: print("   ", l[l.find(":", 20) + 1:][:220] if False else l[-230:])
    print("    status:", st[:230])
