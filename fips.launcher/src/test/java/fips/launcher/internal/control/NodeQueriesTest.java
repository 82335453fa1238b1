package fips.launcher.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshCore;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import fips.json.JNode;
import fips.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The show_* renderers against the reference daemon's pinned replies
 * (spec/control-snapshots/*.json; INTEROP.md 13): same keys, same JSON types,
 * recursively, for a lone node and for the middle of a converged chain; on a
 * lone node the values the fixtures pin (cache sizes, TTL, tree declaration)
 * agree too.
 */
class NodeQueriesTest {
    MeshPair mesh;
    Identity a;
    Identity b;
    Identity c;
    MeshCore coreA;
    MeshCore coreB;
    MeshCore coreC;
    NodeInfo infoB;

    @BeforeEach
    void chain() {
        Random r = new Random(42);
        List<Identity> ids = new ArrayList<>(List.of(Identity.generate(r), Identity.generate(r), Identity.generate(r)));
        // b in the middle is the smallest node_addr, so it is the root and a and c are its children.
        ids.sort(Comparator.comparing(Identity::nodeAddr));
        b = ids.get(0);
        a = ids.get(1);
        c = ids.get(2);
        mesh = new MeshPair();
        coreA = mesh.node(a, "a");
        coreB = mesh.node(b, "b");
        coreC = mesh.node(c, "c");
        mesh.link(coreA, "a", coreB, "b");
        mesh.link(coreC, "c", coreB, "b");
        mesh.run(5_000);
        infoB = NodeInfo.of("0.1.0-test", 0, 1_700_000_000_000L, "/tmp/x.sock",
                List.of(TransportInfo.of(mesh.wire("b")))).withAliases(Map.of(a.nodeAddr(), "alice"));
    }

    static NodeInfo lone() {
        return NodeInfo.of("0.1.0-test", 0, 0, "/tmp/x.sock", List.of());
    }

    static void assertShape(String command, JNode actual, String... nullable) {
        List<String> d = Shapes.diff(Shapes.fixture(command), actual, Set.of(nullable));
        assertEquals(List.of(), d, command + ": " + Json.pretty(actual.raw()));
    }

    /** Every element of {@code array} has at least {@code keys} (the reference's list) and the same shape as the first. */
    static void assertElements(JNode array, int count, Set<String> keys) {
        List<JNode> items = array.items();
        assertEquals(count, items.size(), array.path());
        for (JNode e : items) {
            assertTrue(e.keys().containsAll(keys), e.path() + " lacks " + difference(keys, e.keys()));
            assertEquals(List.of(), Shapes.diff(items.get(0), e, Set.of()), e.path());
        }
    }

    static Set<String> difference(Set<String> want, Set<String> have) {
        Set<String> s = new HashSet<>(want);
        s.removeAll(have);
        return s;
    }

    /** Fixture values equal to the rendering's, except under {@code skip} (node-specific or redacted). */
    static void assertValues(String command, JNode actual, Set<String> skip) {
        JNode f = Shapes.fixture(command);
        for (String k : f.keys()) {
            if (skip.contains(k) || "<redacted>".equals(f.get(k).raw())) continue;
            assertEquals(Json.write(f.get(k).raw()), Json.write(actual.get(k).raw()), command + "." + k);
        }
    }

    @Test
    @DisplayName("control-snapshots: a lone node renders every fixture's shape, and the values the fixtures pin")
    void loneNodeMatchesFixtures() {
        MeshPair m = new MeshPair();
        Identity id = Identity.generate(new Random(1));
        MeshCore core = m.node(id, "solo");
        NodeInfo info = lone();
        String hex = id.nodeAddr().toHex();

        JNode status = NodeQueries.showStatus(core, info, "created", 0, 1_000);
        assertShape("show_status", status);
        assertValues("show_status", status, Set.of("node_addr", "npub", "ipv6_addr", "root"));
        assertEquals(hex, status.get("node_addr").str());
        assertEquals(hex, status.get("root").str());
        assertEquals(id.npub(), status.get("npub").str());
        assertEquals(id.fipsAddress().toString(), status.get("ipv6_addr").str());
        assertEquals(ProcessHandle.current().pid(), status.get("pid").i64());
        assertEquals(1, status.get("uptime_secs").i64());

        JNode tree = NodeQueries.showTree(core, info);
        assertShape("show_tree", tree);
        assertValues("show_tree", tree, Set.of("my_node_addr", "root", "root_npub", "parent", "my_coords", "parent_display_name"));
        assertEquals(List.of(hex), tree.get("my_coords").items().stream().map(JNode::str).toList());
        assertEquals(hex, tree.get("parent").str());
        assertEquals(hex.substring(0, 8) + "...", tree.get("parent_display_name").str());
        assertEquals(id.npub(), tree.get("root_npub").str());

        JNode bloom = NodeQueries.showBloom(core, info);
        assertShape("show_bloom", bloom);
        assertValues("show_bloom", bloom, Set.of("own_node_addr"));

        JNode cache = NodeQueries.showCache(core, 1_000);
        assertShape("show_cache", cache);
        assertValues("show_cache", cache, Set.of());

        // The identity cache holds this node's own key (count 1 where the reference has 0).
        JNode idc = NodeQueries.showIdentityCache(core, info);
        assertShape("show_identity_cache", idc);
        assertValues("show_identity_cache", idc, Set.of("count", "entries"));
        assertEquals(1, idc.get("count").i64());
        assertElements(idc.get("entries"), 1, Set.of("node_addr", "npub", "display_name", "ipv6_addr", "last_seen_ms",
                "age_ms"));
        assertEquals(id.npub(), idc.get("entries").items().get(0).get("npub").str());

        assertEquals(1, NodeQueries.showRouting(core).get("identity_cache_entries").i64());
        for (var e : Map.<String, JNode>of(
                "show_peers", NodeQueries.showPeers(core, info, 1_000),
                "show_links", NodeQueries.showLinks(core, info),
                "show_connections", NodeQueries.showConnections(core),
                "show_transports", NodeQueries.showTransports(info),
                "show_sessions", NodeQueries.showSessions(List.of()),
                "show_routing", NodeQueries.showRouting(core)).entrySet()) {
            assertShape(e.getKey(), e.getValue());
            assertValues(e.getKey(), e.getValue(), Set.of("identity_cache_entries"));
        }
    }

    @Test
    @DisplayName("the shape check can fail: a missing key, an extra key and a type change are all reported")
    void shapeCheckDetects() {
        JNode f = Shapes.fixture("show_cache");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new java.util.TreeMap<>((Map<String, Object>) f.raw());
        m.remove("expired");
        m.put("surprise", 1L);
        m.put("fill_ratio", 0L); // an integer where the reference has a float
        List<String> d = Shapes.diff(f, JNode.of(m, "data"), Set.of());
        assertEquals(List.of("data: missing keys [expired]", "data: unexpected keys [surprise]",
                "data.fill_ratio: expected float, got integer"), d);
        assertEquals(List.of("data.root_npub: expected string, got null"),
                Shapes.diff(Shapes.fixture("show_tree"), with(Shapes.fixture("show_tree"), "root_npub", Json.NULL), Set.of()));
    }

    static JNode with(JNode obj, String key, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new java.util.TreeMap<>((Map<String, Object>) obj.raw());
        m.put(key, value);
        return JNode.of(m, "data");
    }

    @Test
    @DisplayName("show_status / show_peers / show_links on the root of a chain a - b - c")
    void peersAndLinks() {
        JNode status = NodeQueries.showStatus(coreB, infoB, "running", 0, 61_000);
        assertShape("show_status", status, "estimated_mesh_size");
        assertEquals(2, status.get("peer_count").i64());
        assertEquals(2, status.get("link_count").i64());
        assertEquals(1, status.get("transport_count").i64());
        assertEquals(2, status.get("transport_peer_counts").get("udp").i64());
        assertTrue(status.get("is_root").bool());
        assertEquals(61, status.get("uptime_secs").i64());
        assertEquals(1280 - 77, status.get("effective_ipv6_mtu").i64());

        JNode peers = NodeQueries.showPeers(coreB, infoB, mesh.nowMs);
        assertShape("show_peers", peers);
        assertElements(peers.get("peers"), 2, Set.of("node_addr", "npub", "display_name", "ipv6_addr", "connectivity",
                "link_id", "direction", "transport_addr", "transport_type", "is_parent", "is_child", "tree_depth",
                "effective_depth", "stats", "noise", "current_k_bit", "mmp"));
        JNode pa = byKey(peers.get("peers"), "node_addr", a.nodeAddr().toHex());
        assertEquals("alice", pa.get("display_name").str(), "an alias from NodeInfo");
        assertEquals(a.npub(), pa.get("npub").str());
        assertEquals("inbound", pa.get("direction").str());
        assertEquals("a", pa.get("transport_addr").str());
        assertEquals("udp", pa.get("transport_type").str());
        assertTrue(pa.get("is_child").bool());
        assertFalse(pa.get("is_parent").bool());
        assertEquals(1, pa.get("tree_depth").i64());
        assertEquals(2.0, pa.get("effective_depth").num());
        assertTrue(pa.get("stats").get("packets_recv").i64() > 0);
        JNode pc = byKey(peers.get("peers"), "node_addr", c.nodeAddr().toHex());
        assertEquals(c.nodeAddr().toHex().substring(0, 8) + "...", pc.get("display_name").str());

        JNode links = NodeQueries.showLinks(coreB, infoB);
        assertShape("show_links", links);
        assertElements(links.get("links"), 2,
                Set.of("link_id", "transport_id", "remote_addr", "direction", "state", "created_at_ms", "stats"));
        JNode la = byKey(links.get("links"), "link_id", pa.get("link_id").raw());
        assertEquals("a", la.get("remote_addr").str());
        assertEquals(1, la.get("transport_id").i64());
        assertTrue(la.get("created_at_ms").i64() >= 1_700_000_000_000L, "Unix ms");

        JNode fromA = NodeQueries.showPeers(coreA, lone(), mesh.nowMs);
        JNode pb = fromA.get("peers").items().get(0);
        assertEquals("outbound", pb.get("direction").str());
        assertTrue(pb.get("is_parent").bool());
        assertEquals(0, pb.get("tree_depth").i64());
    }

    static JNode byKey(JNode array, String key, Object value) {
        return array.items().stream().filter(e -> e.get(key).raw().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no element with " + key + "=" + value + " in " + Json.write(array.raw())));
    }

    @Test
    @DisplayName("show_tree / show_bloom on the root and on a child")
    void treeAndBloom() {
        JNode treeB = NodeQueries.showTree(coreB, infoB);
        assertShape("show_tree", treeB);
        assertEquals(2, treeB.get("peer_tree_count").i64());
        assertElements(treeB.get("peers"), 2, Set.of("node_addr", "display_name", "depth", "coords"));
        JNode treeA = NodeQueries.showTree(coreA, lone());
        assertShape("show_tree", treeA);
        assertFalse(treeA.get("is_root").bool());
        assertEquals(1, treeA.get("depth").i64());
        assertEquals(List.of(a.nodeAddr().toHex(), b.nodeAddr().toHex()),
                treeA.get("my_coords").items().stream().map(JNode::str).toList());
        assertEquals(b.nodeAddr().toHex(), treeA.get("parent").str());
        assertEquals(b.npub(), treeA.get("root_npub").str(), "the root is a peer: its key is known");
        assertTrue(treeA.get("stats").get("accepted").i64() > 0);

        JNode bloomA = NodeQueries.showBloom(coreA, lone());
        assertShape("show_bloom", bloomA);
        assertElements(bloomA.get("peer_filters"), 1, Set.of("node_addr", "sequence", "has_filter", "fill_ratio"));
        assertTrue(bloomA.get("sequence").i64() > 0);
        assertTrue(bloomA.get("uptree_fill_ratio").num() > 0, "a child reports the filter it sent its parent");
        assertTrue(bloomA.get("uptree_estimated_count").num() >= 1);
        JNode bloomB = NodeQueries.showBloom(coreB, infoB);
        assertShape("show_bloom", bloomB);
        assertTrue(bloomB.get("uptree_fill_ratio").isNull(), "the root has no uptree filter");
        assertTrue(bloomB.get("stats").get("accepted").i64() >= 2);
    }

    @Test
    @DisplayName("show_transports / show_routing / show_cache / show_identity_cache / show_connections / show_sessions on a converged node")
    void countersAndCaches() throws ControlError {
        JNode t = NodeQueries.showTransports(infoB);
        assertShape("show_transports", t);
        assertElements(t.get("transports"), 1, Set.of("transport_id", "type", "state", "mtu", "name", "local_addr", "stats"));
        JNode t0 = t.get("transports").items().get(0);
        assertEquals("wire:b", t0.get("local_addr").str());
        assertEquals(mesh.wire("b").sent, t0.get("stats").get("packets_sent").i64());

        JNode routing = NodeQueries.showRouting(coreA);
        assertShape("show_routing", routing);
        assertEquals(routing.get("discovery").raw(), routing.get("lookup").raw());

        // INTEROP.md 7 "Coord cache": an entry B holds is listed with its coordinates, depth and ages.
        fips.fmp.tree.Coords cc = coreC.tree().coords();
        coreB.coordCache().insert(c.nodeAddr(), cc, 1400, mesh.nowMs - 250);
        JNode cache = NodeQueries.showCache(coreB, mesh.nowMs);
        assertShape("show_cache", cache);
        assertEquals(coreB.coordCache().size(), cache.get("count").i64());
        JNode entry = cache.get("entries").items().stream()
                .filter(e -> e.get("node_addr").str().equals(c.nodeAddr().toHex())).findFirst().orElseThrow();
        assertEquals(cc.depth(), entry.get("depth").i64());
        assertEquals(cc.depth() + 1, entry.get("coords").items().size());
        assertEquals(250, entry.get("age_ms").i64());
        assertEquals(1400, entry.get("path_mtu").i64());
        JNode idc = NodeQueries.showIdentityCache(coreB, infoB);
        assertShape("show_identity_cache", idc);
        assertEquals(3, idc.get("count").i64(), "own key and two peers");
        assertEquals(3, idc.get("entries").items().size());
        assertTrue(idc.get("entries").items().stream().anyMatch(e -> e.get("npub").str().equals(c.npub())));

        // a dials a node that does not answer: one pending connection.
        NodeCommands.connect(coreA, JNode.of(Map.of("npub", Identity.generate(new Random(9)).npub(), "address", "nowhere",
                "transport", "udp"), "p"), name -> mesh.wire("a"), mesh.nowMs);
        JNode conns = NodeQueries.showConnections(coreA);
        assertShape("show_connections", conns);
        assertElements(conns.get("connections"), 1, Set.of("link_id", "direction", "handshake_state", "started_at_ms",
                "idle_ms", "resend_count"));
        assertEquals(1, NodeQueries.showStatus(coreA, lone(), "running", 0, mesh.nowMs).get("connection_count").i64());

        SessionRow row = new SessionRow(c.nodeAddr(), c.npub(), "carol", "established", true, 1_700_000_000_000L,
                1, 2, 3, 4, 1203, false, false);
        JNode sessions = NodeQueries.showSessions(List.of(row, row));
        assertShape("show_sessions", sessions);
        assertElements(sessions.get("sessions"), 2, Set.of("remote_addr", "npub", "display_name", "state", "is_initiator",
                "last_activity_ms", "stats", "mmp", "current_k_bit", "is_draining"));
        assertEquals(1203, sessions.get("sessions").items().get(0).get("mmp").get("path_mtu").i64());
    }

    @Test
    @DisplayName("replies come out with sorted keys at every level, as the reference's do")
    void sortedKeys() {
        for (JNode n : Stream.of(NodeQueries.showStatus(coreB, infoB, "running", 0, 0), NodeQueries.showRouting(coreB),
                NodeQueries.showPeers(coreB, infoB, 0)).toList()) {
            assertSorted(n.raw());
        }
    }

    static void assertSorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> keys = m.keySet().stream().map(String.class::cast).toList();
            assertEquals(keys.stream().sorted().toList(), keys);
            m.values().forEach(NodeQueriesTest::assertSorted);
        } else if (v instanceof List<?> l) {
            l.forEach(NodeQueriesTest::assertSorted);
        }
    }

    @Test
    @DisplayName("display names: alias from NodeInfo first, then the peer's configured alias, else 8 hex characters and ...")
    void displayNames() {
        NodeAddr x = a.nodeAddr();
        assertEquals("alice", NodeQueries.displayName(x, infoB, null));
        assertEquals(x.toHex().substring(0, 8) + "...", NodeQueries.displayName(x, lone(), null));
        assertNotNull(coreB.link().peer(x));
        Function<NodeAddr, String> viaPeer = n -> NodeQueries.displayName(n, lone(), coreB.link().peer(n));
        assertEquals(x.toHex().substring(0, 8) + "...", viaPeer.apply(x), "a peer without an alias");
    }
}
