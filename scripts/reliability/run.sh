#!/usr/bin/env bash
# scripts/reliability/run.sh: fault injection and soak against real CinemaAuthHost processes on PostgreSQL + Redis,
# then writes docs/RELIABILITY.md with the figures. Not part of CI (bounded, but minutes long).
#
#   scripts/reliability/run.sh                      # soak 600 s (10 minutes)
#   SOAK_SECONDS=120 scripts/reliability/run.sh     # a 2-minute soak
#   SKIP_TESTS=1 ...                                # do not run the xunit race/enumeration/fuzz figures
#
# Knobs: SOAK_SECONDS (600), SOAK_RATE requests/s (50), LOAD_RATE during faults (40), KILL_SECONDS (8).
# Starts its own throwaway PostgreSQL and Redis (scripts/services.sh) on free loopback ports and stops them at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_RATE=${SOAK_RATE:-50}
LOAD_RATE=${LOAD_RATE:-40}
KILL_SECONDS=${KILL_SECONDS:-8}
log() { echo "[reliability] $*" >&2; }

rbk_create_database rbackit_test
rbk_create_database cinema_reliability
export RBACKIT_TEST_POSTGRES="Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=rbackit_test;Pooling=true;Maximum Pool Size=200"
export RBACKIT_TEST_REDIS="127.0.0.1:$RBACKIT_TEST_REDIS_PORT"
PG="Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=cinema_reliability"
KEK=$(head -c 32 /dev/urandom | base64)
psql_q() { "$RBACKIT_TEST_PG_BIN/psql" -h 127.0.0.1 -p "$RBACKIT_TEST_PG_PORT" -U rbackit -d cinema_reliability -XtAq -c "$1"; }

log "building the host (Release)"
dotnet build samples/CinemaAuthHost -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
DLL=samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll
PORT_A=$(rbk_pick_port 5180)
PORT_B=$(rbk_pick_port $((PORT_A + 1)))
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B

# start_host NAME PORT: starts an instance in the background; sets HOST_PID.
start_host() {
  dotnet "$DLL" --urls "http://127.0.0.1:$2" --environment Development --applicationName CinemaAuthHost \
    --ConnectionStrings:Postgres="$PG" --ConnectionStrings:Redis="$RBACKIT_TEST_REDIS" \
    --RbacKit:Tokens:KeyEncryptionKey="$KEK" --RbacKit:Passwords:WorkFactor=4 --RbacKit:Passwords:AllowWeakWorkFactor=true \
    --RbacKit:Issuer=http://localhost:5080 \
    --RateLimits:Enabled=false --Data:Directory="$WORK/data-$1" --Logging:LogLevel:Default=Warning \
    >>"$WORK/host-$1.log" 2>&1 &
  HOST_PID=$!
  PIDS+=("$HOST_PID")
  rbk_wait_until 60 curl -fsS "http://127.0.0.1:$2/health/ready" -o /dev/null || { tail -30 "$WORK/host-$1.log"; exit 1; }
}

start_host a "$PORT_A"; PID_A=$HOST_PID
start_host b "$PORT_B"; PID_B=$HOST_PID
log "instances: $A (pid $PID_A), $B (pid $PID_B)"

SVC="$ROOT/scripts/services.sh"
log "Redis stopped during load"
REDIS=$($DRIVER outage --bases "$A,$B" --rate "$LOAD_RATE" --seconds 30 --before 6 --outage 10 \
  --stop-cmd "$SVC stop-redis >/dev/null 2>&1" --start-cmd "$SVC start-redis >/dev/null 2>&1")
log "$REDIS"

log "PostgreSQL restarted during load"
BEFORE_ORPHANS=$(psql_q "SELECT count(*) FROM rbac_users u WHERE NOT EXISTS (SELECT 1 FROM rbac_user_roles g WHERE g.\"UserId\" = u.\"Id\")")
PGR=$($DRIVER outage --bases "$A,$B" --rate "$LOAD_RATE" --seconds 30 --before 6 --outage 8 \
  --stop-cmd "$SVC stop-postgres fast >/dev/null 2>&1" --start-cmd "$SVC start-postgres >/dev/null 2>&1")
