#!/usr/bin/env bash
# Replays four short episodes against the real server on a throw-away database and renders each chart with headless
# Chromium (clinical.md section 10):
#   docs/progress-ors-no-change.{svg,png}    an adult ORS of 24.0 at each of 10 sessions: "not improving" from session 4, never green
#   docs/progress-phq9-self-harm.{svg,png}   a PHQ-9 episode whose session 3 answers the self-harm item (item 9) with 2: a red "!"
#   docs/progress-cors-caregiver.{svg,png}   a caregiver's CORS over 8 sessions (the child cut-off 32)
#   docs/alliance-tasc-r.{svg,png}           TASC-R by the youth and the therapist: no cut-off, a rupture repaired, a discrepancy
set -euo pipefail
port=5097
source "$(dirname "$0")/demo-server.sh"

post() { # client instrument rater session items
  local at; at=$(date -u -d "2026-01-05 +$(( ($4 - 1) * 7 )) days" +%F)
  curl -sf -X POST "$base/v1/clients/$1/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"instrument\":\"$2\",\"rater\":\"$3\",\"administeredAt\":\"${at}T09:00:00Z\",\"sessionNumber\":$4,\"items\":$5}" >/dev/null
}
chart() { # client instrument name
  curl -sf "$base/v1/clients/$1/progress.svg?instrument=$2" -H "X-Api-Key: $key" > "docs/$3.svg"
  render "$3"
}
# TASC-R answers whose scored total is the given one: equal shares of 1-4, reverse items (2, 5, 7, 8, 11) answered 5 - share.
tasc() { python3 -c 'import sys
t = int(sys.argv[1]) - 12
scored = [1 + t // 12 + (1 if k < t % 12 else 0) for k in range(12)]
print("[" + ",".join(str(5 - s if k + 1 in (2, 5, 7, 8, 11) else s) for k, s in enumerate(scored)) + "]")' "$1"; }

echo "ORS 24.0 at every one of 10 sessions (adult)"
for s in $(seq 1 10); do post chart-ors ORS client "$s" '[6.0,6.0,6.0,6.0]'; done
chart chart-ors ORS progress-ors-no-change

echo "PHQ-9 with the self-harm item answered 2 at session 3"
s=0
for items in '[3,3,2,2,2,2,2,2,0]' '[3,2,2,2,2,2,2,2,0]' '[2,2,2,2,2,2,2,1,2]' '[2,2,2,2,2,2,1,1,0]' '[2,2,2,2,1,1,1,1,0]' \
             '[2,2,1,1,1,1,1,1,0]' '[2,1,1,1,1,1,1,0,0]' '[1,1,1,1,1,1,1,0,0]'; do
  s=$((s + 1)); post chart-phq PHQ-9 client "$s" "$items"
done
chart chart-phq PHQ-9 progress-phq9-self-harm

echo "CORS by the caregiver over 8 sessions"
s=0
for items in '[6.5,6.5,6.5,6.5]' '[7.0,7.0,6.5,7.0]' '[7.0,7.0,7.0,7.0]' '[7.5,7.5,7.0,7.5]' '[7.5,7.5,7.5,7.5]' \
             '[8.0,8.0,7.5,8.0]' '[8.5,8.0,8.0,8.5]' '[8.5,8.5,8.5,8.5]'; do
  s=$((s + 1)); post chart-cors CORS caregiver "$s" "$items"
done
curl -sf "$base/v1/clients/chart-cors/progress.svg?instrument=CORS&rater=caregiver" -H "X-Api-Key: $key" > docs/progress-cors-caregiver.svg
render progress-cors-caregiver

echo "TASC-R by the youth and by the therapist over 8 sessions"
youth=(44 45 44 40 43 42 44 45)
therapist=(45 46 46 47 46 46 47 47)
for s in $(seq 1 8); do
  post chart-tasc TASC-R client "$s" "$(tasc "${youth[s-1]}")"
  post chart-tasc TASC-R therapist "$s" "$(tasc "${therapist[s-1]}")"
done
chart chart-tasc TASC-R alliance-tasc-r
