#!/usr/bin/env bash
# shellcheck disable=SC2317  # functions below are called from traps
# test.sh: build RbacKit and run every test project against a throwaway
# PostgreSQL and a throwaway Redis. Meant to work on a fresh Debian 12 machine
# with the .NET SDK installed (as root, or with sudo for the apt-get step).
#
#   ./test.sh                         # everything
#   ./test.sh --filter 'FullyQualifiedName~Redis'   # extra args go to `dotnet test`
#
# What it does:
#   1. apt-get installs what is missing (scripts/services.sh): redis-server, postgresql, python3, curl, git,
#      python3-aiosmtpd, python3-authlib and python3-requests (the OAuth interoperability test), nodejs, npm,
#      chromium (the browser tests drive it through Playwright; no browser is downloaded);
#      then `npm ci` in scripts/oidc-provider and scripts/axe-core.
#   2. Builds the solution once (Release); on failure prints the errors and stops.
#   3. Starts a private PostgreSQL cluster and Redis server on 127.0.0.1, on free
#      ports (preferably 55432 / 56379), with their data under a temp dir. The
#      machine's default PostgreSQL cluster and Redis service are never touched.
#   4. Runs `dotnet test --no-build` with a TRX logger and these variables:
#        RBACKIT_TEST_POSTGRES      Npgsql connection string (database rbackit_test)
#        RBACKIT_TEST_REDIS         StackExchange.Redis endpoint "127.0.0.1:<port>"
#        RBACKIT_TEST_PG_BIN, RBACKIT_TEST_PG_DATA, RBACKIT_TEST_PG_PORT,
#        RBACKIT_TEST_REDIS_SERVER, RBACKIT_TEST_REDIS_CLI, RBACKIT_TEST_REDIS_PORT,
#        RBACKIT_TEST_REDIS_DIR     what scripts/services.sh needs to stop/start them
#        RBACKIT_TEST_SMTP_PORT     a real SMTP server (aiosmtpd) on 127.0.0.1
#        RBACKIT_TEST_SMTP_MAILDIR  the maildir it delivers into (one file per message under new/)
#        RBACKIT_TEST_SMTP_DIR      what scripts/services.sh needs to stop/start it
#        RBACKIT_TEST_OIDC_ISSUER   a real OpenID Connect provider (npm oidc-provider, scripts/oidc-provider) on
#                                   127.0.0.1; RBACKIT_TEST_OIDC_PORT / RBACKIT_TEST_OIDC_DIR to stop/start it
#        RBACKIT_TEST_CHROMIUM      the system Chromium (/usr/bin/chromium) for tests/CinemaAuthHost.BrowserTests
#        RBACKIT_TEST_AXE           axe-core's axe.min.js (scripts/axe-core), injected into each page by those tests
#        RBACKIT_TEST_SERVICES      path of scripts/services.sh, for fault tests:
#                                   "$RBACKIT_TEST_SERVICES" stop-postgres / start-redis ...
#   5. Runs every benchmark once (BenchmarkDotNet's dry job, in process: tests/RbacKit.Benchmarks.Tests), counted
#      as one test per benchmark class; a benchmark that throws fails the run. Then benchmarks/scale.sh --dry (the
#      scale benchmark on small data through the real host); its failure fails the run too. Then
#      benchmarks/token-mix.sh --dry (RbacKit vs JwtBearer on many users' tokens), whose checks are counted as tests.
#   6. Always (tests failed, Ctrl-C, SIGTERM) stops both servers and deletes the
#      temp dir, then prints as the very last line:  tests: N passed, N failed
#      (summed from the TRX files; "0 passed, 1 failed" if there are none).
#      Exit status is 0 only if the build and every test passed.
#
# Knobs (environment):
#   RBACKIT_SLN                  solution to build/test (default RbacKit.sln, else RbacKit.slnx)
#   RBACKIT_TEST_TMP             temp dir to use (must be absent or empty; default: mktemp)
#   RBACKIT_TEST_KEEP=1          keep the temp dir (server logs, TRX files) for debugging
#   RBACKIT_TEST_PG_PORT_DEFAULT / RBACKIT_TEST_REDIS_PORT_DEFAULT   preferred ports
#   RBACKIT_TEST_HANG_TIMEOUT    abort a test host stuck this long (default 10m, "" = never)
#   RBACKIT_BENCH_DRY=1          run the benchmarks' dry run even with a filter; RBACKIT_SKIP_BENCH_DRY=1 never
#   CI                           passed through untouched to the tests.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"

