#!/usr/bin/env python3
"""Writes the seed corpus of fuzz-request into Fuzz/Corpus/fuzz-request/ (committed).

- every request line of protocol.md's examples (one file each, named after its op and id);
- one append batch holding all the example events in order, so that a fuzzed batch starts
  from one that a fresh registry admits (units before the campaigns that use them...);
- a modest subset of JSONTestSuite's test_parsing files (MIT, github.com/nst/JSONTestSuite):
  the short ones, where the parser's edge cases are. Pass its directory as the argument;
  nothing reads it at fuzz time.

Run from the repository root: python3 Fuzz/Scripts/make-request-seeds.py ../shared/data/JSONTestSuite/test_parsing
"""
import json
import os
import re
import sys

out = "Fuzz/Corpus/fuzz-request"
os.makedirs(out, exist_ok=True)
lines = []
for text in open("protocol.md", encoding="utf-8"):
    for m in re.finditer(r"'(\{\"id\"[^']*)'", text):
        lines.append(m.group(1).removesuffix("\\n"))
events = []
for i, line in enumerate(lines):
    try:
        op = json.loads(line).get("op", "none")
    except ValueError:
        op = "bad"
    with open(f"{out}/doc-{i:02d}-{op}", "w", encoding="utf-8") as f:
        f.write(line)
    if op == "append":
        req = json.loads(line)
        if "expectedVersion" not in req:
            events.extend(req["events"])
seen = set()
batch = []
for e in events:
    if "id" not in e or e["id"] in seen:  # the one without an id is an example of a refusal
        continue
    seen.add(e.get("id"))
    batch.append(e)
with open(f"{out}/doc-batch-all", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": 1, "op": "append", "events": batch}, ensure_ascii=False, separators=(",", ":")))
if len(sys.argv) > 1:
    suite = sys.argv[1]
    names = sorted(n for n in os.listdir(suite) if os.path.getsize(os.path.join(suite, n)) <= 48)
    for n in names[::4]:
        with open(os.path.join(suite, n), "rb") as src, open(f"{out}/jts-{n}", "wb") as dst:
            dst.write(src.read())
print(len(os.listdir(out)), "seeds in", out)
