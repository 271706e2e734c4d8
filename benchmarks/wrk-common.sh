# shellcheck shell=bash
# benchmarks/wrk-common.sh: what the wrk scripts (http.sh, oauth.sh) share. Source it after defining log(), then call
# wrk_setup NAME: installs wrk if missing, makes $WORK (a temp dir) and stops $SERVER_PID and deletes $WORK on exit.

pin() { # pin CPUS command...: run command pinned to CPUS when taskset and CPUS are there
  local cpus=$1
  shift
  if [[ -n $cpus ]] && command -v taskset >/dev/null 2>&1; then
    taskset -c "$cpus" "$@"
  else
    "$@"
  fi
}

wrk_cleanup() {
  if [[ -n ${SERVER_PID:-} ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf -- "$WORK"
}

wrk_setup() { # wrk_setup NAME
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi

  WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbackit-$1-XXXXXX")
  SERVER_PID=
  trap wrk_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
