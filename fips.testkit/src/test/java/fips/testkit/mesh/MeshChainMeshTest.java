package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshConfig;
import fips.fmp.route.RouteOutcome;
import fips.fmp.tree.Coords;
import fips.testkit.NetConditions;
import fips.testkit.SessionProbe;
import fips.testkit.SimMesh;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import fips.testkit.sim.TreeCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MeshCore on the simulator, end to end on small chains: tree, bloom
 * filters, lookup and SessionDatagram forwarding over real Noise links
 * (INTEROP.md 5, 6, 7, 8.1, 8.7).
 */
class MeshChainMeshTest {
    private static final long LATENCY_MS = 10;

    /** n nodes, wired in the order {@code order} gives (an index list), each dialling the next. */
    private static Simulation chain(long seed, int n, int[] order) {
        Simulation sim = Simulation.builder(seed).nodes(n).mesh(MeshConfig.defaults())
                .conditions(NetConditions.latency(LATENCY_MS)).build();
        for (int i = 0; i + 1 < n; i++) {
            SimNode a = sim.node(order[i]), b = sim.node(order[i + 1]);
            sim.network().connect(a, b, NetConditions.latency(LATENCY_MS));
            a.addPeer(b, true);
        }
        return sim;
    }

    private static int[] byAddress(Simulation sim) {
        List<SimNode> l = new ArrayList<>(sim.nodes());
        l.sort(Comparator.comparing(SimNode::nodeAddr));
        return l.stream().mapToInt(SimNode::index).toArray();
    }

    @Test
    @DisplayName("INTEROP.md 5.2, 7, 8.1: chain A—B—C on MeshCore: root = smallest NodeAddr (B); A and C hang off B; A looks up C and a SessionDatagram from A reaches C via B")
    void chainOfThree() {
        Simulation probe = chain(0x3e5_0003L, 3, new int[] {0, 1, 2});
        int[] sorted = byAddress(probe); // the same seed draws the same identities
        // The smallest NodeAddr in the middle: A — B(root) — C.
        Simulation sim = chain(0x3e5_0003L, 3, new int[] {sorted[1], sorted[0], sorted[2]});
        SimNode a = sim.node(sorted[1]), b = sim.node(sorted[0]), c = sim.node(sorted[2]);

        assertTrue(sim.runUntil(() -> TreeCheck.problem(sim) == null && a.isLinkedTo(b) && b.isLinkedTo(c), 5_000),
                TreeCheck.problem(sim));
        sim.runFor(30_000); // filters settle; nothing may change the tree
        assertNull(TreeCheck.problem(sim));
        for (SimNode n : sim.nodes()) assertEquals(b.nodeAddr(), n.mesh().root(), n.name());
        assertTrue(b.mesh().isRoot());
        assertEquals(Coords.of(a.nodeAddr(), b.nodeAddr()), a.mesh().coords());
        assertEquals(Coords.of(c.nodeAddr(), b.nodeAddr()), c.mesh().coords());

        long t0 = sim.nowMs();
        a.mesh().lookup(c);
        assertTrue(sim.runUntil(() -> !a.mesh().lookups().isEmpty(), t0 + 1_000));
        SimMesh.LookupResult r = a.mesh().lookups().get(0);
        assertTrue(r.succeeded(), "lookup: " + r.failure());
        assertEquals(c.mesh().coords(), r.coords());
        assertEquals(t0 + 4 * LATENCY_MS, r.atMs(), "request A→B→C and response C→B→A, 10 ms a hop");

        byte[] payload = SessionProbe.sessionSetup(a.mesh().coords(), r.coords(), 42);
        long sentMs = sim.nowMs();
        assertEquals(RouteOutcome.FORWARDED, a.mesh().sendDatagram(c, payload));
        sim.runFor(1_000);
        assertEquals(1, c.mesh().datagrams().size());
        SimMesh.Datagram d = c.mesh().datagrams().get(0);
        assertEquals(a.nodeAddr(), d.src());
        assertArrayEquals(payload, d.payload());
        assertEquals(sentMs + 2 * LATENCY_MS, d.atMs(), "two hops");
        assertEquals(1, b.mesh().core().router().transitCount(RouteOutcome.FORWARDED));
        assertEquals(0, a.mesh().datagramsReceived() + b.mesh().datagramsReceived());
        for (SimNode n : sim.nodes()) assertEquals(0, n.spinPolls(), n.name());
    }

    @Test
    @DisplayName("INTEROP.md 8.7, 8.9: a SessionSetup crosses two transit nodes that never looked the destination up: each caches both coordinate sets from it")
    void setupWarmsTransitCaches() {
        Simulation sim = chain(0x3e5_0004L, 4, new int[] {0, 1, 2, 3});
        SimNode n0 = sim.node(0), n1 = sim.node(1), n2 = sim.node(2), n3 = sim.node(3);
        assertTrue(sim.runUntil(() -> TreeCheck.problem(sim) == null && n2.isLinkedTo(n3) && n0.isLinkedTo(n1)
                && n1.isLinkedTo(n2), 10_000), TreeCheck.problem(sim));
        sim.runFor(30_000);
        assertNull(TreeCheck.problem(sim));

        n0.mesh().lookup(n3);
        assertTrue(sim.runUntil(() -> !n0.mesh().lookups().isEmpty(), sim.nowMs() + 1_000));
        SimMesh.LookupResult r = n0.mesh().lookups().get(0);
        assertTrue(r.succeeded(), "lookup: " + r.failure());
        // Only the originator caches a lookup's answer (INTEROP.md 7 "Response transit").
        assertNull(n1.mesh().core().coordCache().get(n3.nodeAddr(), sim.nowMs()));

        byte[] payload = SessionProbe.sessionSetup(n0.mesh().coords(), r.coords(), 7);
        long sentMs = sim.nowMs();
        assertEquals(RouteOutcome.FORWARDED, n0.mesh().sendDatagram(n3, payload));
        sim.runFor(1_000);
        assertEquals(1, n3.mesh().datagrams().size(), "n1: " + n1.mesh().core().router().counters());
        assertEquals(sentMs + 3 * LATENCY_MS, n3.mesh().datagrams().get(0).atMs());
        for (SimNode t : List.of(n1, n2)) {
            assertEquals(n3.mesh().coords(), t.mesh().core().coordCache().get(n3.nodeAddr(), sim.nowMs()), t.name());
            assertEquals(n0.mesh().coords(), t.mesh().core().coordCache().get(n0.nodeAddr(), sim.nowMs()), t.name());
        }
        // The destination learns the initiator's coordinates from the Setup too.
        assertEquals(n0.mesh().coords(), n3.mesh().core().coordCache().get(n0.nodeAddr(), sim.nowMs()));
    }
}
