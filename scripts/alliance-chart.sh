#!/usr/bin/env bash
# Replays 14 weekly sessions of two clients against the real server on a throw-away database (the numbers of
# tests/Feedback.Api.Tests/Features/Alliance/FourteenSessionReplay.cs): a PCOMS client (ORS, then SRS) and a client on
# PHQ-9 whose alliance the client and the therapist rate on WAI-SR. Each has a rupture that is repaired and one that is
# not. Prints the alliance-v2 alerts session by session, then renders both alliance charts with headless Chromium:
# docs/alliance-srs.{svg,png} and docs/alliance-wai-sr.{svg,png}.
set -euo pipefail
port=5098
source "$(dirname "$0")/demo-server.sh"

# items that add up to a total: equal shares in the instrument's step, the remainder over the first items
items() { python3 -c 'import sys
n, lo, step, total = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
units = round((total - lo * n) / step)
print("[" + ",".join(repr(round(lo + (units // n + (1 if k < units % n else 0)) * step, 1)) for k in range(n)) + "]")' "$@"; }
post() { # client instrument rater session minutes total n lo step
  local at; at=$(date -u -d "@$(( $(date -u -d '2026-01-05T09:00:00Z' +%s) + ($4 - 1) * 7 * 86400 + $5 * 60 ))" +%FT%TZ)
  curl -sf -X POST "$base/v1/clients/$1/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"instrument\":\"$2\",\"rater\":\"$3\",\"administeredAt\":\"$at\",\"sessionNumber\":$4,\"items\":$(items "$7" "$8" "$9" "$6")}"
}
say() { python3 -c 'import json,sys; b=json.load(sys.stdin); r=b["feedback"].get("rupture")
kinds=[a["kind"]+"/"+a["priority"] for a in b["alerts"] if a["kind"] in ("alliance_rupture","rupture_unrepaired","early_alliance_risk","alliance_discrepancy")]
print("  %-8s %-9s session %2s total %4s rupture %-10s %s" % (b["instrument"], b["rater"], b["sessionNumber"], b["score"]["total"], r["state"] if r else "-", " ".join(kinds)))'; }

ors=(18.0 19.5 21.0 22.0 22.5 22.0 23.5 25.0 26.0 26.5 26.0 27.0 27.5 28.0)
srs=(37.0 38.0 38.5 38.0 35.0 36.0 37.5 38.5 39.0 38.6 35.5 36.0 36.5 36.2)
phq=(16 15 13 12 12 13 11 10 9 8 9 8 7 7)
waic=(48 50 52 53 52 45 48 50 54 55 48 49 50 50)
wait=(50 51 52 52 53 53 52 53 54 54 55 55 54 55)
echo "14 sessions: SRS (client), WAI-SR (client and therapist)"
for s in $(seq 1 14); do
  post chart-pcoms ORS client "$s" 0 "${ors[s-1]}" 4 0 0.1 >/dev/null
  post chart-pcoms SRS client "$s" 50 "${srs[s-1]}" 4 0 0.1 | say
  post chart-wai PHQ-9 client "$s" 0 "${phq[s-1]}" 9 0 1 >/dev/null
  post chart-wai WAI-SR client "$s" 50 "${waic[s-1]}" 12 1 1 | say
  post chart-wai WAI-SR therapist "$s" 55 "${wait[s-1]}" 12 1 1 | say
done

for pair in "chart-pcoms SRS srs" "chart-wai WAI-SR wai-sr"; do
  set -- $pair
  curl -sf "$base/v1/clients/$1/progress.svg?instrument=$2" -H "X-Api-Key: $key" > "docs/alliance-$3.svg"
  render "alliance-$3"
done
