-- GET PATH_AND_QUERY (e.g. /v1/due?clinicianId=clin-bench&limit=200) again and again. KEY: an API key that may.
local key = os.getenv("KEY") or ""
local path = os.getenv("PATH_AND_QUERY") or "/v1/instruments/PHQ-9"

function request()
  return wrk.format("GET", path, { ["X-Api-Key"] = key })
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
