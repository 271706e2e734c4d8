#!/usr/bin/env bash
# benchmarks/http.sh: requests/s of the same tiny JSON endpoint, unprotected and protected, served by two Release
# processes of benchmarks/RbacKit.HttpBenchmark, measured with wrk on loopback, written to benchmarks/results/http.md.
#
#   The headline: the pipeline users write (--conventional): WebApplication.CreateBuilder, the template's logging,
#   reflection JSON, AddRbacKitResourceServer, UseAuthentication + UseAuthorization,
#     GET /open      no protection
#     GET /rbackit   .RequirePermission("movies:read")
#   The tuned row: the slim builder, no logging, source-generated JSON, no UseAuthentication (each protected route
#   authenticates with its own policy's scheme):
#     GET /open, GET /rbackit as above, and
#     GET /jwt       ASP.NET Core JwtBearer + a claims policy on the same RS256 key
#
#   benchmarks/http.sh                       # 5 rounds x 5 routes x 10 s, -t1 -c32 (about 5 minutes)
#   ROUNDS=3 DURATION=5s benchmarks/http.sh  # knobs: ROUNDS, DURATION, WARMUP, CONNECTIONS, THREADS,
#                                            # SERVER_CPUS, WRK_CPUS (taskset lists; "" = no pinning), OUT, HTTP_NO_BUILD=1
#   benchmarks/http.sh --dry                 # CI: 1 round of 1 s, report to a temp file; fails on any non-2xx answer
#
# Every request carries the same Authorization header (also on /open), so requests differ only in the route. Within a
# round the five routes run back to back, the order rotating every round, and the ratios are taken per round and per
# process (a burst of load from other work on the machine hits one round, not one variant); the report gives each
# round, the median of the per-round ratios, and each route's CPU time and allocated bytes per request read from the
# server's GET /stats (figures that hold whatever else the machine does). wrk is installed with apt-get if missing.
# Both servers are stopped on any exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ROUTES=(conventional:open conventional:rbackit tuned:open tuned:rbackit tuned:jwt)

log() { echo "[http.sh] $*" >&2; }
# shellcheck source=benchmarks/wrk-common.sh
source "$ROOT/benchmarks/wrk-common.sh"
wrk_knobs "$@"
wrk_setup http
OUT=${OUT:-$([[ -n $DRY ]] && echo "$WORK/http-dry.md" || echo "$ROOT/benchmarks/results/http.md")}

DLL=$ROOT/benchmarks/RbacKit.HttpBenchmark/bin/Release/net10.0/RbacKit.HttpBenchmark.dll
if [[ ${HTTP_NO_BUILD:-} != 1 || ! -f $DLL ]]; then
  log "building benchmarks/RbacKit.HttpBenchmark (Release)"
  dotnet build benchmarks/RbacKit.HttpBenchmark -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
fi

declare -A URL PID
start_server() { # start_server NAME [args...]
  local name=$1 port
  shift
  port=$(free_port)
  URL[$name]=http://127.0.0.1:$port
  # The conventional host reads its appsettings.json (the template's logging) from its content root.
  start_pinned "$WORK/server-$name.log" "$(dirname "$DLL")" dotnet "$DLL" --urls "${URL[$name]}" "$@"
  PID[$name]=$!
}

stop_servers() {
  for name in "${!PID[@]}"; do
    kill -TERM "${PID[$name]}" 2>/dev/null || true
  done
  wrk_cleanup
}
trap stop_servers EXIT

start_server conventional --conventional
start_server tuned
SERVER_PID=${PID[tuned]}
TOKEN=
for name in conventional tuned; do
  for _ in $(seq 150); do
    TOKEN=$(curl -sf "${URL[$name]}/token" 2>/dev/null) && break
    kill -0 "${PID[$name]}" 2>/dev/null || { cat "$WORK/server-$name.log" >&2; log "$name server exited"; exit 1; }
    sleep 0.2
  done
  [[ -n $TOKEN ]] || { log "$name server did not answer on ${URL[$name]}"; exit 1; }
done
# Each process issues its own token at start-up; both accept only their own key, so each route uses its process's.
declare -A TOKENS
for name in conventional tuned; do TOKENS[$name]=$(curl -sf "${URL[$name]}/token"); done
log "servers: conventional ${URL[conventional]}, tuned ${URL[tuned]} (cpus '${SERVER_CPUS}'), wrk on cpus '${WRK_CPUS}', token ${#TOKEN} chars"

for spec in "${ROUTES[@]}"; do
  name=${spec%%:*} route=${spec#*:}
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKENS[$name]}" "${URL[$name]}/$route")
  [[ $code == 200 ]] || { log "$name GET /$route answered $code"; exit 1; }
done

