#!/usr/bin/env bash
# benchmarks/run.sh: run RbacKit's benchmarks and copy the GitHub-markdown reports to benchmarks/results/.
#
#   benchmarks/run.sh                      # every benchmark, BenchmarkDotNet's default job (about 30-40 minutes)
#   benchmarks/run.sh --quick              # short job (3 warm-ups, 3 iterations): a quick look, about 10 minutes
#   benchmarks/run.sh --dry                # every benchmark once: checks that all of them build and run (CI smoke)
#   benchmarks/run.sh --postgres           # also start a throwaway PostgreSQL and run the database benchmarks
#   benchmarks/run.sh --quick --filter '*Token*'   # anything else goes to BenchmarkDotNet
#
# The database benchmarks run when RBACKIT_BENCH_POSTGRES holds an Npgsql connection string to an empty, throwaway
# database (the first run loads 1,000,000 login events into it, about a minute). --postgres sets it up for you: it
# starts a private PostgreSQL cluster on 127.0.0.1 with scripts/services.sh (apt-get installs PostgreSQL if missing),
# runs the benchmarks against it, then stops it and deletes its directory. The machine's own cluster is never touched.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

job=()
postgres=0
args=()
while (($#)); do
  case $1 in
    --quick) job=(--job short) ;;
    --dry) job=(--job dry) ;;
    --postgres) postgres=1 ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [[ " ${args[*]-} " != *" --filter "* ]]; then
  args+=(--filter '*')
fi

if ((postgres)); then
  # shellcheck source=../scripts/services.sh
  source "$ROOT/scripts/services.sh"
  rbk_install_missing
  BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rbackit-bench-XXXXXX")
  chmod 755 "$BENCH_TMP"
  RBACKIT_TEST_PG_BIN=$(rbk_find_pg_bin)
  RBACKIT_TEST_PG_DATA=$BENCH_TMP/pg/data
  RBACKIT_TEST_PG_PORT=$(rbk_pick_port 55532)
  export RBACKIT_TEST_PG_BIN RBACKIT_TEST_PG_DATA RBACKIT_TEST_PG_PORT
  cleanup() {
    rbk_stop_postgres immediate || true
    rm -rf -- "$BENCH_TMP"
  }
  trap cleanup EXIT
  rbk_init_postgres
  rbk_start_postgres
  rbk_create_database rbackit_bench
  export RBACKIT_BENCH_POSTGRES="Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=rbackit_bench"
fi

artifacts=$ROOT/benchmarks/BenchmarkDotNet.Artifacts
dotnet run -c Release --project benchmarks/RbacKit.Benchmarks -- "${job[@]}" --artifacts "$artifacts" "${args[@]}"

if [[ ${job[*]-} != "--job dry" ]]; then
  mkdir -p benchmarks/results
  cp "$artifacts"/results/*-report-github.md benchmarks/results/ 2>/dev/null || true
  echo "reports copied to benchmarks/results/"
fi
