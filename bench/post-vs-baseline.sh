#!/usr/bin/env bash
# POST throughput of Feedback against bench/Baseline (parse, one INSERT, 201; same SQLite settings) in one run:
# both services warmed, then ROUNDS rounds of Feedback then Baseline, each DURATION of wrk with bench/wrk/post.lua, so
# that the machine's load falls on both alike. Prints each round's requests/s and p99 of both and their ratio, then the
# ratio's min/median/max, and the load average before and after (the machine is shared: read the ratio, not the rates).
# Usage: bench/post-vs-baseline.sh [git-ref]   (ROUNDS=4 DURATION=10s WARMUP=10s CONNECTIONS=16 to change; a git ref
# measures that commit's service against the baseline, generator and scripts of the working tree)
source "$(dirname "$0")/common.sh"
rounds=${ROUNDS:-4}; duration=${DURATION:-10s}; warmup=${WARMUP:-10s}; connections=${CONNECTIONS:-16}
threads=2
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; cleanup; }
trap stop_all EXIT
dotnet publish -v q -nologo -c Release -o "$work/baseline" bench/Baseline >/dev/null

key=$(dotnet "$work/api/Feedback.Api.dll" keys create --tenant load --scopes submit,read | tail -n 1)
api=http://127.0.0.1:5221 baseline=http://127.0.0.1:5222
dotnet "$work/api/Feedback.Api.dll" --urls "$api" >/dev/null 2>&1 & pids+=($!)
dotnet "$work/baseline/Baseline.dll" --urls "$baseline" --db "$work/baseline.db" >/dev/null 2>&1 & pids+=($!)
for url in "$api/health/ready" "$baseline/v1/none"; do
  for _ in $(seq 1 150); do curl -s -o /dev/null "$url" && break; sleep 0.2; done
done

# A run's number makes its requests unique (post.lua): a run repeating another's would be answered 409s. It is passed
# in, as the callers run the function in a subshell. A round with over 1% errors (wrk counts non-2xx answers and its
# 2 s time-outs) is not a measure of POST: it is marked.
wrk_post() { # url duration run -> "rps p50 p99 requests errors"
  env KEY="$key" CONNECTIONS="$connections" RUN="$3" wrk -t"$threads" -c"$connections" -d"$2" -s bench/wrk/post.lua "$1" \
    | grep '^RESULT' | cut -d' ' -f2-
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
wrk_post "$api" "$warmup" 1 >/dev/null
wrk_post "$baseline" "$warmup" 1 >/dev/null
printf '%-6s %14s %14s %12s %12s %8s %s\n' round "Feedback req/s" "Baseline req/s" "Feedback p99" "Baseline p99" ratio "errors (Feedback/Baseline)"
ratios=()
for r in $(seq 1 "$rounds"); do
  read -r a_rps _ a_p99 a_n a_err <<<"$(wrk_post "$api" "$duration" $((r + 1)))"
  read -r b_rps _ b_p99 b_n b_err <<<"$(wrk_post "$baseline" "$duration" $((r + 1)))"
  ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  printf '%-6s %14s %14s %9s ms %9s ms %8s %s%s\n' "$r" "$a_rps" "$b_rps" "$a_p99" "$b_p99" "$ratio" "$a_err/$b_err" \
    "$(awk -v a="$a_err" -v an="$a_n" -v b="$b_err" -v bn="$b_n" 'BEGIN { if (a > an / 100 || b > bn / 100) print "  (over 1% errors: not a measure of POST)" }')"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "POST req/s, Feedback/Baseline over %d rounds: min %.2f, median %.2f, max %.2f (goal: median >= 1.0)\n", NR, v[1], m, v[NR] }'
echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(dotnet --version), wrk -t$threads -c$connections, rounds of $duration after $warmup of warm-up each"
