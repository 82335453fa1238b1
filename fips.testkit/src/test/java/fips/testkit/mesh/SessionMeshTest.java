package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.mesh.MeshConfig;
import fips.fsp.session.SendOutcome;
import fips.fsp.session.SessionConfig;
import fips.fsp.session.SessionCore;
import fips.fsp.session.SessionEvent;
import fips.testkit.NetConditions;
import fips.testkit.SimNode;
import fips.testkit.SimSession;
import fips.testkit.Simulation;
import fips.testkit.sim.TreeCheck;
import java.nio.ByteBuffer;
import java.util.BitSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * FSP sessions ({@code SessionCore}) over MeshCores on the simulator: cold
 * start across a chain, a long lossy run with frequent rekeys, and recovery
 * after a transit node loses a destination's coordinates (INTEROP.md 8.5-8.9).
 */
class SessionMeshTest {
    private static final int PORT = 256;

    private static Simulation chain(long seed, int n, SessionConfig sessions, NetConditions c) {
        Simulation sim = Simulation.builder(seed).nodes(n).mesh(MeshConfig.defaults()).sessions(sessions)
                .conditions(c).chain().dialAlongEdges().build();
        for (SimNode node : sim.nodes()) node.mesh().recordDatagrams(false);
        return sim;
    }

    /** Links up, the tree agreed, then 30 s for the bloom filters to reach every node. */
    private static void converge(Simulation sim) {
        assertTrue(sim.runUntil(() -> {
            for (int i = 0; i + 1 < sim.nodes().size(); i++) {
                if (!sim.node(i).isLinkedTo(sim.node(i + 1))) return false;
            }
            return TreeCheck.problem(sim) == null;
        }, sim.nowMs() + 60_000), TreeCheck.problem(sim));
        sim.runFor(30_000);
        assertNull(TreeCheck.problem(sim));
    }

    private static byte[] seq(int i) {
        return ByteBuffer.allocate(64).putInt(i).array();
    }

