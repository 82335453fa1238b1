package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.fmp.wire.DisconnectReason;
import fips.fmp.wire.FmpConstants;
import fips.testkit.Capture;
import fips.testkit.NetConditions;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Orderly shutdown (INTEROP.md 3.9). */
class DisconnectMeshTest {
    private static final long LATENCY_MS = 25;

    @Test
    @DisplayName("INTEROP.md 3.9: LinkCore.shutdown sends Disconnect(Shutdown); the peer reports Down(PEER_DISCONNECTED) one latency later, not after the dead timeout")
    void shutdownDisconnects() {
        Simulation sim = Simulation.builder(0xd15c_0001L).nodes(2)
                .edge(0, 1, NetConditions.latency(LATENCY_MS)).dial(0, 1).build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        Capture framesAb = Capture.of(a, b, PacketKind.FRAME);
        Capture msg1 = Capture.of(a, b, PacketKind.MSG1);
        sim.network().addTap(framesAb);
        sim.network().addTap(msg1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), 1_000));
        sim.runUntil(15_000);
        framesAb.clear();

        a.shutdown(DisconnectReason.SHUTDOWN);
        // One frame: 32 bytes of overhead, 5 of inner header, 1 reason byte (INTEROP.md 3.2, 3.9).
        assertEquals(1, framesAb.size());
        assertEquals(FmpConstants.FRAME_OVERHEAD_BYTES + FmpConstants.INNER_HEADER_BYTES + 1, framesAb.last().bytes().length);
        assertEquals(List.of(15_000L), a.eventTimes(LinkEvent.Down.class));
        assertEquals(LinkEvent.DownReason.LOCAL_DISCONNECT, a.events(LinkEvent.Down.class).get(0).reason());
        assertTrue(a.core().links().isEmpty());

        sim.runFor(LATENCY_MS);
        assertEquals(List.of(15_000L + LATENCY_MS), b.eventTimes(LinkEvent.Down.class));
        LinkEvent.Down d = b.events(LinkEvent.Down.class).get(0);
        assertEquals(LinkEvent.DownReason.PEER_DISCONNECTED, d.reason());
        assertEquals(DisconnectReason.SHUTDOWN.name(), d.detail());
        assertNull(b.link(a));
        assertTrue(b.core().links().isEmpty());

        // Nothing is redialled after a shutdown, and b, which never configured a, forgets it.
        sim.runFor(600_000);
        assertEquals(1, msg1.size());
        assertEquals(1, a.events(LinkEvent.Down.class).size());
        assertEquals(1, b.events(LinkEvent.Down.class).size());
        assertTrue(a.core().pendingDials().isEmpty());
        assertEquals(0, sim.network().totals().get(fips.testkit.WireStats.Count.SENT, PacketKind.FRAME)
                - sim.network().totals().get(fips.testkit.WireStats.Count.DELIVERED, PacketKind.FRAME));
    }
}
