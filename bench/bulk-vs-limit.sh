#!/usr/bin/env bash
# The import and the export against what the storage itself does with the same rows, measured in one run, alternating.
#   import: LINES generated history lines (default 20,000; bench/import-history.py) POSTed in files of 5,000 to a warmed
#           service on a fresh database, against sqlite3 writing the rows that import stored (every table it wrote to,
#           multi-row INSERTs of 500 rows, one transaction per table, the service's pragmas: WAL, synchronous FULL,
#           foreign keys on) into another fresh database of the same schema.
#   export: GET /v1/export/administrations of those rows against sqlite3 running a plain SELECT of the same rows on the
#           same file while the service runs, EXPORTS times a round (default 3): NDJSON, SELECT, CSV, SELECT; each export's
#           ratio is against the SELECT right after it.
# ROUNDS rounds (default 3), each A then B; prints each round's figures, then min/median/max of the ratios.
# Usage: bench/bulk-vs-limit.sh [git-ref]      (LINES=20000 ROUNDS=3 EXPORTS=3 to change)
lines=${LINES:-20000}; rounds=${ROUNDS:-3}; exports=${EXPORTS:-3}
source "$(dirname "$0")/common.sh"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
python3 bench/import-history.py "$lines" "$work/history" h >/dev/null
python3 bench/import-history.py 2000 "$work/warmup" w >/dev/null
api=http://127.0.0.1:5208
now() { date +%s.%N; }
since() { python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$1" "$(now)"; }
select_rows() { sqlite3 "$work/service.db" "SELECT * FROM administrations WHERE tenant_id = (SELECT id FROM tenants WHERE name = 'bulk') ORDER BY id" > /dev/null; }

# A fresh migrated database with its key, kept as a template: every round starts from a copy of it.
ConnectionStrings__Feedback="Data Source=$work/template.db" dotnet "$work/api/Feedback.Api.dll" migrate >/dev/null
key=$(ConnectionStrings__Feedback="Data Source=$work/template.db" dotnet "$work/api/Feedback.Api.dll" keys create --tenant bulk --scopes admin,read | tail -n 1)
warmkey=$(ConnectionStrings__Feedback="Data Source=$work/template.db" dotnet "$work/api/Feedback.Api.dll" keys create --tenant warmup --scopes admin,read | tail -n 1)
tables="clients episodes administrations alerts import_lines"

start_service() { # database
  ConnectionStrings__Feedback="Data Source=$1" dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 300); do curl -s -o /dev/null "$api/health/ready" && return; sleep 0.2; done
  echo "the service did not start" >&2; exit 1
}
stop_service() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
post_files() { # key folder
  for f in "$2"/part-*.ndjson; do
    curl -sf -X POST "$api/v1/import/administrations" -H "X-Api-Key: $1" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" >/dev/null
  done
}

# The rows the import stored for the tenant, as multi-row INSERTs (500 rows each), one transaction per table.
dump_inserts() { # database out
  python3 - "$1" "$2" "$tables" <<'PY'
import sqlite3, sys
db, out, tables = sqlite3.connect(sys.argv[1]), open(sys.argv[2], "w"), sys.argv[3].split()
tenant = db.execute("SELECT id FROM tenants WHERE name = 'bulk'").fetchone()[0]
def lit(v):
    if v is None: return "NULL"
    if isinstance(v, (int, float)): return repr(v)
    if isinstance(v, bytes): return "X'" + v.hex() + "'"
    return "'" + v.replace("'", "''") + "'"
out.write("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;\n")
for t in tables:
    cur = db.execute(f"SELECT * FROM {t} WHERE tenant_id = ?", (tenant,))
    cols = ",".join(d[0] for d in cur.description)
    out.write("BEGIN;\n")
    while rows := cur.fetchmany(500):
        out.write(f"INSERT INTO {t} ({cols}) VALUES " + ",".join("(" + ",".join(lit(v) for v in r) + ")" for r in rows) + ";\n")
    out.write("COMMIT;\n")
print(sum(db.execute(f"SELECT COUNT(*) FROM {t} WHERE tenant_id = ?", (tenant,)).fetchone()[0] for t in tables))
PY
}

ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.3f}")' "$@"; }
summary() { python3 -c 'import statistics, sys; r = sorted(map(float, sys.argv[2:])); print(f"{sys.argv[1]}: ratio min {r[0]:.3f} median {statistics.median(r):.3f} max {r[-1]:.3f} over {len(r)} alternated pairs")' "$@"; }
import_ratios=(); export_ratios=(); csv_ratios=()
for round in $(seq 1 "$rounds"); do
  # A: the service, warmed (its JIT tier-up) on another tenant's 2,000 lines, then timed on the history.
  cp "$work/template.db" "$work/service.db"
  start_service "$work/service.db"
  post_files "$warmkey" "$work/warmup"
  curl -sf "$api/v1/export/administrations" -H "X-Api-Key: $warmkey" -o /dev/null
  curl -sf "$api/v1/export/administrations?format=csv" -H "X-Api-Key: $warmkey" -o /dev/null
  started=$(now); post_files "$key" "$work/history"; service_s=$(since "$started")
  # The exports against sqlite3 reading the same file while the service runs, alternating: NDJSON, SELECT, CSV, SELECT.
  export_s=(); csv_s=(); select_s=()
  for _ in $(seq 1 "$exports"); do
    started=$(now); curl -sf "$api/v1/export/administrations" -H "X-Api-Key: $key" -o "$work/export.ndjson"; export_s+=("$(since "$started")")
    started=$(now); select_rows; select_s+=("$(since "$started")")
    started=$(now); curl -sf "$api/v1/export/administrations?format=csv" -H "X-Api-Key: $key" -o "$work/export.csv"; csv_s+=("$(since "$started")")
    started=$(now); select_rows; select_s+=("$(since "$started")")
  done
  exported=$(( $(wc -l < "$work/export.ndjson") - 1 ))
  stop_service
  rows=$(dump_inserts "$work/service.db" "$work/inserts.sql")

  # B: sqlite3 writing the same rows into a fresh copy of the schema.
  cp "$work/template.db" "$work/limit.db"
  started=$(now); sqlite3 "$work/limit.db" < "$work/inserts.sql"; limit_s=$(since "$started")
  ir=$(ratio "$limit_s" "$service_s")
  import_ratios+=("$ir")
  for i in $(seq 0 $((exports - 1))); do
    export_ratios+=("$(ratio "${select_s[$((2 * i))]}" "${export_s[$i]}")"); csv_ratios+=("$(ratio "${select_s[$((2 * i + 1))]}" "${csv_s[$i]}")")
  done
  python3 -c 'import sys; l, s, rows, ls = sys.argv[1:5]; print(f"round {sys.argv[5]}: import {int(l)/float(s):,.0f} lines/s ({int(rows):,} rows in {float(s):.2f} s), sqlite3 {int(rows)/float(ls):,.0f} rows/s ({float(ls):.2f} s): ratio {float(ls)/float(s):.3f}")' \
    "$lines" "$service_s" "$rows" "$limit_s" "$round"
  echo "round $round: $exported rows; NDJSON s ${export_s[*]}; CSV s ${csv_s[*]}; SELECT s ${select_s[*]}"
  rm -f "$work"/service.db* "$work"/limit.db*
done
summary "import vs sqlite3 writing the same rows" "${import_ratios[@]}"
summary "export vs a plain SELECT of the same rows" "${export_ratios[@]}"
summary "CSV export vs the same SELECT" "${csv_ratios[@]}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version)"
