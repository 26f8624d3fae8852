#!/usr/bin/env bash
# Replays a 12-session PHQ-9 episode against the real server on a throw-away database, then renders the progress chart
# with headless Chromium: docs/progress-phq9.svg and docs/progress-phq9.png. It also shows the acceptance replay of the
# feedback engine: 20 at intake, 18 at session 8 -> off_track with a high alert, listed, then acknowledged.
set -euo pipefail
port=5099
source "$(dirname "$0")/demo-server.sh"

post() { # client session date items
  curl -sf -X POST "$base/v1/clients/$1/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"instrument\":\"PHQ-9\",\"administeredAt\":\"$3T09:00:00Z\",\"sessionNumber\":$2,\"items\":$4}"
}

echo "Acceptance replay: PHQ-9 20 at intake, 18 at session 8"
post replay-1 1 2026-01-05 '[3,3,3,3,2,2,2,2,0]' >/dev/null
answer=$(post replay-1 8 2026-02-23 '[3,3,2,2,2,2,2,2,0]')
echo "$answer" | python3 -c 'import json,sys; b=json.load(sys.stdin); f=b["feedback"]; print("  status", f["status"], "expected", f["expected"]["score"], "deviation", f["deviation"], "alerts", [(a["kind"], a["priority"]) for a in b["alerts"]])'
alert=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["alerts"][0]["id"])')
echo "  open alerts for the client: $(curl -sf "$base/v1/alerts?status=open&clientId=replay-1" -H "X-Api-Key: $key" | python3 -c 'import json,sys; print([a["kind"] for a in json.load(sys.stdin)["items"]])')"
curl -sf -X POST "$base/v1/alerts/$alert/acknowledge" -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"by":"clin-17","note":"discussed"}' >/dev/null
echo "  after acknowledge:          $(curl -sf "$base/v1/alerts?status=open&clientId=replay-1" -H "X-Api-Key: $key" | python3 -c 'import json,sys; print([a["kind"] for a in json.load(sys.stdin)["items"]])')"

echo "Chart: a 12-session episode with a deterioration and a recovery"
session=0
for items in '[3,3,3,3,2,2,2,2,0]' '[3,3,2,2,2,2,2,2,0]' '[3,2,2,2,2,2,2,2,0]' '[2,2,2,2,2,2,1,1,0]' '[3,3,2,2,2,2,2,1,0]' \
             '[3,3,3,3,2,2,2,2,0]' '[3,3,3,2,2,2,2,2,0]' '[2,2,2,2,2,2,1,1,0]' '[2,2,2,1,1,1,1,1,0]' '[1,1,1,1,1,1,1,0,0]' \
             '[1,1,1,1,0,0,0,0,0]' '[1,1,0,0,0,0,0,0,0]'; do
  session=$((session + 1))
  post chart-1 "$session" "$(date -u -d "2026-01-05 +$(( (session - 1) * 7 )) days" +%F)" "$items" >/dev/null
done
curl -sf "$base/v1/clients/chart-1/progress.svg?instrument=PHQ-9" -H "X-Api-Key: $key" > docs/progress-phq9.svg
render progress-phq9
