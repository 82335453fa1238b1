package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.bloom.BloomFilter;
import fips.fmp.bloom.BloomState;
import fips.fmp.bloom.FilterVerdict;
import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.LinkMsgType;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.WireStats;
import fips.testkit.sim.Topology;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node announces an all-ones bloom filter ("I reach everyone") to a
 * neighbour, as a real link message on its authenticated link (INTEROP.md 6
 * "Anti-poison").
 */
class BloomPoisonMeshTest {
    @Test
    @DisplayName("INTEROP.md 6 \"Anti-poison\": an all-ones FilterAnnounce from a peer is rejected (FPR_TOO_HIGH), changes nothing at the neighbour, and lookups and routing elsewhere are unaffected")
    void allOnesFilterIsRejected() {
        MeshScenario s = new MeshScenario(Topology.scaleFree(40, 2, new Random(0xb100d)), 0xb100_0001L);
        assertTrue(s.converge(180_000, 1_800_000), "converged");
        // The attacker: a node with two or more peers that is not the root; the victim: its first peer.
        SimNode m = null;
        for (int i = 0; i < s.topo.nodes() && m == null; i++) {
            if (s.topo.degree(i) >= 2 && !s.node(i).mesh().isRoot()) m = s.node(i);
        }
        SimNode v = s.node(s.topo.neighbour(m.index(), 0));
        BloomState vb = v.mesh().core().bloom();
        long rejectedBefore = vb.count(FilterVerdict.FPR_TOO_HIGH);
        long acceptedBefore = vb.count(FilterVerdict.ACCEPTED);
        long seqBefore = vb.inboundSequence(m.nodeAddr());
        BloomFilter filterBefore = vb.inboundFilter(m.nodeAddr());
        long changesBefore = s.coordsChanges();
        long otherRejectionsBefore = rejectionsExcept(s, v);

        byte[] ones = new byte[BloomFilter.BYTES];
        Arrays.fill(ones, (byte) 0xff);
        // A sequence far above anything m sent, so freshness cannot be the reason for a drop.
        byte[] msg = new FilterAnnounce(1L << 40, BloomFilter.fromBytes(ones)).encode();
        assertTrue(m.send(v, LinkMsgType.FILTER_ANNOUNCE, msg, 1, msg.length - 1) > 0, "sealed and sent on the link");
        s.sim.runFor(1_000);

        assertEquals(1, s.sim.network().direction(m, v).stats().get(WireStats.Count.DELIVERED, PacketKind.DATA));
        assertEquals(rejectedBefore + 1, vb.count(FilterVerdict.FPR_TOO_HIGH));
        assertEquals(acceptedBefore, vb.count(FilterVerdict.ACCEPTED));
        assertEquals(seqBefore, vb.inboundSequence(m.nodeAddr()), "a rejected announce keeps the stored sequence");
        assertEquals(filterBefore, vb.inboundFilter(m.nodeAddr()), "and the stored filter");
        assertEquals(otherRejectionsBefore, rejectionsExcept(s, v), "nothing reached anyone else");
        assertEquals(changesBefore, s.coordsChanges(), "the tree did not move");

        // Lookups and datagrams from, to and across the victim and the attacker's other neighbours.
        Random r = new Random(7);
        int probes = 0;
        for (int k = 0; k < 20; k++) {
            SimNode src = k < 5 ? v : s.node(r.nextInt(s.topo.nodes()));
            SimNode dst = k >= 5 && k < 10 ? v : s.node(r.nextInt(s.topo.nodes()));
            if (src == dst) continue;
            MeshScenario.Probe p = s.probe(src, dst, 1000 + k);
            assertTrue(p.ok(), src + " -> " + dst + ": " + p);
            probes++;
        }
        assertTrue(probes >= 15);
        long ttl = 0;
        for (SimNode n : s.sim.nodes()) {
            ttl += n.mesh().core().router().transitCount(fips.fmp.route.RouteOutcome.TTL_EXPIRED);
        }
        assertEquals(0, ttl);
    }

    private static long rejectionsExcept(MeshScenario s, SimNode v) {
        long n = 0;
        for (SimNode x : s.sim.nodes()) {
            if (x != v) n += x.mesh().core().bloom().count(FilterVerdict.FPR_TOO_HIGH);
        }
        return n;
    }
}
