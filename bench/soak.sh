#!/usr/bin/env bash
# Memory under mixed load: the Release service on a fresh SQLite file, for MINUTES (default 10):
# POSTs paced at POST_RATE/s (default 200) on 2 connections, and one connection each, as fast as they are answered, on
# the worklist (any status), a client's history, its progress and the audit log. Resident memory (VmRSS and its
# anonymous part, RssAnon: the heap, not the mapped database file) is sampled every minute; the run fails on any error.
# Usage: bench/soak.sh [git-ref]
source "$(dirname "$0")/common.sh"
minutes=${MINUTES:-10}; post_rate=${POST_RATE:-200}
key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant soak --scopes submit,read,admin | tail -n 1)
api=http://127.0.0.1:5213
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "$api/health/ready" && break; sleep 0.2; done
# A client with history before the reads start.
for n in $(seq 1 20); do
  curl -s -o /dev/null -X POST "$api/v1/clients/load-7/administrations" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"instrument\":\"PHQ-9\",\"administeredAt\":\"$(date -u -d "@$((1500000000 + n * 86400))" +%FT%TZ)\",\"items\":[$((n % 4)),1,1,1,1,1,1,1,0]}"
done
memory() { awk '/VmRSS/ {r = int($2 / 1024)} /RssAnon/ {a = int($2 / 1024)} END {printf "%d MiB (RssAnon %d MiB)", r, a}' /proc/$pid/status; }
echo "minute 0: $(memory)"
results=$work/results; mkdir -p "$results"
load() { # name script [env...]
  local name=$1 script=$2; shift 2
  env KEY="$key" "$@" wrk -t1 -c"${C:-1}" -d"${minutes}m" --timeout 10s -s "bench/wrk/$script" "$api" | grep '^RESULT' > "$results/$name" &
}
C=2 load post post.lua RATE="$post_rate" CONNECTIONS=2 CLIENTS=2000
load worklist get.lua PATH_AND_QUERY="/v1/alerts?status=any"
load history get.lua PATH_AND_QUERY="/v1/clients/load-7/administrations"
load progress get.lua PATH_AND_QUERY="/v1/clients/load-7/progress?instrument=PHQ-9"
load audit get.lua PATH_AND_QUERY="/v1/audit"
for m in $(seq 1 "$minutes"); do sleep 60; echo "minute $m: $(memory)"; done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
sleep 1
printf '%-10s %10s %9s %9s %9s %7s\n' "load" "req/s" "p50 ms" "p99 ms" "requests" "errors"
failed=0
for name in post worklist history progress audit; do
  line=($(cut -d' ' -f2- "$results/$name"))
  printf '%-10s %10s %9s %9s %9s %7s\n' "$name" "${line[@]}"
  [ "${line[4]}" = "0" ] || failed=1
done
echo "after the run: $(memory); database $(du -m "$work/feedback.db" | cut -f1) MiB"
echo "machine: $(nproc) cores, $(dotnet --version)"
exit $failed
