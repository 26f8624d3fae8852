#!/usr/bin/env bash
# Read routes at clinic-network scale: a large tenant (CLIENTS clients, default 100,000, with 10
# PHQ-9 administrations each and 10 alerts each, 2% of them open; 200,000 audit entries) and a small tenant (100 clients,
# the same shape), written straight into a fresh SQLite file with sqlite3, then wrk on one connection, DURATION per line
# (default 5s), the same route for each tenant in the same run. The service gathers planner statistics 30 s after it
# starts (PlannerStatistics); the runs start after that.
# Usage: bench/scale.sh [git-ref]      (CLIENTS=100000 DURATION=5s to change; SEEDED_DB=file keeps the seeded database
# there, or starts from that copy when it exists, to skip the seeding on the next run)
clients=${CLIENTS:-100000}; duration=${DURATION:-5s}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
seeded=${SEEDED_DB:-}
[ -n "$seeded" ] && [ -f "$seeded" ] && cp "$seeded" "$work/feedback.db"
large=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant large --scopes submit,read,admin | tail -n 1)
small=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant small --scopes submit,read,admin | tail -n 1)
seconds=$SECONDS
# Ids are ULID-shaped (26 Crockford characters), as cursors check: '01J', a letter per table and tenant, 22 digits.
seed() { # tenant name, clients, letters for alerts, administrations, episodes, audit entries
sqlite3 "$work/feedback.db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $2 - 1) SELECT i FROM s;
CREATE TEMP TABLE k AS WITH RECURSIVE s(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM s WHERE j < 9) SELECT j FROM s;
INSERT INTO clients (tenant_id, client_id, age_group, clinician_id, created_at, updated_at)
SELECT t.id, 'c-' || i, 'adult', 'clin-' || (i % 400), '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM n, tenants t WHERE t.name = '$1';
INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at)
SELECT '01J$5' || printf('%022d', i), t.id, 'c-' || i, '2024-01-01 00:00:00', NULL FROM n, tenants t WHERE t.name = '$1';
INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, clinician_id, administered_at, received_at,
    items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash, age_group, model, rules_version, episode_opened, source)
SELECT '01J$4' || printf('%020d%02d', i, j), t.id, 'c-' || i, '01J$5' || printf('%022d', i), 'PHQ-9', 'client', j + 1, 'clin-' || (i % 400),
       strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (j * 7 + i % 7) || ' days'), strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (j * 7 + i % 7) || ' days'),
       '[2,2,2,2,2,1,1,1,0]', 13.0, 0, 'moderate', 1, '{}', '{"kind":"outcome","intakeScore":13,"intakeProrated":false,"changeFromIntake":0,"reliableChange":"unchanged","recovered":false,"status":"baseline"}',
       '$1-h' || i || '-' || j, 'adult', 'power-decay-v1.1', 'alerts-v1.1', CASE WHEN j = 0 THEN 'first' END, 'api'
FROM n, k, tenants t WHERE t.name = '$1';
INSERT INTO alerts (id, tenant_id, client_id, episode_id, administration_id, instrument, clinician_id, kind, priority, priority_rank, message, status,
    rules_version, created_at, rater, imported)
SELECT '01J$3' || printf('%020d%02d', i, j), t.id, 'c-' || i, '01J$5' || printf('%022d', i), '01J$4' || printf('%020d%02d', i, j), 'PHQ-9', 'clin-' || (i % 400),
       CASE (i + j) % 4 WHEN 0 THEN 'risk_item' WHEN 1 THEN 'off_track' WHEN 2 THEN 'at_risk' ELSE 'reliable_deterioration' END,
       CASE (i + j) % 3 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' ELSE 'normal' END, (i + j) % 3, 'm',
       CASE WHEN (i * 10 + j) % 50 = 0 THEN 'open' ELSE 'resolved' END, 'alerts-v1.1',
       strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (j * 7 + i % 7) || ' days', '+' || (i % 1440) || ' minutes'), 'client', 0
FROM n, k, tenants t WHERE t.name = '$1';
INSERT INTO audit_log (id, tenant_id, key_id, method, route, client_id, resource_id, status, at)
SELECT '01J$6' || printf('%020d%02d', i, j), t.id, 'k', 'GET', 'v1/clients/{clientId}', 'c-' || i, 'c-' || i, 200, '2024-06-01 00:00:00'
FROM n, (SELECT j FROM k WHERE j < 2), tenants t WHERE t.name = '$1';
COMMIT;
SQL
}
if [ -z "$seeded" ] || [ ! -f "$seeded" ]; then
  seed large "$clients" A C E G
  seed small 100 B D F H
  [ -n "$seeded" ] && { sqlite3 "$work/feedback.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; cp "$work/feedback.db" "$seeded"; }
fi
echo "seeded in $((SECONDS - seconds)) s: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations, $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) || ' alerts (' || SUM(status = 'open') || ' open)' FROM alerts")"

