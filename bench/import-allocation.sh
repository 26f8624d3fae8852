#!/usr/bin/env bash
# Bytes the service allocates per imported line: the runtime's own total of allocated bytes (meter System.Runtime,
# dotnet.gc.heap.total_allocated) read by dotnet-counters every second while LINES lines of bench/import-history.py are
# imported into a warmed Release service (2,000 lines of another tenant first). Prints allocated MB and bytes per line.
# dotnet-counters is stopped by SIGTERM (it waits for a key press otherwise); its CSV is written as it goes.
# Usage: bench/import-allocation.sh [git-ref]      (LINES=20000 to change)
lines=${LINES:-20000}
source "$(dirname "$0")/common.sh"
counters=$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")
[ -x "$counters" ] || { dotnet tool install --tool-path "$work/tools" dotnet-counters >/dev/null; counters="$work/tools/dotnet-counters"; }
python3 bench/import-history.py "$lines" "$work/history" h >/dev/null
python3 bench/import-history.py 2000 "$work/warmup" w >/dev/null
api=http://127.0.0.1:5212
dotnet "$work/api/Feedback.Api.dll" migrate >/dev/null
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant alloc --scopes admin | tail -n 1)
warmkey=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant warmup --scopes admin | tail -n 1)
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 300); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
post_files() { for f in "$2"/part-*.ndjson; do curl -sf -X POST "$api/v1/import/administrations" -H "X-Api-Key: $1" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" >/dev/null; done; }
post_files "$warmkey" "$work/warmup"
"$counters" collect -p "$pid" --counters System.Runtime --format csv --refresh-interval 1 -o "$work/counters.csv" >/dev/null 2>&1 & cpid=$!
sleep 3
post_files "$key" "$work/history"
sleep 3
kill -TERM "$cpid" 2>/dev/null; wait "$cpid" 2>/dev/null || true
python3 - "$work/counters.csv" "$lines" <<'PY'
import csv, sys
values = [float(r[-1]) for r in csv.reader(open(sys.argv[1])) if len(r) > 3 and "total_allocated" in r[2]]
if len(values) < 2: sys.exit("no dotnet.gc.heap.total_allocated samples (dotnet-counters)")
allocated = max(values) - min(values)
print(f"import of {int(sys.argv[2]):,} lines: {allocated / 1e6:,.0f} MB allocated, {allocated / int(sys.argv[2]):,.0f} bytes a line")
PY
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