log() { echo "[test.sh] $*" >&2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

SLN=${RBACKIT_SLN:-RbacKit.sln}
if [[ -z ${RBACKIT_SLN:-} && ! -e $SLN && -e RbacKit.slnx ]]; then
  SLN=RbacKit.slnx
fi

TMP_DIR=     # our temp dir; set once created, so cleanup knows what to remove
RESULTS_DIR= # where dotnet test writes the .trx files
CHILD_PID=   # running dotnet build/test (leader of its own process group)

# ------------------------------------------------------------------ helpers --

# Run a command in its own process group and wait for it. Waiting with the
# `wait` builtin (rather than running it in the foreground) lets the INT/TERM
# traps fire at once; cleanup then kills the whole group (dotnet, test hosts,
# MSBuild nodes).
run_child() {
  local rc=0
  if command -v setsid >/dev/null 2>&1; then
    setsid -w "$@" </dev/null &
  else
    "$@" </dev/null &
  fi
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=
  return "$rc"
}

kill_child() {
  [[ -n $CHILD_PID ]] && kill -0 "$CHILD_PID" 2>/dev/null || return 0
  log "stopping dotnet (pid $CHILD_PID)"
  kill -TERM -- "-$CHILD_PID" 2>/dev/null || kill -TERM "$CHILD_PID" 2>/dev/null
  rbk_wait_until 15 sh -c "! kill -0 $CHILD_PID" ||
    kill -KILL -- "-$CHILD_PID" 2>/dev/null || kill -KILL "$CHILD_PID" 2>/dev/null
  CHILD_PID=
}

# Print "PASSED FAILED FILES" summed over the .trx files under $1.
count_trx() {
  if command -v python3 >/dev/null 2>&1; then
    python3 "$ROOT/scripts/count-trx.py" "$1" --raw || true
    return 0
  fi
  # No python3: pull the numbers out of <Counters .../> with grep and sed.
  local passed=0 failed=0 files=0 trx counters key value
  while IFS= read -r -d '' trx; do
    files=$((files + 1))
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1) || true
    if [[ -z $counters ]]; then
      failed=$((failed + 1))
      continue
    fi
    for key in passed failed error timeout aborted; do
      value=$(sed -n "s/.* $key=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
      if [[ $key == passed ]]; then
        passed=$((passed + ${value:-0}))
      else
        failed=$((failed + ${value:-0}))
      fi
    done
  done < <(find "$1" -name '*.trx' -print0 2>/dev/null)
  echo "$passed $failed $files"
}

# ------------------------------------------------------------------ cleanup --

# Runs on every exit: stop dotnet and the servers, count the results, remove
# the temp dir, print the summary line last, and exit with the right status.
on_exit() {
  local rc=$? passed=0 failed=0 files=0
  set +e
  trap '' INT TERM # finish cleaning up even if interrupted again

  kill_child
  if [[ -n ${RBACKIT_TEST_PG_DATA:-} && -f $RBACKIT_TEST_PG_DATA/PG_VERSION ]]; then
    rbk_stop_postgres immediate # throwaway data: no need for a clean shutdown
  fi
  if [[ -n ${RBACKIT_TEST_REDIS_DIR:-} && -d $RBACKIT_TEST_REDIS_DIR ]]; then
    rbk_stop_redis
  fi
  if [[ -n ${RBACKIT_TEST_SMTP_DIR:-} && -d $RBACKIT_TEST_SMTP_DIR ]]; then
    rbk_stop_smtp
  fi
  if [[ -n ${RBACKIT_TEST_OIDC_DIR:-} && -d $RBACKIT_TEST_OIDC_DIR ]]; then
    rbk_stop_oidc
  fi

  if [[ -n $RESULTS_DIR && -d $RESULTS_DIR ]]; then
    read -r passed failed files < <(count_trx "$RESULTS_DIR")
  fi
  if ((${files:-0} == 0)); then
    log "no TRX results found"
    passed=0 failed=1
  fi
  # The summary line and the exit status must agree.
  if ((failed > 0 && rc == 0)); then
    rc=1
  fi
  if ((rc != 0 && failed == 0)); then
    log "run failed (exit $rc) although no test result failed: counted as 1 failure"
    failed=1
  fi

  if [[ -n $TMP_DIR && -d $TMP_DIR ]]; then
    if [[ ${RBACKIT_TEST_KEEP:-0} == 1 ]]; then
      log "keeping $TMP_DIR"
    else
      rm -rf -- "$TMP_DIR"
    fi
  fi

  echo "tests: $passed passed, $failed failed"
  exit "$rc"
}
trap on_exit EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# -------------------------------------------------------------------- setup --

[[ -e $SLN ]] || { log "solution not found: $SLN"; exit 1; }

if [[ -n ${RBACKIT_TEST_TMP:-} ]]; then
  # Refuse a non-empty dir: it is deleted at the end.
  if [[ -e $RBACKIT_TEST_TMP ]] && [[ -n $(ls -A "$RBACKIT_TEST_TMP") ]]; then
    log "RBACKIT_TEST_TMP=$RBACKIT_TEST_TMP exists and is not empty"
    exit 1
  fi
  mkdir -p "$RBACKIT_TEST_TMP"
  TMP_DIR=$(cd "$RBACKIT_TEST_TMP" && pwd)
else
  TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rbackit-test-XXXXXX")
fi
chmod 755 "$TMP_DIR" # the postgres user must reach $TMP_DIR/pg
RESULTS_DIR=$TMP_DIR/results
mkdir -p "$RESULTS_DIR"
log "temp dir $TMP_DIR"

# 1. Tools.
rbk_install_missing
rbk_install_oidc
rbk_install_axe
export RBACKIT_TEST_SERVICES=$ROOT/scripts/services.sh
RBACKIT_TEST_CHROMIUM=$(rbk_find_chromium)
RBACKIT_TEST_AXE=$(rbk_axe_home)/node_modules/axe-core/axe.min.js
export RBACKIT_TEST_CHROMIUM RBACKIT_TEST_AXE
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RBACKIT_TEST_PG_BIN=$(rbk_find_pg_bin)
RBACKIT_TEST_REDIS_SERVER=$(command -v redis-server)
RBACKIT_TEST_REDIS_CLI=$(command -v redis-cli)
export RBACKIT_TEST_PG_BIN RBACKIT_TEST_REDIS_SERVER RBACKIT_TEST_REDIS_CLI

# 2. Build once; `dotnet test` below reuses it.
log "building $SLN (Release)"
build_rc=0
run_child dotnet build "$SLN" -c Release -nologo \
  "-flp:LogFile=$TMP_DIR/build-errors.log;ErrorsOnly" || build_rc=$?
if ((build_rc != 0)); then
  log "BUILD FAILED (exit $build_rc). Errors:"
  # Strip MSBuild's "node:id>" prefixes, then de-duplicate.
  sed 's/^ *[0-9:]*>//' "$TMP_DIR/build-errors.log" 2>/dev/null | sort -u >&2
  exit "$build_rc"
fi

# 3. Servers. A port can be taken between picking and binding (another run
#    starting at the same time): then pick the next free one and retry.
export RBACKIT_TEST_PG_DATA=$TMP_DIR/pg/data
RBACKIT_TEST_PG_PORT=$(rbk_pick_port "${RBACKIT_TEST_PG_PORT_DEFAULT:-55432}")
export RBACKIT_TEST_PG_PORT
rbk_init_postgres
for attempt in 1 2 3; do
  rbk_start_postgres && break
  ((attempt < 3)) || exit 1
  RBACKIT_TEST_PG_PORT=$(rbk_pick_port $((RBACKIT_TEST_PG_PORT + 1)))
  log "retrying PostgreSQL on port $RBACKIT_TEST_PG_PORT"
  rbk_pg_set_port "$RBACKIT_TEST_PG_PORT"
done
rbk_create_database rbackit_test

export RBACKIT_TEST_REDIS_DIR=$TMP_DIR/redis
RBACKIT_TEST_REDIS_PORT=$(rbk_pick_port "${RBACKIT_TEST_REDIS_PORT_DEFAULT:-56379}")
export RBACKIT_TEST_REDIS_PORT
for attempt in 1 2 3; do
  rbk_start_redis && break
  ((attempt < 3)) || exit 1
  RBACKIT_TEST_REDIS_PORT=$(rbk_pick_port $((RBACKIT_TEST_REDIS_PORT + 1)))
  log "retrying Redis on port $RBACKIT_TEST_REDIS_PORT"
done

export RBACKIT_TEST_SMTP_DIR=$TMP_DIR/smtp
RBACKIT_TEST_SMTP_PORT=$(rbk_pick_port "${RBACKIT_TEST_SMTP_PORT_DEFAULT:-52525}")
export RBACKIT_TEST_SMTP_PORT
for attempt in 1 2 3; do
  rbk_start_smtp && break
  ((attempt < 3)) || exit 1
  RBACKIT_TEST_SMTP_PORT=$(rbk_pick_port $((RBACKIT_TEST_SMTP_PORT + 1)))
  log "retrying SMTP on port $RBACKIT_TEST_SMTP_PORT"
done
export RBACKIT_TEST_SMTP_MAILDIR=$RBACKIT_TEST_SMTP_DIR/maildir
log "RBACKIT_TEST_SMTP_PORT=$RBACKIT_TEST_SMTP_PORT (maildir $RBACKIT_TEST_SMTP_MAILDIR)"

export RBACKIT_TEST_OIDC_DIR=$TMP_DIR/oidc
RBACKIT_TEST_OIDC_PORT=$(rbk_pick_port "${RBACKIT_TEST_OIDC_PORT_DEFAULT:-53080}")
export RBACKIT_TEST_OIDC_PORT
for attempt in 1 2 3; do
  rbk_start_oidc && break
  ((attempt < 3)) || exit 1
  RBACKIT_TEST_OIDC_PORT=$(rbk_pick_port $((RBACKIT_TEST_OIDC_PORT + 1)))
  log "retrying OIDC on port $RBACKIT_TEST_OIDC_PORT"
done
export RBACKIT_TEST_OIDC_ISSUER=http://127.0.0.1:$RBACKIT_TEST_OIDC_PORT
log "RBACKIT_TEST_OIDC_ISSUER=$RBACKIT_TEST_OIDC_ISSUER"

export RBACKIT_TEST_POSTGRES="Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=rbackit_test;Pooling=true;Maximum Pool Size=200"
export RBACKIT_TEST_REDIS="127.0.0.1:$RBACKIT_TEST_REDIS_PORT"
log "RBACKIT_TEST_POSTGRES=$RBACKIT_TEST_POSTGRES"
log "RBACKIT_TEST_REDIS=$RBACKIT_TEST_REDIS"

# 4. Tests. The exit status of this script is decided in on_exit.
test_args=(test "$SLN" -c Release --no-build --logger trx --results-directory "$RESULTS_DIR")
hang_timeout=${RBACKIT_TEST_HANG_TIMEOUT-10m}
if [[ -n $hang_timeout ]]; then
  test_args+=(--blame-hang-timeout "$hang_timeout" --blame-hang-dump-type none)
fi
test_rc=0
run_child dotnet "${test_args[@]}" "$@" || test_rc=$?

# 5. The packages end to end: pack, build a downstream service from the folder feed, check it against the host.
#    Its checks are written as a TRX file and counted with the rest. Skipped when a filter narrows the run.
if [[ $# -eq 0 && ${RBACKIT_SKIP_E2E:-} != 1 ]]; then
  RBACKIT_E2E_TRX="$RESULTS_DIR/downstream-e2e.trx" RBACKIT_E2E_NO_BUILD=1 run_child ./scripts/downstream-e2e.sh || test_rc=1
fi

# 6. The benchmarks, dry (tests/RbacKit.Benchmarks.Tests): every benchmark once, in process, never timed, including the
#    PostgreSQL ones on a database of their own (100,000 login events instead of 1,000,000). One test per benchmark
#    class, in its own TRX file, counted with the rest. Skipped when a filter narrows the run, unless RBACKIT_BENCH_DRY=1.
if [[ ($# -eq 0 || ${RBACKIT_BENCH_DRY:-} == 1) && ${RBACKIT_SKIP_BENCH_DRY:-} != 1 ]]; then
  rbk_create_database rbackit_bench
  log "benchmarks: dry run"
  bench_start=$SECONDS
  RBACKIT_BENCH_POSTGRES="Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=rbackit_bench" \
    RBACKIT_BENCH_LOGIN_EVENTS=100000 \
    run_child dotnet test tests/RbacKit.Benchmarks.Tests/RbacKit.Benchmarks.Tests.csproj -c Release --no-build \
    -p:RbacKitBenchmarksDryRun=true --logger "trx;LogFileName=benchmarks-dry.trx" --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout 5m --blame-hang-dump-type none || test_rc=1
  log "benchmarks: dry run took $((SECONDS - bench_start)) s"
  # `dotnet test` passes silently over a project that is not a test project: insist on the TRX and its tests.
  bench_total=$(sed -n 's/.*<Counters[^>]* total="\([0-9]*\)".*/\1/p' "$RESULTS_DIR/benchmarks-dry.trx" 2>/dev/null | head -n 1)
  if ((${bench_total:-0} < 6)); then
    log "benchmarks: dry run reported ${bench_total:-no} tests (expected 6, one per benchmark class)"
    test_rc=1
  fi
  # The scale benchmark (benchmarks/scale.sh), dry: the real host on this PostgreSQL, 1,000 and 2,000 users loaded in
  # databases of its own, every measurement and the auto_explain pass once. A failure fails the run (counted as one).
  scale_start=$SECONDS
  log "benchmarks: scale dry run (benchmarks/scale.sh --dry)"
  if ! SCALE_NO_BUILD=1 run_child benchmarks/scale.sh --dry >"$RESULTS_DIR/scale-dry.log" 2>&1; then
    tail -n 40 "$RESULTS_DIR/scale-dry.log" >&2
    log "benchmarks: scale dry run failed"
    test_rc=1
  fi
  log "benchmarks: scale dry run took $((SECONDS - scale_start)) s"
  # The token-mix benchmark (benchmarks/token-mix.sh), dry: 200 users' tokens round-robin and 200 new tokens per route
  # through RbacKit and JwtBearer, once. Its checks (tokens distinct, each route accepts them and refuses a spoilt one, no
  # non-2xx answer in any run, the report) are written as a TRX file and counted with the rest; a run that dies before
  # writing it fails the run.
  mix_start=$SECONDS
  log "benchmarks: token-mix dry run (benchmarks/token-mix.sh --dry)"
  if ! TOKEN_MIX_NO_BUILD=1 TOKEN_MIX_TRX="$RESULTS_DIR/token-mix-dry.trx" run_child benchmarks/token-mix.sh --dry >"$RESULTS_DIR/token-mix-dry.log" 2>&1; then
    tail -n 40 "$RESULTS_DIR/token-mix-dry.log" >&2
    log "benchmarks: token-mix dry run failed"
    test_rc=1
  fi
  log "benchmarks: token-mix dry run took $((SECONDS - mix_start)) s"
fi
exit "$test_rc"
