package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomConfig;
import fips.fmp.bloom.BloomKey;
import fips.fmp.bloom.BloomState;
import fips.fmp.bloom.FilterVerdict;
import fips.fmp.link.LinkEvent;
import fips.fmp.link.PeerLink;
import fips.fmp.lookup.CoordCache;
import fips.fmp.lookup.IdentityCache;
import fips.fmp.lookup.LookupAction;
import fips.fmp.lookup.LookupConfig;
import fips.fmp.lookup.LookupCore;
import fips.fmp.lookup.LookupLinks;
import fips.fmp.tree.Coords;
import fips.fmp.tree.TreeView;
import fips.fmp.wire.LinkMsgType;
import fips.identity.NodeAddr;
import fips.testkit.Capture;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * BloomState and LookupCore on the simulator, over real LinkCores, with a
 * hand-built static spanning tree (INTEROP.md 6, 7). The tree core is not
 * used: each node's TreeView is fixed by the test.
 *
 * <pre>
 *            n2 (root, MTU 1300)
 *          /    \      \
 *   (1400) n1    n3 (1400)  n5
 *         /  \..../  \
 *       n0    mesh    n4 (1400)
 * </pre>
 *
 * Tree edges n0-n1, n1-n2, n2-n3, n3-n4, n2-n5; n1-n3 is a link that is not
 * a tree edge. n0's transport MTU is 1200, n5's 1280.
 */
