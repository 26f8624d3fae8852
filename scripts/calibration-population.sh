#!/usr/bin/env bash
# The signal calibration report (clinical.md section 12) on a seeded, realistic population of PHQ-9 episodes (see
# scripts/calibration_population.py for its design), recorded over HTTP by the real service on a throw-away database,
# each episode closed, then read back. CLIENTS (default 600) and SEED (default 27) vary it.
set -euo pipefail
port=5098
# The population is sent as fast as one connection goes: above the per-key limit a clinic would meet.
export RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000
source "$(dirname "$0")/demo-server.sh"
python3 scripts/calibration_population.py "$base" "$key" "${CLIENTS:-600}" "${SEED:-27}"
today=$(date -u +%F); tomorrow=$(date -u -d tomorrow +%F)
echo "GET /v1/reports/calibration?instrument=PHQ-9&from=$today&to=$tomorrow"
curl -sf "$base/v1/reports/calibration?instrument=PHQ-9&from=$today&to=$tomorrow" -H "X-Api-Key: $key" | python3 -m json.tool
echo "GET /v1/reports/outcomes?instrument=PHQ-9 (the same episodes)"
curl -sf "$base/v1/reports/outcomes?instrument=PHQ-9&from=$today&to=$tomorrow" -H "X-Api-Key: $key" | python3 -m json.tool
