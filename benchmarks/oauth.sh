#!/usr/bin/env bash
# benchmarks/oauth.sh: the OAuth 2.0 protocol endpoints of a real CinemaAuthHost (Release, SQLite, Development seed,
# rate limits off) measured with wrk on loopback, written to benchmarks/results/oauth.md.
#
#   POST /oauth/token        grant_type=client_credentials, client_secret_basic (one service account)
#   POST /oauth/introspect   token=<that client's access token>, client_secret_basic (the client holds tokens:introspect)
#   GET  /health/live        unprotected endpoint of the same host: the baseline of the ratio
#
#   benchmarks/oauth.sh                        # 3 rounds x 3 routes x 10 s, -t1 -c32
#   ROUNDS=5 DURATION=5s benchmarks/oauth.sh   # knobs: ROUNDS, DURATION, WARMUP, CONNECTIONS, THREADS,
#                                              # SERVER_CPUS, WRK_CPUS (taskset lists; "" = no pinning), OUT,
#                                              # ALGORITHM (RS256, the default, or ES256: the signing algorithm)
#
# The host is pinned to one CPU and wrk to the other (on two cores or more), so the figures are per core. Within a
# round the routes run back to back, the order rotating every round; ratios are taken per round. Every answer must be
# 2xx (a refused grant would be cheap and flatter the figure). wrk is installed with apt-get if missing. The host is
# stopped and its data deleted on any exit; everything listens on 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ALGORITHM=${ALGORITHM:-RS256}
OUT=${OUT:-$ROOT/benchmarks/results/oauth-${ALGORITHM,,}.md}
ROUTES=(open token introspect)

log() { echo "[oauth.sh] $*" >&2; }
# shellcheck source=benchmarks/wrk-common.sh
source "$ROOT/benchmarks/wrk-common.sh"
wrk_cpus
wrk_setup oauth

log "building samples/CinemaAuthHost (Release)"
dotnet build samples/CinemaAuthHost -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
DLL=$ROOT/samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
export ASPNETCORE_ENVIRONMENT=Development
export Data__Directory=$WORK/data
export RbacKit__Issuer=$URL
export RbacKit__Tokens__KeyEncryptionKey=${RbacKit__Tokens__KeyEncryptionKey:-$(head -c 32 /dev/urandom | base64)}
export RateLimits__Enabled=false
export RbacKit__Tokens__Algorithm=$ALGORITHM
export Logging__LogLevel__Default=Warning
unset ConnectionStrings__Redis

(cd samples/CinemaAuthHost && exec dotnet "$DLL" create-client --name bench --permission movies:read --permission tokens:introspect) >"$WORK/client.txt" 2>&1 \
  || { cat "$WORK/client.txt" >&2; log "create-client failed"; exit 1; }
CLIENT_ID=$(grep -oiP 'client_id\W+\K[A-Za-z0-9_-]+' "$WORK/client.txt" | head -1)
CLIENT_SECRET=$(grep -oiP 'client_secret\W+\K[A-Za-z0-9_-]+' "$WORK/client.txt" | head -1)
[[ -n $CLIENT_ID && -n $CLIENT_SECRET ]] || { cat "$WORK/client.txt" >&2; log "could not read the client id and secret"; exit 1; }

(cd samples/CinemaAuthHost && exec taskset -c "${SERVER_CPUS:-0-$(($(nproc) - 1))}" dotnet "$DLL" --urls "$URL") >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -sf -o /dev/null "$URL/health/ready" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; log "host exited"; exit 1; }
  sleep 0.2
