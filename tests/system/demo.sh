#!/usr/bin/env bash
# System test: the one-command demo of the runtime image (issue 6),
# fips.launcher/target/image/bin/fips-demo, run as the README tells a
# newcomer to. It must ping the far node by <npub>.fips 5 times out of 5,
# report a two-hop path a -> b -> c and an established session, exit 0,
# and leave no namespace, veth or /etc/netns entry behind.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DEMO="$ROOT/fips.launcher/target/image/bin/fips-demo"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/fips-demo-test.XXXXXX")"
FAILED=0
source "$(dirname "$0")/lib/common.bash"
trap 'rm -rf "$WORK"' EXIT

[ -x "$DEMO" ] || fail "no $DEMO; build the image first (bin/build)"
before_ns=$(ip netns list | grep -c 'fips-demo-' || true)
before_links=$(ip -o link show | grep -c 'vd[ab][abc][0-9]' || true)
timeout 180 "$DEMO" >"$WORK/demo.log" 2>&1; rc=$?
cat "$WORK/demo.log" | sed 's/^/  | /'
[ "$rc" = 0 ] || fail "fips-demo exited $rc"
grep -q ' 5 received' "$WORK/demo.log" || fail "the demo's ping did not get 5 replies"
grep -q 'path a -> c: a -> b -> c (2 mesh hops)' "$WORK/demo.log" || fail "the demo did not report the path a -> b -> c"
grep -q 'session a -> c: established' "$WORK/demo.log" || fail "the demo did not report an established session"
[ "$(ip netns list | grep -c 'fips-demo-' || true)" = "$before_ns" ] || fail "fips-demo left a namespace behind: $(ip netns list)"
[ "$(ip -o link show | grep -c 'vd[ab][abc][0-9]' || true)" = "$before_links" ] || fail "fips-demo left a veth behind"
ls /etc/netns 2>/dev/null | grep -q 'fips-demo-' && fail "fips-demo left /etc/netns entries"
pass "fips-demo: 5/5 pings by npub.fips over a -> b -> c, session established, everything removed"
echo "PASS: demo"
