#!/usr/bin/env bash
# run.sh — single-stream TCP throughput and ping RTT over fips0 (our daemon,
# "fips-java") next to wireguard-go and yggdrasil, measured in the same run.
#
# Credits: this is a copy of the project's shared overlay-anchor harness
# (bench/anchors.sh in the shared folder, figures in its RESULTS.md), kept in
# its structure; what this copy adds is marked "fips-java" below:
#   * overlay_fips_java(): one `bin/fips` per namespace over UDP on the veths
#     (IPv6 underlay), TUN fips0, DNS off, peers = chain neighbours;
#   * per-thread CPU of every daemon during each iperf run (/proc/PID/task),
#     so the fips-java protocol / UDP receive / TUN reader threads show apart;
#   * the `stopped; counters: ...` line each fips daemon prints on SIGTERM,
#     plus its WARN/ERROR lines, collected into counters.txt;
#   * optional JFR recording of the fips daemons (JFR=1);
#   * a package check that names what is missing (INSTALL=1 installs it).
#
# For each SYSTEM and each TOPOLOGY it builds fresh network namespaces joined by
# veth pairs (only inside namespaces this script creates; nothing leaves them):
#
#   2 nodes:  A —— B            (measured A -> B)
#   3 nodes:  A —— B —— C       (measured A -> C, B forwards)
#
# sets the overlay up across them with one function per system, and measures
# from the first node to the last:
#   * ping -c PING_COUNT -i PING_INTERVAL RTT at idle (avg / max / loss),
#     before the iperf runs and again after them (fips-java: cold vs JIT-warm)
#   * iperf3 TCP, one stream, DURATION s, RUNS times (receiver-side Mbit/s)
#   * CPU time (utime+stime, /proc/PID/stat) used by the overlay daemons
#     during each iperf run, per thread too, and whole-machine busy CPU time
#     (/proc/stat)
#   * once per invocation: openssl speed -evp chacha20-poly1305 at 1400 bytes
#
# Everything started is bounded by `timeout`, recorded by PID and stopped by
# PID; every namespace created is deleted (trap on EXIT). A watchdog aborts the
# whole run after MAX_TOTAL seconds.
#
# Usage (root; from anywhere):
#         benchmarks/throughput/run.sh             # all default systems
#         SYSTEMS="fips-java wireguard-go-1if" TOPOLOGIES=3 RUNS=5 benchmarks/throughput/run.sh
#   default SYSTEMS: baseline fips-java wireguard-go wireguard-go-1if
#                    yggdrasil yggdrasil-mtu1420       (about 11 minutes)
#   also known: yggdrasil-tls
#         benchmarks/throughput/run.sh --list      # list known systems
#
# fips-java settings: FIPS_MODULES (module directory to run, default
#   fips.launcher/target/modules of this tree; copied into the run dir first so
#   a rebuild cannot swap jars under the JVMs), FIPS_TUN_MTU (fips0 MTU,
#   default 1395 = the effective IPv6 MTU at transport MTU 1472),
#   FIPS_WARMUP (untimed iperf3 seconds before the fips-java runs, default 8,
#   instead of WARMUP: the JVM's JIT compiles the data path in that time),
#   FIPS_UDP_MTU (1472), FIPS_JAVA_OPTS (extra JVM options, passed on by
#   bin/_run.sh), JFR=1 (one JFR recording per fips daemon, settings=profile,
#   dumped with jcmd to logs/<case>.fips-java-<node>.jfr after the runs).
#
# Output: results/<UTC-timestamp>/{env.txt,openssl.txt,raw.tsv,summary.tsv,
#         table.md,threads.tsv,threads.md,counters.txt,logs/} next to this script.
#
# ---------------------------------------------------------------------------
# Adding a system:
#   define   overlay_<name>() { ... }   (name: "overlay_" + system name with
#   '-' replaced by '_') and add it to SYSTEMS. The function receives
#   the namespace names in chain order ("$@"; first = source, last =
#   destination) and must:
#     - start its daemon(s) with   start_daemon NS NAME CMD ARGS...
#       (runs CMD inside NS, bounded in time, logged to logs/, PID recorded for
#       CPU accounting and cleanup; never daemonise — stay in the foreground)
#     - set DST_ADDR to the overlay address of the last node (ping/iperf target)
#     - return non-zero on failure.
#   Helpers: ul_addr I J (underlay IPv6 of node I on its link to neighbour J;
#   links are veth "vIJ" in node I), node_label NS, nsx NS CMD... (run in NS),
#   RUN_DIR (scratch dir for configs/keys, deleted at exit).
#   Reachability of DST_ADDR from the first node is awaited for up to
#   REACH_TIMEOUT s before measuring, so route convergence needs no sleeps.
# ---------------------------------------------------------------------------

set -uo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

SYSTEMS=${SYSTEMS:-"baseline fips-java wireguard-go wireguard-go-1if yggdrasil yggdrasil-mtu1420"}
TOPOLOGIES=${TOPOLOGIES:-"2 3"}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}                 # untimed iperf3 seconds before the runs
PING_COUNT=${PING_COUNT:-20}
PING_INTERVAL=${PING_INTERVAL:-0.2}
REACH_TIMEOUT=${REACH_TIMEOUT:-45}  # s to wait for DST_ADDR to answer ping
MAX_TOTAL=${MAX_TOTAL:-2700}        # hard limit for the whole invocation, s
OPENSSL_SECONDS=${OPENSSL_SECONDS:-3}
WG_MTU=${WG_MTU:-1420}              # wireguard-go's default tunnel MTU
IPERF_PORT=5201
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-$HERE/results/$STAMP}
RUN_DIR=$HERE/.run-$$               # configs, keys, sockets; removed at exit
NS_PREFIX=thr$$
LABELS=(A B C D E F)
CLK_TCK=$(getconf CLK_TCK)
PKGS="iperf3 iputils-ping wireguard-go wireguard-tools yggdrasil iproute2 procps jq openssl bind9-dnsutils"
INSTALL=${INSTALL:-0}               # 1: apt-get install missing packages
# fips-java
ROOT=$(cd "$HERE/../.." && pwd)     # the repository (bin/fips, bin/fipsctl)
FIPS_MODULES_SRC=${FIPS_MODULES:-$ROOT/fips.launcher/target/modules}
FIPS_TUN_MTU=${FIPS_TUN_MTU:-1395}  # = effective IPv6 MTU at transport MTU 1472
FIPS_UDP_MTU=${FIPS_UDP_MTU:-1472}
FIPS_PORT=2121
JFR=${JFR:-0}
FIPS_WARMUP=${FIPS_WARMUP:-8}       # untimed iperf3 s before fips-java runs (JIT warm-up)

