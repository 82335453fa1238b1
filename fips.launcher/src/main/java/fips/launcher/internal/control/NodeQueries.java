package fips.launcher.internal.control;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.bloom.BloomState;
import fips.fmp.bloom.FilterVerdict;
import fips.fmp.link.PeerLink;
import fips.fmp.lookup.CoordCache;
import fips.fmp.lookup.LookupCore;
import fips.fmp.lookup.LookupDrop;
import fips.fmp.mesh.MeshCore;
import fips.fmp.route.PeerTable;
import fips.fmp.route.RouteOutcome;
import fips.fmp.route.RouteSignal;
import fips.fmp.route.Router;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeCore;
import fips.fmp.tree.TreeDrop;
import fips.fmp.tree.TreeStats;
import fips.fmp.wire.TreeAnnounce;
import fips.identity.NodeAddr;
import fips.identity.PublicKey;
import fips.json.JNode;
import fips.json.Json;
import fips.link.spi.TransportStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The {@code data} of each read-only query (reference/control-socket.md
 * "Read-only queries"; INTEROP.md 13), rendered from the mesh core. Key names,
 * nesting and JSON types follow the reference daemon's pinned replies
 * (spec/control-snapshots/*.json); objects come out with their keys sorted, as
 * the reference's do. NodeAddrs are 32 lower-case hex characters, npubs
 * bech32, times Unix milliseconds.
 *
 * <p>Every method reads the cores directly, so it must run on the protocol
 * thread (see {@link NodeControl}). Fields this build has no data for are
 * present with 0, {@code null} or empty as the reference's type allows; each
 * method lists them.
 */
public final class NodeQueries {
    /** Most entries a cache listing carries (local policy: the reply is built on the protocol thread). */
    public static final int MAX_LISTED_ENTRIES = 1000;

    private NodeQueries() {}

    /** The link cost of every peer while no MMP sample exists (INTEROP.md 5.2 cold start). */
    static final double UNMEASURED_LINK_COST = PeerTable.DEFAULT_LINK_COST;

    // ---------------------------------------------------------------- show_status

    /**
     * {@code show_status}. No data in this build: {@code sparklines} (no
     * history rings: every series empty) and the counters {@link #forwarding}
     * lists.
     *
     * @param state the node's life-cycle state ({@code running} while it answers queries)
     * @param sessionCount sessions the session layer holds
     */
    public static JNode showStatus(MeshCore core, NodeInfo info, String state, int sessionCount, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        TreeCore tree = core.tree();
        List<PeerLink> links = core.links();
        m.put("version", info.version());
        m.put("npub", core.identity().npub());
        m.put("node_addr", hex(core.identity().nodeAddr()));
        m.put("ipv6_addr", core.identity().fipsAddress().toString());
        m.put("state", state);
        m.put("is_leaf_only", info.leafOnly());
        m.put("is_root", tree.isRoot());
        m.put("root", hex(tree.root()));
        m.put("persistent", info.persistent());
        m.put("peer_count", (long) links.size());
        m.put("session_count", (long) sessionCount);
        m.put("link_count", (long) links.size());
        m.put("transport_count", (long) info.transports().size());
        m.put("connection_count", (long) core.link().pendingDials().size());
        Map<String, Object> perType = new LinkedHashMap<>();
        for (TransportInfo t : info.transports()) perType.put(t.type(), 0L);
        for (PeerLink p : links) perType.merge(transportType(info, p), 1L, (a, b) -> (Long) a + (Long) b);
        m.put("transport_peer_counts", perType);
        m.put("tun_state", info.tunState());
        m.put("tun_name", info.tunName());
        m.put("effective_ipv6_mtu", (long) info.effectiveIpv6Mtu());
        m.put("control_socket", info.controlSocket());
        m.put("pid", info.pid());
        m.put("exe_path", info.exePath());
        m.put("uptime_secs", Math.max(0, nowMs - info.startMs()) / 1000);
        OptionalLong size = core.bloom().meshSizeEstimate();
        m.put("estimated_mesh_size", size.isPresent() ? (Object) size.getAsLong() : Json.NULL);
        m.put("forwarding", forwarding(core.router()));
        Map<String, Object> spark = new LinkedHashMap<>();
        for (String s : List.of("bytes_in", "bytes_out", "loss_rate", "mesh_size", "peer_count", "tree_depth")) {
            spark.put(s, List.of());
        }
        m.put("sparklines", spark);
        return done(m);
    }

    /**
     * The {@code forwarding} counter family from the router's outcome counters.
     * No data in this build: every {@code *_bytes} counter (the router counts
     * packets), the {@code route_*} next-hop classes and {@code warm_malformed_*}.
     */
    static Map<String, Object> forwarding(Router r) {
        long received = 0;
        for (int o = 0; o < RouteOutcome.COUNT; o++) received += r.transitCount(o);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_packets", received);
        m.put("delivered_packets", r.transitCount(RouteOutcome.DELIVERED));
        m.put("forwarded_packets", r.transitCount(RouteOutcome.FORWARDED));
        m.put("originated_packets", r.originateCount(RouteOutcome.FORWARDED));
        m.put("decode_error_packets", r.transitCount(RouteOutcome.MALFORMED));
        m.put("ttl_exhausted_packets", r.transitCount(RouteOutcome.TTL_EXPIRED));
        m.put("drop_no_route_packets", r.transitCount(RouteOutcome.NO_ROUTE) + r.originateCount(RouteOutcome.NO_ROUTE));
        m.put("drop_mtu_exceeded_packets",
                r.transitCount(RouteOutcome.MTU_EXCEEDED) + r.originateCount(RouteOutcome.MTU_EXCEEDED));
        m.put("drop_send_error_packets", r.transitCount(RouteOutcome.LINK_DOWN) + r.originateCount(RouteOutcome.LINK_DOWN));
        m.put("warm_malformed_packets", 0L);
        for (String k : List.of("received", "delivered", "forwarded", "originated", "decode_error", "ttl_exhausted",
                "drop_no_route", "drop_mtu_exceeded", "drop_send_error", "warm_malformed")) {
            m.put(k + "_bytes", 0L);
        }
        for (String k : List.of("route_crosslink_ascend", "route_crosslink_descend", "route_direct_peer",
                "route_tree_down", "route_tree_down_cross", "route_tree_up")) {
            m.put(k, 0L);
        }
        return m;
    }

    // ---------------------------------------------------------------- show_peers / show_links

    /**
     * {@code show_peers}: one entry per peer with an up link. No data in this
     * build: {@code mmp} (null: no MMP yet). {@code effective_depth} is the
     * peer's depth plus the cold-start link cost 1.0 (no SRTT samples exist
     * without MMP), null without coordinates.
     */
    public static JNode showPeers(MeshCore core, NodeInfo info, long nowMs) {
        TreeCore tree = core.tree();
        NodeAddr self = core.identity().nodeAddr();
        List<Object> peers = new ArrayList<>();
        for (PeerLink p : core.links()) {
            NodeAddr a = p.nodeAddr();
            Coords c = tree.peerCoords(a);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node_addr", hex(a));
            m.put("npub", p.publicKey().npub());
            m.put("display_name", displayName(a, info, p));
            m.put("ipv6_addr", a.fipsAddress().toString());
            m.put("connectivity", "active");
            m.put("link_id", linkId(p));
            m.put("direction", direction(p));
            m.put("transport_addr", p.remoteAddress());
            m.put("transport_type", transportType(info, p));
            m.put("is_parent", !tree.isRoot() && a.equals(tree.parent()));
            m.put("is_child", c != null && c.length() > 1 && c.get(1).equals(self));
            m.put("tree_depth", c == null ? Json.NULL : (Object) (long) c.depth());
            m.put("effective_depth", c == null ? Json.NULL : num(c.depth() + UNMEASURED_LINK_COST));
            m.put("stats", linkStats(p, info));
            Map<String, Object> noise = new LinkedHashMap<>();
            noise.put("pattern", "IK");
            noise.put("is_initiator", p.isInitiator());
            noise.put("rekey_count", (long) p.rekeys());
            noise.put("session_age_ms", Math.max(0, nowMs - p.establishedAtMs()));
            m.put("noise", noise);
            m.put("current_k_bit", p.keyEpoch() != 0);
            m.put("mmp", Json.NULL);
            peers.add(m);
        }
        return done(Map.of("peers", peers));
    }

    /** {@code show_links}: one entry per up link (one per authenticated peer). */
    public static JNode showLinks(MeshCore core, NodeInfo info) {
        List<Object> links = new ArrayList<>();
        for (PeerLink p : core.links()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("link_id", linkId(p));
            m.put("transport_id", (long) info.transportId(p.transportName()));
            m.put("remote_addr", p.remoteAddress());
            m.put("direction", direction(p));
            m.put("state", "connected");
            m.put("created_at_ms", p.establishedAtMs() + info.clockOffsetMs());
            m.put("stats", linkStats(p, info));
            links.add(m);
        }
        return done(Map.of("links", links));
    }

    private static Map<String, Object> linkStats(PeerLink p, NodeInfo info) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("packets_sent", p.framesSent());
        s.put("packets_recv", p.framesReceived());
        s.put("bytes_sent", p.bytesSent());
        s.put("bytes_recv", p.bytesReceived());
        s.put("last_recv_ms", p.lastReceivedMs() + info.clockOffsetMs());
        return s;
    }

    /**
     * This build has no link ids of its own: a peer has exactly one link, so
     * the first 48 bits of its NodeAddr name it, stable across queries and
     * within JSON's exact integer range.
     */
    static long linkId(PeerLink p) {
        return p.nodeAddr().hi() >>> 16;
    }

    private static String direction(PeerLink p) {
        return p.isInitiator() ? "outbound" : "inbound";
    }

    private static String transportType(NodeInfo info, PeerLink p) {
        TransportInfo t = info.transport(p.transportName());
        return t != null ? t.type() : p.transportName();
    }

    // ---------------------------------------------------------------- show_tree

    /**
     * {@code show_tree}. No data in this build: the {@code stats} counters
     * {@code ancestry_changed}, {@code outbound_sign_failed} and
     * {@code send_failed} (always 0). {@code root_npub} is null when the root
     * is neither this node nor in the identity cache.
     */
    public static JNode showTree(MeshCore core, NodeInfo info) {
        TreeCore tree = core.tree();
        NodeAddr self = core.identity().nodeAddr();
        Coords coords = tree.coords();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("my_node_addr", hex(self));
        m.put("root", hex(tree.root()));
        m.put("root_npub", npubOf(core, tree.root()));
        m.put("is_root", tree.isRoot());
        m.put("depth", (long) coords.depth());
        m.put("my_coords", hexList(coords));
        m.put("parent", hex(tree.parent()));
        m.put("parent_display_name", displayName(tree.parent(), info, core.link().peer(tree.parent())));
        TreeAnnounce own = tree.announcement();
        m.put("declaration_sequence", tree.sequence());
        m.put("declaration_signed", own != null && own.signature() != null);
        List<Object> peers = new ArrayList<>();
        long declared = 0;
        for (NodeAddr a : tree.peers()) {
            TreeAnnounce ann = tree.peerAnnouncement(a);
            Coords c = tree.peerCoords(a);
            if (ann != null) declared++;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node_addr", hex(a));
            p.put("display_name", displayName(a, info, core.link().peer(a)));
            p.put("depth", c == null ? Json.NULL : (Object) (long) c.depth());
            p.put("root", c == null ? Json.NULL : hex(c.root()));
            p.put("coords", c == null ? List.of() : hexList(c));
            p.put("declaration_sequence", ann == null ? Json.NULL : (Object) ann.sequence());
            p.put("is_parent", !tree.isRoot() && a.equals(tree.parent()));
            p.put("is_child", c != null && c.length() > 1 && c.get(1).equals(self));
            peers.add(p);
        }
        m.put("peer_tree_count", declared);
        m.put("peers", peers);
        TreeStats st = tree.stats();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("received", st.received());
        s.put("accepted", st.accepted());
        s.put("sent", st.sent());
        s.put("rate_limited", st.rateLimited());
        s.put("parent_switches", st.parentSwitches());
        s.put("parent_losses", st.parentLosses());
        s.put("loop_detected", st.loopsDetected());
        s.put("flap_dampened", st.flapDampenings());
        s.put("decode_error", tree.drops(TreeDrop.MALFORMED) + tree.drops(TreeDrop.TOO_DEEP));
        s.put("unknown_peer", tree.drops(TreeDrop.UNKNOWN_PEER));
        s.put("addr_mismatch", tree.drops(TreeDrop.SENDER_MISMATCH));
        s.put("sig_failed", tree.drops(TreeDrop.BAD_SIGNATURE));
        s.put("ancestry_invalid", tree.drops(TreeDrop.ROOT_DECLARATION_MISMATCH) + tree.drops(TreeDrop.ANCESTRY_TOO_SHORT)
                + tree.drops(TreeDrop.ANCESTRY_PARENT_MISMATCH) + tree.drops(TreeDrop.ANCESTRY_ROOT_NOT_MINIMUM));
        s.put("stale", tree.drops(TreeDrop.STALE));
        s.put("ancestry_changed", 0L);
        s.put("outbound_sign_failed", 0L);
        s.put("send_failed", 0L);
        m.put("stats", s);
        return done(m);
    }

    // ---------------------------------------------------------------- show_bloom

    /**
     * {@code show_bloom}. No data in this build: the {@code stats} counters
     * {@code debounce_suppressed}, {@code invalid}, {@code non_v1} and
     * {@code send_failed} (always 0; a non-v1 or otherwise invalid announce is
     * counted under {@code decode_error}).
     */
    public static JNode showBloom(MeshCore core, NodeInfo info) {
        BloomState bloom = core.bloom();
        TreeCore tree = core.tree();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("own_node_addr", hex(core.identity().nodeAddr()));
        m.put("is_leaf_only", info.leafOnly());
        m.put("sequence", bloom.sequence());
        List<Object> deps = new ArrayList<>();
        bloom.dependents().stream().sorted().forEach(d -> deps.add(hex(d)));
        m.put("leaf_dependent_count", (long) deps.size());
        m.put("leaf_dependents", deps);
        List<NodeAddr> bloomPeers = bloom.peers();
        List<Object> filters = new ArrayList<>();
        for (NodeAddr a : bloomPeers) {
            BloomFilter f = bloom.inboundFilter(a);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node_addr", hex(a));
            p.put("display_name", displayName(a, info, core.link().peer(a)));
            p.put("is_tree_peer", tree.isTreePeer(a));
            p.put("sequence", bloom.inboundSequence(a));
            p.put("has_filter", f != null);
            p.put("fill_ratio", f == null ? Json.NULL : num(f.fillRatio()));
            p.put("estimated_count", f == null ? Json.NULL : num(f.estimatedElements()));
            filters.add(p);
        }
        m.put("peer_filters", filters);
        BloomFilter up = !tree.isRoot() && bloomPeers.contains(tree.parent()) ? bloom.lastSentFilter(tree.parent()) : null;
        m.put("uptree_fill_ratio", up == null ? Json.NULL : num(up.fillRatio()));
        m.put("uptree_estimated_count", up == null ? Json.NULL : num(up.estimatedElements()));
        long received = 0;
        for (FilterVerdict v : FilterVerdict.values()) received += bloom.count(v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("received", received);
        s.put("accepted", bloom.count(FilterVerdict.ACCEPTED));
        s.put("decode_error", bloom.count(FilterVerdict.MALFORMED));
        s.put("unknown_peer", bloom.count(FilterVerdict.UNKNOWN_PEER));
        s.put("stale", bloom.count(FilterVerdict.STALE_SEQUENCE));
        s.put("fill_exceeded", bloom.count(FilterVerdict.FPR_TOO_HIGH));
        s.put("sent", bloom.announcesSent());
        s.put("debounce_suppressed", 0L);
        s.put("invalid", 0L);
        s.put("non_v1", 0L);
        s.put("send_failed", 0L);
        m.put("stats", s);
        return done(m);
    }

    // ---------------------------------------------------------------- caches, connections, transports

    /**
     * {@code show_cache}: the coordinate cache (INTEROP.md 7 "Coord cache").
     * {@code entries} lists at most {@link #MAX_LISTED_ENTRIES}, most recently
     * used first ({@code count} is the whole cache), because the reply is built
     * on the protocol thread. Entry fields, after control-socket.md's list
     * (the fixture's list is empty, so the names are ours): {@code node_addr},
     * {@code coords} (self to root), {@code depth}, {@code age_ms} (since the
     * coordinates were inserted or updated), {@code last_used_ms} (ms since a
     * route last used them), {@code expires_in_ms}, {@code path_mtu} when a
     * lookup recorded one.
     */
    public static JNode showCache(MeshCore core, long nowMs) {
        CoordCache c = core.coordCache();
        List<CoordCache.EntryView> views = c.entries(MAX_LISTED_ENTRIES, nowMs);
        List<Object> entries = new ArrayList<>(views.size());
        long ageSum = 0;
        for (CoordCache.EntryView v : views) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("node_addr", hex(v.addr()));
            e.put("coords", hexList(v.coords()));
            e.put("depth", (long) v.coords().depth());
            e.put("age_ms", nowMs - v.insertedMs());
            e.put("last_used_ms", nowMs - v.lastUsedMs());
            e.put("expires_in_ms", Math.max(0, v.expiresAtMs() - nowMs));
            if (v.pathMtu() != CoordCache.NO_PATH_MTU) e.put("path_mtu", (long) v.pathMtu());
            entries.add(e);
            ageSum += nowMs - v.insertedMs();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) c.size());
        m.put("max_entries", (long) c.maxEntries());
        m.put("fill_ratio", num(c.size() / (double) c.maxEntries()));
        m.put("default_ttl_ms", c.ttlMs());
        m.put("expired", (long) c.expiredCount(nowMs));
        m.put("avg_age_ms", views.isEmpty() ? 0L : ageSum / views.size());
        m.put("entries", entries);
        return done(m);
    }

    /**
     * {@code show_connections}: the outbound handshakes in flight. No data in
     * this build: {@code link_id}, {@code started_at_ms}, {@code idle_ms},
     * {@code resend_count} (null) and inbound handshakes (not listed): the link
     * layer reports a pending dial only as its peer's name and address.
     */
    public static JNode showConnections(MeshCore core) {
        List<Object> out = new ArrayList<>();
        for (String dial : core.link().pendingDials()) {
            int sp = dial.lastIndexOf(' ');
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("link_id", Json.NULL);
            m.put("direction", "outbound");
            m.put("handshake_state", "sent_msg1");
            m.put("started_at_ms", Json.NULL);
            m.put("idle_ms", Json.NULL);
            m.put("resend_count", Json.NULL);
            m.put("expected_peer", sp > 0 ? dial.substring(0, sp) : dial);
            out.add(m);
        }
        return done(Map.of("connections", out));
    }

    /** {@code show_transports}: every running transport with its counters. */
    public static JNode showTransports(NodeInfo info) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < info.transports().size(); i++) {
            TransportInfo t = info.transports().get(i);
            TransportStats st = t.stats().get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transport_id", (long) (i + 1));
            m.put("type", t.type());
            m.put("state", "running");
            m.put("mtu", (long) t.mtuBytes());
            m.put("name", t.name());
            m.put("local_addr", t.localAddr());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("packets_sent", st.packetsSent());
            s.put("bytes_sent", st.bytesSent());
            s.put("packets_recv", st.packetsReceived());
            s.put("bytes_recv", st.bytesReceived());
            s.put("send_errors", st.sendErrors());
            s.put("send_too_big", st.sendTooBig());
            s.put("recv_errors", st.receiveErrors());
            s.put("recv_truncated", st.receiveTruncated());
            m.put("stats", s);
            out.add(m);
        }
        return done(Map.of("transports", out));
    }

    /**
     * {@code show_identity_cache}: the keys this node can verify and open
     * sessions to (INTEROP.md 1.1 "Reverse lookup"), at most
     * {@link #MAX_LISTED_ENTRIES}, most recently used first. {@code last_seen_ms}
     * and {@code age_ms} are null: this build's identity cache keeps no times.
     */
    public static JNode showIdentityCache(MeshCore core, NodeInfo info) {
        List<Object> entries = new ArrayList<>();
        for (PublicKey k : core.identityCache().entries(MAX_LISTED_ENTRIES)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("node_addr", hex(k.nodeAddr()));
            e.put("npub", k.npub());
            String alias = info.aliases().get(k.nodeAddr());
            e.put("display_name", alias != null ? alias : Json.NULL);
            e.put("ipv6_addr", k.fipsAddress().toString());
            e.put("last_seen_ms", Json.NULL);
            e.put("age_ms", Json.NULL);
            entries.add(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", (long) core.identityCache().size());
        m.put("max_entries", (long) core.identityCache().maxEntries());
        m.put("entries", entries);
        return done(m);
    }

    // ---------------------------------------------------------------- show_routing

    /**
     * {@code show_routing}; {@code lookup} repeats {@code discovery}, as the
     * reference's reply does. No data in this build: {@code pending_lookups}
     * and {@code retries} (empty: the lookup core cannot list them yet),
     * {@code pending_tun_*} (0: no TUN), all of {@code congestion} (no ECN),
     * the {@code error_signals} other than the three this node sends, and
     * the discovery counters {@code req_received}, {@code resp_received},
     * {@code req_backoff_suppressed}, {@code req_fallback_forwarded} and
     * {@code req_no_tree_peer}.
     */
    public static JNode showRouting(MeshCore core) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coord_cache_entries", (long) core.coordCache().size());
        m.put("identity_cache_entries", (long) core.identityCache().size());
        m.put("pending_lookups", List.of());
        m.put("pending_tun_destinations", 0L);
        m.put("pending_tun_packets", 0L);
        m.put("recent_requests", (long) core.lookups().recentRequests());
        m.put("retries", List.of());
        m.put("forwarding", forwarding(core.router()));
        Map<String, Object> discovery = discovery(core.lookups());
        m.put("discovery", discovery);
        m.put("lookup", new LinkedHashMap<>(discovery));
        Router r = core.router();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("coords_required", r.signalCount(RouteSignal.COORDS_REQUIRED_SENT));
        e.put("path_broken", r.signalCount(RouteSignal.PATH_BROKEN_SENT));
        e.put("mtu_exceeded", r.signalCount(RouteSignal.MTU_EXCEEDED_SENT));
        for (String k : List.of("lookup_resp_mtu_below_floor", "mtu_exceeded_below_floor", "path_mtu_notif_below_floor",
                "unbound_broken", "unbound_coords", "unbound_forged", "unbound_mtu")) {
            e.put(k, 0L);
        }
        m.put("error_signals", e);
        Map<String, Object> c = new LinkedHashMap<>();
        for (String k : List.of("ce_forwarded", "ce_received", "congestion_detected", "kernel_drop_events")) c.put(k, 0L);
        m.put("congestion", c);
        return done(m);
    }

    private static Map<String, Object> discovery(LookupCore l) {
        Map<String, Long> c = l.counters();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("req_initiated", c.getOrDefault("requests_sent", 0L));
        m.put("req_forwarded", c.getOrDefault("requests_forwarded", 0L));
        m.put("req_target_is_us", c.getOrDefault("responses_sent", 0L));
        m.put("req_decode_error", l.drops(LookupDrop.MALFORMED_REQUEST));
        m.put("req_deduplicated", l.drops(LookupDrop.DUPLICATE_REQUEST));
        m.put("req_duplicate", l.drops(LookupDrop.OWN_REQUEST));
        m.put("req_dedup_cache_full", l.drops(LookupDrop.RECENT_FULL));
        m.put("req_ttl_exhausted", l.drops(LookupDrop.TTL_EXPIRED));
        m.put("req_forward_rate_limited", l.drops(LookupDrop.FORWARD_RATE_LIMITED));
        m.put("req_bloom_miss", l.drops(LookupDrop.NO_FORWARD_PEER));
        m.put("req_received", 0L);
        m.put("req_backoff_suppressed", 0L);
        m.put("req_fallback_forwarded", 0L);
        m.put("req_no_tree_peer", 0L);
        m.put("resp_accepted", c.getOrDefault("lookups_succeeded", 0L));
        m.put("resp_timed_out", c.getOrDefault("lookups_failed", 0L));
        m.put("resp_forwarded", c.getOrDefault("responses_forwarded", 0L));
        m.put("resp_decode_error", l.drops(LookupDrop.MALFORMED_RESPONSE));
        m.put("resp_identity_miss", l.drops(LookupDrop.UNKNOWN_TARGET_KEY));
        m.put("resp_no_route", l.drops(LookupDrop.REVERSE_PATH_GONE));
        m.put("resp_proof_failed", l.drops(LookupDrop.BAD_PROOF));
        m.put("resp_received", 0L);
        return m;
    }

    // ---------------------------------------------------------------- show_sessions

    /** {@code show_sessions} from the session layer's rows; {@code mmp} carries the path MTU when known, else null. */
    public static JNode showSessions(List<SessionRow> sessions) {
        List<Object> out = new ArrayList<>();
        for (SessionRow s : sessions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("remote_addr", hex(s.remoteAddr()));
            m.put("npub", s.npub());
            m.put("display_name", s.displayName());
            m.put("state", s.state());
            m.put("is_initiator", s.isInitiator());
            m.put("last_activity_ms", s.lastActivityMs());
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("packets_sent", s.packetsSent());
            st.put("packets_recv", s.packetsReceived());
            st.put("bytes_sent", s.bytesSent());
            st.put("bytes_recv", s.bytesReceived());
            m.put("stats", st);
            m.put("mmp", s.pathMtu() > 0 ? Map.of("path_mtu", (long) s.pathMtu()) : Json.NULL);
            m.put("current_k_bit", s.currentKBit());
            m.put("is_draining", s.isDraining());
            out.add(m);
        }
        return done(Map.of("sessions", out));
    }

    // ---------------------------------------------------------------- helpers

    /** NodeAddr as 32 lower-case hex characters (INTEROP.md 13). */
    static String hex(NodeAddr a) {
        return a.toHex();
    }

    private static List<Object> hexList(Coords c) {
        List<Object> l = new ArrayList<>(c.length());
        for (int i = 0; i < c.length(); i++) l.add(hex(c.get(i)));
        return l;
    }

    /** The npub of {@code a} if this node knows its key, else JSON null. */
    private static Object npubOf(MeshCore core, NodeAddr a) {
        if (a.equals(core.identity().nodeAddr())) return core.identity().npub();
        PublicKey k = core.identityCache().get(a);
        return k != null && k.nodeAddr().equals(a) ? k.npub() : Json.NULL;
    }

    /**
     * A node's display name: its alias ({@link NodeInfo#aliases}, then the
     * peer's configured alias), else the first 8 hex characters of its
     * address and "..." (as the reference shows {@code parent_display_name}).
     */
    static String displayName(NodeAddr a, NodeInfo info, PeerLink link) {
        String alias = info.aliases().get(a);
        if (alias != null) return alias;
        if (link != null && !link.displayName().equals(link.publicKey().npub())) return link.displayName();
        return a.toHex().substring(0, 8) + "...";
    }

    /** A float field: finite doubles as JSON numbers with a fraction, anything else null. */
    static Object num(double d) {
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : Json.NULL;
    }

    /** Objects with their keys sorted, as the reference daemon's replies have them, wrapped as the reply data. */
    static JNode done(Map<String, Object> m) {
        return JNode.of(sorted(m), "data");
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> t = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) t.put((String) e.getKey(), sorted(e.getValue()));
            return t;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(sorted(o));
            return out;
        }
        return v;
    }
}
