#!/usr/bin/env bash
# benchmarks/token-mix.sh: RbacKit bearer vs ASP.NET Core JwtBearer + a claims policy under realistic token mixes, with
# wrk on loopback against one Release process (benchmarks/RbacKit.HttpBenchmark, the same routes as http.sh), written
# to benchmarks/results/token-mix.md.
#
#   round-robin  USERS (10,000) tokens of distinct users, cycled for DURATION: every token is first seen once, then reused
#   unique       every request a new token: REQUESTS (40,000) tokens per route per round, each sent once (never by the
#                other route either); the run is sized by request count, not duration
#
#   benchmarks/token-mix.sh                   # 5 rounds x {round-robin, unique} x {rbackit, jwt}
#   ROUNDS=3 benchmarks/token-mix.sh          # knobs: ROUNDS, USERS, DURATION, REQUESTS, WARMUP, CONNECTIONS, THREADS,
#                                             # SERVER_CPUS, WRK_CPUS (taskset lists; "" = no pinning), OUT,
#                                             # TOKEN_MIX_NO_BUILD=1 (use the built benchmark as it is)
#   benchmarks/token-mix.sh --dry             # 200 users, 1 round of 1 s and 200 requests: checks that it all runs;
#                                             # writes no report; TOKEN_MIX_TRX=path also writes its checks as a TRX
#                                             # file (test.sh counts them)
#
# The tokens are signed by RbacKit's issuer (2 roles, 10 permissions, a random user and session each) in a process of
# their own on every core, before the server starts; the server (pinned to SERVER_CPUS) reads the same key
# (--tokens-key) and the token file is cut into one file per run. Within a round the routes alternate order; ratios
# RbacKit/JwtBearer are taken per round, and the report gives their median, the absolute requests/s, and each route's
# CPU microseconds and allocated bytes per request (GET /stats before and after each run). Any non-2xx answer fails the run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DRY=0
[[ ${1:-} == --dry ]] && DRY=1
if ((DRY)); then
  ROUNDS=1 USERS=200 DURATION=1s REQUESTS=200 WARMUP=1s WARMUP_USERS=100
