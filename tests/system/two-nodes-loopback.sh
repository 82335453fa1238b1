#!/usr/bin/env bash
# System test: two `fips` daemons on 127.0.0.1 over the UDP transport.
#
#   1. both links come up (bounded 20 s), and both nodes log the same
#      spanning-tree root, the smaller node_addr (INTEROP.md 5.2), the other
#      node's coordinates being [self root];
#   2. at least two link rekeys are seen on each side (INTEROP.md 3.8);
#   3. node B is killed with SIGKILL (no Disconnect) and restarted with the
#      same identity; A detects the restart (INTEROP.md 3.7 (2), new startup
#      epoch) and the link comes back;
#   4. SIGTERM to B: it exits 0 and A logs the Disconnect it received
#      (INTEROP.md 3.9); SIGTERM to A: it exits 0.
#
# Prints PASS/FAIL lines; exits 0 only if every step passed. Only 127.0.0.1
# is used. Needs a build with the UDP transport (bin/build). Set KEEP=1 to
# keep the temporary directory with the configs and logs.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIPS="$ROOT/bin/fips"
FIPSCTL="$ROOT/bin/fipsctl"
MODULES="$ROOT/fips.launcher/target/modules"

# Rekey period. Our responder takes a rekey on any confirmed session (LinkCore's
# local policy; upstream would hold it to 30 s of session age, INTEROP.md 3.7 (3)).
REKEY_AFTER_SECS=3
# JVM start-up to the "running:" line; generous for a loaded 2-core machine.
START_TIMEOUT=30
UP_TIMEOUT=20
TREE_TIMEOUT=15
REKEY_TIMEOUT=40
RESTART_TIMEOUT=40
EXIT_TIMEOUT=15

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-two-nodes.XXXXXX")"
PID_A=""
PID_B=""
FAILED=0

cleanup() {
  local p
  for p in $PID_A $PID_B; do
    if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$(dirname "$0")/lib/common.bash"

start_node() { # NAME -> sets PID_<NAME>; log appended to $WORK/<name>.log
  local name=$1 lower; lower=$(echo "$1" | tr 'A-Z' 'a-z')
  "$FIPS" -c "$WORK/$lower/fips.yaml" >>"$WORK/$lower.out" 2>>"$WORK/$lower.log" &
  eval "PID_$name=$!"
}

# node_addr NAME: the 32 hex digits of the node's node_addr, from its "identity:" line
node_addr() { sed -n 's/.* identity: .* node_addr=\([0-9a-f]\{32\}\).*/\1/p' "$WORK/$1.log" | head -n 1; }
# last_tree NAME: the node's last "tree:" line
last_tree() { grep -F ' tree: root=' "$WORK/$1.log" | tail -n 1; }
tree_root() { last_tree "$1" | sed -n 's/.* tree: root=\([0-9a-f]\{16\}\)\.\.\. .*/\1/p'; }
tree_coords() { last_tree "$1" | sed -n 's/.* coords=\[\([0-9a-f ]*\)\]$/\1/p'; }

# ---------------------------------------------------------------- setup

if ! compgen -G "$MODULES/fips.transport.udp-*.jar" >/dev/null; then
  fail "no UDP transport in $MODULES; build first (bin/build)"
fi
# Run from a copy of the module path: a rebuild of the tree while the test runs
# would otherwise replace jars under the running JVMs.
cp -r "$MODULES" "$WORK/modules" || fail "cannot copy $MODULES"
export FIPS_MODULES="$WORK/modules"

KEYS_A="$("$FIPSCTL" keygen --stdout)" || fail "fipsctl keygen --stdout"
KEYS_B="$("$FIPSCTL" keygen --stdout)" || fail "fipsctl keygen --stdout"
NSEC_A=$(sed -n 1p <<<"$KEYS_A"); NPUB_A=$(sed -n 2p <<<"$KEYS_A")
NSEC_B=$(sed -n 1p <<<"$KEYS_B"); NPUB_B=$(sed -n 2p <<<"$KEYS_B")
case "$NSEC_A$NSEC_B" in nsec1*nsec1*) ;; *) fail "fipsctl keygen --stdout did not print nsec lines" ;; esac

PORT_A=$(free_port) || fail "no free UDP port"
PORT_B=$(free_port "$PORT_A") || fail "no free UDP port"

write_config() { # DIR NSEC PORT PEER_NPUB PEER_ALIAS PEER_PORT
  mkdir -p "$1"
  cat >"$1/fips.yaml" <<YAML
node:
  identity:
    nsec: "$2"
  rekey:
    after_secs: $REKEY_AFTER_SECS
  control:
    socket_path: "$1/control.sock"
dns:
  enabled: false
transports:
  udp:
    bind_addr: "127.0.0.1:$3"
peers:
  - npub: "$4"
    alias: "$5"
    addresses:
      - transport: udp
        addr: "127.0.0.1:$6"
YAML
}
write_config "$WORK/a" "$NSEC_A" "$PORT_A" "$NPUB_B" node-b "$PORT_B"
write_config "$WORK/b" "$NSEC_B" "$PORT_B" "$NPUB_A" node-a "$PORT_A"
echo "work dir $WORK; A=127.0.0.1:$PORT_A B=127.0.0.1:$PORT_B"

