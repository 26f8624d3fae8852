#!/usr/bin/env bash
# The writer's cost per request: statements and writer time per POST and per imported line, read from the service's
# own counters (meter "Feedback.Data", printed by FEEDBACK_WRITER_STATS=1 whenever they change). Builds Release, starts
# the service on a fresh SQLite file (no webhook worker), warms it (WARM POSTs and an import of 1,000 lines), then
# sends POSTS new PHQ-9s over CONCURRENCY keep-alive connections and imports LINES lines of bench/import-history.py,
# reading the counters after each phase once they have been still for 2 s. The POSTs go to 200 clients: the first 200
# are intakes, the rest later administrations. A background job (planner statistics 30 s after start, the idempotency
# purge after 60 s) may add one job of one statement to a phase. "writer ms" is the time write
# transactions held the writer, begin to commit; under concurrency a transaction commits many requests (commits).
# Counts are exact; times are this machine's, at its load (printed). Usage: bench/writer-cost.sh [git-ref]
# (POSTS=2000 LINES=20000 CONCURRENCY=8 WARM=500 to change; a git ref measures that commit's service, which must print
# the counters)
posts=${POSTS:-2000}; lines=${LINES:-20000}; concurrency=${CONCURRENCY:-8}; warm=${WARM:-500}
source "$(dirname "$0")/common.sh"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant cost --scopes submit,read,admin | tail -n 1)
python3 bench/import-history.py 1000 "$work/warm" w >/dev/null
python3 bench/import-history.py "$lines" "$work/history" h >/dev/null

api=http://127.0.0.1:5211
FEEDBACK_WRITER_STATS=1 Webhooks__Enabled=false dotnet "$work/api/Feedback.Api.dll" --urls "$api" >"$work/service.out" 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done

# Totals once no write has happened for 2 s: "jobs commits statements busy_ms".
counters() {
  local last=""
  while true; do
    sleep 2
    local now; now=$(grep '^writer-stats' "$work/service.out" | tail -n 1 || true)
    [ -n "$now" ] && [ "$now" = "$last" ] && break
    last=$now
  done
  echo "$last" | sed -E 's/[a-z_]+=//g' | cut -d' ' -f2-
}

post() { # from to first-unix-time prefix: POSTs number from..to-1, to client prefix(n % 200), at first + n minutes
  python3 - "$api" "$key" "$1" "$2" "$3" "$4" "$concurrency" <<'PY'
import http.client, json, random, sys, threading, time, urllib.parse
api, key, start, count, first, prefix, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], int(sys.argv[7])
host = urllib.parse.urlparse(api)
failed = []
def worker(k):
    rng = random.Random(k)
    c = http.client.HTTPConnection(host.hostname, host.port)
    for n in range(start + k, count, threads):
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(first + n * 60))
        body = json.dumps({"instrument": "PHQ-9", "administeredAt": at, "items": [rng.randint(0, 3) for _ in range(8)] + [0]})
        c.request("POST", f"/v1/clients/{prefix}{n % 200}/administrations", body, {"Content-Type": "application/json", "X-Api-Key": key})
        r = c.getresponse(); r.read()
        if r.status != 201: failed.append(r.status)
ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
[t.start() for t in ts]; [t.join() for t in ts]
if failed: sys.exit(f"{len(failed)} POSTs not 201: {sorted(set(failed))}")
PY
}

import_files() { # folder -> lines created
  local created=0
  for f in "$1"/part-*.ndjson; do
    local summary
    summary=$(curl -s -X POST "$api/v1/import/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/x-ndjson' --data-binary @"$f" | tail -n 1)
    created=$((created + $(echo "$summary" | python3 -c 'import json,sys; print(json.load(sys.stdin)["created"])')))
  done
  echo "$created"
}

post 0 "$warm" 1500000000 warm-
import_files "$work/warm" >/dev/null
c0=$(counters)
post 0 200 1600000000 cost- # each client's first: an intake, which creates the client and its episode
c1=$(counters)
post 200 "$posts" 1600000000 cost-
c2=$(counters)
created=$(import_files "$work/history")
c3=$(counters)
[ "$created" = "$lines" ] || echo "warning: the import created $created of $lines lines"

report() { # name requests before after
  python3 - "$@" <<'PY'
import sys
name, n, a, b = sys.argv[1], int(sys.argv[2]), [float(x) for x in sys.argv[3].split()], [float(x) for x in sys.argv[4].split()]
jobs, commits, statements, busy = (y - x for x, y in zip(a, b))
print(f"{name:<13} {n:>8} {jobs:>8.0f} {commits:>8.0f} {statements:>11.0f} {busy:>10.1f} {statements / n:>12.2f} {busy / n:>12.3f} {jobs / max(commits, 1):>12.1f}")
PY
}
printf '%-13s %8s %8s %8s %11s %10s %12s %12s %12s\n' "per" "count" "jobs" "commits" "statements" "writer ms" "stmts/each" "writer ms/each" "jobs/commit"
report "POST, intake" 200 "$c0" "$c1"
report "POST, later" "$((posts - 200))" "$c1" "$c2"
report "POST, all" "$posts" "$c0" "$c2"
report "import line" "$lines" "$c2" "$c3"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); machine: $(nproc) cores, $(dotnet --version); POSTs over $concurrency connections"
