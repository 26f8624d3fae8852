-- POST a new PHQ-9 for one of CLIENTS clients; every request unique (time and client), so none is a duplicate.
-- Environment: KEY (API key), CLIENTS (how many clients, default 200), CLIENT (one fixed client id instead),
-- RATE (requests per second for the whole run, 0 = as fast as possible), CONNECTIONS (for pacing), PREFIX (of the
-- client ids, default "load-"), BASE (Unix time of the first administration, default 1600000000).
local key = os.getenv("KEY") or ""
local clients = tonumber(os.getenv("CLIENTS") or "200")
local fixed = os.getenv("CLIENT")
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "16")
local run = tonumber(os.getenv("RUN") or "0")
local prefix = os.getenv("PREFIX") or "load-"
local base = tonumber(os.getenv("BASE") or "1600000000")
local counter = 0
thread_id = 0 -- set per thread by setup()
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(thread_id * 7919)
end

function delay()
  if rate <= 0 then return 0 end
  return connections * 1000 / rate
end

function request()
  counter = counter + 1
  local n = run * 10000000 + thread_id * 1000000 + counter -- unique across runs, threads and requests
  local client = fixed or (prefix .. (n % clients))
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ", base + n)
  local items = {}
  for i = 1, 8 do items[i] = tostring(math.random(0, 3)) end
  items[9] = "0"
  local body = '{"instrument":"PHQ-9","administeredAt":"' .. at .. '","items":[' .. table.concat(items, ",") .. ']}'
  return wrk.format("POST", "/v1/clients/" .. client .. "/administrations",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, non2xx + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
