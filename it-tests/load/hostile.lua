-- wrk script for hostile-soak.sh: each request asks the next of the paths given after `--`
-- (round robin, per wrk thread), and the statuses that come back are counted; done() prints them
-- summed over the threads, one "status CODE N" line each (a 503 without Retry-After apart), then
-- wrk's error counts: "aborted" (the connection closed before the response was whole), "timeout"
-- (no answer within wrk's --timeout), "connect" and "write".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  at = 0
  counts = {}
end

function request()
  at = at % #paths + 1
  return wrk.format("GET", paths[at])
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 503 then
    key = "503-without-Retry-After"
    for name, _ in pairs(headers) do
      if string.lower(name) == "retry-after" then
        key = "503"
      end
    end
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for key, n in pairs(t:get("counts")) do
      total[key] = (total[key] or 0) + n
    end
  end
  for key, n in pairs(total) do
    io.write(string.format("status %s %d\n", key, n))
  end
  local e = summary.errors
  io.write(string.format("aborted %d\ntimeout %d\nconnect %d\nwrite %d\n",
    e.read, e.timeout, e.connect, e.write))
end
