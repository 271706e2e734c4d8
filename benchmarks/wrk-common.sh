# shellcheck shell=bash
# benchmarks/wrk-common.sh: what the wrk scripts (http.sh, issuer.sh, oauth.sh, token-mix.sh) share, down to one measured run (wrk_measured) and the warm-up and rotating rounds (wrk_rounds). Source it after defining log(), then call
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

wrk_measured() { # wrk_measured COUNTERS OUTPUT DURATION wrk-arguments... URL: one wrk run (pinned to WRK_CPUS, THREADS,
  # CONNECTIONS, --latency) into OUTPUT, with the host's counters saved beside it before and after (COUNTERS: a command
  # that prints them, "" for none); stops the script when any response was not 2xx
  local counters=$1 out=$2 duration=$3
  shift 3
  if [[ -n $counters ]]; then $counters >"$out.before"; fi
  pin "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "$@" >"$out"
  if [[ -n $counters ]]; then $counters >"$out.after"; fi
  if grep -q 'Non-2xx' "$out"; then
    cat "$out" >&2
    log "${*: -1} answered non-2xx responses"
    exit 1
  fi
}

wrk_rounds() { # wrk_rounds RUN SPEC...: "RUN SPEC DURATION OUTPUT" once per spec for WARMUP, then ROUNDS rounds of DURATION
  # in an order rotating every round; OUTPUT is $WORK/warmup-KEY.txt or $WORK/roundN-KEY.txt, KEY the spec with ':' and '/' as '-'
  local run=$1 spec key round i
  shift
  local specs=("$@")
  log "warming up ($WARMUP per route)"
  for spec in "${specs[@]}"; do
    key=${spec//[:\/]/-}
    "$run" "$spec" "$WARMUP" "$WORK/warmup-$key.txt"
  done

  for ((round = 1; round <= ROUNDS; round++)); do
    for ((i = 0; i < ${#specs[@]}; i++)); do
      spec=${specs[$(((i + round - 1) % ${#specs[@]}))]}
      key=${spec//[:\/]/-}
      "$run" "$spec" "$DURATION" "$WORK/round$round-$key.txt"
      log "round $round $spec: $(awk '/Requests\/sec/ {print $2}' "$WORK/round$round-$key.txt") req/s"
    done
  done
}
