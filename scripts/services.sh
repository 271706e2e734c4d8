#!/usr/bin/env bash
# scripts/services.sh: throwaway PostgreSQL and Redis servers for RbacKit's tests.
#
# Two ways to use it:
#
#   1. test.sh sources it and calls the rbk_* functions to install, create,
#      start and stop the servers. All the logic lives in this file only.
#
#   2. Tests (e.g. fault-injection tests) run it as a command to stop or
#      restart a server while the suite is running:
#
#        scripts/services.sh stop-postgres [fast|immediate]
#        scripts/services.sh start-postgres
#        scripts/services.sh stop-redis
#        scripts/services.sh start-redis
#        scripts/services.sh stop-smtp | start-smtp   (RBACKIT_TEST_SMTP_PORT, RBACKIT_TEST_SMTP_DIR:
#                                   a test may point them at an SMTP server of its own)
#        scripts/services.sh stop-oidc | start-oidc   (RBACKIT_TEST_OIDC_PORT, RBACKIT_TEST_OIDC_DIR: the
#                                   OpenID Connect provider of scripts/oidc-provider, after install-oidc)
#
#   3. `dotnet test` from an IDE, without test.sh: RbacKit.Testing's TestServers runs
#
#        scripts/services.sh up DIR      # start or reuse servers kept under DIR; prints KEY=VALUE lines
#        scripts/services.sh down DIR    # stop them and delete DIR
#
#      The path of this script is in $RBACKIT_TEST_SERVICES. It reads the
#      variables that test.sh exports:
#        RBACKIT_TEST_PG_BIN        directory of initdb, pg_ctl, pg_isready, ...
#        RBACKIT_TEST_PG_DATA       data directory of the throwaway cluster
#        RBACKIT_TEST_PG_PORT       its port (else taken from RBACKIT_TEST_POSTGRES)
#        RBACKIT_TEST_REDIS_SERVER  path of redis-server
#        RBACKIT_TEST_REDIS_CLI     path of redis-cli
#        RBACKIT_TEST_REDIS_PORT    its port (else taken from RBACKIT_TEST_REDIS)
#        RBACKIT_TEST_REDIS_DIR     its working directory (pid file, log)
#
#      Each command waits until the server is really up (PostgreSQL accepts
#      connections, Redis answers PONG) or really gone, and is a no-op when
#      the server is already in the requested state. Exit status 0 on success.
#
# PostgreSQL refuses to run as root, so when we are root the cluster's
# directory is owned by the `postgres` system user and every initdb/pg_ctl
# call runs as the owner of the data directory (via runuser, or su).
#
# The machine's own PostgreSQL cluster / Redis service are never used or touched.

# ---------------------------------------------------------------- helpers --

rbk_log() { echo "[services] $*" >&2; }
rbk_die() { rbk_log "ERROR: $*"; return 1; }

# Run a command as root: directly when we are root, else through sudo.
rbk_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    rbk_die "need root (or sudo) to run: $*"
  fi
}

# rbk_as_owner DIR CMD...: run CMD as the owner of DIR, with DIR as the
# current directory (so e.g. postgres never tries to cd into /root).
rbk_as_owner() {
  local dir=$1 owner
  shift
  owner=$(stat -c %U "$dir") || return 1
  if [[ $EUID -eq 0 && $owner != root ]]; then
    if command -v runuser >/dev/null 2>&1; then
      (cd "$dir" && runuser -u "$owner" -- "$@")
    else
      (cd "$dir" && su -s /bin/bash "$owner" -c "$(printf '%q ' "$@")")
    fi
  else
    (cd "$dir" && "$@")
  fi
}

