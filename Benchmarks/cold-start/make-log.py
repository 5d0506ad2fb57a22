# Writes N events of danvan-bench SyntheticLog's shape (819 units, then land/funds/labour/works
# events with ids) as NDJSON for `danvand import`. Usage: make-log.py N OUT.ndjson
import random, sys, uuid
n = int(sys.argv[1]); out = open(sys.argv[2], 'w')
def eid(a, b): return str(uuid.UUID(int=(a << 64) | b | (0x4 << 76) | (0x8 << 60)))
districts = ["TPLC","SP","BX","BT","BY","BH","MK","SM","VB"]
units = []
out.write('{"type":"unit.registered","id":"%s","data":{"code":"LC","name":"Lào Cai","level":"province"}}\n' % eid(0,0))
k = 1
for d in districts:
    out.write('{"type":"unit.registered","id":"%s","data":{"code":"%s","name":"Huyện %s","level":"district","parent":"LC"}}\n' % (eid(0,k), d, d)); k += 1
    for c in range(15):
        cc = "%s-C%d" % (d, c); units.append(cc)
        out.write('{"type":"unit.registered","id":"%s","data":{"code":"%s","name":"Xã %s","level":"commune","parent":"%s"}}\n' % (eid(0,k), cc, cc, d)); k += 1
        for v in range(5):
            vv = "%s-V%d" % (cc, v); units.append(vv)
            out.write('{"type":"unit.registered","id":"%s","data":{"code":"%s","name":"Thôn %s","level":"village","parent":"%s"}}\n' % (eid(0,k), vv, vv, cc)); k += 1
rng = random.Random(1)
for i in range(n - k):
    u = units[rng.randrange(len(units))]
    date = "%d-%02d-%02d" % (2021 + rng.randrange(4), 1 + rng.randrange(12), 1 + rng.randrange(28))
    t = rng.randrange(4); e = eid(1, i); s = 1 + rng.randrange(20)
    if t == 0: out.write('{"type":"land.donated","id":"%s","data":{"unit":"%s","households":%d,"areaM2":%d.%d,"assetsVnd":%d,"purpose":"road","donatedOn":"%s"}}\n' % (e,u,s,10+rng.randrange(5000),rng.randrange(10),1000*rng.randrange(100000),date))
    elif t == 1: out.write('{"type":"funds.contributed","id":"%s","data":{"unit":"%s","amountVnd":%d,"source":"household","contributedOn":"%s"}}\n' % (e,u,1000*(1+rng.randrange(50000)),date))
    elif t == 2: out.write('{"type":"labor.contributed","id":"%s","data":{"unit":"%s","workdays":%d.5,"participants":%d,"contributedOn":"%s"}}\n' % (e,u,s,s*3,date))
    else: out.write('{"type":"works.completed","id":"%s","data":{"unit":"%s","kind":"road","count":1,"lengthKm":0.%d,"valueVnd":%d,"completedOn":"%s"}}\n' % (e,u,1+rng.randrange(99),1000000*(1+rng.randrange(900)),date))
