package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.testkit.sim.FipsSim;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Whole meshes through the scenario runner ({@link FipsSim}): convergence,
 * lookups and SessionDatagrams at 1 000 nodes, and reconvergence after churn.
 * Every figure asserted here is exact for the seed (the run is deterministic);
 * bounds are used where the spec allows a range.
 */
class MeshScaleMeshTest {
    @Test
    @DisplayName("INTEROP.md 5, 6, 7, 8.1: 1 000-node scale-free mesh converges to one tree; 100 random pairs: every lookup succeeds and every SessionDatagram arrives, no loops")
    void thousandNodes() {
        FipsSim.Report r = FipsSim.run(FipsSim.Options.defaults().withTopology("scale-free", 1000).withSeed(1)
                .withPairs(100), System.err);
        assertEquals(1000, r.get("nodes"));
        assertEquals(1997, r.get("edges"));
        assertEquals(true, r.get("converged"));
        assertEquals(0L, r.get("coords_changes_quiet"), "nothing moves once converged");
        assertEquals(100, r.get("pairs"));
        assertEquals(1.0, r.number("lookup_success_rate"));
        assertEquals(1.0, r.number("delivered_rate"));
        assertEquals(Map.of(), r.get("failures"));
        assertEquals(0L, r.get("ttl_expired"));
        assertEquals(0L, r.get("bloom_fpr_rejected"), "1 000 nodes stay below the anti-poison cap (INTEROP.md 6)");
        assertEquals(0, r.get("hop_timing_inexact"));
        assertEquals(0L, r.get("spin_polls"));
        assertTrue(r.number("stretch_median") >= 1.0);
        assertTrue(r.number("converge_virtual_s") <= 600, "converged at " + r.get("converge_virtual_s") + " s");
    }

    @Test
    @DisplayName("INTEROP.md 3.6, 5.2, 7: 300 nodes with 5% of links flapping per simulated minute for 5 minutes: the tree reconverges, then every lookup succeeds and every datagram arrives; no datagram ever loops (TTL_EXPIRED = 0)")
    void churn() {
        FipsSim.Report r = FipsSim.run(FipsSim.Options.defaults().withTopology("scale-free", 300).withSeed(2)
                .withPairs(100).withChurn(5, 300), System.err);
        assertEquals(597, r.get("edges"));
        assertEquals(true, r.get("converged"));
        // 5% of 597 edges a minute for 5 minutes: 29.85 a minute, the fraction drawn per minute.
        long flaps = ((Number) r.get("flaps")).longValue();
        assertTrue(flaps >= 145 && flaps <= 155, "flaps=" + flaps);
        assertEquals(true, r.get("reconverged"));
        assertEquals(1.0, r.number("lookup_success_rate"));
        assertEquals(1.0, r.number("delivered_rate"));
        assertEquals(0L, r.get("ttl_expired"));
        assertEquals(0L, r.get("spin_polls"));
    }
}