class BloomLookupMeshTest {
    private static final int[][] TREE_EDGES = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {2, 5}};
    private static final int[] PARENT = {1, 2, 2, 2, 3, 2}; // PARENT[root] = root
    private static final int[] MTU = {1200, 1400, 1300, 1400, 1400, 1280};

    /** A spanning tree fixed at construction. */
    private static final class StaticTree implements TreeView {
        private final Coords coords;
        private final NodeAddr parent;
        private final Set<NodeAddr> treePeers;

        StaticTree(Coords coords, NodeAddr parent, Set<NodeAddr> treePeers) {
            this.coords = coords;
            this.parent = parent;
            this.treePeers = treePeers;
        }

        @Override public Coords coords() { return coords; }
        @Override public NodeAddr root() { return coords.root(); }
        @Override public NodeAddr parent() { return parent; }
        @Override public boolean isTreePeer(NodeAddr peer) { return treePeers.contains(peer); }
        @Override public Coords peerCoords(NodeAddr peer) { return null; }
        @Override public long version() { return 0; }
    }

    /** One node's upper layers: bloom and lookup cores fed from its SimNode, polled at their deadlines. */
    private final class Stack implements LookupLinks {
        final SimNode node;
        final StaticTree tree;
        final BloomState bloom;
        final CoordCache coordCache = new CoordCache();
        final IdentityCache identities = new IdentityCache();
        final LookupCore lookup;
        final List<LookupAction> results = new ArrayList<>();
        long pollGen;
        long pollAtMs = Long.MAX_VALUE;

        Stack(SimNode node, StaticTree tree) {
            this.node = node;
            this.tree = tree;
            this.bloom = new BloomState(node.nodeAddr(), tree, BloomConfig.defaults(),
                    (peer, msg, off, len) -> node.send(sim.node(peer), msg[off] & 0xff, msg, off + 1, len - 1));
            this.lookup = new LookupCore(node.identity(), tree, bloom, this, coordCache, identities,
                    LookupConfig.defaults(), new Random(node.index()));
            node.onEvent(e -> {
                if (e instanceof LinkEvent.Up) bloom.onPeerUp(e.peer(), sim.nowMs());
                if (e instanceof LinkEvent.Down) bloom.onPeerDown(e.peer(), sim.nowMs());
                schedule();
            });
            node.onDeliver((at, from, type, buf, off, len, nowMs) -> {
                if (type == LinkMsgType.FILTER_ANNOUNCE) {
                    verdicts.add(bloom.onFilterAnnounce(from.nodeAddr(), buf, off, len, nowMs));
                } else {
                    act(lookup.onMessage(from.nodeAddr(), type, buf, off, len, nowMs));
                }
                schedule();
            });
        }

        void act(List<LookupAction> actions) {
            for (LookupAction a : actions) {
                if (a instanceof LookupAction.Send s) {
                    node.send(sim.node(s.peer()), s.msgType(), s.message(), 1, s.message().length - 1);
                } else {
                    results.add(a);
                }
            }
        }

        /** Keeps one poll event at the earlier of the two cores' deadlines. */
        void schedule() {
            long d = Math.min(bloom.nextDeadlineMs(), lookup.nextDeadlineMs());
            if (d == Long.MAX_VALUE || d >= pollAtMs) return;
            pollAtMs = d;
            long gen = ++pollGen;
            sim.at(Math.max(d, sim.nowMs()), () -> {
                if (gen != pollGen) return; // superseded
                pollAtMs = Long.MAX_VALUE;
                bloom.poll(sim.nowMs());
                act(lookup.poll(sim.nowMs()));
                schedule();
            });
        }

        List<LookupAction> lookupFor(Stack target) {
            List<LookupAction> first = lookup.lookup(target.node.nodeAddr(), sim.nowMs());
            act(first);
            schedule();
            return first;
        }

        @Override
        public List<NodeAddr> peers() {
            List<NodeAddr> l = new ArrayList<>();
            for (PeerLink p : node.core().links()) l.add(p.nodeAddr());
            return l;
        }

        @Override
        public int linkMtuBytes(NodeAddr peer) {
            PeerLink l = node.core().peer(peer);
            return l == null ? 0 : l.linkMtu();
        }
    }

    private Simulation sim;
    private final List<Stack> stacks = new ArrayList<>();
    private final List<FilterVerdict> verdicts = new ArrayList<>();
    private Capture frames;

    @BeforeEach
    void build() {
        var b = Simulation.builder(0xb100_3001L).nodes(6);
        for (int[] e : TREE_EDGES) b.edge(e[0], e[1]);
        b.edge(1, 3);
        for (int i = 0; i < MTU.length; i++) b.transportMtu(i, MTU[i]);
        sim = b.dialAlongEdges().build();

        Map<Integer, Set<NodeAddr>> treePeers = new HashMap<>();
        for (int[] e : TREE_EDGES) {
            treePeers.computeIfAbsent(e[0], k -> new HashSet<>()).add(sim.node(e[1]).nodeAddr());
            treePeers.computeIfAbsent(e[1], k -> new HashSet<>()).add(sim.node(e[0]).nodeAddr());
        }
        for (int i = 0; i < 6; i++) {
            List<NodeAddr> path = new ArrayList<>();
            for (int n = i; ; n = PARENT[n]) {
                path.add(sim.node(n).nodeAddr());
                if (PARENT[n] == n) break;
            }
            stacks.add(new Stack(sim.node(i),
                    new StaticTree(Coords.of(path), sim.node(PARENT[i]).nodeAddr(), treePeers.get(i))));
        }
        // Keys are known ahead, as the DNS responder or a configured peer list would provide them.
        for (Stack s : stacks) {
            for (Stack t : stacks) s.identities.put(t.node.identity().publicKey());
        }
        frames = Capture.of(PacketKind.DATA);
        sim.network().addTap(frames);
    }

    private boolean converged() {
        for (Stack s : stacks) {
            for (Stack t : stacks) {
                if (s != t && !reachesViaTreePeer(s, t)) return false;
            }
        }
        return true;
    }

    private boolean reachesViaTreePeer(Stack from, Stack target) {
        BloomKey key = BloomKey.of(target.node.nodeAddr());
        for (NodeAddr p : from.peers()) {
            if (from.tree.isTreePeer(p) && from.bloom.peerMayReach(p, key)) return true;
        }
        return false;
    }

    @Test
    @DisplayName("INTEROP.md 6: filters spread along the tree so every node has a tree peer whose filter holds every other node; then no more announces")
    void filtersPropagate() {
        assertTrue(sim.runUntil(this::converged, 10_000), "every node can see every other node through a tree peer");
        long convergedAtMs = sim.nowMs();
        sim.runFor(60_000);
        long announcesAfter = stacks.stream().mapToLong(s -> s.bloom.announcesSent()).sum();
        sim.runFor(600_000);
        assertEquals(announcesAfter, stacks.stream().mapToLong(s -> s.bloom.announcesSent()).sum(),
                "no periodic refresh once filters are stable (INTEROP.md 6 \"When sent\")");
        assertTrue(convergedAtMs < 5_000, "converged at " + convergedAtMs + " ms");

        Stack n0 = stacks.get(0), n1 = stacks.get(1), n3 = stacks.get(3), n4 = stacks.get(4);
        // n0 has one peer; n4, four hops away, is in its filter.
        assertTrue(n0.bloom.peerMayReach(n1.node.nodeAddr(), BloomKey.of(n4.node.nodeAddr())));
        // Split horizon: what n1 tells n0 does not hold n0 back, and n0's filter to n1 holds only n0.
        assertFalse(n0.bloom.peerMayReach(n1.node.nodeAddr(), BloomKey.of(n0.node.nodeAddr())));
        for (Stack t : stacks) {
            assertEquals(t == n0, n1.bloom.peerMayReach(n0.node.nodeAddr(), BloomKey.of(t.node.nodeAddr())),
                    "n0's filter at n1 and " + t.node);
        }
        // The non-tree link n1-n3: its filters are stored at both ends but merged into nothing, so
        // n1's filter to its parent n2 holds just n1's subtree {n0, n1}.
        assertTrue(n1.bloom.peerMayReach(n3.node.nodeAddr(), BloomKey.of(n4.node.nodeAddr())));
        Stack n2 = stacks.get(2);
        for (Stack t : stacks) {
            boolean inSubtree = t == n0 || t == n1;
            assertEquals(inSubtree, n2.bloom.peerMayReach(n1.node.nodeAddr(), BloomKey.of(t.node.nodeAddr())),
                    "n1's filter at n2 and " + t.node);
        }
        assertEquals(0, verdicts.stream().filter(v -> v != FilterVerdict.ACCEPTED).count());
        for (Stack s : stacks) assertEquals(0, s.node.spinPolls());
    }

    @Test
    @DisplayName("INTEROP.md 7: a lookup across 4 tree hops (n0 → n1 → n2 → n3 → n4) returns n4's signed coords and the least link MTU on the way back")
    void lookupAcrossFourHops() {
        assertTrue(sim.runUntil(this::converged, 10_000));
        sim.runFor(1_000);
        Stack n0 = stacks.get(0), n4 = stacks.get(4);
        frames.clear();
        long startMs = sim.nowMs();

        List<LookupAction> first = n0.lookupFor(n4);
        assertEquals(1, first.size());
        assertEquals(stacks.get(1).node.nodeAddr(), ((LookupAction.Send) first.get(0)).peer());
        assertTrue(sim.runUntil(() -> !n0.results.isEmpty(), startMs + 1_000));

        Coords expect = n4.tree.coords();
        assertEquals(List.of(n4.node.nodeAddr(), stacks.get(3).node.nodeAddr(), stacks.get(2).node.nodeAddr()),
                expect.toList());
        // path_mtu: n4 towards n3 (1400), n3 towards n2 (1400), n2 towards n1 (1300), n1 towards n0 (1400).
        assertEquals(List.of(new LookupAction.Succeeded(n4.node.nodeAddr(), expect, 1300)), n0.results);
        assertEquals(expect, n0.coordCache.get(n4.node.nodeAddr(), sim.nowMs()));
        assertEquals(1300, n0.coordCache.pathMtu(n4.node.nodeAddr(), sim.nowMs()));
        // 8 link hops of 10 ms each: 4 out, 4 back.
        assertEquals(startMs + 80, sim.nowMs());

        // Exactly the path: one request and one response per hop; the mesh link n1-n3 and n5 unused.
        for (int i : new int[] {1, 2, 3}) {
            Map<String, Long> c = stacks.get(i).lookup.counters();
            assertEquals(1L, c.get("requests_forwarded"), "n" + i);
            assertEquals(1L, c.get("responses_forwarded"), "n" + i);
        }
        assertEquals(1L, n4.lookup.counters().get("responses_sent"));
        assertEquals(0L, stacks.get(5).lookup.counters().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(8, frames.size());
        for (Stack s : stacks) {
            for (var d : fips.fmp.lookup.LookupDrop.values()) assertEquals(0, s.lookup.drops(d), s.node + " " + d);
        }
        // No retry fires afterwards: the lookup is done.
        sim.runFor(20_000);
        assertEquals(1, n0.results.size());
        assertFalse(n0.lookup.isPending(n4.node.nodeAddr()));
    }

    @Test
    @DisplayName("INTEROP.md 7 \"Origination\": a node that is in no filter is not looked up at all")
    void strangerIsNotLookedUp() {
        assertTrue(sim.runUntil(this::converged, 10_000));
        NodeAddr stranger = new NodeAddr(0x0123_4567_89ab_cdefL, 0x0fed_cba9_8765_4321L);
        List<LookupAction> out = stacks.get(0).lookup.lookup(stranger, sim.nowMs());
        assertEquals(List.of(new LookupAction.Failed(stranger, LookupAction.Reason.NOT_IN_ANY_FILTER)), out);
    }
}
