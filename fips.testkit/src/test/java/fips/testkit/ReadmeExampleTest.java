package fips.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The example in README.md, line for line, with its claims as assertions. */
class ReadmeExampleTest {
    @Test
    @DisplayName("README.md example: a 3-node chain, 1% loss, an hour of traffic; delivered = sent - lost by the wire")
    void readmeExample() {
        Simulation sim = Simulation.builder(42)
                .nodes(3).chain()
                .config(LinkConfig.defaults().withRekeyAfterMs(40_000))
                .conditions(NetConditions.latency(20).withLoss(0.01))
                .dialAlongEdges()
                .build();
        SimNode a = sim.node(0), b = sim.node(1);
        Capture msg1 = Capture.of(PacketKind.MSG1);
        sim.network().addTap(msg1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b), 60_000));
        Traffic t = Traffic.start(sim, a, b, 100);
        sim.runUntil(3_600_000);
        t.stop(); sim.runFor(1_000);
        long lost = sim.network().direction(a, b).stats().get(WireStats.Count.LOST, PacketKind.DATA);
        assertEquals(t.sent() - lost, t.received(), t.toString());
        assertTrue(msg1.size() > 150, "two first dials and about 90 rekeys per link: " + msg1.size());
    }
}
