#!/usr/bin/env bash
# System test: the control socket, fipsctl and fipstop against live daemons
# (issue 6; reference/control-socket.md, cli-fipsctl.md, cli-fipstop.md,
# INTEROP.md 13). Two `fips` daemons A and B on 127.0.0.1, each with its
# control socket in the work directory:
#
#   1. fipsctl show status/peers/links/tree/sessions/transports/routing on A
#      answer with A's npub, B as a peer with an up link, the same root as B;
#   2. bad requests on the raw socket (not JSON, no command, unknown command,
#      a line over 4096 bytes, a client that says nothing) each get an error
#      reply or a timeout, and A keeps answering;
#   3. fipsctl errors: a socket nobody listens on (exit 1, "not running"), a
#      bad subcommand (exit 1), disconnect of an unknown npub (exit 1);
#   4. fipsctl disconnect B: the link goes down on both; fipsctl connect B:
#      it comes back;
#   5. fipstop in tmux against A: the screen shows A's npub and, on the Peers
#      tab, node-b; q exits 0 with the terminal back in cooked mode.
# Only 127.0.0.1 and files under the work directory are used.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIPS="$ROOT/bin/fips"
FIPSCTL="$ROOT/bin/fipsctl"
MODULES="$ROOT/fips.launcher/target/modules"
PYTHON=/usr/bin/python3; [ -x "$PYTHON" ] || PYTHON=python3
START_TIMEOUT=30
UP_TIMEOUT=20

WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-control.XXXXXX")"
FAILED=0
PID_a=""; PID_b=""

source "$(dirname "$0")/lib/common.bash"
source "$(dirname "$0")/lib/fipstop-tmux.bash"

cleanup() {
  fipstop_tmux_stop top
  local p
  for p in "$PID_a" "$PID_b"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  done
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v tmux >/dev/null || fail "tmux not installed"
compgen -G "$MODULES/fips.transport.udp-*.jar" >/dev/null || fail "no build in $MODULES; run bin/build"
cp -r "$MODULES" "$WORK/modules" || fail "cannot copy $MODULES"
export FIPS_MODULES="$WORK/modules"

for n in a b; do
  keys="$("$FIPSCTL" keygen --stdout)" || fail "fipsctl keygen --stdout"
  eval "NSEC_$n=$(sed -n 1p <<<"$keys"); NPUB_$n=$(sed -n 2p <<<"$keys")"
  port=$(free_port) || fail "no free UDP port"
  USED_PORTS="$USED_PORTS$port "
  eval "PORT_$n=$port"
done
write_config() { # NAME PEER
  local n=$1 p=$2
  mkdir -p "$WORK/$n"
  cat >"$WORK/$n/fips.yaml" <<YAML
node:
  identity:
    nsec: "$(eval "echo \$NSEC_$n")"
  control:
    socket_path: "$WORK/$n/control.sock"
dns:
  enabled: false
transports:
  udp:
    bind_addr: "127.0.0.1:$(eval "echo \$PORT_$n")"
peers:
  - npub: "$(eval "echo \$NPUB_$p")"
    alias: "node-$p"
    addresses:
      - transport: udp
        addr: "127.0.0.1:$(eval "echo \$PORT_$p")"
YAML
}
write_config a b
write_config b a
SOCK_A="$WORK/a/control.sock"

"$FIPS" -c "$WORK/a/fips.yaml" >"$WORK/a.out" 2>"$WORK/a.log" & PID_a=$!
"$FIPS" -c "$WORK/b/fips.yaml" >"$WORK/b.out" 2>"$WORK/b.log" & PID_b=$!
up() { grep -qF 'link up: peer=node-b' "$WORK/a.log" && grep -qF 'link up: peer=node-a' "$WORK/b.log"; }
wait_until $((START_TIMEOUT + UP_TIMEOUT)) up || fail "A-B link not up"
[ -S "$SOCK_A" ] || fail "no control socket at $SOCK_A"
pass "A and B up, control socket $SOCK_A"

# json FILE EXPR: evaluates a Python expression on the parsed JSON as `d`
json() { "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
ctl() { "$FIPSCTL" -s "$SOCK_A" "$@"; }

# ---------------------------------------------------------------- 1. show commands

ctl show status >"$WORK/status.json" || fail "fipsctl show status exited $?"
[ "$(json "$WORK/status.json" 'd["npub"]')" = "$NPUB_a" ] || fail "show status: npub is not A's: $(cat "$WORK/status.json")"
tree_agrees() {
  ctl show status >"$WORK/status.json" 2>/dev/null && "$FIPSCTL" -s "$WORK/b/control.sock" show status >"$WORK/status_b.json" 2>/dev/null \
    && [ "$(json "$WORK/status.json" 'd["peer_count"]')" = 1 ] \
    && [ "$(json "$WORK/status.json" 'd["root"]')" = "$(json "$WORK/status_b.json" 'd["root"]')" ]
}
wait_until 15 tree_agrees || fail "show status: peer_count/root not as expected: $(cat "$WORK/status.json")"
ctl show peers >"$WORK/peers.json" || fail "show peers"
[ "$(json "$WORK/peers.json" '[p["npub"] for p in d["peers"]]')" = "['$NPUB_b']" ] || fail "show peers: $(cat "$WORK/peers.json")"
ctl show links >"$WORK/links.json" || fail "show links"
[ "$(json "$WORK/links.json" 'len(d["links"])')" = 1 ] || fail "show links: $(cat "$WORK/links.json")"
for what in tree sessions transports routing bloom cache connections identity-cache; do
  ctl show "$what" >"$WORK/$what.json" || fail "fipsctl show $what exited $?"
  json "$WORK/$what.json" 'type(d).__name__' | grep -qx dict || fail "show $what: not a JSON object"
done
[ "$(json "$WORK/transports.json" 'd["transports"][0]["type"]')" = udp ] || fail "show transports: $(cat "$WORK/transports.json")"
pass "fipsctl show status/peers/links/tree/sessions/transports/routing/bloom/cache/connections/identity-cache on A"

# ---------------------------------------------------------------- 2. hostile requests

raw() { # LINE-BYTES... -> the reply line (python writes the bytes as given, reads one line)
  "$PYTHON" - "$SOCK_A" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(8); s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode().decode('unicode_escape').encode('latin-1'))
buf = b''
try:
    while not buf.endswith(b'\n'):
        c = s.recv(65536)
        if not c: break
        buf += c
except socket.timeout:
    buf += b'<timeout>'
print(buf.decode(errors='replace').strip())
PY
}
for req in 'not json\n' '{"params":{}}\n' '{"command":"rm_rf"}\n' '{"command":"show_status","params":5}\n' "$(head -c 5000 /dev/zero | tr '\0' 'x')\n"; do
  reply=$(raw "$req")
  case "$reply" in '{"status":"error","message":'*) ;; *) fail "request '${req:0:40}...' got: $reply" ;; esac