api=http://127.0.0.1:5212
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
sleep 35 # PlannerStatistics runs PRAGMA optimize 30 s after start
# A deep worklist page: the cursor after 10 pages of 50 (the small tenant has 20).
deep() { # key, path with a query
  local key=$1 cursor="" answer
  for _ in $(seq 1 10); do
    answer=$(curl -s "$api$2&limit=50${cursor:+&cursor=$cursor}" -H "X-Api-Key: $key")
    cursor=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("nextCursor") or "")') || { echo "deep page: $answer" >&2; exit 1; }
    [ -n "$cursor" ] || { echo "deep page: no cursor after $answer" | cut -c1-300 >&2; exit 1; }
  done
  echo "$cursor"
}
deep_large=$(deep "$large" "/v1/alerts?status=any"); deep_small=$(deep "$small" "/v1/alerts?status=any")
# p50 and p99 (ms); a run with any error (a non-2xx answer) is refused.
run() { # key, path and query (or "POST" and a client count: a new PHQ-9 for one of the tenant's seeded clients)
  local result script=get.lua
  [ "$2" = POST ] && script=post.lua
  # One second first, not counted: wrk 4 corrects for coordinated omission, so the one cold first request of a route on a
  # large file (its pages not yet read, ~0.5 s) would otherwise add ~1% of synthetic samples and be the p99.
  for warm in 1 0; do
    result=($(env KEY="$1" PATH_AND_QUERY="$2" CLIENTS="${3:-1}" PREFIX=c- BASE=$((1735689600 + warm * 100000000)) CONNECTIONS=1 RUN=$warm \
      wrk -t1 -c1 -d"$([ $warm = 1 ] && echo 1s || echo "$duration")" --timeout 10s -s "bench/wrk/$script" "$api" | grep '^RESULT' | cut -d' ' -f2-))
  done
  [ "${result[4]}" = "0" ] || { echo "errors on $2: ${result[4]}" >&2; exit 1; }
  echo "${result[1]} ${result[2]}"
}
printf '%-40s %20s %20s %13s\n' "route (1 connection, $duration)" "large p50 / p99 ms" "small p50 / p99 ms" "ratio p50/p99"
line() {
  local name=$1 l s
  l=($(run "$large" "$2" "$clients")); s=($(run "$small" "$3" 100))
  printf '%-40s %20s %20s %13s\n' "$name" "${l[0]} / ${l[1]}" "${s[0]} / ${s[1]}" \
    "$(python3 -c "print(f'{${l[0]} / max(${s[0]}, 0.01):.1f}x / {${l[1]} / max(${s[1]}, 0.01):.1f}x')")"
}
line "worklist, open, first page" "/v1/alerts" "/v1/alerts"
line "worklist, one clinician" "/v1/alerts?clinicianId=clin-3" "/v1/alerts?clinicianId=clin-3"
line "worklist, one kind, any status" "/v1/alerts?kind=off_track&status=any" "/v1/alerts?kind=off_track&status=any"
line "worklist, any status, page 11" "/v1/alerts?status=any&limit=50&cursor=$deep_large" "/v1/alerts?status=any&limit=50&cursor=$deep_small"
line "a client's history page" "/v1/clients/c-42/administrations" "/v1/clients/c-42/administrations"
line "a client's progress" "/v1/clients/c-42/progress?instrument=PHQ-9" "/v1/clients/c-42/progress?instrument=PHQ-9"
line "audit log, first page" "/v1/audit" "/v1/audit"
# Cursors taken now, when the small tenant's audit log holds the entries of the runs above too.
audit_large=$(deep "$large" "/v1/audit?"); audit_small=$(deep "$small" "/v1/audit?")
line "audit log, page 11" "/v1/audit?limit=50&cursor=$audit_large" "/v1/audit?limit=50&cursor=$audit_small"
line "POST a PHQ-9 (durable), seeded clients" POST POST
echo "resident memory after the runs: $(awk '/VmRSS/ {print int($2 / 1024) " MiB"}' /proc/$pid/status) (RssAnon $(awk '/RssAnon/ {print int($2 / 1024) " MiB"}' /proc/$pid/status))"
echo "machine: $(nproc) cores, $(dotnet --version)"
