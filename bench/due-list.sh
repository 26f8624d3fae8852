#!/usr/bin/env bash
# The overdue list: GET /v1/due for a clinician with CLIENTS open episodes (default 500, about 10 sessions and
# 25 administrations each), among OTHERS clients of 20 other clinicians, on SQLite. Builds Release (of the working tree,
# or of a git ref given as the argument), seeds over HTTP, sets the contract's example plan, and drives wrk on one
# connection: the whole list (limit 200, first page), a later page, one client's due, and the list of a clinician with 50
# clients.
# Usage: bench/due-list.sh [git-ref]      (DURATION=10s CLIENTS=500 OTHERS=2000 to change)
duration=${DURATION:-10s}; clients=${CLIENTS:-500}; others=${OTHERS:-2000}
source "$(dirname "$0")/common.sh"
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant due --scopes submit,read,admin | tail -n 1)
api=http://127.0.0.1:5205
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done

curl -sf -o /dev/null -X PUT "$api/v1/tenant/settings" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
  -d '{"enabledInstruments":["PHQ-9","GAD-7","CORE-10","WHO-5","SRS"]}'
curl -sf -o /dev/null -X PUT "$api/v1/tenant/measurement-plan" -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d '{"name":"Adult outpatient","rules":[
  {"instrument":"PHQ-9","cadence":{"type":"every_session"}},
  {"instrument":"GAD-7","cadence":{"type":"every_n_sessions","n":4}},
  {"instrument":"CORE-10","cadence":{"type":"every_n_days","days":28,"earlyDays":3,"graceDays":7}},
  {"instrument":"SRS","timing":"end","cadence":{"type":"every_session"}}]}'
seconds=$SECONDS
python3 bench/seed-caseload.py "$api" "$key" "$clients" 10 "$others"
echo "seeded in $((SECONDS - seconds)) s: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations, $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM episodes WHERE closed_at IS NULL") open episodes"
items=$(curl -s "$api/v1/due?clinicianId=clin-bench&limit=200" -H "X-Api-Key: $key" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["items"]), "items on the first page, more:", d["nextCursor"] is not None)')
echo "clin-bench: $items"
cursor=$(curl -s "$api/v1/due?clinicianId=clin-bench&limit=200" -H "X-Api-Key: $key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["nextCursor"] or "")')

printf '%-58s %10s %9s %9s %9s %7s\n' "run (1 connection, $duration)" "req/s" "p50 ms" "p99 ms" "requests" "errors"
run() { # name path
  printf '%-58s %10s %9s %9s %9s %7s\n' "$1" $(env KEY="$key" PATH_AND_QUERY="$2" wrk -t1 -c1 -d"$duration" -s bench/wrk/get.lua "$api" | grep '^RESULT' | cut -d' ' -f2-)
}
run warmup "/v1/due?clinicianId=clin-bench&limit=200" >/dev/null
run "GET /v1/due, $clients open episodes, first page (200)" "/v1/due?clinicianId=clin-bench&limit=200"
[ -z "$cursor" ] || run "GET /v1/due, $clients open episodes, second page" "/v1/due?clinicianId=clin-bench&limit=200&cursor=$cursor"
run "GET /v1/due, $clients open episodes, status=overdue" "/v1/due?clinicianId=clin-bench&status=overdue"
run "GET /v1/due, a clinician with $((others / 20)) clients" "/v1/due?clinicianId=clin-3&limit=200"
run "GET /v1/clients/{id}/due (read)" "/v1/clients/bench-7/due?all=true"
echo "machine: $(nproc) cores, $(dotnet --version)"
