-- benchmarks/token-mix.lua: wrk script of benchmarks/token-mix.sh. Every request carries a bearer token from a file
-- (one a line); each wrk thread walks its own slice of the file (line i belongs to thread i % threads).
--
--   wrk -t T -c C -d D -s token-mix.lua URL -- FILE MODE THREADS [COUNT]
--
--   MODE round-robin  the thread cycles over its slice for the whole duration (every token first seen once, then reused)
--   MODE unique       the thread sends each token of its slice at most once and stops after COUNT / THREADS responses;
--                     the file must hold some spare tokens for requests still in flight (token-mix.sh adds 4 per
--                     connection). A thread that runs out sends GET /token-mix-exhausted, answered 404, so a reuse is
--                     never silent: the run fails on non-2xx. The first thread done interrupts wrk (SIGINT to its main
--                     thread, whose sleep would otherwise last the whole -d) and every thread prints
--                     "token-mix: RESPONSES responses in SECONDS s" (monotonic clock, first request to last response),
--                     since wrk's own Requests/sec divides by the time until the interrupt was seen.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } rbk_timespec;
  int clock_gettime(int clk_id, rbk_timespec *tp);
  int getpid(void);
  long syscall(long number, ...);
]]

TGKILL = ({ x64 = 234, arm64 = 131 })[ffi.arch] or error("token-mix.lua: tgkill's number is unknown on " .. ffi.arch)

local function now()
  local ts = ffi.new("rbk_timespec")
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local requests, n, i, mode, target, responses, started, finished, exhausted

function init(args)
  local file, threads = args[1], tonumber(args[3])
  mode = args[2]
  assert(mode == "round-robin" or mode == "unique", "mode must be round-robin or unique")
  requests, n, i, responses = {}, 0, 0, 0
  local line = 0
  for token in io.lines(file) do
    if token ~= "" then
      if line % threads == id then
        n = n + 1
        requests[n] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
      end
      line = line + 1
    end
  end
  assert(n > 0, "no tokens for thread " .. id .. " in " .. file)
  if mode == "unique" then
    target = math.floor(tonumber(args[4]) / threads)
    assert(target < n, "unique: thread " .. id .. " has " .. n .. " tokens for " .. target .. " responses and no spare")
  end
  exhausted = wrk.format("GET", "/token-mix-exhausted")
end

function request()
  if not started then started = now() end
  i = i + 1
  if i > n then
    if mode == "round-robin" then
      i = 1
    else
      return exhausted
    end
  end
  return requests[i]
end

function response(status, headers, body)
  if mode ~= "unique" or finished then return end
  responses = responses + 1
  if responses >= target then
    finished = now()
    io.write(string.format("token-mix: %d responses in %.6f s\n", responses, finished - started))
    io.flush()
    wrk.thread:stop()
    local pid = ffi.C.getpid()
    -- tgkill(pid, pid, SIGINT): to wrk's main thread (a kill() could reach a worker thread and leave main asleep)
    ffi.C.syscall(TGKILL, ffi.cast("long", pid), ffi.cast("long", pid), ffi.cast("long", 2))
  end
end
