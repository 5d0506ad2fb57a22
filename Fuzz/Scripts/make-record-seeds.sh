#!/usr/bin/env bash
# Writes the seed corpus of fuzz-record into Fuzz/Corpus/fuzz-record/ (committed): a real
# segment written by danvand (`danvand import` of the example events of protocol.md, every
# event type, one with a stream and version), a few cuts of it (first records, a torn tail,
# the header alone), and each record's payload alone (format 2), for the payload decoder.
#
#   Fuzz/Scripts/make-record-seeds.sh [path/to/danvand]     (default .build/debug/danvand)
#
# Run from the repository root after Fuzz/Scripts/make-request-seeds.py (it reads the batch seed).
set -euo pipefail
danvand=${1:-.build/debug/danvand}
out=Fuzz/Corpus/fuzz-record
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/events.ndjson" <<'PY'
import json, sys
batch = json.load(open("Fuzz/Corpus/fuzz-request/doc-batch-all", encoding="utf-8"))["events"]
closed = {"type": "campaign.closed", "id": "0b9c6f3e-1d2a-4c5b-8e7f-000000000012", "stream": "campaign-GTNT-2023",
          "data": {"campaign": "GTNT-2023", "closedOn": "2023-12-31"}}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for e in batch + [closed]:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
PY
"$danvand" import --state-dir "$work/state" "$work/events.ndjson" >/dev/null
mkdir -p "$out"
python3 - "$work/state/00000000000000000001.dvlog" "$out" <<'PY'
import struct, sys
seg, out = open(sys.argv[1], "rb").read(), sys.argv[2]
records, offset = [], 16
while offset + 24 <= len(seg):
    (length,) = struct.unpack_from("<I", seg, offset)
    records.append((offset, offset + 24 + length))
    offset += 24 + length
def write(name, data):
    open(f"{out}/{name}", "wb").write(data)
write("segment-all", seg)
write("segment-first-3", seg[:records[2][1]])
write("segment-torn-tail", seg[:-7])
write("segment-header-only", seg[:16])
for i, (start, end) in enumerate(records):
    payload = seg[start + 24:end]
    write(f"payload-{i + 1:02d}-tag{payload[1]}", payload)
print(len(records), "records;", len(seg), "bytes of segment")
PY
ls "$out" | wc -l
