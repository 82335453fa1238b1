#!/usr/bin/env bash
# System test: unmodified IPv6 tools across a three-node FIPS chain in real
# network namespaces (issue 5; design/fips-ipv6-adapter.md, INTEROP.md 9).
#
#   A ---veth--- B ---veth--- C      each node a `fips` process in its own
#                                    namespace, UDP over the veths, TUN fips0
#
# From A, with the system's own tools:
#   1. dig resolves <npub of C>.fips to C's fd00::/8 address through A's DNS
#      responder (INTEROP.md 9.6);
#   2. ping -6 -c 5 <npub of C>.fips gets 5 replies (two mesh hops via B; A
#      and C are not peers, so this takes a lookup and a session);
#      and B's address, never looked up by name, answers too (the identity
#      cache knows B from the link handshake);
#   3. curl -6 fetches a page from an HTTP server in C, byte for byte;
#   4. MTU (INTEROP.md 9.2, 9.3): with transport MTU 1472 the effective IPv6
#      MTU is 1395 and fips0's MTU is 1500, so a 1400-byte packet gets an
#      ICMPv6 Packet Too Big (mtu=1395) from the adapter, after which the
#      kernel fragments to fit and the pings succeed; a 9000-byte ping is
#      fragmented by the sender's kernel and succeeds; with fragmentation
#      forbidden (-M do) it fails locally;
#   5. a rate-limited download keeps running across a session rekey
#      (node.rekey.after_secs: 8) and arrives intact; the logs show a rekey.
# Everything (processes, namespaces, veths, /etc/netns entries) is removed
# on exit, also on failure. KEEP=1 keeps the work directory with the logs.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIPS="$ROOT/bin/fips"
FIPSCTL="$ROOT/bin/fipsctl"
MODULES="$ROOT/fips.launcher/target/modules"
START_TIMEOUT=40
UP_TIMEOUT=30
PYTHON=/usr/bin/python3; [ -x "$PYTHON" ] || PYTHON=python3

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-ipv6.XXXXXX")"
chmod 755 "$WORK"
FAILED=0

source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/netns.bash"