fi
ROUNDS=${ROUNDS:-5}
USERS=${USERS:-10000}
DURATION=${DURATION:-10s}
REQUESTS=${REQUESTS:-40000}
WARMUP=${WARMUP:-3s}
WARMUP_USERS=${WARMUP_USERS:-2000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
UNIQUE_LIMIT=${UNIQUE_LIMIT:-120s} # wrk's -d for a unique run: it ends when its tokens are used, this only bounds it
OUT=${OUT:-$ROOT/benchmarks/results/token-mix.md}
ROUTES=(rbackit jwt)
SPARE=$((4 * CONNECTIONS)) # tokens beyond REQUESTS per unique run, for requests still in flight when it stops
LUA=$ROOT/benchmarks/token-mix.lua

log() { echo "[token-mix.sh] $*" >&2; }
# shellcheck source=benchmarks/wrk-common.sh
source "$ROOT/benchmarks/wrk-common.sh"
wrk_cpus
wrk_setup token-mix

PASSED=0
FAILED=0
# shellcheck source=scripts/trx.sh
source "$ROOT/scripts/trx.sh"
write_trx() { [[ -z ${TOKEN_MIX_TRX:-} ]] || write_counts_trx "$TOKEN_MIX_TRX" token-mix-dry "$PASSED" "$FAILED"; }
ok() { PASSED=$((PASSED + 1)); ((DRY)) && log "ok   $*"; return 0; }
die() { FAILED=$((FAILED + 1)); log "FAIL $*"; write_trx; exit 1; }

DLL=$ROOT/benchmarks/RbacKit.HttpBenchmark/bin/Release/net10.0/RbacKit.HttpBenchmark.dll
if [[ ${TOKEN_MIX_NO_BUILD:-} != 1 || ! -f $DLL ]]; then
  log "building benchmarks/RbacKit.HttpBenchmark (Release)"
  dotnet build benchmarks/RbacKit.HttpBenchmark -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build"; }
fi

# The tokens: USERS for round-robin, WARMUP_USERS for the warm-up, then REQUESTS + SPARE per unique run.
PER_RUN=$((REQUESTS + SPARE))
TOTAL=$((USERS + WARMUP_USERS + ROUNDS * ${#ROUTES[@]} * PER_RUN))
log "signing $TOTAL tokens of distinct users (RS256, every core)"
gen_start=$SECONDS
dotnet "$DLL" --tokens-key "$WORK/key" --write-tokens "$WORK/all.txt" --tokens "$TOTAL" >"$WORK/gen.log" 2>&1 || { cat "$WORK/gen.log" >&2; die "token generation"; }
[[ $(wc -l <"$WORK/all.txt") == "$TOTAL" ]] || die "token file has $(wc -l <"$WORK/all.txt") lines, expected $TOTAL"
[[ $(sort -u "$WORK/all.txt" | wc -l) == "$TOTAL" ]] || die "token file repeats a token"
ok "$TOTAL distinct tokens signed in $((SECONDS - gen_start)) s"
sed -n "1,${USERS}p" "$WORK/all.txt" >"$WORK/users.txt"
sed -n "$((USERS + 1)),$((USERS + WARMUP_USERS))p" "$WORK/all.txt" >"$WORK/warmup.txt"
next=$((USERS + WARMUP_USERS + 1))
for ((round = 1; round <= ROUNDS; round++)); do
  for route in "${ROUTES[@]}"; do
    sed -n "${next},$((next + PER_RUN - 1))p" "$WORK/all.txt" >"$WORK/unique-$round-$route.txt"
    next=$((next + PER_RUN))
  done
done
TOKEN_CHARS=$(head -n 1 "$WORK/users.txt" | tr -d '\n' | wc -c)

PORT=$(free_port)
URL=http://127.0.0.1:$PORT
# start_pinned execs dotnet, so SERVER_PID is the server's own pid and wrk_cleanup's TERM reaches it.
start_pinned "$WORK/server.log" "$ROOT" dotnet "$DLL" --tokens-key "$WORK/key" --urls "$URL"
SERVER_PID=$!
for _ in $(seq 100); do
  curl -sf "$URL/open" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "server exited"; }
  sleep 0.2
done
curl -sf "$URL/open" >/dev/null 2>&1 || die "server did not answer on $URL"
log "server pid $SERVER_PID on $URL (cpus '${SERVER_CPUS}'), wrk on cpus '${WRK_CPUS}', tokens of $TOKEN_CHARS chars"

# A token of the warm-up set on each route: 200 (and the server's own /token is signed by the same key).
probe=$(head -n 1 "$WORK/warmup.txt")
for route in "${ROUTES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $probe" "$URL/$route")
  [[ $code == 200 ]] || die "GET /$route with a generated token answered $code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer x$probe" "$URL/$route")
  [[ $code == 401 ]] || die "GET /$route with a spoilt token answered $code, expected 401"
  ok "/$route accepts a generated token and refuses a spoilt one"
done

run_wrk() { # name route mode file duration [count]
  local name=$1 route=$2 mode=$3 file=$4 duration=$5 count=${6:-}
  curl -sf "$URL/stats" >"$WORK/$name.before"
  pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$LUA" "$URL/$route" -- "$file" "$mode" "$THREADS" $count >"$WORK/$name.txt" 2>&1 ||
    { cat "$WORK/$name.txt" >&2; die "$name: wrk failed"; }
  curl -sf "$URL/stats" >"$WORK/$name.after"
  if grep -q 'Non-2xx' "$WORK/$name.txt"; then
    cat "$WORK/$name.txt" >&2
    die "$name: /$route answered non-2xx responses"
  fi
  if [[ $mode == unique ]] && (($(grep -c '^token-mix: ' "$WORK/$name.txt") != THREADS)); then
    cat "$WORK/$name.txt" >&2
    die "$name: not every wrk thread sent its $((count / THREADS)) requests within $duration"
  fi
  ok "$name: no non-2xx answer"
}

log "warming up ($WARMUP per route, $WARMUP_USERS tokens round-robin)"
for route in "${ROUTES[@]}"; do run_wrk "warmup-$route" "$route" round-robin "$WORK/warmup.txt" "$WARMUP"; done

rps() { # wrk output file: requests/s (unique: from the script's own clock)
  if grep -q '^token-mix: ' "$1"; then
    awk '/^token-mix: / { s += $2 / $5 } END { printf "%.0f", s }' "$1"
  else
    awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"
  fi
}

for ((round = 1; round <= ROUNDS; round++)); do
  order=("${ROUTES[@]}")
  ((round % 2 == 0)) && order=(jwt rbackit)
  for route in "${order[@]}"; do
    run_wrk "round$round-rr-$route" "$route" round-robin "$WORK/users.txt" "$DURATION"
    log "round $round round-robin /$route: $(rps "$WORK/round$round-rr-$route.txt") req/s"
  done
  for route in "${order[@]}"; do
    run_wrk "round$round-unique-$route" "$route" unique "$WORK/unique-$round-$route.txt" "$UNIQUE_LIMIT" "$REQUESTS"
    log "round $round unique /$route: $(rps "$WORK/round$round-unique-$route.txt") req/s"
  done
done

if ((DRY)); then
  OUT=$WORK/token-mix.md
fi
mkdir -p "$(dirname "$OUT")"
python3 - "$WORK" "$ROUNDS" "$OUT" <<PY || die "report"
import re, statistics, sys, pathlib, datetime, os
work, rounds, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
routes = ["rbackit", "jwt"]
mixes = {"rr": "round-robin, ${USERS} users", "unique": "every request a new token"}
names = {"rbackit": "RbacKit bearer + RequirePermission", "jwt": "JwtBearer + claims policy"}

def parse(name):
    t = (work / f"{name}.txt").read_text()
    own = re.findall(r"^token-mix: (\d+) responses in ([\d.]+) s", t, re.M)
    rps = sum(int(n) / float(s) for n, s in own) if own else float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    done = int(re.search(r"(\d+) requests in", t).group(1))
    b = [float(x) for x in (work / f"{name}.before").read_text().split()]
    a = [float(x) for x in (work / f"{name}.after").read_text().split()]
    return rps, done, (a[0] - b[0]) / done, (a[1] - b[1]) / done

data = {(r, m, k): parse(f"round{r}-{m}-{k}") for r in range(1, rounds + 1) for m in mixes for k in routes}
load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
lines = [
    "# Token mixes: RbacKit vs JwtBearer (wrk, loopback)",
    "",
    f"Generated by \`benchmarks/token-mix.sh\` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. "
    f"One Release process (benchmarks/RbacKit.HttpBenchmark: server GC, TieredPGO, no logging) pinned to CPU '${SERVER_CPUS}', "
    f"wrk pinned to CPU '${WRK_CPUS}': \`wrk -t${THREADS} -c${CONNECTIONS} -s benchmarks/token-mix.lua\`. RS256 tokens from RbacKit's issuer "
    f"(${TOKEN_CHARS} characters, 2 roles, 10 permissions, each of a distinct random user and session). "
    f"**Round-robin**: ${USERS} tokens cycled for ${DURATION} per run (every token first seen once, then reused; RbacKit's "
    "validated-token cache has its default size, Tokens.ValidatedTokenCacheSize). **Unique**: ${REQUESTS} requests per route per round, each with a "
    "token never sent before by either route (requests/s from the script's clock, first request to last response). "
    f"{rounds} round(s) after a ${WARMUP} warm-up per route on ${WARMUP_USERS} other tokens; the route order alternates every round. "
    f"Load average at the end (1/5/15 min): {load} (the machine is shared: other work may load it).",
    "",
    "| Round | Mix | Route | Requests/s | Requests | CPU us/request | Bytes/request |",
    "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
]
for r in range(1, rounds + 1):
    for m in mixes:
        for k in routes:
            rps, done, cpu, mem = data[(r, m, k)]
            lines.append(f"| {r} | {m} | {names[k]} | {rps:,.0f} | {done:,} | {cpu:.1f} | {mem:,.0f} |")
lines += ["", "| Mix | RbacKit median req/s | JwtBearer median req/s | RbacKit / JwtBearer, median of per-round ratios | Rounds | RbacKit CPU us/req | JwtBearer CPU us/req | RbacKit B/req | JwtBearer B/req |",
          "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
for m, label in mixes.items():
    ratios = [data[(r, m, "rbackit")][0] / data[(r, m, "jwt")][0] for r in range(1, rounds + 1)]
    med = lambda k, i: statistics.median(data[(r, m, k)][i] for r in range(1, rounds + 1))
    lines.append(f"| {label} | {med('rbackit', 0):,.0f} | {med('jwt', 0):,.0f} | **{statistics.median(ratios):.2f}x** | "
                 f"{', '.join(f'{x:.2f}' for x in ratios)} | {med('rbackit', 2):.1f} | {med('jwt', 2):.1f} | {med('rbackit', 3):,.0f} | {med('jwt', 3):,.0f} |")
lines += ["", "Command: \`ROUNDS=${ROUNDS} USERS=${USERS} DURATION=${DURATION} REQUESTS=${REQUESTS} CONNECTIONS=${CONNECTIONS} THREADS=${THREADS} benchmarks/token-mix.sh\`", ""]
pathlib.Path(out).write_text("\n".join(lines))
print("\n".join(lines))
PY
ok "report written"
((DRY)) && log "dry run: every step ran ($PASSED checks)" || log "wrote $OUT"
write_trx
