#!/usr/bin/env bash
# What a read costs now that its audit entry is committed before the answer leaves. Builds Release (of the
# working tree, or of a git ref given as the argument, to measure the code before a change), starts it on a fresh
# SQLite file, seeds 50 clients, and drives GET progress with wrk on 127.0.0.1: one connection (latency of a lone
# read) and 16 (throughput), next to GET /v1/instruments/PHQ-9, an authenticated read that is not audited, and
# POST administrations (whose audit entry is committed after the administration).
# Usage: bench/audited-reads.sh [git-ref]      (DURATION=10s to change)
duration=${DURATION:-10s}
source "$(dirname "$0")/common.sh"
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant reads --scopes submit,read | tail -n 1)
api=http://127.0.0.1:5204
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done

for n in $(seq 0 49); do for s in 1 2 3; do
  curl -s -o /dev/null -X POST "$api/v1/clients/load-$n/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"instrument\":\"PHQ-9\",\"administeredAt\":\"2026-0$s-05T09:00:00Z\",\"sessionNumber\":$s,\"items\":[$s,1,1,1,1,1,1,1,0]}"
done; done


printf '%-44s %10s %9s %9s %9s %7s\n' "run" "req/s" "p50 ms" "p99 ms" "requests" "errors"
runs=0
run() { # name connections script
  local line
  runs=$((runs + 1))
  line=$(env KEY="$key" CLIENTS=50 CONNECTIONS="$2" RUN="$runs" wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$duration" -s "$3" "$api" | grep '^RESULT' | cut -d' ' -f2-)
  printf '%-44s %10s %9s %9s %9s %7s\n' "$1" $line
}
run warmup 16 bench/wrk/progress.lua >/dev/null
run "GET progress (audited), 1 connection" 1 bench/wrk/progress.lua
run "GET progress (audited), 16 connections" 16 bench/wrk/progress.lua
run "GET instrument (not audited), 1 connection" 1 bench/wrk/get.lua
run "GET instrument (not audited), 16 connections" 16 bench/wrk/get.lua
run "POST administrations (audited), 1 connection" 1 bench/wrk/post.lua
run "POST administrations (audited), 16 connections" 16 bench/wrk/post.lua
echo "audit entries written: $(sqlite3 "$work/feedback.db" 'SELECT COUNT(*) FROM audit_log' 2>/dev/null || echo '(sqlite3 not installed)')"
echo "machine: $(nproc) cores, $(dotnet --version), wrk -d$duration"
