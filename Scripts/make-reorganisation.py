#!/usr/bin/env python3
"""Writes Samples/reorganisation-2025.ndjson: the 2025 reorganisation of the sample province
(Samples/lao-cai.ndjson) and events of 2025-2026 under the new units.

Deterministic (random.Random(2025); ids uuid5(NAMESPACE, "danvan-reorganisation-<line>")).
The first lines, up to the last one with an "act", are the resolution: they are meant to be
appended as one atomic batch, in file order (new units, then moves, merges, the split, and
the districts' ends). Run from the repository root: python3 Scripts/make-reorganisation.py
"""
import json
import random
import sys
import uuid
from pathlib import Path

NAMESPACE = uuid.UUID("4f5d6c1e-2a3b-5c4d-8e9f-0a1b2c3d4e5f")
ACT = "1673/NQ-UBTVQH15"
DAY = "2025-07-01"
ROOT = Path(__file__).resolve().parent.parent

units = {}
order = []
for line in (ROOT / "Samples/lao-cai.ndjson").read_text(encoding="utf-8").splitlines():
    e = json.loads(line)
    if e["type"] == "unit.registered":
        d = e["data"]
        units[d["code"]] = d
        order.append(d["code"])
communes = {}
for code in order:
    d = units[code]
    if d["level"] == "commune":
        communes.setdefault(d["parent"], []).append(code)
villages = {}
for code in order:
    d = units[code]
    if d["level"] == "village":
        villages.setdefault(d["parent"], []).append(code)

events = []


def add(type_, data):
    events.append({"type": type_, "data": data})


# Bảo Yên, as the public mapping has it (Samples' codes); None: a new unit.
BAO_YEN = [
    ("LC-BAOYEN", ["BY-PHORANG", "BY-YENSON", "BY-LUONGSON", "BY-XUANTHUONG"]),
    ("BY-NGHIADO", ["BY-TANTIEN", "BY-VINHYEN", "BY-NGHIADO"]),
    ("BY-THUONGHA", ["BY-DIENQUAN", "BY-MINHTAN", "BY-THUONGHA"]),
    ("BY-XUANHOA", ["BY-TANDUONG", "BY-XUANHOA"]),
    ("BY-PHUCKHANH", ["BY-VIETTIEN", "BY-PHUCKHANH", "BY-LONGPHUC", "BY-LONGKHANH"]),
    ("BY-BAOHA", ["BY-KIMSON", "BY-CAMCON", "BY-BAOHA"]),
]
groups = list(BAO_YEN)
covered = {c for _, members in BAO_YEN for c in members}
assert covered == set(communes["BY"]), sorted(set(communes["BY"]) - covered)

# The split: Văn Bàn's last commune is divided between its first two new communes.
SPLIT = communes["VB"][-1]
for district in [d for d in order if units[d]["level"] == "district" and d != "BY"]:
    members = [c for c in communes[district] if c != SPLIT]
    chunks = [members[i:i + 3] for i in range(0, len(members), 3)]
    if len(chunks[-1]) == 1:
        chunks[-2].extend(chunks.pop())
    groups.extend((chunk[0], chunk) for chunk in chunks)

# Resolution: the new unit, then every kept commune moved to the province, the villages of
# merged communes moved to what they merge into, the merges, the split, the districts' ends.
add("unit.registered", {"code": "LC-BAOYEN", "name": "Bảo Yên", "level": "commune", "parent": "LC", "effectiveOn": DAY})
for into, members in groups:
    if into in members:
        add("unit.moved", {"unit": into, "parent": "LC", "effectiveOn": DAY, "act": ACT})
for into, members in groups:
    for m in members:
        if m != into:
            for v in villages.get(m, []):
                add("unit.moved", {"unit": v, "parent": into, "effectiveOn": DAY, "act": ACT})
for into, members in groups:
    if len(members) > 1 or into not in members:
        add("unit.merged", {"units": members, "into": into, "effectiveOn": DAY, "act": ACT})
