#!/usr/bin/env bash
# scripts/docs-screenshot.sh: start CinemaAuthHost on loopback, render its interactive docs page (/docs) in headless
# Chromium and save the picture as docs/images/docs.png (the README shows it). Not part of CI; run it by hand after a
# change to the docs page or the API, look at the picture, and commit it.
#
#   scripts/docs-screenshot.sh [output.png]
#
# Needs the .NET SDK; installs Debian's `chromium` with apt-get when it is missing (as root, or with sudo). The host runs
# in Development on a fresh SQLite data directory under a temp dir, which is removed afterwards, as is the host process.
#
# Knobs (environment): DOCS_SCREENSHOT_PORT (preferred port, default 5090), DOCS_SCREENSHOT_SIZE (default 1400,900).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh" # rbk_as_root, rbk_pick_port, rbk_wait_until

OUTPUT=${1:-$ROOT/docs/images/docs.png}
SIZE=${DOCS_SCREENSHOT_SIZE:-1400,900}
HOST_DIR=$ROOT/samples/CinemaAuthHost
TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/docs-screenshot-XXXXXX")
HOST_PID=

log() { echo "[docs-screenshot] $*" >&2; }

cleanup() {
  if [[ -n $HOST_PID ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    rbk_wait_until 15 sh -c "! kill -0 $HOST_PID" || kill -KILL "$HOST_PID" 2>/dev/null || true
  fi
  rm -rf -- "$TMP_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

find_chromium() { command -v chromium || command -v chromium-browser || true; }

CHROMIUM=$(find_chromium)
if [[ -z $CHROMIUM ]]; then
  log "installing chromium with apt-get ..."
  rbk_as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 update >/dev/null
  rbk_as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 install chromium >/dev/null
  CHROMIUM=$(find_chromium)
  [[ -n $CHROMIUM ]] || { log "chromium is still missing after apt-get install"; exit 1; }
fi

log "building CinemaAuthHost"
dotnet build "$HOST_DIR/CinemaAuthHost.csproj" -c Release -nologo -v quiet -o "$TMP_DIR/bin" >"$TMP_DIR/build.log" 2>&1 || {
  cat "$TMP_DIR/build.log" >&2
  exit 1
}

PORT=$(rbk_pick_port "${DOCS_SCREENSHOT_PORT:-5090}")
URL=http://127.0.0.1:$PORT
log "starting the host at $URL"
(
  cd "$HOST_DIR"
  exec dotnet "$TMP_DIR/bin/CinemaAuthHost.dll" --urls "$URL" --environment Development \
    "--Data:Directory=$TMP_DIR/data" "--ConnectionStrings:Postgres=" "--ConnectionStrings:Redis=" \
    --RbacKit:Passwords:WorkFactor=4 --RbacKit:Passwords:AllowWeakWorkFactor=true
) </dev/null >"$TMP_DIR/host.log" 2>&1 &
HOST_PID=$!

if ! rbk_wait_until 90 curl -fsS -o /dev/null "$URL/health/live"; then
  tail -n 40 "$TMP_DIR/host.log" >&2
  log "the host did not come up"
  exit 1
fi

mkdir -p "$(dirname "$OUTPUT")"
rm -f "$OUTPUT"
log "rendering $URL/docs/ with $CHROMIUM"
timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  "--user-data-dir=$TMP_DIR/chromium-profile" "--screenshot=$OUTPUT" "--window-size=$SIZE" \
  --virtual-time-budget=10000 "$URL/docs/" >"$TMP_DIR/chromium.log" 2>&1 || true

if [[ ! -s $OUTPUT ]]; then
  tail -n 40 "$TMP_DIR/chromium.log" >&2
  log "no screenshot was written"
  exit 1
fi
log "saved $OUTPUT ($(stat -c %s "$OUTPUT") bytes)"
