-- wrk script for scripts/bench.py: count every response outside 2xx (wrk's own summary lets 3xx
-- pass) and print the total once, from all threads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
  end
  io.write(string.format("non-2xx: %d\n", total))
end
