#!/usr/bin/env bash
# Measures a runtime image's start-up: two image daemons on 127.0.0.1 (UDP),
# B started first and left running; then A is started RUNS times and each time
# the script prints the milliseconds from A's launch (bin/fips exec) to A's
# "running:" and "link up:" log lines (the first link handshake with B).
#   packaging/image/time-to-link.sh [IMAGE_DIR] [RUNS]
# IMAGE_DIR defaults to fips.launcher/target/image. Loopback only; cleans up.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
IMAGE="$(cd "${1:-$ROOT/fips.launcher/target/image}" && pwd)" || exit 2
RUNS="${2:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-time-to-link.XXXXXX")"
PID_A=""; PID_B=""; FAILED=0
cleanup() {
  local p
  for p in $PID_A $PID_B; do
    if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$ROOT/tests/system/lib/common.bash"

KEYS_A="$("$IMAGE/bin/fipsctl" keygen --stdout)" || fail "fipsctl keygen --stdout"
KEYS_B="$("$IMAGE/bin/fipsctl" keygen --stdout)" || fail "fipsctl keygen --stdout"
PORT_A=$(free_port) || fail "no free UDP port"
PORT_B=$(free_port "$PORT_A") || fail "no free UDP port"
write_config() { # FILE NSEC PORT PEER_NPUB PEER_PORT
  # DNS responder off and a private control socket: two nodes on one host.
  cat >"$1" <<YAML
node:
  identity:
    nsec: "$2"
  control:
    socket_path: "$1.sock"
dns:
  enabled: false
transports:
  udp:
    bind_addr: "127.0.0.1:$3"
peers:
  - npub: "$4"
    alias: peer
    addresses:
      - transport: udp
        addr: "127.0.0.1:$5"
YAML
}
write_config "$WORK/a.yaml" "$(sed -n 1p <<<"$KEYS_A")" "$PORT_A" "$(sed -n 2p <<<"$KEYS_B")" "$PORT_B"
write_config "$WORK/b.yaml" "$(sed -n 1p <<<"$KEYS_B")" "$PORT_B" "$(sed -n 2p <<<"$KEYS_A")" "$PORT_A"

"$IMAGE/bin/fips" -c "$WORK/b.yaml" 2>"$WORK/b.log" >/dev/null &
PID_B=$!
wait_until 30 grep -qs -F ' running: ' "$WORK/b.log" || fail "B did not start"

# ms since the epoch of a log line's timestamp (2026-11-22T04:29:22.123Z)
log_ms() { date -u -d "$(sed 's/^\([^ ]*\)Z .*/\1/; s/T/ /' <<<"$1")" +%s%3N; }
for i in $(seq 1 "$RUNS"); do
  : >"$WORK/a.log"
  t0=$(date +%s%3N)
  "$IMAGE/bin/fips" -c "$WORK/a.yaml" 2>"$WORK/a.log" >/dev/null &
  PID_A=$!
  a_done() { grep -qs -F ' link up: peer=peer' "$WORK/a.log" || ! kill -0 "$PID_A" 2>/dev/null; }
  wait_until 30 a_done && grep -qs -F ' link up: peer=peer' "$WORK/a.log" || fail "A: no link up"
  run=$(log_ms "$(grep -m1 -F ' running: ' "$WORK/a.log")")
  up=$(log_ms "$(grep -m1 -F ' link up: peer=peer' "$WORK/a.log")")
  echo "run $i: running after $((run - t0)) ms, link up after $((up - t0)) ms"
  kill -TERM "$PID_A"; wait_exit "$PID_A" 15 >/dev/null; PID_A=""
done
