#!/usr/bin/env bash
# System test: the spanning tree across real `fips` daemons on 127.0.0.1 (UDP).
#
#   1. three daemons in a chain A - B - C (A peers only with B, C only with B;
#      B lists both): all links come up;
#   2. all three log the same root, the smallest of the three node_addrs
#      (INTEROP.md 5.2), in their last "tree:" line;
#   3. the coordinates go through B (INTEROP.md 5.3): A's contain B unless A
#      is the root, likewise C's, and the far end reaches the root through B
#      ([C B A] when A is the root, [A B C] when C is, [A B] and [C B] when B is);
#   4. SIGTERM to each: exit status 0, a counters line, no ERROR line;
#   5. two daemons D - E alone agree on the root, the smaller node_addr, and
#      the other one's coordinates are [child root].
#
# Prints PASS/FAIL lines; exits 0 only if every step passed. Only 127.0.0.1
# is used. Needs a build with the UDP transport (bin/build). Set KEEP=1 to
# keep the temporary directory with the configs and logs.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIPS="$ROOT/bin/fips"
FIPSCTL="$ROOT/bin/fipsctl"
MODULES="$ROOT/fips.launcher/target/modules"

# JVM start-up to the "running:" line; generous for a loaded 2-core machine.
START_TIMEOUT=30
UP_TIMEOUT=20
TREE_TIMEOUT=15
EXIT_TIMEOUT=15

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-three-nodes.XXXXXX")"
NAMES=""        # started nodes, lower case
FAILED=0

pid_of() { eval "echo \${PID_$1:-}"; }

cleanup() {
  local n p
  for n in $NAMES; do
    p=$(pid_of "$n")
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$(dirname "$0")/lib/common.bash"

# new_node NAME: keys and a port for node NAME (lower case): NSEC_<n>, NPUB_<n>, PORT_<n>
new_node() {
  local n=$1 keys nsec npub port
  keys="$("$FIPSCTL" keygen --stdout)" || fail "fipsctl keygen --stdout"
  nsec=$(sed -n 1p <<<"$keys"); npub=$(sed -n 2p <<<"$keys")
  case "$nsec" in nsec1*) ;; *) fail "fipsctl keygen --stdout did not print an nsec line" ;; esac
  port=$(free_port) || fail "no free UDP port"
  # free_port ran in a subshell: record the port here too.
  USED_PORTS="$USED_PORTS$port "
  eval "NSEC_$n=\$nsec; NPUB_$n=\$npub; PORT_$n=\$port"
}

# write_config NAME PEER...: NAME's fips.yaml with each PEER as a static UDP peer (alias node-<peer>)
write_config() {
  local n=$1 p; shift
  mkdir -p "$WORK/$n"
  {
    echo "node:"
    echo "  identity:"
    echo "    nsec: \"$(eval "echo \$NSEC_$n")\""
    echo "  control:"
    echo "    socket_path: \"$WORK/$n/control.sock\""
    echo "dns:"
    echo "  enabled: false"
    echo "transports:"
    echo "  udp:"
    echo "    bind_addr: \"127.0.0.1:$(eval "echo \$PORT_$n")\""
    echo "peers:"
    for p in "$@"; do
      echo "  - npub: \"$(eval "echo \$NPUB_$p")\""
      echo "    alias: \"node-$p\""
      echo "    addresses:"
      echo "      - transport: udp"
      echo "        addr: \"127.0.0.1:$(eval "echo \$PORT_$p")\""
    done
  } >"$WORK/$n/fips.yaml"
}

start_node() { # NAME -> PID_<NAME>; stderr (the log) in $WORK/<name>.log
  local n=$1
  "$FIPS" -c "$WORK/$n/fips.yaml" >>"$WORK/$n.out" 2>>"$WORK/$n.log" &
  eval "PID_$n=$!"
  NAMES="$NAMES $n"
}

# running NAME...: true once each node logged its "running:" line; fails at once if one has exited
running() {
  local n p rc
  for n in "$@"; do
    p=$(pid_of "$n")
    if ! kill -0 "$p" 2>/dev/null; then
      wait "$p"; rc=$?
      eval "PID_$n="
      fail "node $n exited early with status $rc"
    fi
  done
  for n in "$@"; do grep -q -F ' running: ' "$WORK/$n.log" 2>/dev/null || return 1; done
}

stop_node() { # NAME: SIGTERM, exit 0, a counters line
  local n=$1 p rc
  p=$(pid_of "$n")
  kill -TERM "$p"
  wait_exit "$p" "$EXIT_TIMEOUT"; rc=$?
  eval "PID_$n="
  [ "$rc" -eq 0 ] || fail "$n exited with status $rc after SIGTERM (want 0)"
  grep -q -F 'stopped; counters: ' "$WORK/$n.log" || fail "$n logged no counters line at shutdown"
}