run_wrk() { # spec duration output
  local name=${1%%:*} route=${1#*:}
  wrk_measured "curl -sf ${URL[$name]}/stats" "$3" "$2" -H "Authorization: Bearer ${TOKENS[$name]}" "${URL[$name]}/$route"
}

wrk_rounds run_wrk "${ROUTES[@]}"

mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$ROUNDS" "$OUT" "$ROOT/benchmarks" <<PY
import statistics, sys, pathlib, datetime, os
sys.path.insert(0, sys.argv[4])
from wrk_report import wrk_figures, counters, cpu_capacity
work, rounds, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
specs = ["conventional-open", "conventional-rbackit", "tuned-open", "tuned-rbackit", "tuned-jwt"]
names = {
    "conventional-open": "conventional: unprotected",
    "conventional-rbackit": "conventional: RbacKit bearer + RequirePermission",
    "tuned-open": "tuned: unprotected",
    "tuned-rbackit": "tuned: RbacKit bearer + RequirePermission",
    "tuned-jwt": "tuned: JwtBearer + claims policy",
}

def parse(path):
    rps, count, p50, p99 = wrk_figures(path)
    before, after = counters(f"{path}.before"), counters(f"{path}.after")
    # /stats itself is one request each side: negligible against thousands.
    return rps, p50, p99, (after[0] - before[0]) / count, (after[1] - before[1]) / count

data = {(r, k): parse(work / f"round{r}-{k}.txt") for r in range(1, rounds + 1) for k in specs}
def ratio(r, a, b): return data[(r, a)][0] / data[(r, b)][0]
head = [ratio(r, "conventional-rbackit", "conventional-open") for r in range(1, rounds + 1)]
tuned = [ratio(r, "tuned-rbackit", "tuned-open") for r in range(1, rounds + 1)]
jwt = [ratio(r, "tuned-jwt", "tuned-open") for r in range(1, rounds + 1)]
vs_jwt = [ratio(r, "tuned-rbackit", "tuned-jwt") for r in range(1, rounds + 1)]
med = lambda xs: statistics.median(xs)
load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
lines = [
    "# HTTP comparison (wrk, loopback)",
    "",
    f"Generated by \`benchmarks/http.sh\` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
    f"Two Release processes of benchmarks/RbacKit.HttpBenchmark pinned to CPU '${SERVER_CPUS}', wrk pinned to CPU '${WRK_CPUS}': "
    f"\`wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency\`, {rounds} round(s) after a ${WARMUP} warm-up per route, "
    "route order rotating every round. Every request carries the same RS256 bearer token of its process (${#TOKEN} characters, "
    f"2 roles, 10 permissions). Load average at the end (1/5/15 min): {load}.",
    "",
    "| Setup | Protected / unprotected, median of per-round ratios | Min | Max |",
    "| --- | ---: | ---: | ---: |",
    f"| **Conventional pipeline** (CreateBuilder, UseAuthentication + UseAuthorization): RbacKit | **{med(head):.3f}** | {min(head):.3f} | {max(head):.3f} |",
    f"| Tuned (slim builder, no UseAuthentication): RbacKit | {med(tuned):.3f} | {min(tuned):.3f} | {max(tuned):.3f} |",
    f"| Tuned: JwtBearer + claims policy | {med(jwt):.3f} | {min(jwt):.3f} | {max(jwt):.3f} |",
    "",
    "Capacity from CPU time (unprotected CPU per request / protected CPU per request, medians; it does not depend on "
    "whether wrk or the server is the limit): conventional RbacKit "
    f"**{cpu_capacity(data, rounds, 'conventional-open', 'conventional-rbackit'):.3f}**, "
    f"tuned RbacKit {cpu_capacity(data, rounds, 'tuned-open', 'tuned-rbackit'):.3f}, "
    f"tuned JwtBearer {cpu_capacity(data, rounds, 'tuned-open', 'tuned-jwt'):.3f}.",
    "",
    f"RbacKit / JwtBearer requests/s (tuned), median of per-round ratios: **{med(vs_jwt):.2f}x** "
    f"(rounds: {', '.join(f'{x:.2f}' for x in vs_jwt)}).",
    "",
    "| Route | Median requests/s | p50 | p99 | CPU per request | Allocated per request |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
]
for k in specs:
    rows = [data[(r, k)] for r in range(1, rounds + 1)]
    lines.append(f"| {names[k]} | {med(x[0] for x in rows):,.0f} | {med(x[1] for x in rows):,.0f} us | {med(x[2] for x in rows):,.0f} us | "
                 f"{med(x[3] for x in rows):,.1f} us | {med(x[4] for x in rows):,.0f} B |")
lines += ["", "| Round | Route | Requests/s | p50 | p99 |", "| ---: | --- | ---: | ---: | ---: |"]
for r in range(1, rounds + 1):
    for k in specs:
        rps, p50, p99, _, _ = data[(r, k)]
        lines.append(f"| {r} | {names[k]} | {rps:,.0f} | {p50:,.0f} us | {p99:,.0f} us |")
lines.append("")
pathlib.Path(out).write_text("\n".join(lines))
print("\n".join(lines))
PY
log "wrote $OUT"