    private static int seqOf(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    private static long counter(SimNode n, String name) {
        Long v = n.session().core().counters().get(name);
        if (v == null) throw new AssertionError("no counter " + name);
        return v;
    }

    @Test
    @DisplayName("INTEROP.md 8.9: cold start over a 5-node chain: lookup → Setup → Ack → msg3 → held data delivered; the reply uses the same session")
    void coldStartAcrossChain() {
        Simulation sim = chain(0x5e55_0001L, 5, SessionConfig.defaults(), NetConditions.latency(10));
        converge(sim);
        SimNode src = sim.node(0), dst = sim.node(4);
        assertNull(src.mesh().core().coordCache().get(dst.nodeAddr(), sim.nowMs()), "no coordinates yet");

        long t0 = sim.nowMs();
        assertEquals(SendOutcome.QUEUED, src.session().send(dst, PORT, PORT, seq(1)));
        assertEquals(SendOutcome.QUEUED, src.session().send(dst, PORT, PORT, seq(2)));
        assertTrue(sim.runUntil(() -> dst.session().receivedCount() == 2, t0 + 5_000));
        assertEquals(1, counter(src, "lookup.started"));
        assertEquals(1, counter(src, "lookup.succeeded"));
        SimSession.Received r = dst.session().received().get(0);
        assertEquals(src.nodeAddr(), r.src());
        assertArrayEquals(seq(1), r.payload());
        assertEquals(PORT, r.dstPort());
        // lookup 4 hops out and back, Setup and Ack 4 hops each, then the data: 8 × 4 × 10 ms + a little.
        assertTrue(r.atMs() - t0 >= 200 && r.atMs() - t0 < 1_000, "took " + (r.atMs() - t0) + " ms");
        assertTrue(src.session().established(dst) && dst.session().established(src));
        assertEquals(1, dst.session().events(SessionEvent.Established.class).size());

        assertEquals(SendOutcome.SENT, dst.session().send(src, 1000, 2000, seq(3)));
        sim.runFor(500);
        assertEquals(1, src.session().receivedCount());
        assertEquals(2000, src.session().received().get(0).dstPort());
        // The middle node learned both ends' coordinates from the Setup/Ack and CP packets (INTEROP.md 8.7).
        assertNotNull(sim.node(2).mesh().core().coordCache().get(dst.nodeAddr(), sim.nowMs()));
        assertNotNull(sim.node(2).mesh().core().coordCache().get(src.nodeAddr(), sim.nowMs()));
        for (SimNode n : sim.nodes()) assertEquals(0, n.spinPolls(), n.name());
    }

    @Test
    @DisplayName("INTEROP.md 8.8: 10 simulated minutes, 1% loss per wire, session rekey every ~4 s, traffic both ways: nothing lost beyond the wire's losses, every arriving frame decrypts")
    void lossyRekeyTenMinutes() {
        SessionConfig cfg = SessionConfig.defaults().withRekey(true, 4_000, 1_000);
        Simulation sim = chain(0x5e55_0002L, 5, cfg, NetConditions.latency(10).withLoss(0.01));
        converge(sim);
        SimNode a = sim.node(0), b = sim.node(4);
        for (SimNode n : sim.nodes()) n.session().recordReceived(false);
        BitSet atB = new BitSet(), atA = new BitSet();
        int[] dupes = {0};
        b.session().onReceive((at, src, sp, dp, buf, off, len, now) -> {
            int i = ByteBuffer.wrap(buf, off, len).getInt();
            if (atB.get(i)) dupes[0]++;
            atB.set(i);
        });
        a.session().onReceive((at, src, sp, dp, buf, off, len, now) -> {
            int i = ByteBuffer.wrap(buf, off, len).getInt();
            if (atA.get(i)) dupes[0]++;
            atA.set(i);
        });
        // Open the session first (its own lookup and handshake may see loss too).
        a.session().send(b, PORT, PORT, seq(-0));
        assertTrue(sim.runUntil(() -> a.session().established(b) && b.session().established(a), sim.nowMs() + 60_000));
        atB.clear();

        long lostBefore = sim.network().totals().lost();
        int[] sent = {0};
        long start = sim.nowMs();
        Simulation.Periodic p = sim.every(start, 100, () -> {
            int i = ++sent[0];
            assertEquals(SendOutcome.SENT, a.session().send(b, PORT, PORT, seq(i)), "a→b " + i);
            assertEquals(SendOutcome.SENT, b.session().send(a, PORT, PORT, seq(i)), "b→a " + i);
        });
        sim.runUntil(start + 600_000);
        p.cancel();
        sim.runFor(2_000);
        long wireLost = sim.network().totals().lost() - lostBefore;

        int missing = (sent[0] - atB.cardinality()) + (sent[0] - atA.cardinality());
        assertEquals(0, dupes[0]);
        assertTrue(sent[0] >= 5_999, "sent=" + sent[0]);
        assertTrue(missing <= wireLost, "missing=" + missing + " wireLost=" + wireLost);
        assertTrue(missing < sent[0] / 10, "missing=" + missing + " of " + 2 * sent[0]);
        long cutovers = counter(a, "rekey.cutover") + counter(b, "rekey.cutover");
        long promoted = counter(a, "rekey.promoted") + counter(b, "rekey.promoted");
        assertTrue(cutovers >= 60, "cutovers=" + cutovers);
        assertTrue(promoted >= cutovers - 2, "promoted=" + promoted + " cutovers=" + cutovers);
        for (SimNode n : new SimNode[] {a, b}) {
            SessionCore c = n.session().core();
            assertEquals(0, counter(n, "drop.auth_failed"), n.name() + " " + c.counters());
            assertEquals(0, counter(n, "drop.replayed"), n.name() + " " + c.counters());
            assertEquals(1, n.session().events(SessionEvent.Established.class).size(), "never re-established");
            assertTrue(n.session().events(SessionEvent.Closed.class).isEmpty());
        }
        for (SimNode n : sim.nodes()) assertEquals(0, n.spinPolls(), n.name());
    }

    @Test
    @DisplayName("INTEROP.md 8.5, 8.7: a transit node loses the destination's coordinates: CoordsRequired → CoordsWarmup and warmup reset at the source → traffic flows again")
    void transitLosesCoords() {
        Simulation sim = chain(0x5e55_0003L, 5, SessionConfig.defaults(), NetConditions.latency(10));
        converge(sim);
        SimNode src = sim.node(0), mid = sim.node(2), dst = sim.node(4);
        src.session().send(dst, PORT, PORT, seq(0));
        assertTrue(sim.runUntil(() -> dst.session().receivedCount() == 1, sim.nowMs() + 5_000));
        for (int i = 1; i <= 10; i++) { // warmup used up
            src.session().send(dst, PORT, PORT, seq(i));
            sim.runFor(100);
        }
        assertEquals(11, dst.session().receivedCount());

        assertTrue(mid.mesh().core().coordCache().remove(dst.nodeAddr()));
        for (int i = 11; i <= 40; i++) {
            assertEquals(SendOutcome.SENT, src.session().send(dst, PORT, PORT, seq(i)));
            sim.runFor(100);
        }
        sim.runFor(500);
        assertTrue(counter(src, "signal.coords_required") >= 1);
        assertTrue(counter(src, "warmup.response_sent") >= 1);
        assertTrue(counter(src, "warmup.cp_in_packet") > 5, "the warmup counter was reset");
        assertNotNull(mid.mesh().core().coordCache().get(dst.nodeAddr(), sim.nowMs()), "re-warmed");
        BitSet got = new BitSet();
        for (SimSession.Received r : dst.session().received()) got.set(seqOf(r.payload()));
        assertTrue(got.cardinality() < 41, "the packet that met the empty cache was lost");
        for (int i = 15; i <= 40; i++) assertTrue(got.get(i), "packet " + i + " after recovery");
    }
}
