#!/usr/bin/env bash
# The demo: a fresh state directory, the sample province loaded, a few published
# figures asked over the socket, then a clean stop.
set -euo pipefail
config="${1:-debug}"
cd "$(dirname "$0")/.."
bin="$(swift build -c "$config" --show-bin-path)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/danvan-demo.XXXXXX")"
sock="$dir/danvand.sock"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

echo "== loading Samples/lao-cai.ndjson into $dir (danvand import)"
"$bin/danvand" import --state-dir "$dir" Samples/lao-cai.ndjson
echo "== starting danvand"
"$bin/danvand" --state-dir "$dir" --socket "$sock" --log-level warning &
pid=$!
for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done

ask() {
  local title="$1" request="$2" filter="$3"
  printf '\n-- %s\n   %s\n' "$title" "$request"
  printf '%s\n' "$request" | socat - "UNIX-CONNECT:$sock" | python3 -c "
import json,sys
reply=json.loads(sys.stdin.read())
r=reply.get('result', reply)
$filter"
}

ask "Bảo Yên, land donated for roads (2021-2023)" \
  '{"id":1,"op":"query","projection":"summary","unit":"bao yen"}' \
  "print(f\"   {r['donorHouseholds']:,} households donated {r['landDonatedM2']:,} m² for {r['works']['road']['count']} roads ({r['works']['road']['lengthKm']} km)\")"
ask "Bảo Yên, dialogues held by the district's standing committee" \
  '{"id":2,"op":"query","projection":"summary","unit":"BY"}' \
  "d=r['dialogues']; print(f\"   {d['held']} dialogues, {d['periodic']} periodic and {d['adHoc']} ad hoc\")"
for y in 2021 2022 2023; do
  ask "Bảo Yên dialogues in $y" "{\"id\":3,\"op\":\"query\",\"projection\":\"summary\",\"unit\":\"BY\",\"year\":$y}" \
    "print(f\"   $y: {r['dialogues']['held']}\")"
done
ask "Lào Cai, opinions raised at dialogues" \
  '{"id":4,"op":"query","projection":"summary","unit":"LC"}' \
  "o=r['opinions']; print(f\"   {o['received']:,} opinions received, {o['answered']:,} answered ({float(o['answeredRate'])*100:.1f}%)\")"
ask "Lào Cai, \"Dân vận khéo\" models" \
  '{"id":5,"op":"query","projection":"summary","unit":"LC"}' \
  "m=r['models']; print(f\"   model adopted in {m['communesWithModels']} of {m['communes']} communes ({float(m['adoptionRate'])*100:.0f}%); {m['total']} models\")"
ask "Lào Cai, workdays contributed" \
  '{"id":6,"op":"query","projection":"summary","unit":"LC"}' \
  "print(f\"   {r['workdays']:,} workdays\")"
ask "daemon status" '{"id":7,"op":"status"}' \
  "print(f\"   {r['events']:,} events in {r['segments']} segment(s), {r['logBytes']:,} bytes\")"
echo
echo "== stopping danvand"
kill -TERM "$pid"; wait "$pid"; pid=""
echo "done"