# ----------------------------------------------------------------- state ---
ALL_NS=()          # every namespace this invocation created
CASE_NS=()         # namespaces of the current case, chain order
WRAPPER_PIDS=()    # `timeout` wrappers of everything started in this case
CHILD_PIDS=()      # the processes themselves (daemons, iperf3 server)
DAEMON_PIDS=()     # overlay daemons only (CPU accounting)
DAEMON_LABEL=()    # node label per DAEMON_PIDS entry
WATCHDOG_PID=""
CASE_ID=""
DST_ADDR=""
STARTED_PID=""

exec 9>&2   # log channel: the invoking stderr, even inside redirected steps
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&9; }
die() { log "FATAL: $*"; exit 1; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
node_label() { echo "${1##*-}"; }

# Underlay addressing: link k joins node k and node k+1, prefix fd00:a:k::/64,
# node k is ::1 and node k+1 is ::2 on it.
ul_addr() { # ul_addr I J -> address of node I on its link to neighbour J
    local i=$1 j=$2
    if (( j == i + 1 )); then echo "fd00:a:$i::1"; else echo "fd00:a:$j::2"; fi
}

alive() { # alive PID -> true while PID exists and is not a zombie
    local s
    s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    s=${s##*) }
    [[ -n $s && ${s:0:1} != Z ]]
}

proc_ticks() { # utime+stime (whole thread group) of PID, in clock ticks
    local s
    s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    s=${s##*) }
    # shellcheck disable=SC2086
    set -- $s
    echo $(( ${12} + ${13} ))
}

busy_ticks() { # machine-wide non-idle ticks from /proc/stat
    local _c u n s i w irq sirq st _rest
    read -r _c u n s i w irq sirq st _rest < /proc/stat
    echo $(( u + n + s + irq + sirq + st ))
}

thread_snap() { # thread_snap FILE: "label<TAB>tid<TAB>comm<TAB>ticks<TAB>utime<TAB>stime" per daemon thread
    local out=$1 k p f tid st comm rest
    : > "$out"
    for k in "${!DAEMON_PIDS[@]}"; do
        p=${DAEMON_PIDS[k]}
        for f in /proc/"$p"/task/*/stat; do
            st=$(cat "$f" 2>/dev/null) || continue
            tid=${f%/stat}; tid=${tid##*/}
            comm=${st#*\(}; comm=${comm%\)*}; rest=${st##*) }
            # shellcheck disable=SC2086
            set -- $rest
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${DAEMON_LABEL[k]}" "$tid" "$comm" $(( ${12} + ${13} )) "${12}" "${13}"
        done
    done >> "$out" 2>/dev/null
}
thread_diff() { # thread_diff BEFORE AFTER SYS N RUN >> threads.tsv: CPU-s (total, user, sys) per node and thread name
    awk -F'\t' -v h="$CLK_TCK" -v s="$3" -v n="$4" -v r="$5" '
        NR == FNR { b[$1 SUBSEP $2] = $4; bu[$1 SUBSEP $2] = $5; bs[$1 SUBSEP $2] = $6; next }
        { k = $1 "\t" $3; c[k] += $4 - b[$1 SUBSEP $2]; u[k] += $5 - bu[$1 SUBSEP $2]; y[k] += $6 - bs[$1 SUBSEP $2] }
        END { for (k in c) if (c[k] > 0) printf "%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\n", s, n, r, k, c[k] / h, u[k] / h, y[k] / h }
    ' "$1" "$2"
}

# ------------------------------------------------------- process control ---
# start_proc KIND NS NAME CMD...   KIND = daemon | helper
start_proc() {
    local kind=$1 ns=$2 name=$3; shift 3
    local logf="$OUT/logs/$CASE_ID.$name.log" tpid cpid="" t
    timeout -k 5 "$MAX_TOTAL" ip netns exec "$ns" "$@" </dev/null >>"$logf" 2>&1 9>&- &
    tpid=$!
    WRAPPER_PIDS+=("$tpid")
    # `ip netns exec` execs CMD, so timeout's only child is the process itself
    for t in $(seq 1 50); do
        cpid=$(pgrep -P "$tpid" | head -n1)
        [[ -n $cpid ]] && break
        alive "$tpid" || break
        sleep 0.1
    done
    [[ -n $cpid ]] || { log "$name did not start (see logs/$CASE_ID.$name.log)"; return 1; }
    CHILD_PIDS+=("$cpid")
    if [[ $kind == daemon ]]; then
        DAEMON_PIDS+=("$cpid"); DAEMON_LABEL+=("$(node_label "$ns")")
    fi
    STARTED_PID=$cpid
}
start_daemon() { start_proc daemon "$@"; }

# fg_run SECONDS CMD...  — run a foreground step bounded in time; its PID is
# kept in FG_PID so that a signal to this script (trap -> cleanup) stops it too.
FG_PID=""
fg_run() {
    local t=$1 rc; shift
    timeout -k 5 "$t" "$@" </dev/null 9>&- &
    FG_PID=$!
    wait "$FG_PID"; rc=$?
    FG_PID=""
    return "$rc"
}
start_helper() { start_proc helper "$@"; }

stop_case() {
    local p t any
    for p in "${CHILD_PIDS[@]}" "${WRAPPER_PIDS[@]}"; do
        alive "$p" && kill -TERM "$p" 2>/dev/null
    done
    for t in $(seq 1 50); do
        any=0
        for p in "${CHILD_PIDS[@]}" "${WRAPPER_PIDS[@]}"; do alive "$p" && any=1; done
        (( any )) || break
        sleep 0.1
    done
    for p in "${CHILD_PIDS[@]}" "${WRAPPER_PIDS[@]}"; do
        alive "$p" && { log "pid $p ignored TERM, sending KILL"; kill -KILL "$p" 2>/dev/null; }
    done
    for p in "${WRAPPER_PIDS[@]}"; do wait "$p" 2>/dev/null; done
    for p in "${CASE_NS[@]}"; do ip netns del "$p" 2>/dev/null; done
    CASE_NS=(); WRAPPER_PIDS=(); CHILD_PIDS=(); DAEMON_PIDS=(); DAEMON_LABEL=()
}

cleanup() {
    local rc=$? ns
    trap - EXIT INT TERM
    if [[ -n $FG_PID ]] && alive "$FG_PID"; then
        kill -TERM "$FG_PID" 2>/dev/null; wait "$FG_PID" 2>/dev/null
    fi
    stop_case
    for ns in "${ALL_NS[@]}"; do
        [[ -e /var/run/netns/$ns ]] && ip netns del "$ns" 2>/dev/null
    done
    if [[ -n $WATCHDOG_PID ]] && alive "$WATCHDOG_PID"; then
        kill -TERM "$WATCHDOG_PID" 2>/dev/null; wait "$WATCHDOG_PID" 2>/dev/null
    fi
    if [[ -d $OUT/logs ]]; then   # keep this machine's paths out of the logs
        find "$OUT/logs" -type f ! -name "*.jfr" -exec sed -i -e "s|$RUN_DIR|<run-dir>|g" -e "s|$HERE|<throughput>|g" -e "s|$ROOT|<repo>|g" {} + 2>/dev/null
    fi
    rm -rf "$RUN_DIR"
    exit "$rc"
}

# --------------------------------------------------------------- topology ---
create_chain() { # create_chain N -> CASE_NS
    local n=$1 i j ns
    for (( i = 0; i < n; i++ )); do
        ns=$NS_PREFIX-${LABELS[i]}
        ip netns add "$ns" || return 1
        ALL_NS+=("$ns"); CASE_NS+=("$ns")
        ip -n "$ns" link set lo up
        nsx "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
            net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 \
            net.ipv6.conf.all.forwarding=0 >/dev/null || return 1
    done
    for (( i = 0; i < n - 1; i++ )); do
        j=$(( i + 1 ))
        ip link add "v$i$j" netns "${CASE_NS[i]}" type veth \
            peer name "v$j$i" netns "${CASE_NS[j]}" || return 1
        ip -n "${CASE_NS[i]}" -6 addr add "$(ul_addr $i $j)/64" dev "v$i$j" nodad || return 1
        ip -n "${CASE_NS[j]}" -6 addr add "$(ul_addr $j $i)/64" dev "v$j$i" nodad || return 1
        ip -n "${CASE_NS[i]}" link set "v$i$j" up || return 1
        ip -n "${CASE_NS[j]}" link set "v$j$i" up || return 1
    done
}

# ================================================================ systems ===
# Each overlay_<system> gets the namespaces in chain order and sets DST_ADDR.

# (a) baseline: plain IPv6 routed over the veths, kernel forwarding on middles.
overlay_baseline() {
    local ns=("$@") n=$# i k
    for (( i = 0; i < n; i++ )); do
        if (( i > 0 && i < n - 1 )); then
            nsx "${ns[i]}" sysctl -qw net.ipv6.conf.all.forwarding=1 >/dev/null || return 1
        fi
        for (( k = 0; k < n - 1; k++ )); do   # route every non-adjacent link prefix
            if (( k < i - 1 )); then
                ip -n "${ns[i]}" -6 route add "fd00:a:$k::/64" via "$(ul_addr $((i-1)) $i)" || return 1
            elif (( k > i )); then
                ip -n "${ns[i]}" -6 route add "fd00:a:$k::/64" via "$(ul_addr $((i+1)) $i)" || return 1
            fi
        done
    done
    DST_ADDR=$(ul_addr $((n-1)) $((n-2)))
}

# (b) wireguard-go: UDP over the IPv6 veths, overlay addresses fd77::<i+1>/128,
# allowed-ips per peer = the nodes on that peer's side; middle nodes route with
# kernel IPv6 forwarding.
#   per-link: one tunnel (wireguard-go process + interface) per link side, so B
#             has two tunnels (A<->B, B<->C) and routes between them;
#   per-node: one wireguard-go per node with one peer per neighbour, so B
#             forwards out of the interface it received on (closest to "one
#             mesh daemon per node").
wg_ovl() { echo "fd77::$(( $1 + 1 ))"; }
wg_ifname() { # wg_ifname MODE I J  (UAPI socket names are global: keep unique)
    if [[ $1 == per-link ]]; then echo "wg$$x$2$3"; else echo "wg$$x$2"; fi
}
wg_port() { # listen port of node I's interface facing J
    if [[ $1 == per-link ]]; then echo $(( 51820 + $3 )); else echo 51820; fi
}
wg_overlay() { # wg_overlay MODE NS...
    local mode=$1; shift
    local ns=("$@") n=$# i j k ifn peer_if allowed t name addr_done
    local -A started=() upped=()
    for (( i = 0; i < n; i++ )); do
        for j in $(( i - 1 )) $(( i + 1 )); do
            (( j < 0 || j >= n )) && continue
            ifn=$(wg_ifname "$mode" $i $j)
            [[ -n ${started[$ifn]:-} ]] && continue
            started[$ifn]=1
            ( umask 077; wg genkey > "$RUN_DIR/$ifn.key" ) || return 1
            wg pubkey < "$RUN_DIR/$ifn.key" > "$RUN_DIR/$ifn.pub" || return 1
            if [[ $mode == per-link ]]; then name="wireguard-go-${LABELS[i]}${LABELS[j]}"; else name="wireguard-go-${LABELS[i]}"; fi
            start_daemon "${ns[i]}" "$name" env LOG_LEVEL=error wireguard-go -f "$ifn" || return 1
            for t in $(seq 1 50); do
                [[ -S /var/run/wireguard/$ifn.sock ]] && break
                sleep 0.1
            done
            [[ -S /var/run/wireguard/$ifn.sock ]] || { log "wireguard-go $ifn: no UAPI socket"; return 1; }
        done
    done
    for (( i = 0; i < n; i++ )); do
        addr_done=0
        if (( i > 0 && i < n - 1 )); then
            nsx "${ns[i]}" sysctl -qw net.ipv6.conf.all.forwarding=1 >/dev/null || return 1
        fi
        for j in $(( i - 1 )) $(( i + 1 )); do
            (( j < 0 || j >= n )) && continue
            ifn=$(wg_ifname "$mode" $i $j)
            peer_if=$(wg_ifname "$mode" $j $i)
            allowed=()
            for (( k = 0; k < n; k++ )); do   # every node on j's side of i
                if (( (j < i && k < i) || (j > i && k > i) )); then allowed+=("$(wg_ovl $k)/128"); fi
            done
            nsx "${ns[i]}" wg set "$ifn" private-key "$RUN_DIR/$ifn.key" \
                listen-port "$(wg_port "$mode" $i $j)" \
                peer "$(cat "$RUN_DIR/$peer_if.pub")" \
                endpoint "[$(ul_addr $j $i)]:$(wg_port "$mode" $j $i)" \
                allowed-ips "$(IFS=,; echo "${allowed[*]}")" || return 1
            if [[ -z ${upped[$ifn]:-} ]]; then
                ip -n "${ns[i]}" link set "$ifn" mtu "$WG_MTU" up || return 1
                upped[$ifn]=1
            fi
            if (( ! addr_done )); then
                ip -n "${ns[i]}" -6 addr add "$(wg_ovl $i)/128" dev "$ifn" nodad || return 1
                addr_done=1
            fi
            for k in "${allowed[@]}"; do
                ip -n "${ns[i]}" -6 route add "$k" dev "$ifn" src "$(wg_ovl $i)" || return 1
            done
        done
    done
    DST_ADDR=$(wg_ovl $((n-1)))
}
overlay_wireguard_go()     { wg_overlay per-link "$@"; }
overlay_wireguard_go_1if() { wg_overlay per-node "$@"; }

# (c) yggdrasil 0.4.7: one node per namespace, everybody listens on :7000,
# node i dials node i-1 over the veth (static Peers; started in chain order and
# each listener awaited first, because 0.4.7 retries a failed peer dial only
# after a minute), multicast discovery off. Traffic goes between the TUN
# addresses (200::/7); A reaches C via B's yggdrasil (overlay forwarding in B,
# no kernel forwarding). IfMTU 65535 is clamped by 0.4.7 to 53049.
ygg_overlay() { # ygg_overlay PROTO IFMTU NS...
    local proto=$1 mtu=$2; shift 2
    local ns=("$@") n=$# i t cfg peers addr=""
    for (( i = 0; i < n; i++ )); do
        cfg=$RUN_DIR/ygg-$i.conf
        if (( i > 0 )); then peers="[\"$proto://[$(ul_addr $((i-1)) $i)]:7000\"]"; else peers="[]"; fi
        yggdrasil -genconf -json | jq \
            --argjson peers "$peers" \
            --arg listen "$proto://[::]:7000" \
            --arg admin "unix://$RUN_DIR/ygg-$i.sock" \
            --arg ifname "ygg$i" \
            --argjson mtu "$mtu" \
            '.Peers = $peers | .InterfacePeers = {} | .Listen = [$listen]
             | .AdminListen = $admin | .MulticastInterfaces = []
             | .IfName = $ifname | .IfMTU = $mtu | .NodeInfoPrivacy = true' \
            > "$cfg" || return 1
        addr=$(yggdrasil -useconffile "$cfg" -address) || return 1
        echo "${LABELS[i]} $addr" >> "$OUT/logs/$CASE_ID.addresses"
        start_daemon "${ns[i]}" "yggdrasil-${LABELS[i]}" \
            yggdrasil -useconffile "$cfg" -logto stdout || return 1
        for t in $(seq 1 100); do   # listener up before the next node dials it
            [[ -n $(nsx "${ns[i]}" ss -Hltn "sport = :7000" 2>/dev/null) ]] && break
            sleep 0.1
        done
    done
    DST_ADDR=$addr
}
ygg_debug() { # called when a yggdrasil case fails: dump peers/paths per node
    local i
    for (( i = 0; i < ${#CASE_NS[@]}; i++ )); do
        [[ -S $RUN_DIR/ygg-$i.sock ]] || continue
        for q in getSelf getPeers getDHT getPaths getSessions; do
            echo "== ${LABELS[i]} $q"
            fg_run 5 yggdrasilctl -endpoint="unix://$RUN_DIR/ygg-$i.sock" "$q" 2>&1
        done
    done >> "$OUT/logs/$CASE_ID.yggdrasilctl.txt"
}
overlay_yggdrasil()          { ygg_overlay tcp 65535 "$@"; }  # package defaults (IfMTU 65535)
overlay_yggdrasil_mtu1420()  { ygg_overlay tcp 1420  "$@"; }  # same packet size as wireguard-go
overlay_yggdrasil_tls()      { ygg_overlay tls 65535 "$@"; }  # TLS-wrapped peerings (not default)

# (d) fips-java, our daemon: one `bin/fips` per namespace, UDP transport on the
# IPv6 veths ([ul_addr]:2121, transport MTU FIPS_UDP_MTU), peers = the chain
# neighbours by npub + underlay address, TUN fips0 with MTU FIPS_TUN_MTU, DNS
# off, control socket in RUN_DIR. A reaches C through B's daemon (mesh
# forwarding in B; the sessions are end-to-end A<->C, B only re-encrypts the
# link layer). Nodes log their FIPS address in their `identity:` line.
fips_prepare() { # once per invocation: keys tool, module copy
    [[ -d $RUN_DIR/modules ]] && return 0
    cp -r "$FIPS_MODULES_SRC" "$RUN_DIR/modules" || return 1
}
overlay_fips_java() {
    local ns=("$@") n=$# i j t keys cfg logf addr=""
    local -a nsec=() npub=()
    fips_prepare || { log "fips-java: cannot copy $FIPS_MODULES_SRC"; return 1; }
    for (( i = 0; i < n; i++ )); do
        keys=$(FIPS_MODULES=$RUN_DIR/modules fg_run 60 "$ROOT/bin/fipsctl" keygen --stdout) \
            || { log "fips-java: fipsctl keygen failed"; return 1; }
        nsec+=("$(sed -n 1p <<<"$keys")"); npub+=("$(sed -n 2p <<<"$keys")")
    done
    for (( i = 0; i < n; i++ )); do
        cfg=$RUN_DIR/fips-$i.yaml
        {
            echo "node:"
            echo "  identity:"
            echo "    nsec: \"${nsec[i]}\""
            echo "  control:"
            echo "    socket_path: \"$RUN_DIR/fips-$i.sock\""
            echo "tun:"
            echo "  enabled: true"
            echo "  name: fips0"
            echo "  mtu: $FIPS_TUN_MTU"
            echo "dns:"
            if (( i == 0 )); then   # the source resolves <npub>.fips once (below)
                echo "  enabled: true"
                echo "  bind_addr: \"127.0.0.1\""
                echo "  port: 53"
            else
                echo "  enabled: false"
            fi
            echo "transports:"
            echo "  udp:"
            echo "    bind_addr: \"[::]:$FIPS_PORT\""
            echo "    mtu: $FIPS_UDP_MTU"
            echo "peers:"
            for j in $(( i - 1 )) $(( i + 1 )); do
                (( j < 0 || j >= n )) && continue
                echo "  - npub: \"${npub[j]}\""
                echo "    alias: \"node-${LABELS[j]}\""
                echo "    addresses:"
                echo "      - transport: udp"
                echo "        addr: \"[$(ul_addr $j $i)]:$FIPS_PORT\""
            done
        } > "$cfg"
        local opts=${FIPS_JAVA_OPTS:-}
        if [[ $JFR == 1 ]]; then
            # no dumponexit: the daemon halts at the end of its shutdown hook, which cuts
            # JFR's own dump short (truncated file); jfr_dump (jcmd) writes it instead
            opts+="${opts:+ }-XX:StartFlightRecording=name=thru,settings=profile"
        fi
        start_daemon "${ns[i]}" "fips-java-${LABELS[i]}" \
            env FIPS_MODULES="$RUN_DIR/modules" FIPS_JAVA_OPTS="$opts" "$ROOT/bin/fips" -c "$cfg" || return 1
    done
    # the last node's address from its identity line (stderr, in its log)
    logf=$OUT/logs/$CASE_ID.fips-java-${LABELS[n-1]}.log
    for t in $(seq 1 300); do
        addr=$(sed -n 's/.* identity: .* address=\([0-9a-f:]*\) .*/\1/p' "$logf" 2>/dev/null | head -n1)
        [[ -n $addr ]] && break
        alive "${DAEMON_PIDS[n-1]}" || { log "fips-java-${LABELS[n-1]} exited"; return 1; }
        sleep 0.1
    done
    [[ -n $addr ]] || { log "fips-java: no identity line from ${LABELS[n-1]} within 30 s"; return 1; }
    for (( i = 0; i < n; i++ )); do   # fips0 carries its address before we ping
        for t in $(seq 1 150); do
            [[ -n $(ip -n "${ns[i]}" -6 addr show dev fips0 2>/dev/null | grep inet6) ]] && break
            sleep 0.1
        done
    done
    echo "${LABELS[n-1]} $addr" >> "$OUT/logs/$CASE_ID.addresses"
    # A packet to a bare fd00::/8 address is refused (ICMPv6 unreachable,
    # counter ipv6_no_identity) until the source has learnt the destination's
    # key; an application learns it by resolving <npub>.fips through the
    # node's DNS responder (INTEROP.md 9.6), as the system test does. Do that
    # once on the source, then measure by address.
    local got=""
    for t in $(seq 1 100); do
        got=$(nsx "${ns[0]}" dig +short +time=1 +tries=1 @127.0.0.1 -p 53 AAAA "${npub[n-1]}.fips" 2>/dev/null | head -n1)
        [[ -n $got ]] && break
        sleep 0.1
    done
    [[ -n $got ]] || { log "fips-java: ${LABELS[0]}'s DNS did not resolve ${LABELS[n-1]}'s npub.fips"; return 1; }
    log "fips-java: ${LABELS[0]} resolved ${LABELS[n-1]}'s <npub>.fips -> $got"
    DST_ADDR=$addr
}

# ============================================================ measurement ===
median() { sort -g | awk '{v[NR]=$1} END{ if (NR==0) {print "nan"; exit}
    if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'; }

run_case() { # run_case SYSTEM NODES
    local sys=$1 n=$2 fn="overlay_${1//-/_}" src dst t0 out r json
    local mbps retr secs busy0 busy1 cpu sum k lbl pernode
    local -a d0 d1
    CASE_ID="$sys.${n}node"
    DST_ADDR=""
    log "=== $sys, $n nodes"
    create_chain "$n" || { CASE_FAIL="namespace/veth setup failed"; return 1; }
    src=${CASE_NS[0]}; dst=${CASE_NS[n-1]}
    t0=$SECONDS
    "$fn" "${CASE_NS[@]}" || { CASE_FAIL="$sys setup failed (see logs/$CASE_ID.*)"; return 1; }
    [[ -n $DST_ADDR ]] || { CASE_FAIL="$sys set no DST_ADDR"; return 1; }
    until fg_run 3 ip netns exec "$src" ping -n -c1 -W1 "$DST_ADDR" >/dev/null 2>&1; do
        if (( SECONDS - t0 >= REACH_TIMEOUT )); then
            CASE_FAIL="$DST_ADDR not reachable from ${LABELS[0]} within ${REACH_TIMEOUT}s"
            return 1
        fi
        sleep 0.5
    done
    CASE_REACH_S=$(( SECONDS - t0 ))
    log "reachable after ${CASE_REACH_S}s: $DST_ADDR"

    fg_run $(( PING_COUNT + 20 )) ip netns exec "$src" \
        ping -n -c "$PING_COUNT" -i "$PING_INTERVAL" -w $(( PING_COUNT + 10 )) "$DST_ADDR" \
        > "$OUT/logs/$CASE_ID.ping.txt" 2>&1
    out=$(cat "$OUT/logs/$CASE_ID.ping.txt")
    CASE_PING=$(awk -F'[/ ]+' '/^rtt/{print $8, $9}' <<<"$out")     # avg max
    CASE_LOSS=$(grep -o '[0-9.]*% packet loss' <<<"$out" | cut -d% -f1)
    [[ -n $CASE_PING ]] || CASE_PING="nan nan"

    start_helper "$dst" iperf3-server iperf3 -s -p "$IPERF_PORT" || { CASE_FAIL="iperf3 server did not start"; return 1; }
    for r in $(seq 1 50); do
        [[ -n $(nsx "$dst" ss -Hltn "sport = :$IPERF_PORT" 2>/dev/null) ]] && break
        sleep 0.1
    done
    local warm=$WARMUP
    [[ $sys == fips-java ]] && warm=$FIPS_WARMUP   # fips-java: let the JIT settle
    if (( warm > 0 )); then
        fg_run $(( warm + 20 )) ip netns exec "$src" \
            iperf3 -c "$DST_ADDR" -p "$IPERF_PORT" -t "$warm" --connect-timeout 5000 \
            > "$OUT/logs/$CASE_ID.iperf-warmup.txt" 2>&1
        sleep 1
    fi
    for r in $(seq 1 "$RUNS"); do
        json=$OUT/logs/$CASE_ID.iperf-$r.json
        thread_snap "$RUN_DIR/threads.0"
        d0=(); for k in "${DAEMON_PIDS[@]}"; do d0+=("$(proc_ticks "$k")"); done
        busy0=$(busy_ticks)
        fg_run $(( DURATION + 30 )) ip netns exec "$src" \
            iperf3 -c "$DST_ADDR" -p "$IPERF_PORT" -t "$DURATION" -J --connect-timeout 5000 \
            > "$json" 2>>"$OUT/logs/$CASE_ID.iperf-client.stderr"
        busy1=$(busy_ticks)
        d1=(); for k in "${DAEMON_PIDS[@]}"; do d1+=("$(proc_ticks "$k")"); done
        thread_snap "$RUN_DIR/threads.1"
        thread_diff "$RUN_DIR/threads.0" "$RUN_DIR/threads.1" "$sys" "$n" "$r" >> "$OUT/threads.tsv"
        read -r mbps retr secs < <(jq -r 'if .error then "nan nan nan" else
            "\(.end.sum_received.bits_per_second/1e6) \(.end.sum_sent.retransmits // "nan") \(.end.sum_received.seconds)" end' \
            "$json" 2>/dev/null || echo "nan nan nan")
        sum=0; pernode=""
        for lbl in "${LABELS[@]:0:n}"; do
            cpu=0
            for k in "${!DAEMON_PIDS[@]}"; do
                [[ ${DAEMON_LABEL[k]} == "$lbl" ]] && cpu=$(( cpu + d1[k] - d0[k] ))
            done
            sum=$(( sum + cpu ))
            (( ${#DAEMON_PIDS[@]} )) && pernode+="${pernode:+,}$lbl:$(awk -v c="$cpu" -v h="$CLK_TCK" 'BEGIN{printf "%.2f", c/h}')"
        done
        [[ -n $pernode ]] || pernode="-"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$sys" "$n" "$r" "$mbps" "$retr" "$secs" \
            "$( (( ${#DAEMON_PIDS[@]} )) && awk -v c="$sum" -v h="$CLK_TCK" 'BEGIN{printf "%.2f", c/h}' || echo nan)" \
            "$(awk -v c="$(( busy1 - busy0 ))" -v h="$CLK_TCK" 'BEGIN{printf "%.2f", c/h}')" \
            "$pernode" >> "$OUT/raw.tsv"
        log "run $r: $(printf '%.0f' "$mbps" 2>/dev/null || echo "$mbps") Mbit/s, retr $retr, daemon CPU $pernode"
        sleep 1
    done
    # the same ping again after the load (the JVM's data path is compiled by now)
    fg_run $(( PING_COUNT + 20 )) ip netns exec "$src" \
        ping -n -c "$PING_COUNT" -i "$PING_INTERVAL" -w $(( PING_COUNT + 10 )) "$DST_ADDR" \
        > "$OUT/logs/$CASE_ID.ping-after.txt" 2>&1
    CASE_PING2=$(awk -F'[/ ]+' '/^rtt/{print $8, $9}' "$OUT/logs/$CASE_ID.ping-after.txt")
    [[ -n $CASE_PING2 ]] || CASE_PING2="nan nan"
    log "ping avg/max ms: before load $CASE_PING, after load $CASE_PING2"
    [[ $sys == fips-java && $JFR == 1 ]] && jfr_dump
    return 0
}

summarise_case() { # summarise_case SYSTEM NODES STATUS
    local sys=$1 n=$2 status=$3 rows
    rows=$(awk -F'\t' -v s="$sys" -v n="$n" '$1==s && $2==n && $4!="nan"' "$OUT/raw.tsv" 2>/dev/null)
    if [[ -z $rows ]]; then
        printf '%s\t%s\t%s\n' "$sys" "$n" "$status" >> "$OUT/summary.tsv"; return
    fi
    local mn md mx retr cpu eff busy pn node nodes=""
    mn=$(cut -f4 <<<"$rows" | sort -g | head -n1)
    mx=$(cut -f4 <<<"$rows" | sort -g | tail -n1)
    md=$(cut -f4 <<<"$rows" | median)
    retr=$(cut -f5 <<<"$rows" | median)
    cpu=$(cut -f7 <<<"$rows" | median)
    busy=$(cut -f8 <<<"$rows" | median)
    eff=$(awk -F'\t' '$7!="nan" && $7>0 {print $4*$6/$7}' <<<"$rows" | median)
    for node in "${LABELS[@]:0:n}"; do
        pn=$(cut -f9 <<<"$rows" | tr ',' '\n' | awk -F: -v l="$node" '$1==l{print $2}' | median)
        [[ $pn != nan ]] && nodes+="${nodes:+ / }$node $(printf '%.2f' "$pn")"
    done
    # sys n status min med max retr ping_avg ping_max loss cpu per-node eff busy ping2_avg ping2_max
    printf '%s\t%s\t%s\t%.0f\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$sys" "$n" "$status" \
        "$mn" "$md" "$mx" "$retr" ${CASE_PING:-nan nan} "${CASE_LOSS:-nan}" "$cpu" "${nodes:--}" "$eff" "$busy" \
        ${CASE_PING2:-nan nan} \
        >> "$OUT/summary.tsv"
}

write_table() {
    {
        echo "| system | nodes (path) | iperf3 TCP Mbit/s min / median / max | TCP retransmits (median) | ping avg / max ms before load (loss) | ping avg / max ms after load | daemon CPU-s per ${DURATION} s run: total (per node) | Mbit per daemon CPU-s | whole-machine busy CPU-s per run (of $(( $(nproc) * DURATION ))) |"
        echo "|---|---|---|---|---|---|---|---|---|"
        awk -F'\t' '
            function f(x, d) { return (x == "nan" || x == "" || x == "-") ? "—" : sprintf("%." d "f", x) }
            { path = ($2 == 2) ? "2 (A→B)" : ($2 == 3) ? "3 (A→B→C)" : $2 " nodes" }
            $3 != "ok" { printf "| %s | %s | FAILED: %s | | | | | | |\n", $1, path, $3; next }
            { cpu = ($11 == "nan") ? "—" : sprintf("%s (%s)", f($11, 2), $12)
              printf "| %s | %s | %s / %s / %s | %s | %s / %s (%s%%) | %s / %s | %s | %s | %s |\n",
                $1, path, $4, $5, $6, f($7, 0), f($8, 3), f($9, 3), $10, f($15, 3), f($16, 3), cpu, f($13, 0), f($14, 2) }
        ' "$OUT/summary.tsv"
    } > "$OUT/table.md"
}

write_threads() { # threads.md: mean CPU-s per run by node and thread name (>= 0.05)
    [[ -s $OUT/threads.tsv ]] || return 0
    {
        echo "Daemon CPU-s per ${DURATION} s iperf3 run (mean over runs), by node and thread name (/proc/PID/task/*/stat; threads under 0.05 CPU-s left out)."
        echo
        echo "| system | nodes | node | thread | CPU-s per run | share of node | user / kernel CPU-s |"
        echo "|---|---|---|---|---:|---:|---|"
        awk -F'\t' '
            { k = $1 "\t" $2 "\t" $4; c[k "\t" $5] += $6; u[k "\t" $5] += $7; y[k "\t" $5] += $8; node[k] += $6
              if (!(($1 "\t" $2 "\t" $3) in seen)) { seen[$1 "\t" $2 "\t" $3] = 1; runs[$1 "\t" $2]++ } }
            END {
                for (x in c) {
                    split(x, f, "\t"); nr = runs[f[1] "\t" f[2]]
                    m = c[x] / nr; tot = node[f[1] "\t" f[2] "\t" f[3]] / nr
                    if (m >= 0.05) printf "%s\t%s\t%s\t%s\t%.2f\t%.0f\t%.2f\t%.2f\n", f[1], f[2], f[3], f[4], m, (tot > 0 ? 100 * m / tot : 0), u[x] / nr, y[x] / nr
                }
            }' "$OUT/threads.tsv" | sort -t$'\t' -k1,1 -k2,2n -k3,3 -k5,5gr \
          | awk -F'\t' '{ printf "| %s | %s | %s | %s | %.2f | %s %% | %.2f / %.2f |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    } > "$OUT/threads.md"
}

jfr_dump() { # JFR=1, fips-java: write each daemon's recording with jcmd while it still runs
    local k jcmd
    jcmd=$(source "$ROOT/bin/_jdk.sh" && echo "$JAVA_HOME/bin/jcmd")
    for k in "${!DAEMON_PIDS[@]}"; do
        fg_run 60 "$jcmd" "${DAEMON_PIDS[k]}" JFR.dump name=thru \
            filename="$OUT/logs/$CASE_ID.fips-java-${DAEMON_LABEL[k]}.jfr" >> "$OUT/logs/$CASE_ID.jcmd.txt" 2>&1 \
            || log "jcmd JFR.dump failed for ${DAEMON_LABEL[k]} (see logs/$CASE_ID.jcmd.txt)"
    done
}

collect_fips_log() { # after a fips-java case: shutdown counters and WARN/ERROR lines per node
    local f
    for f in "$OUT/logs/$CASE_ID".fips-java-*.log; do
        [[ -f $f ]] || continue
        echo "== ${f##*/}"
        grep -c -E ' (WARN|ERROR) ' "$f" | sed 's/^/WARN+ERROR lines: /'
        grep -E ' (WARN|ERROR) ' "$f" | sed -E 's/[0-9a-f]{40,}/<hex>/g' | cut -c1-300 | sort | uniq -c | sort -rn | head -n 20
        grep -F 'stopped; counters:' "$f" || echo "(no 'stopped; counters:' line)"
    done >> "$OUT/counters.txt"
}

write_env() {
    local p
    {
        echo "date_utc: $(date -u '+%Y-%m-%d %H:%M:%S')"
        echo "nproc: $(nproc)"
        echo "cpu_model: $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)"
        echo "kernel: $(uname -r)"
        echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
        for p in $PKGS; do echo "pkg $p: $(dpkg-query -W -f '${Version}' "$p" 2>/dev/null || echo missing)"; done
        echo "settings: RUNS=$RUNS DURATION=$DURATION WARMUP=$WARMUP PING_COUNT=$PING_COUNT PING_INTERVAL=$PING_INTERVAL WG_MTU=$WG_MTU FIPS_TUN_MTU=$FIPS_TUN_MTU FIPS_UDP_MTU=$FIPS_UDP_MTU FIPS_WARMUP=$FIPS_WARMUP JFR=$JFR FIPS_JAVA_OPTS=${FIPS_JAVA_OPTS:-}"
        echo "systems: $SYSTEMS; topologies: $TOPOLOGIES"
        if [[ " $SYSTEMS " == *" fips-java "* ]]; then
            echo "java: $( (source "$ROOT/bin/_jdk.sh" && "$JAVA_HOME/bin/java" -version 2>&1) | head -n2 | tr '\n' ' ')"
            echo "fips modules: $(ls -l --time-style=+%FT%T "$FIPS_MODULES_SRC" 2>/dev/null | awk '/fips\./ {print $7 "@" $6}' | tr '\n' ' ')"
        fi
        echo "loadavg at start: $(cat /proc/loadavg)"
    } > "$OUT/env.txt"
}

run_openssl() {
    log "openssl speed -seconds $OPENSSL_SECONDS -bytes 1400 -evp chacha20-poly1305"
    fg_run 120 openssl speed -seconds "$OPENSSL_SECONDS" -bytes 1400 -evp chacha20-poly1305 \
        > "$OUT/openssl.txt" 2>&1
    awk '/^ChaCha20-Poly1305/{ k=$2; sub(/k$/, "", k);
        printf "chacha20-poly1305 1400 B, 1 core: %.0f MB/s = %.2f Gbit/s\n", k/1000, k*8/1e6 }' \
        "$OUT/openssl.txt" | tee -a "$OUT/openssl.txt" >&9
}

ensure_packages() { # names every missing tool and its package; INSTALL=1 installs them
    local missing=() pkgs=() b pkg
    local -A pkg_of=([iperf3]=iperf3 [ping]=iputils-ping [wireguard-go]=wireguard-go [wg]=wireguard-tools
        [yggdrasil]=yggdrasil [yggdrasilctl]=yggdrasil [jq]=jq [ss]=iproute2 [ip]=iproute2 [pgrep]=procps
        [openssl]=openssl [timeout]=coreutils [dig]=bind9-dnsutils)
    for b in iperf3 ping wireguard-go wg yggdrasil yggdrasilctl jq ss ip pgrep openssl timeout dig; do
        if ! command -v "$b" >/dev/null; then
            missing+=("$b"); pkg=${pkg_of[$b]}
            [[ " ${pkgs[*]} " == *" $pkg "* ]] || pkgs+=("$pkg")
        fi
    done
    if [[ " $SYSTEMS " == *" fips-java "* ]]; then
        compgen -G "$FIPS_MODULES_SRC/fips.transport.udp-*.jar" >/dev/null \
            || die "fips-java: no daemon build in $FIPS_MODULES_SRC (run bin/build, or set FIPS_MODULES)"
        ( source "$ROOT/bin/_jdk.sh" ) >/dev/null 2>&1 || die "fips-java: bin/_jdk.sh finds no JDK >= 22"
    fi
    (( ${#missing[@]} == 0 )) && return 0
    log "missing commands: ${missing[*]} (Debian packages: ${pkgs[*]})"
    [[ $INSTALL == 1 ]] || die "install them with: apt-get install ${pkgs[*]}   (or rerun with INSTALL=1)"
    log "INSTALL=1: apt-get install ${pkgs[*]}"
    timeout 300 apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends "${pkgs[@]}" \
        >/dev/null || die "apt-get install failed"
}

# ================================================================== main ===
main() {
    local sys n fn
    case "${1:-}" in
        --list) declare -F | awk '{print $3}' | sed -n 's/^overlay_//p' | tr _ -; exit 0 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    esac
    [[ $(id -u) == 0 ]] || die "needs root (network namespaces, TUN)"
    [[ -c /dev/net/tun ]] || die "/dev/net/tun missing"
    for sys in $SYSTEMS; do
        declare -F "overlay_${sys//-/_}" >/dev/null || die "unknown system '$sys' (try --list)"
    done
    ensure_packages
    mkdir -p "$OUT/logs" "$RUN_DIR" && chmod 700 "$RUN_DIR" || die "cannot create $OUT / $RUN_DIR"
    : > "$OUT/raw.tsv"; : > "$OUT/summary.tsv"; : > "$OUT/threads.tsv"

    trap cleanup EXIT
    trap 'log "interrupted"; exit 130' INT
    trap 'log "terminated (time limit?)"; exit 143' TERM
    ( trap 'kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null; exit 0' TERM
      sleep "$MAX_TOTAL" & sp=$!
      wait "$sp" && { echo "anchors.sh: MAX_TOTAL=${MAX_TOTAL}s reached, aborting" >&2; kill -TERM $$; } ) &
    WATCHDOG_PID=$!

    write_env
    run_openssl
    for sys in $SYSTEMS; do
        for n in $TOPOLOGIES; do
            CASE_FAIL=""; CASE_PING="nan nan"; CASE_LOSS="nan"; CASE_PING2="nan nan"
            if run_case "$sys" "$n"; then
                summarise_case "$sys" "$n" ok
            else
                log "FAILED: $CASE_FAIL"
                [[ $sys == yggdrasil* ]] && ygg_debug
                summarise_case "$sys" "$n" "$CASE_FAIL"
            fi
            stop_case
            [[ $sys == fips-java ]] && collect_fips_log
        done
    done
    echo "loadavg at end: $(cat /proc/loadavg)" >> "$OUT/env.txt"
    write_table
    write_threads
    printf '\n' >&9; cat "$OUT/table.md" >&9
    log "results in ${OUT#"$HERE"/}"
}

main "$@"