# node_addr NAME: the 32 hex digits of NAME's node_addr, from its "identity:" line
node_addr() { sed -n 's/.* identity: .* node_addr=\([0-9a-f]\{32\}\).*/\1/p' "$WORK/$1.log" | head -n 1; }
# last_tree NAME: NAME's last "tree:" line
last_tree() { grep -F ' tree: root=' "$WORK/$1.log" | tail -n 1; }
# tree_root NAME: the root's 16 hex digits in NAME's last tree line
tree_root() { last_tree "$1" | sed -n 's/.* tree: root=\([0-9a-f]\{16\}\)\.\.\. .*/\1/p'; }
# tree_coords NAME: the coordinates in NAME's last tree line ("a b c", 8 hex digits each, self first)
tree_coords() { last_tree "$1" | sed -n 's/.* coords=\[\([0-9a-f ]*\)\]$/\1/p'; }

# smallest ADDR...: the numerically smallest node_addr (fixed-width lower-case hex sorts as numbers)
smallest() { printf '%s\n' "$@" | LC_ALL=C sort | head -n 1; }

have_identity() { local n; for n in "$@"; do [ -n "$(node_addr "$n")" ] || return 1; done; }
all_on_root() { # ROOT16 NAME...
  local r=$1 n; shift
  for n in "$@"; do [ "$(tree_root "$n")" = "$r" ] || return 1; done
}
coords_are() { [ "$(tree_coords "$1")" = "$2" ]; } # NAME "a b c"

# ---------------------------------------------------------------- setup

if ! compgen -G "$MODULES/fips.transport.udp-*.jar" >/dev/null; then
  fail "no UDP transport in $MODULES; build first (bin/build)"
fi
# Run from a copy of the module path: a rebuild of the tree while the test runs
# would otherwise replace jars under the running JVMs.
cp -r "$MODULES" "$WORK/modules" || fail "cannot copy $MODULES"
export FIPS_MODULES="$WORK/modules"

for n in a b c d e; do new_node "$n"; done
write_config a b
write_config b a c
write_config c b
write_config d e
write_config e d
echo "work dir $WORK; A=127.0.0.1:$PORT_a B=127.0.0.1:$PORT_b C=127.0.0.1:$PORT_c D=127.0.0.1:$PORT_d E=127.0.0.1:$PORT_e"

# ---------------------------------------------------------------- 1. chain A - B - C

start_node a
start_node b
start_node c
wait_until "$START_TIMEOUT" running a b c || fail "the daemons did not start within ${START_TIMEOUT} s"
links_up() {
  running a b c || return 1
  [ "$(count "$WORK/a.log" 'link up: peer=node-b')" -ge 1 ] && [ "$(count "$WORK/c.log" 'link up: peer=node-b')" -ge 1 ] \
    && [ "$(count "$WORK/b.log" 'link up: peer=node-a')" -ge 1 ] && [ "$(count "$WORK/b.log" 'link up: peer=node-c')" -ge 1 ]
}
wait_until "$UP_TIMEOUT" links_up || fail "chain links not up within ${UP_TIMEOUT} s"
pass "chain links up: A-B and B-C"
# A and C are configured with B only; a link between them would not be a chain.
[ "$(count "$WORK/a.log" 'link up: ')" -eq "$(count "$WORK/a.log" 'link up: peer=node-b')" ] || fail "A has a link to a node other than B"
[ "$(count "$WORK/c.log" 'link up: ')" -eq "$(count "$WORK/c.log" 'link up: peer=node-b')" ] || fail "C has a link to a node other than B"

# ---------------------------------------------------------------- 2. one root

wait_until 5 have_identity a b c || fail "no identity line with node_addr"
ADDR_a=$(node_addr a); ADDR_b=$(node_addr b); ADDR_c=$(node_addr c)
ROOT_ADDR=$(smallest "$ADDR_a" "$ADDR_b" "$ADDR_c")
ROOT16=${ROOT_ADDR:0:16}
A8=${ADDR_a:0:8}; B8=${ADDR_b:0:8}; C8=${ADDR_c:0:8}; R8=${ROOT_ADDR:0:8}
case "$ROOT_ADDR" in "$ADDR_a") ROOT_NAME=A ;; "$ADDR_b") ROOT_NAME=B ;; *) ROOT_NAME=C ;; esac
echo "node_addrs: A=$ADDR_a B=$ADDR_b C=$ADDR_c; smallest: $ROOT_NAME"
wait_until "$TREE_TIMEOUT" all_on_root "$ROOT16" a b c \
  || fail "the three nodes do not agree on root $ROOT16 (A: $(tree_root a), B: $(tree_root b), C: $(tree_root c))"