# ---------------------------------------------------------------- 1. links up

start_node A
start_node B
started() { grep -q -F ' running: ' "$WORK/a.log" 2>/dev/null && grep -q -F ' running: ' "$WORK/b.log" 2>/dev/null; }
wait_until "$START_TIMEOUT" started || fail "the daemons did not start within ${START_TIMEOUT} s"
links_up() { [ "$(count "$WORK/a.log" 'link up: peer=node-b')" -ge 1 ] && [ "$(count "$WORK/b.log" 'link up: peer=node-a')" -ge 1 ]; }
wait_until "$UP_TIMEOUT" links_up || fail "links not up within ${UP_TIMEOUT} s"
pass "both links up"

ADDR_A=$(node_addr a); ADDR_B=$(node_addr b)
[ -n "$ADDR_A" ] && [ -n "$ADDR_B" ] || fail "no node_addr in the identity lines"
if [ "$(printf '%s\n' "$ADDR_A" "$ADDR_B" | LC_ALL=C sort | head -n 1)" = "$ADDR_A" ]; then
  ROOT16=${ADDR_A:0:16}; CHILD=b; WANT_CHILD="${ADDR_B:0:8} ${ADDR_A:0:8}"
else
  ROOT16=${ADDR_B:0:16}; CHILD=a; WANT_CHILD="${ADDR_A:0:8} ${ADDR_B:0:8}"
fi
tree_agrees() { [ "$(tree_root a)" = "$ROOT16" ] && [ "$(tree_root b)" = "$ROOT16" ] && [ "$(tree_coords "$CHILD")" = "$WANT_CHILD" ]; }
wait_until "$TREE_TIMEOUT" tree_agrees \
  || fail "no agreement on root $ROOT16 (A: $(tree_root a) [$(tree_coords a)], B: $(tree_root b) [$(tree_coords b)])"
pass "both on the tree root $ROOT16... (the smaller node_addr); $(echo "$CHILD" | tr a-z A-Z)=[$(tree_coords "$CHILD")]"

# ---------------------------------------------------------------- 2. rekeys

two_rekeys() { [ "$(count "$WORK/a.log" 'rekeyed: peer=node-b')" -ge 2 ] && [ "$(count "$WORK/b.log" 'rekeyed: peer=node-a')" -ge 2 ]; }
wait_until "$REKEY_TIMEOUT" two_rekeys || fail "fewer than 2 rekeys on each side within ${REKEY_TIMEOUT} s"
[ "$(count "$WORK/a.log" 'link down:')" -eq 0 ] || fail "A's link went down during the rekeys"
[ "$(count "$WORK/b.log" 'link down:')" -eq 0 ] || fail "B's link went down during the rekeys"
pass "two rekeys on each side, links stayed up (A: $(count "$WORK/a.log" 'rekeyed:'), B: $(count "$WORK/b.log" 'rekeyed:'))"

# ---------------------------------------------------------------- 3. kill -9 and restart B

UPS_BEFORE=$(count "$WORK/a.log" 'link up: peer=node-b')
kill -KILL "$PID_B"
wait "$PID_B" 2>/dev/null
PID_B=""
echo "---- B killed with SIGKILL, restarting" >>"$WORK/b.log"
start_node B
relinked() { [ "$(count "$WORK/a.log" 'link up: peer=node-b')" -gt "$UPS_BEFORE" ] && [ "$(count "$WORK/b.log" 'link up: peer=node-a')" -ge 2 ]; }
wait_until "$RESTART_TIMEOUT" relinked || fail "no new link after B's restart within ${RESTART_TIMEOUT} s"
if [ "$(count "$WORK/a.log" 'reason=peer restarted')" -ge 1 ]; then
  pass "A detected B's restart (new epoch) and the link came back"
else
  pass "the link came back after B's restart (A saw: $(grep -F 'link down: peer=node-b' "$WORK/a.log" | tail -n 1 | sed 's/.*reason=//'))"
fi

# ---------------------------------------------------------------- 4. SIGTERM

DISC_BEFORE=$(count "$WORK/a.log" 'reason=disconnect received (shutdown)')
kill -TERM "$PID_B"
wait_exit "$PID_B" "$EXIT_TIMEOUT"; RC_B=$?
PID_B=""
[ "$RC_B" -eq 0 ] || fail "B exited with status $RC_B after SIGTERM (want 0)"
pass "B exited 0 after SIGTERM"
disconnect_seen() { [ "$(count "$WORK/a.log" 'reason=disconnect received (shutdown)')" -gt "$DISC_BEFORE" ]; }
wait_until 5 disconnect_seen || fail "A did not log B's Disconnect"
pass "A logged the Disconnect from B"

kill -TERM "$PID_A"
wait_exit "$PID_A" "$EXIT_TIMEOUT"; RC_A=$?
PID_A=""
[ "$RC_A" -eq 0 ] || fail "A exited with status $RC_A after SIGTERM (want 0)"
pass "A exited 0 after SIGTERM"

if grep -F ' ERROR ' "$WORK/a.log" "$WORK/b.log"; then
  fail "ERROR lines in the logs"
fi
pass "no ERROR lines in either log"
echo "PASS: two-nodes-loopback"
