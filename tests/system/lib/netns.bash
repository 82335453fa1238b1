# Network-namespace helpers for the system tests (sourced; bin/test runs only
# tests/system/*.sh). Everything made here is named with the suffix $NS_SUFFIX
# (the test's PID), recorded, and removed by ns_cleanup, which each test
# calls from its EXIT trap, so a failed or interrupted run leaves nothing.
#
# Only private addresses inside namespaces the test creates are used: the
# host's own interfaces, routes and resolver are never touched.

NS_SUFFIX="${NS_SUFFIX:-$$}"
NS_MADE=""      # namespaces created, in order
NS_ETC=""       # /etc/netns/<ns> directories created (per-namespace resolv.conf)

ns_name() { echo "fips${1}${NS_SUFFIX}"; }   # ns_name a -> fipsa12345

# ns_require: root, ip netns, veth and /dev/net/tun, or a clear failure.
ns_require() {
  [ "$(id -u)" = 0 ] || fail "must run as root (network namespaces, TUN devices)"
  command -v ip >/dev/null || fail "ip (iproute2) not installed"
  [ -c /dev/net/tun ] || fail "/dev/net/tun missing: no TUN support on this machine"
}

# ns_add NAME: a namespace with loopback up.
ns_add() {
  local ns; ns=$(ns_name "$1")
  ip netns add "$ns" || fail "ip netns add $ns"
  NS_MADE="$NS_MADE $ns"
  ip -n "$ns" link set lo up || fail "lo up in $ns"
}

# ns_exec NAME CMD...: runs CMD inside namespace NAME.
ns_exec() { local ns; ns=$(ns_name "$1"); shift; ip netns exec "$ns" "$@"; }

# ns_link A B ADDR_A ADDR_B: a veth pair between namespaces A and B with IPv4
# /30 addresses ADDR_A and ADDR_B (e.g. 10.77.1.1 10.77.1.2), both up.
ns_link() {
  local a=$1 b=$2 ia=$3 ib=$4 va vb
  va="v${a}${b}${NS_SUFFIX}"; vb="v${b}${a}${NS_SUFFIX}"
  va=${va:0:15}; vb=${vb:0:15}
  ip link add "$va" type veth peer name "$vb" || fail "ip link add $va type veth peer $vb"
  ip link set "$va" netns "$(ns_name "$a")" || fail "move $va"
  ip link set "$vb" netns "$(ns_name "$b")" || fail "move $vb"
  ip -n "$(ns_name "$a")" addr add "$ia/30" dev "$va" || fail "address $ia on $va"
  ip -n "$(ns_name "$b")" addr add "$ib/30" dev "$vb" || fail "address $ib on $vb"
  ip -n "$(ns_name "$a")" link set "$va" up || fail "$va up"
  ip -n "$(ns_name "$b")" link set "$vb" up || fail "$vb up"
}

# ns_resolver NAME NAMESERVER: the resolv.conf `ip netns exec` bind-mounts
# for processes in NAME (so unmodified ping/curl resolve through NAMESERVER).
ns_resolver() {
  local ns; ns=$(ns_name "$1")
  mkdir -p "/etc/netns/$ns" || fail "mkdir /etc/netns/$ns"
  NS_ETC="$NS_ETC /etc/netns/$ns"
  printf 'nameserver %s\noptions timeout:2 attempts:2\n' "$2" >"/etc/netns/$ns/resolv.conf"
}

# ns_cleanup: kills every process still inside our namespaces, deletes them
# (their veths go with them) and the /etc/netns entries.
ns_cleanup() {
  local ns d p
  for ns in $NS_MADE; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
  done
  for ns in $NS_MADE; do ip netns del "$ns" 2>/dev/null; done
  for d in $NS_ETC; do rm -rf "$d"; done
  NS_MADE=""; NS_ETC=""
}