log "$PGR"
ORPHANS=$(psql_q "SELECT count(*) FROM rbac_users u WHERE NOT EXISTS (SELECT 1 FROM rbac_user_roles g WHERE g.\"UserId\" = u.\"Id\")")
ORPHAN_SESSIONS=$(psql_q "SELECT count(*) FROM rbac_sessions s WHERE NOT EXISTS (SELECT 1 FROM rbac_refresh_tokens t WHERE t.\"SessionId\" = s.\"Id\")" 2>/dev/null || echo "n/a")

log "SIGKILL during registrations"
ACKED=$WORK/acked.txt
: >"$ACKED"
$DRIVER register --base "$A" --seconds $((KILL_SECONDS + 3)) --concurrency 8 --acked "$ACKED" >"$WORK/register.json" &
REG=$!
sleep "$KILL_SECONDS"
kill -KILL "$PID_A"
wait "$REG" || true
start_host a "$PORT_A"; PID_A=$HOST_PID
ACK_COUNT=$(wc -l <"$ACKED" | tr -d ' ')
LOST=0
if ((ACK_COUNT > 0)); then
  LIST=$(sed "s/.*/'&'/" "$ACKED" | paste -sd, -)
  FOUND=$(psql_q "SELECT count(*) FROM rbac_users WHERE \"Email\" IN ($LIST)")
  LOST=$((ACK_COUNT - FOUND))
fi
PARTIAL=$(psql_q "SELECT count(*) FROM rbac_users u WHERE u.\"Email\" LIKE 'kill-%' AND NOT EXISTS (SELECT 1 FROM rbac_user_roles g WHERE g.\"UserId\" = u.\"Id\")")
KILL_ROWS=$(psql_q "SELECT count(*) FROM rbac_users WHERE \"Email\" LIKE 'kill-%'")
log "acked=$ACK_COUNT lost=$LOST partial=$PARTIAL rows=$KILL_ROWS $(cat "$WORK/register.json")"

log "two instances: propagation"
PROP=$($DRIVER propagation --bases "$A,$B" --trials 10)
log "$PROP"

log "soak: ${SOAK_SECONDS}s at ${SOAK_RATE} req/s"
SOAK=$($DRIVER soak --bases "$A,$B" --pids "$PID_A,$PID_B" --rate "$SOAK_RATE" --seconds "$SOAK_SECONDS")
log "$SOAK"

FIGURES=${FIGURES_FILE:-$WORK/figures.tsv}  # FIGURES_FILE: reuse figures of an earlier test run (with SKIP_TESTS=1)
if [[ ${SKIP_TESTS:-0} != 1 ]]; then
  log "xunit figures (races, enumeration timing, fuzz)"
  dotnet build tests/CinemaAuthHost.SecurityTests -c Release -v q -nologo >"$WORK/build-tests.log" 2>&1 &&
    RBACKIT_FIGURES=$FIGURES dotnet test tests/CinemaAuthHost.SecurityTests -c Release --no-build \
      --filter "FullyQualifiedName~RaceTests|FullyQualifiedName~EnumerationTests|FullyQualifiedName~OpenApiFuzzTests" >"$WORK/tests.log" 2>&1 ||
    log "test run failed: see figures as recorded"
fi

python3 "$ROOT/scripts/reliability/report.py" --out "$ROOT/docs/RELIABILITY.md" \
  --redis "$REDIS" --postgres "$PGR" --orphans-before "$BEFORE_ORPHANS" --orphans "$ORPHANS" --orphan-sessions "$ORPHAN_SESSIONS" \
  --kill "{\"acknowledged\": $ACK_COUNT, \"lost\": $LOST, \"partial\": $PARTIAL, \"rows\": $KILL_ROWS, \"driver\": $(cat "$WORK/register.json")}" \
  --propagation "$PROP" --soak "$SOAK" --figures "$FIGURES"
log "wrote docs/RELIABILITY.md"
