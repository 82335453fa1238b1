package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.fmp.link.PeerLink;
import fips.testkit.NetConditions;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Both ends dial each other at the same moment (INTEROP.md 3.7 "Cross-connection"). */
class CrossingDialsMeshTest {

    private static void assertOneLinkAndTraffic(Simulation sim) {
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), 1_000));
        sim.runFor(5_000);
        SimNode smaller = a.nodeAddr().compareTo(b.nodeAddr()) < 0 ? a : b;
        SimNode larger = smaller == a ? b : a;

        // Exactly one link on each side, and both on the smaller node's outbound handshake.
        assertEquals(1, a.core().links().size());
        assertEquals(1, b.core().links().size());
        PeerLink fromSmaller = smaller.link(larger);
        PeerLink fromLarger = larger.link(smaller);
        assertTrue(fromSmaller.isInitiator());
        assertTrue(!fromLarger.isInitiator());
        assertEquals(0, a.core().pendingDials().size() + b.core().pendingDials().size());
        // One Up per side: the larger node came up on the smaller's msg1; the smaller came up on
        // the larger's msg1 and then switched, silently, to its own handshake when that one's msg2
        // arrived (a session switch on a link that is already up is not a second link).
        assertEquals(1, larger.events(LinkEvent.Up.class).size());
        assertEquals(1, smaller.events(LinkEvent.Up.class).size());

        Traffic ab = Traffic.start(sim, a, b, 100);
        Traffic ba = Traffic.start(sim, b, a, 100);
        sim.runFor(120_000);
        ab.stop();
        ba.stop();
        sim.runFor(1_000);
        assertEquals(1_200, ab.sent());
        assertEquals(ab.sent(), ab.received());
        assertEquals(ba.sent(), ba.received());
        assertTrue(a.events(LinkEvent.Down.class).isEmpty());
        assertTrue(b.events(LinkEvent.Down.class).isEmpty());
        assertEquals(1, a.core().links().size());
        assertEquals(1, b.core().links().size());
    }

    @Test
    @DisplayName("INTEROP.md 3.7 'Cross-connection': both dial at once over a symmetric wire; one link results on both sides and traffic flows")
    void crossingDialsSymmetric() {
        assertOneLinkAndTraffic(Simulation.builder(0xc105_0001L).nodes(2).edge(0, 1).dialBoth(0, 1).build());
    }

    @Test
    @DisplayName("INTEROP.md 3.7 'Cross-connection': both dial at once over an asymmetric wire (5 ms one way, 40 ms back); one link results and traffic flows")
    void crossingDialsAsymmetric() {
        Simulation sim = Simulation.builder(0xc105_0002L).nodes(2).edge(0, 1).dialBoth(0, 1).build();
        sim.network().direction(sim.node(0), sim.node(1)).setConditions(NetConditions.latency(5));
        sim.network().direction(sim.node(1), sim.node(0)).setConditions(NetConditions.latency(40));
        assertOneLinkAndTraffic(sim);
    }
}
