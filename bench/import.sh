#!/usr/bin/env bash
# Import and export throughput: LINES generated history lines (default 50,000; bench/import-history.py)
# POSTed to /v1/import/administrations in files of 5,000, one after another, then the same files again (nothing may be
# created), then the export of everything as NDJSON and CSV, and the export of ROWS rows (default 1,000,000: the imported
# rows copied in SQL) while the service's resident memory is sampled every 100 ms.
# Usage: bench/import.sh [git-ref]      (LINES=50000 ROWS=1000000 to change)
lines=${LINES:-50000}; rows=${ROWS:-1000000}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant bulk --scopes admin,read | tail -n 1)
python3 bench/import-history.py "$lines" "$work/history"

api=http://127.0.0.1:5207
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done

now() { date +%s.%N; }
import_all() {
  local started summary created=0 duplicate=0 invalid=0
  started=$(now)
  for f in "$work"/history/part-*.ndjson; do
    summary=$(curl -s -X POST "$api/v1/import/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" | tail -n 1)
    created=$((created + $(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["created"])')))
    duplicate=$((duplicate + $(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["duplicate"])')))
    invalid=$((invalid + $(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["invalid"])')))
  done
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[3]}: {int(sys.argv[4])} lines in {s:.2f} s = {int(sys.argv[4])/s:,.0f} lines/s (created {sys.argv[5]}, duplicate {sys.argv[6]}, invalid {sys.argv[7]})')" \
    "$started" "$(now)" "$1" "$lines" "$created" "$duplicate" "$invalid"
}
import_all "import"
alerts=$(sqlite3 "$work/feedback.db" "SELECT COUNT(*) || ' alerts (' || SUM(status = 'open') || ' open)' FROM alerts")
echo "stored: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations, $alerts"
import_all "re-send"

# The process's own memory (RssAnon) apart from the mapped database pages (RssFile: SQLite's mmap, the OS page cache).
rss() { awk '/RssAnon/ {a = int($2 / 1024)} /RssFile/ {f = int($2 / 1024)} END {print a, f}' "/proc/$pid/status"; }
export_run() {
  local label=$1 query=$2 started sampler bytes
  : > "$work/rss"
  (while kill -0 "$pid" 2>/dev/null; do rss >> "$work/rss"; sleep 0.1; done) & sampler=$!
  started=$(now)
  curl -s "$api/v1/export/administrations$query" -H "X-Api-Key: $key" -o "$work/export.out"
  local ended; ended=$(now)
  kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
  local n; n=$(case "$query" in *csv*) echo $(( $(wc -l < "$work/export.out") - 1 ));; *) echo $(( $(wc -l < "$work/export.out") - 1 ));; esac)
  bytes=$(stat -c %s "$work/export.out")
  python3 - "$started" "$ended" "$label" "$n" "$bytes" "$work/rss" <<'PY'
import sys
started, ended, label, n, size, rssfile = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
samples = [tuple(int(v) for v in x.split()) for x in open(rssfile) if x.strip()]
anon, mapped = [a for a, _ in samples], [f for _, f in samples]
q = max(1, len(anon) // 4)
s = ended - started
print(f"{label}: {n:,} rows, {size / 2**20:,.0f} MiB in {s:.2f} s = {n / s:,.0f} rows/s; own memory (RssAnon) {min(anon)}-{max(anon)} MiB"
      + f" (first quarter max {max(anon[:q])}, last quarter max {max(anon[-q:])}), mapped file pages {min(mapped)}-{max(mapped)} MiB, {len(anon)} samples")
PY
}
export_run "export NDJSON" ""
export_run "export CSV" "?format=csv"

# More rows: the imported ones copied with new ids (the first two characters of a ULID, the top of its time, replaced by ones no real id has yet).
copies=$(( (rows + lines - 1) / lines - 1 ))
if [ "$copies" -gt 0 ]; then
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sqlite3 "$work/feedback.db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE k AS WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $copies) SELECT i FROM s;
INSERT INTO administrations (id, tenant_id, client_id, episode_id, instrument, rater, session_number, clinician_id, administered_at,
    received_at, items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json, content_hash, age_group, model,
    rules_version, episode_opened, fhir_identifier_system, fhir_identifier_value, fhir_encounter, source)
SELECT substr('23456789', k.i / 32 + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', k.i % 32 + 1, 1) || substr(a.id, 3), tenant_id, client_id, episode_id, instrument, rater, session_number,
    clinician_id, administered_at, received_at, items_json, total, prorated, severity, clinical_range, subscales_json, feedback_json,
    content_hash || '-' || k.i, age_group, model, rules_version, episode_opened, fhir_identifier_system, fhir_identifier_value, fhir_encounter, source
FROM administrations a, k;
COMMIT;
SQL
  dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
  echo "stored: $(sqlite3 "$work/feedback.db" "SELECT COUNT(*) FROM administrations") administrations"
  export_run "export NDJSON, all" ""
  export_run "export CSV, all" "?format=csv"
fi
echo "machine: $(nproc) cores, $(dotnet --version)"
