#!/usr/bin/env bash
# benchmarks/issuer.sh: the issuer's own stateful path. CinemaAuthHost (Release, Development seed, embedded SQLite, a
# throwaway Redis configured for revocation and the change feed, rate limits off) serves, in the same process:
#   GET /auth/external    open: no authentication or authorization; the configured external providers as a tiny
#                         JSON list from options (no database)
#   GET /me/permissions   protected: RbacKit bearer with the session and user state checks (from cache once warm),
#                         answering the caller's permissions from the principal as a tiny JSON list (no database)
# measured with wrk on loopback (one access token of the seeded user@example.com on every request, also on the open
# route), written to benchmarks/results/issuer.md.
#
#   benchmarks/issuer.sh              # 5 rounds x 2 routes x 10 s, -t1 -c32
#   benchmarks/issuer.sh --dry        # CI: 1 round of 1 s, report to a temp file; fails on any non-2xx answer
#   knobs: ROUNDS, DURATION, WARMUP, CONNECTIONS, THREADS, SERVER_CPUS, WRK_CPUS, OUT, ISSUER_NO_BUILD=1
#
# The routes alternate within a round, the order flipping every round, and the ratio is taken per round; CPU time and
# allocated bytes per request come from the process's /proc counters read around each run (not the host's code).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ROUTES=(${ISSUER_ROUTES:-auth/external me/permissions})

log() { echo "[issuer.sh] $*" >&2; }
# shellcheck source=benchmarks/wrk-common.sh
source "$ROOT/benchmarks/wrk-common.sh"
wrk_knobs "$@"
wrk_setup issuer
OUT=${OUT:-$([[ -n $DRY ]] && echo "$WORK/issuer-dry.md" || echo "$ROOT/benchmarks/results/issuer.md")}
command -v redis-server >/dev/null 2>&1 || { log "redis-server is missing (test.sh installs it)"; exit 1; }

DLL=$ROOT/samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll
if [[ ${ISSUER_NO_BUILD:-} != 1 || ! -f $DLL ]]; then
  log "building samples/CinemaAuthHost (Release)"
  dotnet build samples/CinemaAuthHost -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
fi

REDIS_PORT=$(free_port)
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
PORT=$(free_port)
URL=http://127.0.0.1:$PORT
mkdir -p "$WORK/data"
export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Postgres= Data__Directory="$WORK/data" \
  ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" RateLimits__Enabled=false Logging__LogLevel__Default=Warning
start_pinned "$WORK/host.log" "$(dirname "$DLL")" dotnet "$DLL" --urls "$URL"
SERVER_PID=$!
stop_all() {
  kill -TERM "$REDIS_PID" 2>/dev/null || true
  wrk_cleanup
}
trap stop_all EXIT

for _ in $(seq 300); do
  curl -sf "$URL/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/host.log" >&2; log "the host exited"; exit 1; }
  sleep 0.2
done
curl -sf "$URL/health/ready" >/dev/null || { tail -n 40 "$WORK/host.log" >&2; log "the host did not become ready"; exit 1; }
TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"user@example.com","password":"Cinema-Demo-2026!"}' "$URL/auth/login" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
[[ -n $TOKEN ]] || { log "login of the seeded user failed"; exit 1; }
log "host pid $SERVER_PID on $URL (cpus '${SERVER_CPUS}'), Redis on $REDIS_PORT, wrk on cpus '${WRK_CPUS}', token ${#TOKEN} chars"

for route in "${ROUTES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL/$route")
  [[ $code == 200 ]] || { log "GET /$route answered $code"; exit 1; }
done

# utime+stime of the host (clock ticks) and its GC heap's allocated bytes are not both in /proc; CPU is, bytes are
# read from the .NET runtime's counters by dotnet-counters only. CPU per request is enough to compare the routes.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
TICK=$(getconf CLK_TCK)

run_wrk() { # route duration output
  wrk_measured cpu_ticks "$3" "$2" -H "Authorization: Bearer $TOKEN" "$URL/$1"
}

wrk_rounds run_wrk "${ROUTES[@]}"

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$ROUNDS" "$OUT" "$TICK" "${ROUTES[0]}" "${ROUTES[1]}" "$ROOT/benchmarks" <<PY
import statistics, sys, pathlib, datetime, os
sys.path.insert(0, sys.argv[7])
from wrk_report import wrk_figures, counters, cpu_capacity
work, rounds, out, tick = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
open_route, protected_route = sys.argv[5], sys.argv[6]
key = lambda route: route.replace("/", "-")
routes = [key(open_route), key(protected_route)]
names = {routes[0]: f"GET /{open_route} (open)", routes[1]: f"GET /{protected_route} (RbacKit bearer, stateful)"}

def parse(path):
    rps, count, p50, p99 = wrk_figures(path)
    ticks = counters(f"{path}.after")[0] - counters(f"{path}.before")[0]
    return rps, p50, p99, ticks * 1_000_000 / tick / count

data = {(r, k): parse(work / f"round{r}-{k}.txt") for r in range(1, rounds + 1) for k in routes}
ratios = [data[(r, routes[1])][0] / data[(r, routes[0])][0] for r in range(1, rounds + 1)]
med = statistics.median
load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
lines = [
    "# The issuer's stateful path (wrk, loopback)",
    "",
    f"Generated by \`benchmarks/issuer.sh\` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
    f"CinemaAuthHost (Release, Development, embedded SQLite, Redis configured, rate limits off) pinned to CPU '${SERVER_CPUS}', "
    f"wrk pinned to CPU '${WRK_CPUS}': \`wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency\`, {rounds} round(s) after a ${WARMUP} "
    f"warm-up per route, order flipping every round, the seeded user's access token on every request. Load average at the end (1/5/15 min): {load}.",
    "",
    f"Protected / open requests/s, median of per-round ratios: **{med(ratios):.3f}** (rounds: {', '.join(f'{x:.3f}' for x in ratios)}).",
    "",
    f"Capacity from CPU time (open CPU per request / protected CPU per request, medians): **{cpu_capacity(data, rounds, routes[0], routes[1]):.3f}**.",
    "",
    "| Route | Median requests/s | p50 | p99 | CPU per request |",
    "| --- | ---: | ---: | ---: | ---: |",
]
for k in routes:
    rows = [data[(r, k)] for r in range(1, rounds + 1)]
    lines.append(f"| {names[k]} | {med(x[0] for x in rows):,.0f} | {med(x[1] for x in rows):,.0f} us | {med(x[2] for x in rows):,.0f} us | {med(x[3] for x in rows):,.1f} us |")
lines.append("")
pathlib.Path(out).write_text("\n".join(lines))
print("\n".join(lines))
PY
log "wrote $OUT"