done
curl -sf -o /dev/null "$URL/health/ready" || { tail -40 "$WORK/server.log" >&2; log "the host did not become ready on $URL"; exit 1; }
BASIC=$(printf '%s:%s' "$CLIENT_ID" "$CLIENT_SECRET" | base64 -w0)
TOKEN=$(curl -sS --fail-with-body -H "Authorization: Basic $BASIC" -d grant_type=client_credentials "$URL/oauth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') \
  || { tail -40 "$WORK/server.log" >&2; log "client_credentials grant failed"; exit 1; }
ACTIVE=$(curl -sf -H "Authorization: Basic $BASIC" --data-urlencode "token=$TOKEN" "$URL/oauth/introspect" | python3 -c 'import json,sys; print(json.load(sys.stdin)["active"])')
[[ $ACTIVE == True ]] || { log "introspection did not say active"; exit 1; }
log "host pid $SERVER_PID on $URL (cpus '${SERVER_CPUS}'), wrk on cpus '${WRK_CPUS}', client $CLIENT_ID, token ${#TOKEN} chars"

cat >"$WORK/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
cat >"$WORK/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$TOKEN"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
LUA
: >"$WORK/open.lua"

path_of() { case $1 in open) echo /health/live ;; token) echo /oauth/token ;; introspect) echo /oauth/introspect ;; esac; }
run_wrk() { # route duration output
  wrk_measured "" "$3" "$2" -s "$WORK/$1.lua" "$URL$(path_of "$1")"
}

wrk_rounds run_wrk "${ROUTES[@]}"

mkdir -p "$(dirname "$OUT")"
CORES=1
[[ -z $SERVER_CPUS ]] && CORES=$(nproc)
python3 - "$WORK" "$ROUNDS" "$OUT" "$CORES" "$ROOT/benchmarks" <<PY
import statistics, sys, pathlib, datetime, os
sys.path.insert(0, sys.argv[5])
from wrk_report import wrk_figures
work, rounds, out, cores = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
routes = ["open", "token", "introspect"]
names = {"open": "GET /health/live (unprotected)", "token": "POST /oauth/token (client_credentials)", "introspect": "POST /oauth/introspect"}
goals = {"token": 2000, "introspect": 20000}

def parse(path):
    rps, _, p50, p99 = wrk_figures(path)
    return rps, p50, p99

data = {(r, k): parse(work / f"round{r}-{k}.txt") for r in range(1, rounds + 1) for k in routes}
lines = [
    "# OAuth 2.0 endpoints (wrk, loopback)",
    "",
    f"Generated by \`benchmarks/oauth.sh\` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
    f"CinemaAuthHost (Release, SQLite, Development, ${ALGORITHM} signing, rate limits off, logging at Warning, no Redis) pinned to CPU '${SERVER_CPUS}' "
    f"({cores} core(s)), wrk pinned to CPU '${WRK_CPUS}': \`wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency\`, "
    f"{rounds} round(s) after a ${WARMUP} warm-up per route, route order rotating every round. "
    "Load average at the end (1/5/15 min): " + " / ".join(f"{x:.1f}" for x in os.getloadavg()) + ".",
    "",
    "| Round | Route | Requests/s | p50 | p99 | Ratio to unprotected |",
    "| ---: | --- | ---: | ---: | ---: | ---: |",
]
ratios = {k: [] for k in routes}
for r in range(1, rounds + 1):
    base = data[(r, "open")][0]
    for k in routes:
        rps, p50, p99 = data[(r, k)]
        ratios[k].append(rps / base)
        lines.append(f"| {r} | {names[k]} | {rps:,.0f} | {p50:,.0f} us | {p99:,.0f} us | {rps / base:.3f} |")
lines += [
    "",
    "| Route | Median requests/s | Per core | Goal per core | Keycloak (published) | Median ratio to unprotected |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
]
for k in routes:
    med = statistics.median(data[(r, k)][0] for r in range(1, rounds + 1))
    goal = f"{goals[k]:,}" + (" (met)" if med / cores >= goals[k] else " (missed)") if k in goals else ""
    keycloak = "~120 grants/s per vCPU" if k == "token" else ""
    lines.append(f"| {names[k]} | {med:,.0f} | **{med / cores:,.0f}** | {goal} | {keycloak} | {statistics.median(ratios[k]):.3f} |")
lines.append("")
pathlib.Path(out).write_text("\n".join(lines))
print("\n".join(lines))
PY
log "wrote $OUT"
