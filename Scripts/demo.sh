#!/usr/bin/env bash
# The demo: a fresh state directory, the sample province loaded, a few published
# figures asked with danvanctl (as a script would: --output csv-keys, formatted by awk),
# a table as a person sees it, then a clean stop.
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

# ask TITLE AWK-STATEMENTS DANVANCTL-ARGUMENTS...
# Runs `danvanctl --output csv-keys ARGS`; the statements see the result's columns as v["name"]
# (nested members dotted: v["works.road.count"]) and commas(n) for thousands separators.
ask() {
  local title="$1" program="$2"
  shift 2
  printf '\n-- %s\n   danvanctl %s\n' "$title" "$*"
  "$bin/danvanctl" --socket "$sock" --output csv-keys "$@" | awk -F, '
    function commas(n,   whole, frac, out, dot) {
      whole = n; frac = ""; dot = index(n, ".")
      if (dot) { whole = substr(n, 1, dot - 1); frac = substr(n, dot) }
      out = ""
      while (length(whole) > 3) { out = "," substr(whole, length(whole) - 2) out; whole = substr(whole, 1, length(whole) - 3) }
      return whole out frac
    }
    NR == 1 { for (i = 1; i <= NF; i++) k[i] = $i; next }
    NR == 2 { for (i = 1; i <= NF; i++) v[k[i]] = $i }
    END { '"$program"' }'
}

ask "Bảo Yên, land donated for roads (2021-2023)" \
  'printf "   %s households donated %s m² for %s roads (%s km)\n", commas(v["donorHouseholds"]), commas(v["landDonatedM2"]), v["works.road.count"], v["works.road.lengthKm"]' \
  summary bao yen
ask "Bảo Yên, dialogues held by the district's standing committee" \
  'printf "   %s dialogues, %s periodic and %s ad hoc\n", v["dialogues.held"], v["dialogues.periodic"], v["dialogues.adHoc"]' \
  summary BY
for y in 2021 2022 2023; do
  ask "Bảo Yên dialogues in $y" "printf \"   $y: %s\\n\", v[\"dialogues.held\"]" summary BY --year "$y"
done
ask "Lào Cai, opinions raised at dialogues" \
  'printf "   %s opinions received, %s answered (%.1f%%)\n", commas(v["opinions.received"]), commas(v["opinions.answered"]), v["opinions.answeredRate"] * 100' \
  summary LC
ask "Lào Cai, \"Dân vận khéo\" models" \
  'printf "   model adopted in %s of %s communes (%.0f%%); %s models\n", v["models.communesWithModels"], v["models.communes"], v["models.adoptionRate"] * 100, v["models.total"]' \
  summary LC
ask "Lào Cai, workdays contributed" \
  'printf "   %s workdays\n", commas(v["workdays"])' \
  summary LC
ask "Bảo Yên, the second quarter of 2023 as the calendar cuts it" \
  'printf "   %s m² of land, %s opinions received (%s to %s)\n", commas(v["landDonatedM2"]), v["opinions.received"], v["from"], v["to"]' \
  summary BY --period 2023-Q2 --cutoff calendar
ask "Bảo Yên, the same quarter as Nghị định 09 cuts it (15th to 14th)" \
  'printf "   %s m² of land, %s opinions received (%s to %s)\n", commas(v["landDonatedM2"]), v["opinions.received"], v["from"], v["to"]' \
  summary BY --period 2023-Q2 --cutoff decree09
ask "daemon status" \
  'printf "   %s events in %s segment(s), %s bytes\n", commas(v["events"]), v["segments"], commas(v["logBytes"])' \
  status

printf '\n-- the districts of Lào Cai in 2023, as a table\n   danvanctl units LC --year 2023\n\n'
"$bin/danvanctl" --socket "$sock" --output table units LC --year 2023 | sed 's/^./   &/'

# The reorganisation of 1 July 2025: the resolution (its 145 unit events) as one atomic
# batch, then the facts under the new units. The same figure, then, in both boundaries.
echo
echo "== the reorganisation of 1 July 2025 (Samples/reorganisation-2025.ndjson, danvanctl import)"
"$bin/danvanctl" --socket "$sock" --output table import Samples/reorganisation-2025.ndjson --batch 145 | sed "s/^/   /"
ask "huyện Bảo Yên's 2023, as it reported (the district ended on 1 July 2025)" \
  'printf "   %s m² of land, %s VND, %s dialogues\n", commas(v["landDonatedM2"]), commas(v["fundsVnd"]), v["dialogues.held"]' \
  summary huyện Bảo Yên --year 2023 --boundaries historical
ask "xã Nghĩa Đô's 2023 in today's boundaries (with Tân Tiến and Vĩnh Yên, merged into it)" \
  'printf "   %s m² of land, %s VND\n", commas(v["landDonatedM2"]), commas(v["fundsVnd"])' \
  summary xã Nghĩa Đô --year 2023
ask "the same commune's 2023 as it stood, before the merge" \
  'printf "   %s m² of land, %s VND\n", commas(v["landDonatedM2"]), commas(v["fundsVnd"])' \
  summary xã Nghĩa Đô --year 2023 --boundaries historical
ask "xã Nghĩa Đô in 2026, to compare like for like" \
  'printf "   %s m² of land, %s VND\n", commas(v["landDonatedM2"]), commas(v["fundsVnd"])' \
  summary xã Nghĩa Đô --year 2026
printf '\n-- the old district asked in today'"'"'s boundaries\n   danvanctl summary huyện Bảo Yên --year 2023\n'
"$bin/danvanctl" --socket "$sock" summary huyện Bảo Yên --year 2023 2>&1 | sed 's/^/   /' || true
echo
echo "== stopping danvand"
kill -TERM "$pid"; wait "$pid"; pid=""
echo "done"
