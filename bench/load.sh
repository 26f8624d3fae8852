#!/usr/bin/env bash
# Load benchmark. Builds Release, starts the real server on a fresh SQLite file and the baseline app
# (bench/Baseline: parse, one INSERT, 201) on another, and drives both with wrk on 127.0.0.1 only, for a fixed time.
# Prints requests/s, p50 and p99 for each, the Feedback/baseline ratio, latency at half of saturation, and the cost of
# a long history (1 vs 1,000 earlier administrations). The half-saturation runs are open-loop (bench/OpenLoop: a fixed
# arrival rate, latency counted from each request's due time, as wrk2 does).
# Usage: bench/load.sh [git-ref]   (DURATION=15s CONNECTIONS=16 to change; a git ref measures that commit's service
# against the same baseline, generator and scripts of the working tree)
source "$(dirname "$0")/common.sh"
duration=${DURATION:-15s}
connections=${CONNECTIONS:-16}
threads=2
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; cleanup; }
trap stop_all EXIT
dotnet build -v q -nologo -c Release -o "$work/openloop" bench/OpenLoop/OpenLoop.cs >/dev/null
dotnet publish -v q -nologo -c Release -o "$work/baseline" bench/Baseline >/dev/null

key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant load --scopes submit,read | tail -n 1)
api=http://127.0.0.1:5201 baseline=http://127.0.0.1:5202 baseline_normal=http://127.0.0.1:5203
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pids+=($!)
dotnet "$work/baseline/Baseline.dll" --urls "$baseline" --db "$work/baseline.db" >/dev/null 2>&1 & pids+=($!)
dotnet "$work/baseline/Baseline.dll" --urls "$baseline_normal" --db "$work/baseline-normal.db" --sync NORMAL >/dev/null 2>&1 & pids+=($!)
for url in "$api/health/ready" "$baseline/v1/none" "$baseline_normal/v1/none"; do
  for _ in $(seq 1 150); do curl -s -o /dev/null "$url" && break; sleep 0.2; done
done

runs=0
run() { # name url script [env...] -> "rps p50 p99 requests errors"
  local name=$1 url=$2 script=$3; shift 3
  local line
  runs=$((runs + 1))
  line=$(env KEY="$key" CONNECTIONS="$connections" RUN="$runs" "$@" wrk -t"$threads" -c"$connections" -d"$duration" -s "bench/wrk/$script" "$url" | grep '^RESULT' | cut -d' ' -f2-)
  printf '%-44s %10s %9s %9s %9s %7s\n' "$name" $line
  echo "$line" > "$work/$(slug "$name").result"
}
slug() { echo "$1" | tr -c 'A-Za-z0-9\n' '_'; }
field() { cut -d' ' -f"$2" "$work/$(slug "$1").result"; }

printf '%-44s %10s %9s %9s %9s %7s\n' "run" "req/s" "p50 ms" "p99 ms" "requests" "errors"
run warmup-api "$api" post.lua >/dev/null
run warmup-baseline "$baseline" post.lua >/dev/null
run feedback-post "$api" post.lua
run baseline-post "$baseline" post.lua
run "baseline-post, synchronous=NORMAL" "$baseline_normal" post.lua
run feedback-progress "$api" progress.lua
half_api=$(awk -v r="$(field feedback-post 1)" 'BEGIN {printf "%d", r / 2}')
half_base=$(awk -v r="$(field baseline-post 1)" 'BEGIN {printf "%d", r / 2}')
# Open loop at half of each one's saturation, for the same time; distinct times from post.lua's, so nothing is a duplicate.
openloop() { # name url rate
  local line seconds=${duration%s}
  line=$(dotnet "$work/openloop/OpenLoop.dll" "$2" "$key" "$3" "$seconds" 200 1745000000 | grep '^RESULT' | cut -d' ' -f2-6)
  printf '%-44s %10s %9s %9s %9s %7s\n' "$1" $line
  echo "$line" > "$work/$(slug "$1").result"
}
openloop "feedback-post at half saturation (open loop)" "$api" "$half_api"
openloop "baseline-post at half saturation (open loop)" "$baseline" "$half_base"

# History: clients with 1 and with 1,000 earlier administrations. "same episode": all in the open episode (progress then
# returns 1,000 points, so it grows by design); "earlier episodes": the 1,000 sit in a closed episode before the open one.
seed() { # client count
  mkdir -p "$work/seed-$1"
  for n in $(seq 1 "$2"); do
    printf '{"instrument":"PHQ-9","administeredAt":"%s","sessionNumber":%d,"items":[%d,1,1,1,1,1,1,1,0]}' \
      "$(date -u -d "@$((1577836800 + n * 3600))" +%FT%TZ)" "$(( (n - 1) % 1000 + 1 ))" "$(( n % 4 ))" > "$work/seed-$1/$n.json"
  done
  seq 1 "$2" | xargs -P 8 -I{} curl -s -o /dev/null -X POST "$api/v1/clients/$1/administrations" \
    -H "X-Api-Key: $key" -H 'Content-Type: application/json' -d "@$work/seed-$1/{}.json"
}
seed history-1 1
seed history-1000 1000
seed earlier-1000 1000
curl -s -o /dev/null -X POST "$api/v1/clients/earlier-1000/episodes" -H "X-Api-Key: $key"
seed earlier-1000 1 # a new episode's intake, at the first seed time again but in the new episode
echo
run "progress, 1 earlier administration" "$api" progress.lua CLIENT=history-1
run "progress, 1,000 earlier (earlier episodes)" "$api" progress.lua CLIENT=earlier-1000
run "progress, 1,000 points (same episode)" "$api" progress.lua CLIENT=history-1000
run "post, 1 earlier administration" "$api" post.lua CLIENT=history-1
run "post, 1,000 earlier (same episode)" "$api" post.lua CLIENT=history-1000

echo
awk -v a="$(field feedback-post 1)" -v b="$(field baseline-post 1)" 'BEGIN { printf "POST throughput, Feedback/baseline: %.2f (goal >= 1.0)\n", a / b }'
awk -v a="$(field baseline-post 1)" -v b="$(field "baseline-post, synchronous=NORMAL" 1)" 'BEGIN { printf "synchronous=FULL costs the baseline %.0f%% of its throughput\n", 100 * (1 - a / b) }'
echo "p99 at half saturation, open loop: Feedback $(field "feedback-post at half saturation (open loop)" 3) ms at $half_api/s, baseline $(field "baseline-post at half saturation (open loop)" 3) ms at $half_base/s (goal < 20 ms)"
ratio() { awk -v a="$(field "$1" 3)" -v b="$(field "$2" 3)" -v n="$3" 'BEGIN { printf "%s p99 ratio, 1,000 vs 1 earlier: %.2f (goal <= 1.3)\n", n, a / b }'; }
ratio "post, 1,000 earlier (same episode)" "post, 1 earlier administration" "POST"
ratio "progress, 1,000 earlier (earlier episodes)" "progress, 1 earlier administration" "GET progress"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(dotnet --version), wrk -t$threads -c$connections -d$duration"