cleanup() {
  ns_cleanup
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ns_require
for tool in ping curl dig; do command -v $tool >/dev/null || fail "$tool not installed"; done
compgen -G "$MODULES/fips.transport.udp-*.jar" >/dev/null || fail "no build in $MODULES; run bin/build"
cp -r "$MODULES" "$WORK/modules" || fail "cannot copy $MODULES"
export FIPS_MODULES="$WORK/modules"

# ---------------------------------------------------------------- topology

for n in a b c; do ns_add "$n"; done
ns_link a b 10.77.1.1 10.77.1.2
ns_link b c 10.77.2.1 10.77.2.2
declare -A IP=([a]=10.77.1.1 [b]=10.77.1.2 [c]=10.77.2.2)
ns_resolver a 127.0.0.1

new_keys() { # NAME -> NSEC_<n>, NPUB_<n>
  local keys; keys="$("$FIPSCTL" keygen --stdout)" || fail "fipsctl keygen --stdout"
  eval "NSEC_$1=$(sed -n 1p <<<"$keys"); NPUB_$1=$(sed -n 2p <<<"$keys")"
}
for n in a b c; do new_keys "$n"; done

# write_config NAME BIND PEER=ADDR...
write_config() {
  local n=$1 bind=$2 pa; shift 2
  mkdir -p "$WORK/$n"
  {
    echo "node:"
    echo "  identity:"
    echo "    nsec: \"$(eval "echo \$NSEC_$n")\""
    echo "  rekey:"
    echo "    after_secs: 8"
    echo "  control:"
    echo "    socket_path: \"$WORK/$n/control.sock\""
    echo "tun:"
    echo "  enabled: true"
    echo "  name: fips0"
    echo "  mtu: 1500"
    echo "dns:"
    echo "  enabled: true"
    echo "  bind_addr: \"127.0.0.1\""
    echo "  port: 53"
    echo "transports:"
    echo "  udp:"
    echo "    bind_addr: \"$bind:2121\""
    echo "    mtu: 1472"
    echo "peers:"
    for pa in "$@"; do
      echo "  - npub: \"$(eval "echo \$NPUB_${pa%%=*}")\""
      echo "    alias: \"node-${pa%%=*}\""
      echo "    addresses:"
      echo "      - transport: udp"
      echo "        addr: \"${pa#*=}:2121\""
    done
  } >"$WORK/$n/fips.yaml"
}
write_config a "${IP[a]}" b=10.77.1.2
write_config b 0.0.0.0 a=10.77.1.1 c=10.77.2.2
write_config c "${IP[c]}" b=10.77.2.1

start_node() { # NAME (ip netns exec execs the command, so $! is the daemon itself)
  ip netns exec "$(ns_name "$1")" "$FIPS" -c "$WORK/$1/fips.yaml" >>"$WORK/$1.out" 2>>"$WORK/$1.log" &
  eval "PID_$1=$!"
}
alive() { local n p; for n in "$@"; do p=$(eval "echo \$PID_$n"); kill -0 "$p" 2>/dev/null || fail "node $n exited early"; done; }
logged() { grep -q -F -- "$2" "$WORK/$1.log" 2>/dev/null; } # NAME TEXT

for n in a b c; do start_node "$n"; done
all_running() { alive a b c; logged a ' running: ' && logged b ' running: ' && logged c ' running: '; }
wait_until "$START_TIMEOUT" all_running || fail "the daemons did not start within ${START_TIMEOUT} s"
chain_up() {
  alive a b c
  logged a 'link up: peer=node-b' && logged c 'link up: peer=node-b' && logged b 'link up: peer=node-a' && logged b 'link up: peer=node-c'
}
wait_until "$UP_TIMEOUT" chain_up || fail "chain links not up within ${UP_TIMEOUT} s"
pass "three nodes in three namespaces, links A-B and B-C up"

# C's FIPS address as C itself reports it (its identity line), in the
# canonical text form ip and dig print, and on its fips0.
canon6() { "$PYTHON" -c 'import ipaddress,sys; print(ipaddress.ip_address(sys.argv[1]))' "$1"; }
ADDR_C=$(sed -n 's/.* identity: .* address=\([0-9a-f:]*\) .*/\1/p' "$WORK/c.log" | head -n 1)
[ -n "$ADDR_C" ] || fail "no address= in C's identity line"
ADDR_C=$(canon6 "$ADDR_C")
tun_ready() { ns_exec c ip -6 addr show dev fips0 2>/dev/null | grep -q "inet6 $ADDR_C/128"; }
wait_until 10 tun_ready || fail "C's fips0 does not carry $ADDR_C/128: $(ns_exec c ip -6 addr show 2>&1)"
ns_exec a ip -6 route show | grep -q '^fd00::/8 dev fips0' || fail "A has no fd00::/8 route via fips0: $(ns_exec a ip -6 route show)"
pass "fips0 up in each namespace with its fd00::/8 address and route"

# ---------------------------------------------------------------- 1. DNS

NAME_C="$NPUB_c.fips"
GOT=$(ns_exec a dig +short +time=2 +tries=2 @127.0.0.1 -p 53 AAAA "$NAME_C")
[ "$GOT" = "$ADDR_C" ] || fail "dig AAAA $NAME_C answered '$GOT', want $ADDR_C"
RC=$(ns_exec a dig +time=2 +tries=1 @127.0.0.1 -p 53 AAAA "npub1notakey.fips" | sed -n 's/.*status: \([A-Z]*\).*/\1/p')
[ "$RC" = NXDOMAIN ] || fail "a bad npub got status '$RC', want NXDOMAIN"
pass "dig: $NAME_C -> $ADDR_C; a bad npub -> NXDOMAIN"

# ---------------------------------------------------------------- 2. ping by name

# A lookup needs C in some peer's bloom filter (INTEROP.md 7 "Origination":
# no match is a failure, not a wait), so right after start-up the first
# packets may be refused with Destination Unreachable: wait until one echo
# gets through, then count.
reachable() { ns_exec a ping -6 -c 1 -W 1 "$ADDR_C" >/dev/null 2>&1; }
t0=$(date +%s%N)
wait_until 30 reachable || fail "C not reachable from A within 30 s"
pass "first echo from C after $(( ($(date +%s%N) - t0) / 1000000 )) ms of trying (mesh convergence)"
ns_exec a ping -6 -c 5 -i 0.3 -W 5 "$NAME_C" >"$WORK/ping.txt" 2>&1
grep -q ' 5 received' "$WORK/ping.txt" || { cat "$WORK/ping.txt"; fail "ping -6 -c 5 $NAME_C: not 5 replies"; }
RTT=$(sed -n 's/^rtt .* = \([^ ]*\) ms/\1/p' "$WORK/ping.txt")
pass "ping -6 -c 5 by name: 5/5 replies over A-B-C, rtt min/avg/max/mdev $RTT ms"

# Never looked up (design/fips-ipv6-adapter.md, identity cache): B's address
# was never resolved through DNS; A knows B's key from their link handshake.
ADDR_B=$(canon6 "$(sed -n 's/.* identity: .* address=\([0-9a-f:]*\) .*/\1/p' "$WORK/b.log" | head -n 1)")
ns_exec a ping -6 -c 2 -i 0.3 -W 5 "$ADDR_B" >"$WORK/pingb.txt" 2>&1
grep -q ' 2 received' "$WORK/pingb.txt" || { cat "$WORK/pingb.txt"; fail "ping to B's address (no DNS) did not get 2 replies"; }
pass "ping -6 B's fd address, never resolved by name: 2/2 (the identity cache knows B from the link)"

# ---------------------------------------------------------------- 3. HTTP

mkdir -p "$WORK/www"
head -c 300000 /dev/urandom >"$WORK/www/page.bin"
head -c 24000000 /dev/urandom >"$WORK/www/big.bin"
ns_exec c "$PYTHON" -m http.server --bind "$ADDR_C" --directory "$WORK/www" 8080 >"$WORK/http.log" 2>&1 &
http_up() { ns_exec c bash -c "exec 3<>/dev/tcp/$ADDR_C/8080" 2>/dev/null; }
wait_until 10 http_up || fail "HTTP server in C did not start"
ns_exec a curl -6 -sS --max-time 30 -o "$WORK/page.got" "http://$NAME_C:8080/page.bin" || fail "curl -6 http://$NAME_C:8080/page.bin"
cmp -s "$WORK/www/page.bin" "$WORK/page.got" || fail "the page fetched over FIPS differs from the served one"
pass "curl -6 http://<npub>.fips:8080/: 300000 bytes, identical"

# ---------------------------------------------------------------- 4. MTU

# ping -s N sends an IPv6 packet of N + 48 bytes (40 IPv6 + 8 ICMPv6).
ns_exec a ping -6 -c 4 -i 0.3 -W 5 -s 1352 "$ADDR_C" >"$WORK/ping1400.txt" 2>&1
grep -q 'mtu=1395' "$WORK/ping1400.txt" || { cat "$WORK/ping1400.txt"; fail "1400-byte ping: no Packet Too Big with mtu=1395"; }
grep -q '[1-9] received' "$WORK/ping1400.txt" || { cat "$WORK/ping1400.txt"; fail "1400-byte ping: no reply after the PTB"; }
pass "1400-byte ping: Packet Too Big mtu=1395 from the adapter, then replies ($(grep -o '[0-9]* received' "$WORK/ping1400.txt"))"
ns_exec a ping -6 -c 3 -i 0.3 -W 5 -s 8952 "$ADDR_C" >"$WORK/ping9000.txt" 2>&1
grep -q ' 3 received' "$WORK/ping9000.txt" || { cat "$WORK/ping9000.txt"; fail "9000-byte ping: want 3 replies (sender fragments)"; }
if ns_exec a ping -6 -c 1 -W 2 -M do -s 8952 "$ADDR_C" >"$WORK/ping9000df.txt" 2>&1; then
  cat "$WORK/ping9000df.txt"; fail "9000-byte ping with fragmentation forbidden succeeded"
fi
pass "9000-byte ping: fragmented by the sender, 3/3 replies; with -M do it fails locally"

# ---------------------------------------------------------------- 5. transfer across a rekey

before=$(grep -c -F 'session rekeyed' "$WORK/a.log" "$WORK/c.log" | awk -F: '{s+=$2} END {print s+0}')
ns_exec a curl -6 -sS --max-time 60 --limit-rate 1500K -o "$WORK/big.got" "http://$NAME_C:8080/big.bin" \
  || fail "curl of 24 MB at 1.5 MB/s failed"
cmp -s "$WORK/www/big.bin" "$WORK/big.got" || fail "the 24 MB download differs from the served file"
after=$(grep -c -F 'session rekeyed' "$WORK/a.log" "$WORK/c.log" | awk -F: '{s+=$2} END {print s+0}')
[ "$after" -gt "$before" ] || fail "no session rekey happened during the 16 s download (after_secs 8)"
pass "24 MB download at 1.5 MB/s across $((after - before)) session rekey(s): identical"

# ---------------------------------------------------------------- stop

for n in a b c; do kill -TERM "$(eval "echo \$PID_$n")"; done
for n in a b c; do
  wait_exit "$(eval "echo \$PID_$n")" 15; rc=$?
  [ "$rc" -eq 0 ] || fail "$n exited with status $rc after SIGTERM"
done
if grep -F ' ERROR ' "$WORK"/a.log "$WORK"/b.log "$WORK"/c.log; then fail "ERROR lines in the logs"; fi
pass "the three daemons exited 0 on SIGTERM, no ERROR lines"
echo "PASS: ipv6-three-namespaces"