# rbk_wait_until SECONDS CMD...: retry CMD every 0.2 s until it succeeds.
rbk_wait_until() {
  local tries=$(($1 * 5))
  shift
  while ((tries-- > 0)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# True when process PID exists.
rbk_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# rbk_port_free PORT: true when nothing can be listening on 127.0.0.1:PORT.
rbk_port_free() {
  local port=$1
  if command -v python3 >/dev/null 2>&1; then
    # A bind() test also catches ports held on 0.0.0.0. SO_REUSEADDR, as
    # PostgreSQL and Redis set it, so that TIME_WAIT leftovers of a server
    # we just stopped do not count as "taken".
    python3 - "$port" 2>/dev/null <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
  else
    # No python: a port where a connect() is refused is taken as free.
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# rbk_pick_port PREFERRED: print PREFERRED if it is free, else the next free
# port above it.
rbk_pick_port() {
  local port
  for ((port = $1; port < $1 + 200 && port < 65536; port++)); do
    if rbk_port_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  rbk_die "no free TCP port in $1..$(($1 + 199))"
}

# ------------------------------------------------------------ installation --

# Print the newest /usr/lib/postgresql/<version>/bin that has the server tools.
rbk_find_pg_bin() {
  local dir best=
  while IFS= read -r dir; do
    [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] && best=$dir
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
  [[ -n $best ]] && echo "$best"
}

# Install redis-server and PostgreSQL with apt-get when they are missing.
# apt-get update runs only when something has to be installed.
# The Debian packages for what test.sh and the scripts it runs call and a machine with only the .NET SDK may lack
# (python3: trx counts and the e2e checks; curl: the e2e probes), one per line.
rbk_missing_packages() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    echo redis-server
  fi
  rbk_find_pg_bin >/dev/null || echo postgresql
  command -v python3 >/dev/null 2>&1 || echo python3
  command -v curl >/dev/null 2>&1 || echo curl
  command -v git >/dev/null 2>&1 || echo git
  rbk_smtp_python >/dev/null || echo python3-aiosmtpd
  # The OAuth interoperability test drives the host with Authlib (a client nobody here wrote) over requests.
  rbk_authlib_python >/dev/null || printf '%s\n' python3-authlib python3-requests
  command -v node >/dev/null 2>&1 || echo nodejs
  command -v npm >/dev/null 2>&1 || echo npm
  # The browser tests (tests/CinemaAuthHost.BrowserTests) drive Debian's chromium through Playwright: no browser download.
  rbk_find_chromium >/dev/null || echo chromium
  # The HTTP benchmarks' dry runs (tests/RbacKit.Benchmarks.Tests) load the servers with wrk, on loopback.
  command -v wrk >/dev/null 2>&1 || echo wrk
  return 0
}

# The system Chromium the browser tests use (Playwright's ExecutablePath).
rbk_find_chromium() {
  local candidate
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -x $candidate ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

rbk_install_missing() {
  local pkgs=() log rc=0
  mapfile -t pkgs < <(rbk_missing_packages)
  ((${#pkgs[@]} == 0)) && return 0

  command -v apt-get >/dev/null 2>&1 || rbk_die "missing ${pkgs[*]} and no apt-get to install them" || return 1
  rbk_log "installing ${pkgs[*]} with apt-get ..."
  log=$(mktemp)
  {
    rbk_as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
      -o DPkg::Lock::Timeout=600 update &&
      rbk_as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
        -o DPkg::Lock::Timeout=600 install --no-install-recommends "${pkgs[@]}"
  } >"$log" 2>&1 || rc=$?
  if ((rc != 0)); then
    cat "$log" >&2
    rm -f "$log"
    rbk_die "apt-get install ${pkgs[*]} failed (exit $rc)"
    return 1
  fi
  rm -f "$log"
  # The Debian packages may have started their own default services; they are
  # not ours and are left alone (we use our own ports and directories).
  command -v redis-server >/dev/null 2>&1 || rbk_die "redis-server still missing after install" || return 1
  rbk_find_pg_bin >/dev/null || rbk_die "PostgreSQL still missing after install" || return 1
  command -v python3 >/dev/null 2>&1 || rbk_die "python3 still missing after install" || return 1
  command -v curl >/dev/null 2>&1 || rbk_die "curl still missing after install" || return 1
  rbk_smtp_python >/dev/null || rbk_die "python3-aiosmtpd still missing after install" || return 1
  rbk_authlib_python >/dev/null || rbk_die "python3-authlib or python3-requests still missing after install" || return 1
  command -v node >/dev/null 2>&1 || rbk_die "node still missing after install" || return 1
  rbk_find_chromium >/dev/null || rbk_die "chromium still missing after install" || return 1
  rbk_log "installed ${pkgs[*]}"
}

# -------------------------------------------------------------- PostgreSQL --

rbk_pg_port() {
  if [[ -n ${RBACKIT_TEST_PG_PORT:-} ]]; then
    echo "$RBACKIT_TEST_PG_PORT"
  else
    sed -n 's/.*[Pp]ort=\([0-9][0-9]*\).*/\1/p' <<<"${RBACKIT_TEST_POSTGRES:-}"
  fi
}

rbk_pg_check_env() {
  [[ -n ${RBACKIT_TEST_PG_BIN:-} && -x $RBACKIT_TEST_PG_BIN/pg_ctl ]] ||
    rbk_die "RBACKIT_TEST_PG_BIN is not set to a PostgreSQL bin directory" || return 1
  [[ -n ${RBACKIT_TEST_PG_DATA:-} ]] || rbk_die "RBACKIT_TEST_PG_DATA is not set" || return 1
  [[ -n $(rbk_pg_port) ]] || rbk_die "RBACKIT_TEST_PG_PORT is not set" || return 1
}

# Directory holding the data dir, the server log and the unix socket.
rbk_pg_home() { dirname "$RBACKIT_TEST_PG_DATA"; }

rbk_pg_ready() {
  "$RBACKIT_TEST_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(rbk_pg_port)" -t 2
}

rbk_pg_running() {
  [[ -f $RBACKIT_TEST_PG_DATA/PG_VERSION ]] &&
    rbk_as_owner "$RBACKIT_TEST_PG_DATA" "$RBACKIT_TEST_PG_BIN/pg_ctl" -D "$RBACKIT_TEST_PG_DATA" status >/dev/null 2>&1
}

# rbk_pg_set_port PORT: set the cluster's port (the last `port =` line of
# postgresql.conf wins, so appending is enough to change it).
rbk_pg_set_port() {
  rbk_as_owner "$RBACKIT_TEST_PG_DATA" sh -c \
    "printf 'port = %s\n' '$1' >>'$RBACKIT_TEST_PG_DATA/postgresql.conf'"
}

# Create a new cluster in $RBACKIT_TEST_PG_DATA listening on
# 127.0.0.1:$RBACKIT_TEST_PG_PORT, tuned for speed rather than durability.
rbk_init_postgres() {
  rbk_pg_check_env || return 1
  local home owner
  home=$(rbk_pg_home)
  mkdir -p "$home"
  if [[ $EUID -eq 0 ]]; then
    # initdb refuses to run as root: the cluster belongs to `postgres`.
    if ! id -u postgres >/dev/null 2>&1; then
      rbk_log "creating system user postgres"
      useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    chown postgres: "$home"
  fi
  chmod 700 "$home"
  owner=$(stat -c %U "$home")
  rbk_log "initdb $RBACKIT_TEST_PG_DATA (as $owner)"
  rbk_as_owner "$home" "$RBACKIT_TEST_PG_BIN/initdb" -D "$RBACKIT_TEST_PG_DATA" \
    -A trust -U rbackit --encoding=UTF8 --locale=C --no-sync \
    >"$home/initdb.log" 2>&1 || {
    cat "$home/initdb.log" >&2
    rbk_die "initdb failed"
    return 1
  }
  rbk_as_owner "$home" sh -c "cat >>'$RBACKIT_TEST_PG_DATA/postgresql.conf'" <<EOF

# --- throwaway test cluster (scripts/services.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$home'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
EOF
  rbk_pg_set_port "$(rbk_pg_port)"
}

rbk_start_postgres() {
  rbk_pg_check_env || return 1
  if rbk_pg_running && rbk_pg_ready; then
    return 0
  fi
  local home
  home=$(rbk_pg_home)
  # stdin/stdout/stderr are detached so the server holds none of our pipes.
  if ! rbk_as_owner "$home" "$RBACKIT_TEST_PG_BIN/pg_ctl" -D "$RBACKIT_TEST_PG_DATA" \
    -l "$home/postgres.log" -w -t 60 start </dev/null >/dev/null 2>&1; then
    tail -n 20 "$home/postgres.log" >&2 2>/dev/null
    rbk_die "PostgreSQL did not start on port $(rbk_pg_port)"
    return 1
  fi
  rbk_wait_until 30 rbk_pg_ready || rbk_die "PostgreSQL on port $(rbk_pg_port) is not ready" || return 1
  rbk_log "PostgreSQL up on 127.0.0.1:$(rbk_pg_port)"
}

# rbk_stop_postgres [fast|immediate]: stop the cluster; escalates to
# immediate shutdown and then SIGKILL if the server does not go away.
rbk_stop_postgres() {
  rbk_pg_check_env || return 1
  local mode=${1:-fast} pid
  rbk_pg_running || return 0
  local pg_ctl=("$RBACKIT_TEST_PG_BIN/pg_ctl" -D "$RBACKIT_TEST_PG_DATA")
  if rbk_as_owner "$RBACKIT_TEST_PG_DATA" "${pg_ctl[@]}" -m "$mode" -w -t 30 stop >/dev/null 2>&1 ||
    rbk_as_owner "$RBACKIT_TEST_PG_DATA" "${pg_ctl[@]}" -m immediate -w -t 10 stop >/dev/null 2>&1; then
    rbk_log "PostgreSQL on port $(rbk_pg_port) stopped ($mode)"
    return 0
  fi
  pid=$(head -n 1 "$RBACKIT_TEST_PG_DATA/postmaster.pid" 2>/dev/null)
  if rbk_alive "$pid"; then
    rbk_log "PostgreSQL did not stop: killing postmaster $pid"
    kill -KILL "$pid" 2>/dev/null
    rbk_wait_until 10 sh -c "! kill -0 $pid" || rbk_die "postmaster $pid survived SIGKILL" || return 1
  fi
}

# Create database $1 in the running cluster (no-op if it exists).
rbk_create_database() {
  local port
  port=$(rbk_pg_port)
  if [[ -z $("$RBACKIT_TEST_PG_BIN/psql" -h 127.0.0.1 -p "$port" -U rbackit -d postgres -XtAq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$1'") ]]; then
    "$RBACKIT_TEST_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U rbackit "$1"
  fi
}

# ------------------------------------------------------------------- Redis --

rbk_redis_port() {
  if [[ -n ${RBACKIT_TEST_REDIS_PORT:-} ]]; then
    echo "$RBACKIT_TEST_REDIS_PORT"
  else
    sed -n 's/.*:\([0-9][0-9]*\).*/\1/p' <<<"${RBACKIT_TEST_REDIS:-}"
  fi
}

rbk_redis_check_env() {
  : "${RBACKIT_TEST_REDIS_SERVER:=$(command -v redis-server)}"
  : "${RBACKIT_TEST_REDIS_CLI:=$(command -v redis-cli)}"
  [[ -x $RBACKIT_TEST_REDIS_SERVER && -x $RBACKIT_TEST_REDIS_CLI ]] ||
    rbk_die "redis-server / redis-cli not found" || return 1
  [[ -n $(rbk_redis_port) ]] || rbk_die "RBACKIT_TEST_REDIS_PORT is not set" || return 1
  [[ -n ${RBACKIT_TEST_REDIS_DIR:-} ]] || rbk_die "RBACKIT_TEST_REDIS_DIR is not set" || return 1
}

rbk_redis_pid() { head -n 1 "$RBACKIT_TEST_REDIS_DIR/redis.pid" 2>/dev/null; }

rbk_redis_cli() { "$RBACKIT_TEST_REDIS_CLI" -h 127.0.0.1 -p "$(rbk_redis_port)" "$@"; }

rbk_redis_pong() { [[ $(rbk_redis_cli ping 2>/dev/null) == PONG ]]; }

# True when the Redis answering on our port is the process of our pid file
# (so we never mistake somebody else's server for ours).
rbk_redis_is_ours() {
  local pid
  pid=$(rbk_redis_pid)
  rbk_alive "$pid" && rbk_redis_cli info server 2>/dev/null | tr -d '\r' | grep -qx "process_id:$pid"
}

rbk_start_redis() {
  rbk_redis_check_env || return 1
  rbk_redis_is_ours && return 0
  local port
  port=$(rbk_redis_port)
  rbk_port_free "$port" || rbk_die "port $port is already taken; cannot start Redis" || return 1
  mkdir -p "$RBACKIT_TEST_REDIS_DIR"
  rm -f "$RBACKIT_TEST_REDIS_DIR/redis.pid"
  "$RBACKIT_TEST_REDIS_SERVER" --port "$port" --bind 127.0.0.1 \
    --dir "$RBACKIT_TEST_REDIS_DIR" --save '' --appendonly no \
    --daemonize yes --pidfile "$RBACKIT_TEST_REDIS_DIR/redis.pid" \
    --logfile "$RBACKIT_TEST_REDIS_DIR/redis.log" </dev/null >/dev/null 2>&1 ||
    rbk_die "redis-server failed to launch" || return 1
  if ! rbk_wait_until 30 rbk_redis_is_ours; then
    tail -n 20 "$RBACKIT_TEST_REDIS_DIR/redis.log" >&2 2>/dev/null
    rbk_die "Redis did not come up on port $port"
    return 1
  fi
  rbk_log "Redis up on 127.0.0.1:$port"
}

rbk_stop_redis() {
  rbk_redis_check_env || return 1
  local pid
  pid=$(rbk_redis_pid)
  if ! rbk_alive "$pid"; then
    rm -f "$RBACKIT_TEST_REDIS_DIR/redis.pid"
    return 0
  fi
  rbk_redis_cli shutdown nosave >/dev/null 2>&1
  if ! rbk_wait_until 10 sh -c "! kill -0 $pid"; then
    rbk_log "Redis did not shut down: killing $pid"
    kill -TERM "$pid" 2>/dev/null
    rbk_wait_until 5 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null
    rbk_wait_until 5 sh -c "! kill -0 $pid" || rbk_die "Redis $pid survived SIGKILL" || return 1
  fi
  rm -f "$RBACKIT_TEST_REDIS_DIR/redis.pid"
  rbk_log "Redis on port $(rbk_redis_port) stopped"
}

# ------------------------------------------------------- IDE test servers --

# rbk_dev_env DIR: the variables of the servers kept under DIR (ports from DIR/ports when it exists).
rbk_dev_env() {
  local dir=$1
  RBACKIT_TEST_PG_BIN=${RBACKIT_TEST_PG_BIN:-$(rbk_find_pg_bin)}
  RBACKIT_TEST_REDIS_SERVER=${RBACKIT_TEST_REDIS_SERVER:-$(command -v redis-server)}
  RBACKIT_TEST_REDIS_CLI=${RBACKIT_TEST_REDIS_CLI:-$(command -v redis-cli)}
  RBACKIT_TEST_PG_DATA=$dir/pg/data
  RBACKIT_TEST_REDIS_DIR=$dir/redis
  RBACKIT_TEST_PG_PORT= RBACKIT_TEST_REDIS_PORT=
  if [[ -f $dir/ports ]]; then
    read -r RBACKIT_TEST_PG_PORT RBACKIT_TEST_REDIS_PORT <"$dir/ports"
  fi
  export RBACKIT_TEST_PG_BIN RBACKIT_TEST_REDIS_SERVER RBACKIT_TEST_REDIS_CLI RBACKIT_TEST_PG_DATA RBACKIT_TEST_REDIS_DIR \
    RBACKIT_TEST_PG_PORT RBACKIT_TEST_REDIS_PORT
}

# rbk_dev_up DIR: start, or reuse when they already run, a PostgreSQL and a Redis kept under DIR (for `dotnet test`
# from an IDE, without test.sh), then print their variables as KEY=VALUE lines. Safe to run concurrently (flock).
rbk_dev_up() {
  local dir=$1 self
  self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
  mkdir -p "$dir" && chmod 755 "$dir" || return 1
  exec 9>"$dir/.lock"
  flock 9 || return 1
  rbk_install_missing >&2 || return 1
  rbk_dev_env "$dir"
  if [[ ! -f $RBACKIT_TEST_PG_DATA/PG_VERSION ]]; then
    rm -rf "$dir/pg"
    RBACKIT_TEST_PG_PORT=$(rbk_pick_port 55532) || return 1
    rbk_init_postgres >&2 || return 1
  elif ! { rbk_pg_running && rbk_pg_ready; } && ! rbk_port_free "${RBACKIT_TEST_PG_PORT:-0}"; then
    RBACKIT_TEST_PG_PORT=$(rbk_pick_port 55532) || return 1
    rbk_pg_set_port "$RBACKIT_TEST_PG_PORT"
  fi
  # The servers must not inherit the lock (fd 9), or they would hold it for as long as they run.
  rbk_start_postgres >&2 9>&- || return 1
  rbk_create_database rbackit_test >&2 || return 1
  if ! rbk_redis_is_ours; then
    if [[ -z $RBACKIT_TEST_REDIS_PORT ]] || ! rbk_port_free "$RBACKIT_TEST_REDIS_PORT"; then
      RBACKIT_TEST_REDIS_PORT=$(rbk_pick_port 56479) || return 1
    fi
    rbk_start_redis >&2 9>&- || return 1
  fi
  echo "$RBACKIT_TEST_PG_PORT $RBACKIT_TEST_REDIS_PORT" >"$dir/ports"
  printf '%s\n' \
    "RBACKIT_TEST_POSTGRES=Host=127.0.0.1;Port=$RBACKIT_TEST_PG_PORT;Username=rbackit;Password=rbackit;Database=rbackit_test;Pooling=true;Maximum Pool Size=200" \
    "RBACKIT_TEST_REDIS=127.0.0.1:$RBACKIT_TEST_REDIS_PORT" \
    "RBACKIT_TEST_SERVICES=$self" \
    "RBACKIT_TEST_PG_BIN=$RBACKIT_TEST_PG_BIN" \
    "RBACKIT_TEST_PG_DATA=$RBACKIT_TEST_PG_DATA" \
    "RBACKIT_TEST_PG_PORT=$RBACKIT_TEST_PG_PORT" \
    "RBACKIT_TEST_REDIS_SERVER=$RBACKIT_TEST_REDIS_SERVER" \
    "RBACKIT_TEST_REDIS_CLI=$RBACKIT_TEST_REDIS_CLI" \
    "RBACKIT_TEST_REDIS_PORT=$RBACKIT_TEST_REDIS_PORT" \
    "RBACKIT_TEST_REDIS_DIR=$RBACKIT_TEST_REDIS_DIR"
}

# rbk_dev_down DIR: stop the servers of rbk_dev_up DIR and delete DIR.
rbk_dev_down() {
  local dir=$1
  [[ -d $dir ]] || return 0
  rbk_dev_env "$dir"
  if [[ -f $RBACKIT_TEST_PG_DATA/PG_VERSION && -n $RBACKIT_TEST_PG_PORT ]]; then
    rbk_stop_postgres immediate
  fi
  if [[ -n $RBACKIT_TEST_REDIS_PORT ]]; then
    rbk_stop_redis
  fi
  rm -rf -- "$dir"
}

# -------------------------------------------------------------------- SMTP --
# A real SMTP server (Debian's python3-aiosmtpd) on 127.0.0.1:$RBACKIT_TEST_SMTP_PORT that stores every message it
# accepts as one file in the maildir $RBACKIT_TEST_SMTP_DIR/maildir (new/ holds the delivered messages).

# Print a python3 that can import Authlib's requests client (Debian's /usr/bin/python3 first).
rbk_authlib_python() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [[ -n $py && -x $py ]] && "$py" -c 'import authlib.integrations.requests_client' >/dev/null 2>&1 && { echo "$py"; return 0; }
  done
  return 1
}

# Print a python3 that can import aiosmtpd (Debian's /usr/bin/python3 first: another python3 may be first on PATH).
rbk_smtp_python() {
  local py
  for py in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
    [[ -n $py && -x $py ]] && "$py" -c 'import aiosmtpd' >/dev/null 2>&1 && { echo "$py"; return 0; }
  done
  return 1
}

rbk_smtp_check_env() {
  [[ -n ${RBACKIT_TEST_SMTP_PORT:-} ]] || rbk_die "RBACKIT_TEST_SMTP_PORT is not set" || return 1
  [[ -n ${RBACKIT_TEST_SMTP_DIR:-} ]] || rbk_die "RBACKIT_TEST_SMTP_DIR is not set" || return 1
}

rbk_smtp_pid() { head -n 1 "$RBACKIT_TEST_SMTP_DIR/smtp.pid" 2>/dev/null; }

rbk_smtp_listening() { ! rbk_port_free "$RBACKIT_TEST_SMTP_PORT"; }

rbk_start_smtp() {
  rbk_smtp_check_env || return 1
  local py pid
  pid=$(rbk_smtp_pid)
  if rbk_alive "$pid" && rbk_smtp_listening; then
    return 0
  fi
  py=$(rbk_smtp_python) || rbk_die "python3-aiosmtpd is not installed" || return 1
  rbk_port_free "$RBACKIT_TEST_SMTP_PORT" || rbk_die "port $RBACKIT_TEST_SMTP_PORT is already taken; cannot start SMTP" || return 1
  mkdir -p "$RBACKIT_TEST_SMTP_DIR/maildir/tmp" "$RBACKIT_TEST_SMTP_DIR/maildir/new" "$RBACKIT_TEST_SMTP_DIR/maildir/cur"
  # Detached from our pipes and process group, so a test that runs this command does not wait for the server.
  setsid "$py" -m aiosmtpd -n -l "127.0.0.1:$RBACKIT_TEST_SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$RBACKIT_TEST_SMTP_DIR/maildir" \
    </dev/null >>"$RBACKIT_TEST_SMTP_DIR/smtp.log" 2>&1 &
  echo $! >"$RBACKIT_TEST_SMTP_DIR/smtp.pid"
  if ! rbk_wait_until 30 rbk_smtp_listening; then
    tail -n 20 "$RBACKIT_TEST_SMTP_DIR/smtp.log" >&2 2>/dev/null
    rbk_die "SMTP did not come up on port $RBACKIT_TEST_SMTP_PORT"
    return 1
  fi
  rbk_log "SMTP (aiosmtpd) up on 127.0.0.1:$RBACKIT_TEST_SMTP_PORT, maildir $RBACKIT_TEST_SMTP_DIR/maildir"
}

rbk_stop_smtp() {
  rbk_smtp_check_env || return 1
  local pid
  pid=$(rbk_smtp_pid)
  if rbk_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    rbk_wait_until 10 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null
    rbk_wait_until 5 sh -c "! kill -0 $pid" || rbk_die "SMTP server $pid survived SIGKILL" || return 1
    rbk_log "SMTP on port $RBACKIT_TEST_SMTP_PORT stopped"
  fi
  rm -f "$RBACKIT_TEST_SMTP_DIR/smtp.pid"
  rbk_wait_until 10 rbk_port_free "$RBACKIT_TEST_SMTP_PORT" || true
}

# -------------------------------------------------------------------- OIDC --
# A real OpenID Connect provider (the npm package oidc-provider, scripts/oidc-provider/server.mjs) on
# 127.0.0.1:$RBACKIT_TEST_OIDC_PORT, issuer http://127.0.0.1:$RBACKIT_TEST_OIDC_PORT. Its state (sessions, codes)
# lives in memory: a restart forgets it.

rbk_oidc_home() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/oidc-provider"; }

# npm ci of scripts/oidc-provider (no-op when node_modules matches the lock file).
rbk_install_oidc() {
  local home
  home=$(rbk_oidc_home)
  if [[ -f $home/node_modules/.package-lock.json && $home/node_modules/.package-lock.json -nt $home/package-lock.json ]]; then
    return 0
  fi
  rbk_log "npm ci in $home"
  (cd "$home" && npm ci --no-audit --no-fund --loglevel=error) >&2 || rbk_die "npm ci of oidc-provider failed"
}

# npm ci of scripts/axe-core (the accessibility engine the browser tests inject into each page).
rbk_axe_home() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/axe-core"; }

rbk_install_axe() {
  local home
  home=$(rbk_axe_home)
  if [[ -f $home/node_modules/.package-lock.json && $home/node_modules/.package-lock.json -nt $home/package-lock.json ]]; then
    return 0
  fi
  rbk_log "npm ci in $home"
  (cd "$home" && npm ci --no-audit --no-fund --loglevel=error) >&2 || rbk_die "npm ci of axe-core failed"
}

rbk_oidc_check_env() {
  [[ -n ${RBACKIT_TEST_OIDC_PORT:-} ]] || rbk_die "RBACKIT_TEST_OIDC_PORT is not set" || return 1
  [[ -n ${RBACKIT_TEST_OIDC_DIR:-} ]] || rbk_die "RBACKIT_TEST_OIDC_DIR is not set" || return 1
}

rbk_oidc_pid() { head -n 1 "$RBACKIT_TEST_OIDC_DIR/oidc.pid" 2>/dev/null; }

rbk_oidc_ready() {
  curl -fsS -o /dev/null "http://127.0.0.1:$RBACKIT_TEST_OIDC_PORT/.well-known/openid-configuration"
}

rbk_start_oidc() {
  rbk_oidc_check_env || return 1
  local pid home
  pid=$(rbk_oidc_pid)
  if rbk_alive "$pid" && rbk_oidc_ready; then
    return 0
  fi
  home=$(rbk_oidc_home)
  [[ -d $home/node_modules/oidc-provider ]] || rbk_install_oidc || return 1
  rbk_port_free "$RBACKIT_TEST_OIDC_PORT" || rbk_die "port $RBACKIT_TEST_OIDC_PORT is already taken; cannot start OIDC" || return 1
  mkdir -p "$RBACKIT_TEST_OIDC_DIR"
  setsid node "$home/server.mjs" "$RBACKIT_TEST_OIDC_PORT" </dev/null >>"$RBACKIT_TEST_OIDC_DIR/oidc.log" 2>&1 &
  echo $! >"$RBACKIT_TEST_OIDC_DIR/oidc.pid"
  if ! rbk_wait_until 30 rbk_oidc_ready; then
    tail -n 20 "$RBACKIT_TEST_OIDC_DIR/oidc.log" >&2 2>/dev/null
    rbk_die "OIDC provider did not come up on port $RBACKIT_TEST_OIDC_PORT"
    return 1
  fi
  rbk_log "OIDC provider (oidc-provider) up, issuer http://127.0.0.1:$RBACKIT_TEST_OIDC_PORT"
}

rbk_stop_oidc() {
  rbk_oidc_check_env || return 1
  local pid
  pid=$(rbk_oidc_pid)
  if rbk_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    rbk_wait_until 10 sh -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null
    rbk_wait_until 5 sh -c "! kill -0 $pid" || rbk_die "OIDC provider $pid survived SIGKILL" || return 1
    rbk_log "OIDC provider on port $RBACKIT_TEST_OIDC_PORT stopped"
  fi
  rm -f "$RBACKIT_TEST_OIDC_DIR/oidc.pid"
}

# -------------------------------------------------------------- commands --

rbk_main() {
  case ${1:-} in
    start-postgres) rbk_start_postgres ;;
    stop-postgres) rbk_stop_postgres "${2:-fast}" ;;
    start-redis) rbk_start_redis ;;
    stop-redis) rbk_stop_redis ;;
    up) rbk_dev_up "${2:?usage: $0 up DIR}" ;;
    down) rbk_dev_down "${2:?usage: $0 down DIR}" ;;
    start-smtp) rbk_start_smtp ;;
    stop-smtp) rbk_stop_smtp ;;
    install-oidc) rbk_install_oidc ;;
    install-axe) rbk_install_axe ;;
    start-oidc) rbk_start_oidc ;;
    stop-oidc) rbk_stop_oidc ;;
    *)
      echo "usage: $0 start-postgres | stop-postgres [fast|immediate] | start-redis | stop-redis | start-smtp | stop-smtp | install-oidc | start-oidc | stop-oidc | up DIR | down DIR" >&2
      return 2
      ;;
  esac
}

# Run as a command (not when sourced by test.sh).
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  rbk_main "$@"
fi
