-- GET the PHQ-9 progress of one of CLIENTS clients (or of CLIENT). Environment as for post.lua.
local key = os.getenv("KEY") or ""
local clients = tonumber(os.getenv("CLIENTS") or "200")
local fixed = os.getenv("CLIENT")
local counter = 0

function request()
  counter = counter + 1
  local client = fixed or ("load-" .. (counter % clients))
  return wrk.format("GET", "/v1/clients/" .. client .. "/progress?instrument=PHQ-9", { ["X-Api-Key"] = key })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
