# shellcheck shell=bash
# benchmarks/wrk-common.sh: what the wrk scripts (http.sh, issuer.sh, oauth.sh, token-mix.sh) share. Source it after defining log(), then call
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

wrk_cpus() { # SERVER_CPUS / WRK_CPUS defaults: on two cores or more the server gets CPU 0 and wrk CPU 1 ("" = no pinning)
  if (($(nproc) >= 2)); then
    SERVER_CPUS=${SERVER_CPUS-0}
    WRK_CPUS=${WRK_CPUS-1}
  else
    SERVER_CPUS=${SERVER_CPUS-}
    WRK_CPUS=${WRK_CPUS-}
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_pinned() { # start_pinned LOG DIR command...: in the background, in DIR, pinned to SERVER_CPUS; exec'd, so $! is its pid
  local out=$1 dir=$2
  shift 2
  (
    cd "$dir"
    if [[ -n $SERVER_CPUS ]] && command -v taskset >/dev/null 2>&1; then
      exec taskset -c "$SERVER_CPUS" "$@"
    fi
    exec "$@"
  ) >"$out" 2>&1 &
}

wrk_knobs() { # wrk_knobs "$@": --dry (DRY=1: 1 round of 1 s after a 1 s warm-up) and the ROUNDS, DURATION, WARMUP,
  # CONNECTIONS and THREADS knobs (defaults 5, 10s, 3s, 32, 1), then the CPU pinning defaults (wrk_cpus)
  DRY=
  if [[ ${1:-} == --dry ]]; then
    DRY=1
    ROUNDS=1 DURATION=1s WARMUP=1s
  fi
  ROUNDS=${ROUNDS:-5}
  DURATION=${DURATION:-10s}
  WARMUP=${WARMUP:-3s}
  CONNECTIONS=${CONNECTIONS:-32}
  THREADS=${THREADS:-1}
  wrk_cpus
}