pass "A, B and C agree on the root $ROOT16... (node $ROOT_NAME, the smallest node_addr)"

# ---------------------------------------------------------------- 3. coordinates through B

case "$ROOT_NAME" in
  A) WANT_A="$A8"; WANT_B="$B8 $A8"; WANT_C="$C8 $B8 $A8" ;;
  B) WANT_A="$A8 $B8"; WANT_B="$B8"; WANT_C="$C8 $B8" ;;
  C) WANT_A="$A8 $B8 $C8"; WANT_B="$B8 $C8"; WANT_C="$C8" ;;
esac
chain_coords() { coords_are a "$WANT_A" && coords_are b "$WANT_B" && coords_are c "$WANT_C"; }
wait_until "$TREE_TIMEOUT" chain_coords \
  || fail "coordinates: A=[$(tree_coords a)] B=[$(tree_coords b)] C=[$(tree_coords c)], want A=[$WANT_A] B=[$WANT_B] C=[$WANT_C]"
if [ "$ROOT_NAME" != A ]; then
  case " $(tree_coords a) " in *" $B8 "*) ;; *) fail "A's coordinates [$(tree_coords a)] do not contain B" ;; esac
fi
if [ "$ROOT_NAME" != C ]; then
  case " $(tree_coords c) " in *" $B8 "*) ;; *) fail "C's coordinates [$(tree_coords c)] do not contain B" ;; esac
fi
pass "coordinates go through B: A=[$(tree_coords a)] B=[$(tree_coords b)] C=[$(tree_coords c)]"
echo "  A: $(last_tree a | sed 's/.* tree: /tree: /')"
echo "  B: $(last_tree b | sed 's/.* tree: /tree: /')"
echo "  C: $(last_tree c | sed 's/.* tree: /tree: /')"

# ---------------------------------------------------------------- 4. SIGTERM

for n in a b c; do stop_node "$n"; done
pass "A, B and C exited 0 after SIGTERM and logged their counters"
echo "  $(grep -F 'stopped; counters:' "$WORK/b.log" | tail -n 1 | sed 's/.* stopped; /B stopped; /')"
if grep -F ' ERROR ' "$WORK/a.log" "$WORK/b.log" "$WORK/c.log"; then
  fail "ERROR lines in the logs"
fi
pass "no ERROR lines in the chain's logs"

# ---------------------------------------------------------------- 5. two nodes alone

start_node d
start_node e
wait_until "$START_TIMEOUT" running d e || fail "the daemons did not start within ${START_TIMEOUT} s"
pair_up() {
  running d e || return 1
  [ "$(count "$WORK/d.log" 'link up: peer=node-e')" -ge 1 ] && [ "$(count "$WORK/e.log" 'link up: peer=node-d')" -ge 1 ]
}
wait_until "$UP_TIMEOUT" pair_up || fail "D-E link not up within ${UP_TIMEOUT} s"
wait_until 5 have_identity d e || fail "no identity line with node_addr"
ADDR_d=$(node_addr d); ADDR_e=$(node_addr e)
ROOT2=$(smallest "$ADDR_d" "$ADDR_e")
if [ "$ROOT2" = "$ADDR_d" ]; then CHILD=e; WANT_CHILD="${ADDR_e:0:8} ${ADDR_d:0:8}"; else CHILD=d; WANT_CHILD="${ADDR_d:0:8} ${ADDR_e:0:8}"; fi
pair_agrees() { all_on_root "${ROOT2:0:16}" d e && coords_are "$CHILD" "$WANT_CHILD"; }
wait_until "$TREE_TIMEOUT" pair_agrees \
  || fail "D and E do not agree on root ${ROOT2:0:16} (D: $(tree_root d) [$(tree_coords d)], E: $(tree_root e) [$(tree_coords e)])"
pass "D and E agree on the root ${ROOT2:0:16}... (the smaller node_addr); $(echo "$CHILD" | tr a-z A-Z)=[$(tree_coords "$CHILD")]"
for n in d e; do stop_node "$n"; done
if grep -F ' ERROR ' "$WORK/d.log" "$WORK/e.log"; then
  fail "ERROR lines in the pair's logs"
fi
pass "D and E exited 0 after SIGTERM, no ERROR lines"
echo "PASS: three-nodes-chain"
