#!/usr/bin/env bash
# benchmarks/scale.sh: how CinemaAuthHost's costs grow with the data, on PostgreSQL (issue 16). For each size it creates
# a fresh database, starts the real host on it (Release, loopback, Development seed, no Redis: the PostgreSQL
# LISTEN/NOTIFY change feed), registers one heavy user through the API, bulk-loads the rest with one SQL statement per
# table (benchmarks/scale/load.sql: users, grants of the default role `user`, login events), then times over HTTP
# (benchmarks/scale/measure.py): user search by prefix and by substring, the users list's first and a deep page, the
# heavy user's login history first and deep page, and editing the role every user holds (time, WAL bytes, users heap
# before/after). Prints a markdown table with both sizes and the ratio, and writes it to benchmarks/results/scale.md.
#
#   benchmarks/scale.sh             # 10,000 and 1,000,000 users, 1M events for the heavy user + 9 per user
#                                   # (10M events at 1M users); about 15-20 minutes on 2 cores, ~6 GB of disk
#   benchmarks/scale.sh --dry       # 1,000 and 2,000 users, 2,000 heavy events, 3 samples: checks that it all runs
#   knobs: SIZES="10000 1000000" SAMPLES=100 EVENTS_PER_USER=9 HEAVY_EVENTS=1000000 OUT=benchmarks/results/scale.md
#          SCALE_DIR=/path (a cluster of its own there, kept with its loaded databases: the next run with the same
#          SCALE_DIR reuses the data and only measures), SCALE_NO_BUILD=1 (use the built host as it is). Each size's figures also go to benchmarks/results/scale-N.json
#          (measure.py table A.json B.json prints the table of any two), SCALE_EXPLAIN=0 (skip the plans: with it, the largest
#          size gets one more pass under auto_explain and the plans go to benchmarks/results/scale-plans.txt)
#
# PostgreSQL: the cluster test.sh started when RBACKIT_TEST_PG_BIN/RBACKIT_TEST_PG_PORT/RBACKIT_TEST_PG_DATA point at a
# running one (its databases are created and dropped here: rbackit_scale_N); otherwise a private throwaway cluster on
# 127.0.0.1 (scripts/services.sh; full_page_writes on, so WAL figures are those of a durable server), stopped and
# deleted on exit. The host is always stopped on exit; every request goes to 127.0.0.1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# shellcheck source=../scripts/services.sh
source "$ROOT/scripts/services.sh"
log() { echo "[scale.sh] $(date -u +%H:%M:%S) $*" >&2; }

dry=0
[[ ${1:-} == --dry ]] && dry=1
if ((dry)); then
  SIZES=${SIZES:-"1000 2000"} SAMPLES=${SAMPLES:-3} HEAVY_EVENTS=${HEAVY_EVENTS:-2000}
