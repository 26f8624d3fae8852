#!/usr/bin/env bash
# An outcome report over a large tenant: EPISODES closed PHQ-9 episodes (default
# 100,000; two administrations each, intake and final) of 20 clinicians, written straight into a fresh SQLite file with
# sqlite3 (the service computes reports from stored rows; going through HTTP would only take longer to seed), plus
# 2,000 open episodes. Then wrk on one connection: the report by clinician, by month, one clinician's, the paired one.
# Usage: bench/report.sh [git-ref]      (DURATION=10s EPISODES=100000 to change)
duration=${DURATION:-10s}; episodes=${EPISODES:-100000}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant reports --scopes read | tail -n 1)
seconds=$SECONDS
sqlite3 "$work/feedback.db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $episodes + 1999) SELECT i FROM s;
INSERT INTO clients (tenant_id, client_id, age_group, clinician_id, created_at, updated_at)
SELECT t.id, 'c-' || i, 'adult', 'clin-' || (i % 20), '2025-01-01 00:00:00.0000000', '2025-01-01 00:00:00.0000000' FROM n, tenants t WHERE t.name = 'reports';
-- The first EPISODES episodes closed on a day of 2026 (i % 300), the rest open and recent.
INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at)
SELECT printf('E%025d', i), t.id, 'c-' || i, '2025-06-01 09:00:00.0000000',
       CASE WHEN i < $episodes THEN strftime('%Y-%m-%d %H:%M:%S.0000000', '2026-01-01', '+' || (i % 300) || ' days') END
FROM n, tenants t WHERE t.name = 'reports';
-- Intake 10-27 and final 0-27, pseudo-random from i.
INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, administered_at, received_at, items_json,
    prorated, severity, clinical_range, subscales_json, content_hash, total, age_group, rules_version)
SELECT printf('A%024d%d', i, k), t.id, 'c-' || i, printf('E%025d', i), 'PHQ-9', 'client', k + 1,
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 60 + i % 30) || ' days'),
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 60 + i % 30) || ' days'), '[]', 0, NULL,
       CASE WHEN (CASE k WHEN 0 THEN 10 + (i * 7) % 18 ELSE (i * 13) % 28 END) >= 10 THEN 1 ELSE 0 END, '{}', printf('h%d-%d', i, k),
       CAST(CASE k WHEN 0 THEN 10 + (i * 7) % 18 ELSE (i * 13) % 28 END AS REAL), 'adult', 'alerts-v1.1'
FROM n, (SELECT 0 AS k UNION ALL SELECT 1), tenants t WHERE t.name = 'reports';
COMMIT;
SQL
echo "seeded in $((SECONDS - seconds)) s: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM episodes") episodes ($(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM episodes WHERE closed_at IS NOT NULL") closed), $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations"

api=http://127.0.0.1:5206
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
curl -s "$api/v1/reports/outcomes?instrument=PHQ-9&from=2026-01-01&to=2027-01-01" -H "X-Api-Key: $key" | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]; print("total:", {k: t[k] for k in ("endedEpisodes","completedEpisodes","casesAtIntake","recovered","prePostD","saes")})'

printf '%-52s %10s %9s %9s %9s %7s\n' "run (1 connection, $duration)" "req/s" "p50 ms" "p99 ms" "requests" "errors"
run() { printf '%-52s %10s %9s %9s %9s %7s\n' "$1" $(env KEY="$key" PATH_AND_QUERY="$2" wrk -t1 -c1 -d"$duration" --timeout 10s -s bench/wrk/get.lua "$api" | grep '^RESULT' | cut -d' ' -f2-); }
run "report, $episodes episodes, by clinician" "/v1/reports/outcomes?instrument=PHQ-9&groupBy=clinician&from=2026-01-01&to=2027-01-01"
run "report, $episodes episodes, by month" "/v1/reports/outcomes?instrument=PHQ-9&groupBy=month&from=2026-01-01&to=2027-01-01"
run "report, one clinician (5%)" "/v1/reports/outcomes?instrument=PHQ-9&clinicianId=clin-3&from=2026-01-01&to=2027-01-01"
run "report, one month (about 10,000 episodes)" "/v1/reports/outcomes?instrument=PHQ-9&from=2026-03-01&to=2026-04-01"
echo "machine: $(nproc) cores, $(dotnet --version)"