vb_into = [into for into, _ in groups if into.startswith("VB-")][:2]
add("unit.split", {"unit": SPLIT, "into": vb_into, "main": vb_into[0], "effectiveOn": DAY, "act": ACT})
# One new commune takes a new name: the ward formed around Duyên Hải, Lào Cai and Cốc Lếu is
# phường Lào Cai (so "Lào Cai" is now the province, the old commune and this ward).
renamed = [into for into, _ in groups if into.startswith("TPLC-")][0]
add("unit.renamed", {"unit": renamed, "name": "Lào Cai", "effectiveOn": DAY, "act": ACT})
for district in [d for d in order if units[d]["level"] == "district"]:
    add("unit.ended", {"unit": district, "effectiveOn": DAY})

# Facts of May and June 2025 recorded late, under the old units (allowed: dated before the change).
rng = random.Random(2025)
for commune in ["BY-VINHYEN", "BY-TANTIEN", "BY-PHORANG"]:
    add("funds.contributed", {"unit": commune, "amountVnd": 5_000_000 * rng.randint(1, 20), "source": "household", "contributedOn": "2025-06-%02d" % rng.randint(1, 30)})

# 2025-07 .. 2026-11 under the new communes.
new_communes = [into for into, _ in groups]
for i in range(120):
    unit = new_communes[i % len(new_communes)] if i % 4 else rng.choice(["LC-BAOYEN", "BY-NGHIADO"])
    year = 2025 if i < 50 else 2026
    month = rng.randint(7, 12) if year == 2025 else rng.randint(1, 11)
    day = "%d-%02d-%02d" % (year, month, rng.randint(1, 28))
    kind = i % 3
    if kind == 0:
        add("land.donated", {"unit": unit, "households": rng.randint(1, 12), "areaM2": rng.randint(50, 2500), "purpose": "road", "donatedOn": day})
    elif kind == 1:
        add("funds.contributed", {"unit": unit, "amountVnd": 1_000_000 * rng.randint(1, 300), "source": "household", "contributedOn": day})
    else:
        add("labor.contributed", {"unit": unit, "workdays": rng.randint(5, 400), "participants": rng.randint(5, 80), "contributedOn": day})
for i, unit in enumerate(["LC-BAOYEN", "BY-NGHIADO", "BY-XUANHOA", "BY-BAOHA"]):
    held = "2026-%02d-%02d" % (3 + i, 10 + i)
    add("dialogue.held", {"dialogue": "%s-2026-01" % unit, "unit": unit, "chair": "party_committee_head", "format": "periodic", "heldOn": held, "topic": "Sáp nhập xã và thủ tục hành chính", "opinions": [{"opinion": "o1", "text": "Đề nghị hướng dẫn đổi giấy tờ theo địa chỉ mới"}, {"opinion": "o2", "text": "Đề nghị sửa đường liên thôn"}]})
    add("opinion.answered", {"dialogue": "%s-2026-01" % unit, "opinion": "o1", "answeredOn": held, "answer": "Xã hướng dẫn tại bộ phận một cửa"})
add("model.registered", {"model": "DVK-LC-BAOYEN-2026", "unit": "LC-BAOYEN", "title": "Xã mới, một cửa gần dân", "field": "political_system", "registeredOn": "2026-05-19"})

out = []
for n, e in enumerate(events, start=1):
    out.append(json.dumps({"id": str(uuid.uuid5(NAMESPACE, "danvan-reorganisation-%d" % n)), **e}, ensure_ascii=False, separators=(",", ":")))
text = "\n".join(out) + "\n"
path = ROOT / "Samples/reorganisation-2025.ndjson"
if "--check" in sys.argv:
    sys.exit(0 if path.read_text(encoding="utf-8") == text else 1)
path.write_text(text, encoding="utf-8")
print("%s: %d events" % (path.relative_to(ROOT), len(events)))