fi
SIZES=${SIZES:-"10000 1000000"}
SAMPLES=${SAMPLES:-100}
EVENTS_PER_USER=${EVENTS_PER_USER:-9}
HEAVY_EVENTS=${HEAVY_EVENTS:-1000000}
OUT=${OUT:-$ROOT/benchmarks/results/scale.md}
HEAVY_PASSWORD='Scale-Heavy-Bench-2026!'
export HEAVY_PASSWORD

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbackit-scale-XXXXXX")
chmod 755 "$WORK"
HOST_PID=
own_cluster=0
keep=0
cleanup() {
  if [[ -n $HOST_PID ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
  fi
  if ((own_cluster)); then
    if ((keep)); then rbk_stop_postgres fast || true; else rbk_stop_postgres immediate || true; fi
  fi
  rm -rf -- "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${SCALE_DIR:-} ]]; then
  # A cluster of its own that outlives the run: its databases are kept and reused by the next run with SCALE_DIR.
  keep=1
  mkdir -p "$SCALE_DIR"
  chmod 755 "$SCALE_DIR"
  rbk_install_missing
  RBACKIT_TEST_PG_BIN=$(rbk_find_pg_bin)
  RBACKIT_TEST_PG_DATA=$SCALE_DIR/pg/data
  RBACKIT_TEST_PG_PORT=$(cat "$SCALE_DIR/port" 2>/dev/null || rbk_pick_port 55632)
  echo "$RBACKIT_TEST_PG_PORT" >"$SCALE_DIR/port"
  export RBACKIT_TEST_PG_BIN RBACKIT_TEST_PG_DATA RBACKIT_TEST_PG_PORT
  own_cluster=1
fi
if ((keep)) && [[ -f $RBACKIT_TEST_PG_DATA/PG_VERSION ]]; then
  rbk_start_postgres
elif ((!keep)) && [[ -n ${RBACKIT_TEST_PG_BIN:-} && -n ${RBACKIT_TEST_PG_PORT:-} && -n ${RBACKIT_TEST_PG_DATA:-} ]] && rbk_pg_ready; then
  log "using the running test cluster on 127.0.0.1:$RBACKIT_TEST_PG_PORT"
else
  if ((!keep)); then
    rbk_install_missing
    RBACKIT_TEST_PG_BIN=$(rbk_find_pg_bin)
    RBACKIT_TEST_PG_DATA=$WORK/pg/data
    RBACKIT_TEST_PG_PORT=$(rbk_pick_port 55632)
    export RBACKIT_TEST_PG_BIN RBACKIT_TEST_PG_DATA RBACKIT_TEST_PG_PORT
    own_cluster=1
  fi
  rbk_init_postgres
  rbk_as_owner "$RBACKIT_TEST_PG_DATA" sh -c "cat >>'$RBACKIT_TEST_PG_DATA/postgresql.conf'" <<'CONF'
# --- scale benchmark (benchmarks/scale.sh) ---
full_page_writes = on
shared_buffers = '1GB'
max_wal_size = '8GB'
checkpoint_timeout = '30min'
CONF
  rbk_start_postgres
fi
PG=$RBACKIT_TEST_PG_BIN
PGPORT_=$RBACKIT_TEST_PG_PORT
psql_db() { "$PG/psql" -h 127.0.0.1 -p "$PGPORT_" -U rbackit -d "$1" -X -v ON_ERROR_STOP=1 "${@:2}"; }

DLL=$ROOT/samples/CinemaAuthHost/bin/Release/net10.0/CinemaAuthHost.dll
if [[ ${SCALE_NO_BUILD:-} != 1 || ! -f $DLL ]]; then
  log "building samples/CinemaAuthHost (Release)"
  dotnet build samples/CinemaAuthHost -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
fi

start_host() { # database
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  URL=http://127.0.0.1:$port
  (cd "$(dirname "$DLL")" && exec env ASPNETCORE_ENVIRONMENT=Development \
    ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PGPORT_;Username=rbackit;Password=rbackit;Database=$1;Maximum Pool Size=50" \
    ConnectionStrings__Redis= RateLimits__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$DLL" --urls "$URL" >"$WORK/host-$1.log" 2>&1) &
  HOST_PID=$!
  for _ in $(seq 300); do
    curl -sf "$URL/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$HOST_PID" 2>/dev/null || { tail -n 40 "$WORK/host-$1.log" >&2; log "the host exited"; exit 1; }
    sleep 0.2
  done
  tail -n 40 "$WORK/host-$1.log" >&2
  log "the host did not become ready on $URL"
  exit 1
}

stop_host() {
  kill "$HOST_PID" 2>/dev/null || true
  wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=
}

results=()
for n in $SIZES; do
  db=rbackit_scale_$n
  loaded=
  if ((keep)); then
    loaded=$(psql_db postgres -XtAqc "SELECT 1 FROM pg_database WHERE datname = '$db'")
    [[ -n $loaded ]] && loaded=$(psql_db "$db" -XtAqc "SELECT 1 FROM rbac_users WHERE \"NormalizedEmail\" = 'SCALE$(printf %07d "$n")@SCALE.EXAMPLE'" 2>/dev/null || true)
  fi
  if [[ -n $loaded ]]; then
    start_host "$db"
    log "$n users: reusing the loaded database $db (SCALE_DIR); host on $URL"
    psql_db "$db" -qc "ANALYZE" # the host may have applied migrations (new indexes) at start
    load_s=0 events=$(psql_db "$db" -XtAqc "SELECT count(*) FROM rbac_login_events")
  else
  psql_db postgres -qc "DROP DATABASE IF EXISTS $db" -qc "CREATE DATABASE $db"
  start_host "$db"
  log "$n users: host on $URL, registering the heavy user"
  heavy_id=$(curl -sf -H 'Content-Type: application/json' "$URL/auth/register" \
    -d "{\"email\":\"heavy@scale.example\",\"password\":\"$HEAVY_PASSWORD\",\"passwordConfirm\":\"$HEAVY_PASSWORD\",\"firstName\":\"Heavy\",\"lastName\":\"Historian\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  events=$((HEAVY_EVENTS + n * EVENTS_PER_USER))
  log "$n users: loading $n users, $n grants, $events login events"
  load_start=$SECONDS
  psql_db "$db" -q -v users="$n" -v heavy_events="$HEAVY_EVENTS" -v events_per_user="$EVENTS_PER_USER" -v heavy_id="$heavy_id" \
    -f benchmarks/scale/load.sql >"$WORK/load-$n.log" 2>&1 || { cat "$WORK/load-$n.log" >&2; exit 1; }
  load_s=$((SECONDS - load_start))
  log "$n users: loaded in $load_s s ($(psql_db "$db" -XtAqc "SELECT pg_size_pretty(pg_database_size(current_database()))"))"
  grep -E '^Time:' "$WORK/load-$n.log" | sed 's/^/    /' >&2 || true
  fi
  PSQL="$PG/psql -h 127.0.0.1 -p $PGPORT_ -U rbackit -d $db" \
    python3 benchmarks/scale/measure.py measure "$URL" "$n" "$SAMPLES" "$WORK/$n.json" >"$WORK/measure-$n.log" ||
    { cat "$WORK/measure-$n.log" >&2; tail -n 40 "$WORK/host-$db.log" >&2; exit 1; }
  python3 - "$WORK/$n.json" "$load_s" "$events" <<'PY'
import json, sys
path, seconds, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = json.load(open(path)); data["load_seconds"] = seconds; data["events"] = events
json.dump(data, open(path, "w"), indent=1)
PY
  results+=("$WORK/$n.json")
  ((dry)) || { mkdir -p "$(dirname "$OUT")" && cp "$WORK/$n.json" "${OUT%.md}-$n.json"; }
  stop_host
  if [[ $n == "${SIZES##* }" && ${SCALE_EXPLAIN:-1} == 1 ]]; then
    # The plans of the statements the host issues, as PostgreSQL ran them (auto_explain, ANALYZE + BUFFERS), on the
    # largest data: one more pass of every request with a fresh host whose sessions load auto_explain.
    log "$n users: EXPLAIN ANALYZE of the host's statements (auto_explain)"
    psql_db "$db" -qc "ANALYZE" # a reused database may have new indexes (migrations applied at start)
    for setting in "session_preload_libraries = 'auto_explain'" "auto_explain.log_min_duration = 0" \
      "auto_explain.log_analyze = on" "auto_explain.log_buffers = on" "auto_explain.log_timing = on"; do
      psql_db postgres -qc "ALTER DATABASE $db SET $setting"
    done
    pg_log=$(rbk_pg_home)/postgres.log
    offset=$(stat -c %s "$pg_log")
    start_host "$db"
    PSQL="$PG/psql -h 127.0.0.1 -p $PGPORT_ -U rbackit -d $db" \
      python3 benchmarks/scale/measure.py measure "$URL" "$n" 1 "$WORK/explain.json" >"$WORK/explain.log" ||
      { cat "$WORK/explain.log" >&2; exit 1; }
    stop_host
    python3 benchmarks/scale/plans.py "$pg_log" "$offset" >"$WORK/plans.txt"
    psql_db postgres -qc "ALTER DATABASE $db RESET ALL"
  fi
  ((keep)) || psql_db postgres -qc "DROP DATABASE $db"
done

table=$WORK/table.md
{
  echo "Scale benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $("$PG/postgres" --version | awk '{print $3}'), $SAMPLES samples per figure)"
  echo
  python3 benchmarks/scale/measure.py table "${results[0]}" "${results[-1]}"
  python3 - "${results[@]}" <<'PY'
import json, sys
for path in sys.argv[1:]:
    d = json.load(open(path))
    how = f"{d['load_seconds']} s" if d['load_seconds'] else "reused from an earlier run (SCALE_DIR)"
    print(f"\nLoad of {d['users']:,} users and {d['events']:,} login events (one statement per table, indexes rebuilt): {how}")
PY
} >"$table"
cat "$table"
if ((dry)); then
  [[ ${SCALE_EXPLAIN:-1} != 1 || -s $WORK/plans.txt ]] || { log "no plan was logged"; exit 1; }
  log "dry run: every step ran ($(grep -c 'Query Text:' "$WORK/plans.txt" || true) plans logged)"
else
  mkdir -p "$(dirname "$OUT")"
  cp "$table" "$OUT"
  [[ -s $WORK/plans.txt ]] && cp "$WORK/plans.txt" "${OUT%.md}-plans.txt"
  log "written to $OUT (plans: ${OUT%.md}-plans.txt)"
fi
