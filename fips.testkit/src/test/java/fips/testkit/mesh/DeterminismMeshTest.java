package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkEvent;
import fips.testkit.NetConditions;
import fips.testkit.SimNode;
import fips.testkit.SimWire;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A run is a function of its seed. */
class DeterminismMeshTest {
    private record Outcome(List<String> log, long digest, List<String> traffic, long events) {}

    /**
     * Five nodes in a ring on a rough network (jitter, loss, duplication, reordering),
     * traffic on every wire both ways, fast rekeys, a partition and a restart.
     */
    private static Outcome run(long seed) {
        NetConditions rough = NetConditions.latency(15).withLatency(15, 10).withLoss(0.02)
                .withDuplicate(0.01).withReorder(0.01, 30);
        Simulation sim = Simulation.builder(seed).nodes(5)
                .config(LinkConfig.defaults().withRekeyAfterMs(40_000))
                .conditions(rough).ring().dialAlongEdges().build();
        List<Traffic> traffic = new ArrayList<>();
        sim.at(1_000, () -> {
            for (SimWire w : sim.network().wires()) {
                traffic.add(Traffic.start(sim, w.a(), w.b(), 200));
                traffic.add(Traffic.start(sim, w.b(), w.a(), 200));
            }
        });
        SimNode n0 = sim.node(0);
        sim.at(60_000, () -> sim.network().partition(n0));
        sim.at(105_000, sim.network()::healAll);
        sim.at(150_000, () -> sim.node(2).restart());
        sim.runUntil(300_000);
        List<String> t = new ArrayList<>();
        for (Traffic tr : traffic) t.add(tr.toString());
        return new Outcome(sim.eventLog(), sim.network().digest(), t, sim.eventsRun());
    }

    @Test
    @DisplayName("Determinism: the same seed gives the identical event log, wire digest and traffic counts; another seed does not")
    void sameSeedSameRun() {
        Outcome first = run(1234);
        Outcome second = run(1234);
        Outcome other = run(1235);

        List<String> log = first.log();
        assertTrue(log.stream().anyMatch(l -> l.contains(LinkEvent.Rekeyed.class.getSimpleName())));
        assertTrue(log.stream().anyMatch(l -> l.contains(LinkEvent.DownReason.DEAD_TIMEOUT.name())));
        assertTrue(log.stream().anyMatch(l -> l.contains(LinkEvent.DownReason.PEER_RESTARTED.name())));
        assertEquals(first.log(), second.log());
        assertEquals(first.digest(), second.digest());
        assertEquals(first.traffic(), second.traffic());
        assertEquals(first.events(), second.events());

        assertNotEquals(first.log(), other.log());
        assertNotEquals(first.digest(), other.digest());
    }
}
