package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkCore;
import fips.fmp.link.LinkEvent;
import fips.testkit.SimBuilder;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A peer that crashes and comes back with a new startup epoch (INTEROP.md 1.1, 3.7 (2)). */
class RestartMeshTest {
    private static final long RESTART_AT_MS = 60_000;

    /** b dials a; both exchange 10 msg/s; b crashes and restarts at 60 s; runs on to 5 min. */
    private static void restartScenario(SimBuilder builder) {
        Simulation sim = builder.build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), 1_000));
        Traffic before = Traffic.start(sim, a, b, 100);
        sim.runUntil(RESTART_AT_MS);
        before.stop();
        byte[] oldEpoch = b.core().epoch();
        b.restart();
        assertFalse(Arrays.equals(oldEpoch, b.core().epoch()), "a restart draws a new epoch");
        assertEquals(1, b.restarts());

        // b's msg1 reaches a 10 ms later: the old link goes, the new one comes up at once.
        sim.runFor(10);
        List<Simulation.TimedEvent> aEvents = a.events();
        assertEquals(3, aEvents.size(), aEvents.toString());
        assertTrue(aEvents.get(0).event() instanceof LinkEvent.Up);
        LinkEvent.Down down = (LinkEvent.Down) aEvents.get(1).event();
        assertEquals(LinkEvent.DownReason.PEER_RESTARTED, down.reason());
        assertEquals(RESTART_AT_MS + 10, aEvents.get(1).atMs());
        assertTrue(aEvents.get(2).event() instanceof LinkEvent.Up up && !up.initiator());
        assertEquals(RESTART_AT_MS + 10, aEvents.get(2).atMs());
        sim.runFor(10);
        assertTrue(b.isLinkedTo(a));
        assertEquals(List.of(20L, RESTART_AT_MS + 20), b.eventTimes(LinkEvent.Up.class)); // the record spans restarts

        // Traffic flows both ways on the new link, and it stays up.
        assertTrue(a.isLinkedTo(b), "a reported Up for b, so it must be able to send to b");
        Traffic ab = Traffic.start(sim, a, b, 100);
        Traffic ba = Traffic.start(sim, b, a, 100);
        sim.runUntil(300_000);
        ab.stop();
        ba.stop();
        sim.runFor(1_000);
        assertEquals(0, ab.refused(), ab.toString());
        assertEquals(ab.sent(), ab.received(), ab.toString());
        assertEquals(ba.sent(), ba.received(), ba.toString());
        assertEquals(2, a.events(LinkEvent.Up.class).size(), sim.eventLog().toString());
        assertEquals(1, a.events(LinkEvent.Down.class).size(), sim.eventLog().toString());
        assertTrue(b.events(LinkEvent.Down.class).isEmpty(), sim.eventLog().toString());
        assertNotNull(a.link(b));
        assertTrue(a.send(b, SimNode.TEST_MSG_TYPE, new byte[8]) > 0);
        assertTrue(a.send(b, SimNode.TEST_MSG_TYPE, new byte[8]) != LinkCore.NO_LINK);
    }

    @Test
    @DisplayName("INTEROP.md 3.7 (2): b restarts (new epoch) and redials a, which has b configured; a reports Down(PEER_RESTARTED) then Up, and traffic flows on the new link")
    void restartOfAConfiguredPeer() {
        restartScenario(Simulation.builder(0x7e57_0001L).nodes(2).edge(0, 1)
                .dial(1, 0)
                .peer(0, 1, false, false)); // a knows b but leaves the dialling to it
    }

    @Test
    @DisplayName("INTEROP.md 3.7 (2): b restarts (new epoch) and redials a, which only ever accepted b's inbound link; a reports Down(PEER_RESTARTED) then Up, and traffic flows on the new link")
    void restartOfAnInboundOnlyPeer() {
        restartScenario(Simulation.builder(0x7e57_0001L).nodes(2).edge(0, 1).dial(1, 0));
    }
}