done
reply=$(raw '')   # connects, sends nothing: the server's 5 s read deadline
case "$reply" in *'"status":"error"'*|'') ;; *) fail "silent client got: $reply" ;; esac
ctl show status >/dev/null || fail "A stopped answering after the bad requests"
pass "bad JSON, missing command, unknown command, bad params, 5000-byte line, silent client: error replies; A still answers"

# ---------------------------------------------------------------- 3. fipsctl errors

out=$("$FIPSCTL" -s "$WORK/nobody.sock" show status 2>&1); rc=$?
[ "$rc" = 1 ] || fail "fipsctl on a dead socket exited $rc"
grep -qi 'daemon running' <<<"$out" || fail "fipsctl on a dead socket said: $out"
out=$(ctl show nonsense 2>&1); rc=$?
[ "$rc" = 1 ] && grep -q 'nonsense' <<<"$out" || fail "fipsctl show nonsense: exit $rc: $out"
other="$("$FIPSCTL" keygen --stdout | sed -n 2p)"
out=$(ctl disconnect "$other" 2>&1); rc=$?
[ "$rc" = 1 ] && grep -q 'peer not found' <<<"$out" || fail "disconnect of an unknown peer: exit $rc: $out"
pass "fipsctl: dead socket -> exit 1 'is the daemon running?'; bad subcommand and unknown peer -> exit 1 naming them"

# ---------------------------------------------------------------- 4. disconnect / connect

ctl disconnect "$NPUB_b" >"$WORK/disc.json" || fail "fipsctl disconnect B"
[ "$(json "$WORK/disc.json" 'd["disconnected"]')" = True ] || fail "disconnect reply: $(cat "$WORK/disc.json")"
down() { grep -qF 'link down: peer=node-a' "$WORK/b.log"; }
wait_until 10 down || fail "B did not see the link go down"
ctl connect "$NPUB_b" "127.0.0.1:$PORT_b" udp >"$WORK/conn.json" || fail "fipsctl connect B: $(cat "$WORK/conn.json")"
back() { [ "$(grep -cF 'link up: peer=node-b' "$WORK/a.log")" -ge 2 ]; }
wait_until 15 back || fail "the link to B did not come back after connect"
pass "fipsctl disconnect B: link down on both ends; fipsctl connect B: link up again"

# ---------------------------------------------------------------- 5. fipstop

fipstop_tmux_start top 120 40 -s "$SOCK_A" -r 0.5
fipstop_tmux_await top "${NPUB_a:0:20}" 30 || fail "fipstop did not show A's npub"
fipstop_tmux_keys top Tab
fipstop_tmux_await top "node-b" 15 || fail "fipstop's Peers tab did not show node-b"
fipstop_tmux_capture top >"$WORK/fipstop-peers.txt"
fipstop_tmux_keys top q
st=$(fipstop_tmux_exit_status top 15) || fail "fipstop did not exit on q"
[ "$st" = 0 ] || fail "fipstop exited $st on q"
fipstop_tmux_tty_restored top || fail "the terminal is still in raw mode after fipstop"
pass "fipstop against live A: npub on screen, node-b on the Peers tab, q exits 0, terminal restored"
sed -n '1,12p' "$WORK/fipstop-peers.txt" | sed 's/^/  | /'

kill -TERM "$PID_a" "$PID_b"
for p in "$PID_a" "$PID_b"; do wait_exit "$p" 15; rc=$?; [ "$rc" = 0 ] || fail "a daemon exited $rc on SIGTERM"; done
PID_a=""; PID_b=""
[ ! -e "$SOCK_A" ] || fail "the control socket file was left behind"
grep -F ' ERROR ' "$WORK/a.log" "$WORK/b.log" && fail "ERROR lines in the logs"
pass "SIGTERM: both exit 0, the socket file is removed, no ERROR lines"
echo "PASS: control-and-fipstop"
