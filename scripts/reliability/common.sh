# scripts/reliability/common.sh: sourced by run.sh and shared.sh. A work directory cleaned up on exit with the host
# processes listed in PIDS, and a throwaway PostgreSQL and Redis (scripts/services.sh) on free ports near PG_PORT_HINT
# and REDIS_PORT_HINT.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source "$ROOT/scripts/services.sh"
DRIVER="python3 $ROOT/scripts/reliability/driver.py"

WORK=$(mktemp -d "/tmp/rbackit-${WORK_NAME:-reliability}.XXXXXX")
chmod 755 "$WORK"
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  rbk_stop_postgres immediate
  rbk_stop_redis
  rm -rf "$WORK"
}
trap cleanup EXIT

rbk_install_missing
export RBACKIT_TEST_PG_BIN=$(rbk_find_pg_bin)
export RBACKIT_TEST_PG_DATA=$WORK/pg/data
export RBACKIT_TEST_PG_PORT=$(rbk_pick_port "${PG_PORT_HINT:-55600}")
export RBACKIT_TEST_REDIS_PORT=$(rbk_pick_port "${REDIS_PORT_HINT:-56600}")
export RBACKIT_TEST_REDIS_DIR=$WORK/redis
rbk_init_postgres && rbk_start_postgres && rbk_start_redis
