-- wrk's summary as one JSON line (bench/serving.py reads it): wrk --latency prints no p95.
-- "errors" counts failed connections, reads, writes and timeouts, and answers >= 400.
-- With BENCH_BUST=1 every request carries a query parameter of its own, so that a page
-- cache keyed on the address misses each time (the pages' uncached figures).

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

if os.getenv("BENCH_BUST") == "1" then
  local counter = 0
  request = function()
    counter = counter + 1
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "_bench=" .. id .. "-" .. counter)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status))
end
