#!/usr/bin/env bash
# benchmarks/http.sh: requests/s of the same tiny JSON endpoint served three ways by one Release process
# (benchmarks/RbacKit.HttpBenchmark), measured with wrk on loopback, written to benchmarks/results/http.md.
#
#   GET /open      no protection
#   GET /rbackit   RbacKit bearer (RS256, resource-server setup, no database) + RequirePermission("movies:read")
#   GET /jwt       ASP.NET Core JwtBearer + a claims policy on the same RS256 key
#
#   benchmarks/http.sh                       # 5 rounds x 3 routes x 10 s, -t1 -c32 (about 3 minutes)
#   ROUNDS=3 DURATION=5s benchmarks/http.sh  # knobs: ROUNDS, DURATION, WARMUP, CONNECTIONS, THREADS,
#                                            # SERVER_CPUS, WRK_CPUS (taskset lists; "" = no pinning), OUT
#
# Every request carries the same Authorization header (also on /open), so requests differ only in the route. Within a
# round the three routes run back to back, the order rotating every round, and the ratios are taken per round
# (a burst of load from other work on the machine hits one round, not one variant); the report gives each round and
# the median of the per-round ratios. wrk is installed with apt-get if missing. The server is stopped on any exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
OUT=${OUT:-$ROOT/benchmarks/results/http.md}
# Two cores: the server gets one, wrk the other, so they do not fight over a core (set to "" to disable).
if (($(nproc) >= 2)); then
  SERVER_CPUS=${SERVER_CPUS-0}
  WRK_CPUS=${WRK_CPUS-1}
else
  SERVER_CPUS=${SERVER_CPUS-}
  WRK_CPUS=${WRK_CPUS-}
fi
ROUTES=(open rbackit jwt)

log() { echo "[http.sh] $*" >&2; }
pin() { # pin CPUS command...: run command pinned to CPUS when taskset and CPUS are there
  local cpus=$1
  shift
  if [[ -n $cpus ]] && command -v taskset >/dev/null 2>&1; then
    taskset -c "$cpus" "$@"
  else
    "$@"
  fi
}

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbackit-http-XXXXXX")
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building benchmarks/RbacKit.HttpBenchmark (Release)"
dotnet build benchmarks/RbacKit.HttpBenchmark -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
DLL=$ROOT/benchmarks/RbacKit.HttpBenchmark/bin/Release/net10.0/RbacKit.HttpBenchmark.dll

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
pin "$SERVER_CPUS" dotnet "$DLL" --urls "$URL" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
TOKEN=
for _ in $(seq 100); do
  TOKEN=$(curl -sf "$URL/token" 2>/dev/null) && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; log "server exited"; exit 1; }
  sleep 0.2
done
[[ -n $TOKEN ]] || { log "server did not answer on $URL"; exit 1; }
log "server pid $SERVER_PID on $URL (cpus '${SERVER_CPUS}'), wrk on cpus '${WRK_CPUS}', token ${#TOKEN} chars"

for route in "${ROUTES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL/$route")
  [[ $code == 200 ]] || { log "GET /$route answered $code"; exit 1; }
done

run_wrk() { # route duration output
  pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -H "Authorization: Bearer $TOKEN" "$URL/$1" >"$3"
  if grep -q 'Non-2xx' "$3"; then
    cat "$3" >&2
    log "/$1 answered non-2xx responses"
    exit 1
  fi
}

log "warming up ($WARMUP per route)"
for route in "${ROUTES[@]}"; do run_wrk "$route" "$WARMUP" "$WORK/warmup-$route.txt"; done

for ((round = 1; round <= ROUNDS; round++)); do
  for ((i = 0; i < ${#ROUTES[@]}; i++)); do
    route=${ROUTES[$(((i + round - 1) % ${#ROUTES[@]}))]}
    run_wrk "$route" "$DURATION" "$WORK/round$round-$route.txt"
    log "round $round /$route: $(awk '/Requests\/sec/ {print $2}' "$WORK/round$round-$route.txt") req/s"
  done
done

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$ROUNDS" "$OUT" <<PY
import re, statistics, sys, pathlib, datetime, os
work, rounds, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
routes = ["open", "rbackit", "jwt"]
names = {"open": "unprotected", "rbackit": "RbacKit bearer + RequirePermission", "jwt": "JwtBearer + claims policy"}

def us(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    v = float(m.group(1))
    return v * {"us": 1, "ms": 1000, "s": 1_000_000}[m.group(2)]

def parse(path):
    t = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    avg = us(re.search(r"Latency\s+(\S+)", t).group(1))
    p50 = us(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = us(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    return rps, avg, p50, p99

data = {(r, k): parse(work / f"round{r}-{k}.txt") for r in range(1, rounds + 1) for k in routes}
lines = [
    "# HTTP comparison (wrk, loopback)",
    "",
    f"Generated by \`benchmarks/http.sh\` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
    f"One Release process (server GC, TieredPGO, no logging) pinned to CPU '${SERVER_CPUS}', wrk pinned to CPU '${WRK_CPUS}': "
    f"\`wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency\`, {rounds} round(s) after a ${WARMUP} warm-up per route, "
    "route order rotating every round. Every request carries the same RS256 bearer token (${#TOKEN} characters, "
    "2 roles, 10 permissions). Load average at the end (1/5/15 min): " + " / ".join(f"{x:.1f}" for x in os.getloadavg()) + ".",
    "",
    "| Round | Route | Requests/s | Avg latency | p50 | p99 | Ratio to unprotected |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
]
ratios = {k: [] for k in routes}
rb_vs_jwt = []
for r in range(1, rounds + 1):
    base = data[(r, "open")][0]
    for k in routes:
        rps, avg, p50, p99 = data[(r, k)]
        ratios[k].append(rps / base)
        lines.append(f"| {r} | {names[k]} | {rps:,.0f} | {avg:,.0f} us | {p50:,.0f} us | {p99:,.0f} us | {rps / base:.3f} |")
    rb_vs_jwt.append(data[(r, "rbackit")][0] / data[(r, "jwt")][0])
lines += [
    "",
    "| Route | Median requests/s | Median of per-round ratios to unprotected | Min ratio | Max ratio |",
    "| --- | ---: | ---: | ---: | ---: |",
]
for k in routes:
    med = statistics.median(data[(r, k)][0] for r in range(1, rounds + 1))
    lines.append(f"| {names[k]} | {med:,.0f} | **{statistics.median(ratios[k]):.3f}** | {min(ratios[k]):.3f} | {max(ratios[k]):.3f} |")
lines += [
    "",
    f"RbacKit / JwtBearer requests/s, median of per-round ratios: **{statistics.median(rb_vs_jwt):.2f}x** "
    f"(rounds: {', '.join(f'{x:.2f}' for x in rb_vs_jwt)}).",
    "",
]
pathlib.Path(out).write_text("\n".join(lines))
print("\n".join(lines))
PY
log "wrote $OUT"
