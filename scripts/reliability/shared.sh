#!/usr/bin/env bash
# scripts/reliability/shared.sh: the two multi-instance cases of issue 16 against real CinemaAuthHost processes, then
# writes their section of docs/RELIABILITY.md (the rest of the page is run.sh's):
#   - PostgreSQL only: two instances without Redis; a logout on A must be refused on B (LISTEN/NOTIFY change feed).
#   - Redis down: limits fall back: two instances with Redis and rate limits on; wrong logins from one address, before
#     and while Redis is stopped (shared budget, then each instance counting alone; never a 5xx).
# Not part of CI (a minute or two). Starts its own throwaway PostgreSQL and Redis and stops them at the end.
set -euo pipefail
WORK_NAME=shared PG_PORT_HINT=55700 REDIS_PORT_HINT=56700
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
LIMIT=${LIMIT:-6}
ATTEMPTS=${ATTEMPTS:-20}
log() { echo "[shared] $*" >&2; }

rbk_create_database cinema_pg_only
rbk_create_database cinema_limits
REDIS="127.0.0.1:$RBACKIT_TEST_REDIS_PORT"
KEK=$(head -c 32 /dev/urandom | base64)
pg() { echo "Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=$1"; }

log "building the host (Release)"
dotnet build samples/CinemaAuthHost -c Release -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
DLL=samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll

# start_host NAME PORT ARGS...: starts an instance in the background and waits until it is ready.
start_host() {
  local name=$1 port=$2
  shift 2
  dotnet "$DLL" --urls "http://127.0.0.1:$port" --environment Development --applicationName CinemaAuthHost \
    --RbacKit:Tokens:KeyEncryptionKey="$KEK" --RbacKit:Passwords:WorkFactor=4 --RbacKit:Passwords:AllowWeakWorkFactor=true \
    --RbacKit:Issuer=http://localhost:5080 \
    --Data:Directory="$WORK/data-$name" --Logging:LogLevel:Default=Warning "$@" >>"$WORK/host-$name.log" 2>&1 &
  PIDS+=("$!")
  rbk_wait_until 60 curl -fsS "http://127.0.0.1:$port/health/ready" -o /dev/null || { tail -30 "$WORK/host-$name.log"; exit 1; }
}

PORT=$(rbk_pick_port 5280)
A=http://127.0.0.1:$PORT B=http://127.0.0.1:$((PORT + 1)) C=http://127.0.0.1:$((PORT + 2)) D=http://127.0.0.1:$((PORT + 3))
ONLY_PG=(--ConnectionStrings:Postgres="$(pg cinema_pg_only)" --ConnectionStrings:Redis= --RateLimits:Enabled=false)
start_host a "$PORT" "${ONLY_PG[@]}"
start_host b $((PORT + 1)) "${ONLY_PG[@]}"
log "PostgreSQL only: propagation"
PROP=$($DRIVER propagation --bases "$A,$B" --trials 10)
log "$PROP"

LIMITED=(--ConnectionStrings:Postgres="$(pg cinema_limits)" --ConnectionStrings:Redis="$REDIS" --RateLimits:Enabled=true
  --RateLimits:Login:PermitLimit="$LIMIT" --RateLimits:Login:Window=00:10:00 --RateLimits:LoginPerAccount:PermitLimit=1000)
start_host c $((PORT + 2)) "${LIMITED[@]}"
start_host d $((PORT + 3)) "${LIMITED[@]}"
SVC="$ROOT/scripts/services.sh"
log "Redis down: limits fall back"
LIMITS=$($DRIVER limits --bases "$C,$D" --limit "$LIMIT" --attempts "$ATTEMPTS" \
  --stop-cmd "$SVC stop-redis >/dev/null 2>&1" --start-cmd "$SVC start-redis >/dev/null 2>&1")
log "$LIMITS"
FALLBACK_LOGGED=$(cat "$WORK"/host-c.log "$WORK"/host-d.log | grep -c "each instance counts its own" || true)

python3 - "$ROOT/docs/RELIABILITY.md" "$PROP" "$LIMITS" "$FALLBACK_LOGGED" "$(git rev-parse --short HEAD)" <<'PY'
import datetime, json, sys
path, prop, limits, logged, commit = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4], sys.argv[5]
marker = "\n## PostgreSQL alone, and rate limits shared through Redis\n"
text = open(path).read()
text = text.split(marker)[0].rstrip("\n") + "\n"
section = marker + (
    f"\nProduced by `scripts/reliability/shared.sh` ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}): "
    "two real instances on one PostgreSQL database each time.\n\n| case | load | figure |\n|---|---|---|\n"
    f"| PostgreSQL only: revocation crosses (no Redis; logout on A, token refused on B) | {prop['trials']} trials | "
    f"p50 {prop['revocation_p50_ms']} ms, max {prop['revocation_max_ms']} ms; grant crosses p50 {prop['grant_p50_ms']} ms, max {prop['grant_max_ms']} ms; all within 1 s: {prop['within_1s']} |\n"
    f"| Redis down: limits fall back (login limit {limits['limit']} per address, {limits['attempts']} wrong logins alternating A/B, before and while Redis is stopped) | "
    f"{2 * limits['attempts']} requests, {limits['errors']} errors (5xx or connection) | "
    f"shared through Redis: {limits['shared']}; Redis stopped (each instance counts alone): {limits['during_outage']}; fallback logged {logged} times (once per instance) |\n")
open(path, "w").write(text + section)
PY
log "wrote the section of docs/RELIABILITY.md"
