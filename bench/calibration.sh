#!/usr/bin/env bash
# The calibration report against the outcome report on the same data: EPISODES closed episodes of 20
# clinicians (default 100,000), each with 4 weekly client PHQ-9s (sessions 1-4, so every one is in the calibration
# sample) and, in ALLIANCE percent of them (default 50), 4 client SRS ratings, written straight into a fresh SQLite
# file. After WARMUP requests of each, ROUNDS rounds of calibration then outcome (A B A B ...), each timed by curl; the
# ratio calibration / outcome of each round, min / median / max. Both over the whole range, PHQ-9, ungrouped.
# Usage: bench/calibration.sh      (EPISODES=100000 ALLIANCE=50 WARMUP=3 ROUNDS=10 to change)
episodes=${EPISODES:-100000}; alliance=${ALLIANCE:-50}; warmup=${WARMUP:-3}; rounds=${ROUNDS:-10}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant reports --scopes read | tail -n 1)
seconds=$SECONDS
sqlite3 "$work/feedback.db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < $episodes - 1) SELECT i FROM s;
CREATE TEMP TABLE k AS SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3;
INSERT INTO clients (tenant_id, client_id, age_group, clinician_id, created_at, updated_at)
SELECT t.id, 'c-' || i, 'adult', 'clin-' || (i % 20), '2025-01-01 00:00:00.0000000', '2025-01-01 00:00:00.0000000' FROM n, tenants t WHERE t.name = 'reports';
INSERT INTO episodes (id, tenant_id, client_id, opened_at, closed_at)
SELECT printf('E%025d', i), t.id, 'c-' || i, '2025-06-01 09:00:00.0000000', strftime('%Y-%m-%d %H:%M:%S.0000000', '2026-01-01', '+' || (i % 300) || ' days')
FROM n, tenants t WHERE t.name = 'reports';
-- PHQ-9: intake 10-27, then pseudo-random steps of -5 to +2 a week from i and k, within 0-27.
CREATE TEMP TABLE phq AS SELECT i, k, MAX(0, MIN(27, 10 + (i * 7) % 18 + CASE k WHEN 0 THEN 0 ELSE k * (((i * 13 + k * 5) % 8) - 5) END)) AS total FROM n, k;
INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, administered_at, received_at, items_json,
    prorated, severity, clinical_range, subscales_json, content_hash, total, age_group, rules_version)
SELECT printf('A%024d%d', i, k), t.id, 'c-' || i, printf('E%025d', i), 'PHQ-9', 'client', k + 1,
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 7 + i % 30) || ' days'),
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 7 + i % 30) || ' days'), '[]', 0, NULL,
       CASE WHEN total >= 10 THEN 1 ELSE 0 END, '{}', printf('h%d-%d', i, k), CAST(total AS REAL), 'adult', 'alerts-v1.1'
FROM phq, tenants t WHERE t.name = 'reports';
INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, administered_at, received_at, items_json,
    prorated, severity, clinical_range, subscales_json, content_hash, total, age_group, rules_version)
SELECT printf('S%024d%d', i, k), t.id, 'c-' || i, printf('E%025d', i), 'SRS', 'client', k + 1,
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 7 + i % 30) || ' days', '+5 minutes'),
       strftime('%Y-%m-%d %H:%M:%S.0000000', '2025-10-01', '+' || (k * 7 + i % 30) || ' days', '+5 minutes'), '[]', 0, NULL,
       NULL, '{}', printf('s%d-%d', i, k), CAST(30 + (i * 11 + k * 3) % 11 AS REAL), 'adult', 'alerts-v1.1'
FROM n, k, tenants t WHERE t.name = 'reports' AND i % 100 < $alliance;
COMMIT;
SQL
echo "seeded in $((SECONDS - seconds)) s: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM episodes") closed episodes, $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations ($alliance% of the episodes with SRS)"

api=http://127.0.0.1:5207
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
range="from=2026-01-01&to=2027-01-01"
A="$api/v1/reports/calibration?instrument=PHQ-9&$range"; B="$api/v1/reports/outcomes?instrument=PHQ-9&$range"
curl -s "$A" -H "X-Api-Key: $key" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("calibration:", {k: r[k] for k in ("episodes","earlyAssessed","poor","postIntakeAssessments","flagRate","sensitivity","specificity","ppv","auc")})'
curl -s "$B" -H "X-Api-Key: $key" | python3 -c 'import json,sys; t=json.load(sys.stdin)["total"]; print("outcome:", {k: t[k] for k in ("endedEpisodes","completedEpisodes","casesAtIntake","prePostD")}, "alliance rows:", len(t["alliance"]))'
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$1" -H "X-Api-Key: $key"; }
for _ in $(seq 1 "$warmup"); do timed "$A" >/dev/null; timed "$B" >/dev/null; done
for _ in $(seq 1 "$rounds"); do echo "A $(timed "$A")"; echo "B $(timed "$B")"; done | python3 -c '
import sys, statistics
a, b = [], []
for line in sys.stdin:
    which, status, seconds = line.split()
    assert status == "200", line
    (a if which == "A" else b).append(float(seconds))
ratios = [x / y for x, y in zip(a, b)]
print(f"rounds {len(ratios)}: calibration median {statistics.median(a) * 1000:.0f} ms (min {min(a) * 1000:.0f}, max {max(a) * 1000:.0f}), "
      f"outcome median {statistics.median(b) * 1000:.0f} ms (min {min(b) * 1000:.0f}, max {max(b) * 1000:.0f})")
print(f"ratio calibration / outcome: min {min(ratios):.2f}, median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
'
echo "machine: $(nproc) cores, $(dotnet --version)"
