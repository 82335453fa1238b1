package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.testkit.SimNode;
import fips.testkit.sim.Topology;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A link that one end re-established while the other end thought it was
 * only being rekeyed. Found by {@code fips-sim --nodes 1000 --churn 5}: two
 * of 100 lookups after reconvergence failed with NOT_IN_ANY_FILTER.
 *
 * <p>Mechanism, reproduced here with a one-way cut on the chain n0—n1—n2
 * (n0 dials n1): n0 hears nothing from n1 for the dead timeout, drops the
 * link (Down) and redials (INTEROP.md 3.6). n1 still has the link, hears n0's
 * msg1 from the same identity and epoch on a confirmed session and takes it
 * for a rekey (INTEROP.md 3.7 (4)); when the path heals, n0 gets the msg2 and
 * promotes a new link (Up), n1 cuts over to the "rekeyed" session
 * (Rekeyed, no Down). Above the link layer the two ends now disagree: n0's
 * MeshCore reset its per-peer state for n1 (no filter, sequence 0, no tree
 * announce), n1's did not, and since FilterAnnounces go only to a peer marked
 * as changed (INTEROP.md 6 "When sent": promotion, removal, tree change;
 * "There is no periodic refresh"), n1 never sends n0 its filter again. n0
 * can no longer originate lookups for anything behind n1, for as long as
 * nothing else changes. (The tree heals: n1's 60 s periodic rebroadcast is a
 * first announce on n0's fresh peer state.) The churn runs hit the two-way
 * variant: the surviving end's own rekey msg1 suspends its dead timeout
 * (INTEROP.md 3.6) until the path heals, and the end that had given up
 * promotes that msg1 as a new link.
 *
 * <p>The same sequence of wire messages is legal for the reference as
 * INTEROP.md describes it, so the repair is above the link layer: on every
 * LinkEvent.Rekeyed, MeshCore re-sends its tree announce and filter to that
 * peer (TreeCore.refresh, BloomState.refresh). Without that this test fails.
 */
class OneSidedResetMeshTest {
    @Test
    @DisplayName("INTEROP.md 3.7 (4), 6 \"When sent\": after one end re-dialled a link the other end took for a rekey, the two ends' mesh state agrees again: n1's filter reaches n0 and n0 can look up n2")
    void filterIsResentAfterOneSidedReset() {
        MeshScenario s = new MeshScenario(Topology.of("chain", 3, new int[] {0, 1}, new int[] {1, 2}), 0x05e7_0001L);
        SimNode n0 = s.node(0), n1 = s.node(1), n2 = s.node(2);
        assertTrue(s.converge(60_000, 600_000), "converged");
        assertNotNull(n0.mesh().core().bloom().inboundFilter(n1.nodeAddr()));

        long cutMs = s.sim.nowMs();
        s.sim.network().direction(n1, n0).cut(); // n1's frames stop reaching n0; n0's still reach n1
        assertTrue(s.sim.runUntil(() -> !n0.isLinkedTo(n1), cutMs + 60_000), "n0 drops the link");
        s.sim.runFor(3_000);
        s.sim.network().direction(n1, n0).heal();
        assertTrue(s.sim.runUntil(() -> n0.isLinkedTo(n1), s.sim.nowMs() + 120_000), "the link is back");
        s.sim.runFor(180_000); // every periodic mechanism runs at least once

        String events = "n0: " + n0.events(LinkEvent.class).stream().map(e -> e.getClass().getSimpleName()).toList()
                + ", n1: " + n1.events(LinkEvent.class).stream().map(e -> e.getClass().getSimpleName()).toList();
        assertTrue(n1.isLinkedTo(n0), events);
        assertNotNull(n0.mesh().core().bloom().inboundFilter(n1.nodeAddr()),
                "n0 has no filter from n1 after the link came back (" + events + ")");
        MeshScenario.Probe p = s.probe(n0, n2, 1);
        assertTrue(p.ok(), "n0 -> n2: " + p + " (" + events + ")");
    }
}
