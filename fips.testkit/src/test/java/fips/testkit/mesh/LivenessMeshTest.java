package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkConfig;
import fips.fmp.link.LinkEvent;
import fips.testkit.Capture;
import fips.testkit.NetConditions;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.SimWire;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import fips.testkit.WireStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Heartbeats, the dead timeout and redialling across a partition (INTEROP.md 3.6). */
class LivenessMeshTest {
    private static final long LATENCY_MS = 10;
    private static final long PARTITION_AT_MS = 20_000;
    private static final long HEAL_AT_MS = PARTITION_AT_MS + 150_000;

    /** The arrival time of the last frame (any kind) {@code from} sent before the partition. */
    private static long lastArrivalBefore(Capture frames, long partitionAtMs) {
        long last = -1;
        for (Capture.Packet p : frames.packets()) {
            if (p.atMs() < partitionAtMs) last = p.atMs();
        }
        return last + LATENCY_MS;
    }

    @Test
    @DisplayName("INTEROP.md 3.6: a partition longer than the dead timeout takes the link down on both sides; after it heals the dialler reconnects on the node.retry backoff schedule and traffic flows again")
    void deadPeerAndReconnect() {
        LinkConfig cfg = LinkConfig.defaults();
        Simulation sim = Simulation.builder(0x11fe_0001L).nodes(2).config(cfg)
                .edge(0, 1, NetConditions.latency(LATENCY_MS)).dial(0, 1).build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        SimWire wire = sim.network().wire(a, b);
        Capture framesToA = new Capture(p -> p.from() == b && (p.kind() == PacketKind.FRAME || p.kind() == PacketKind.DATA));
        Capture framesToB = new Capture(p -> p.from() == a && (p.kind() == PacketKind.FRAME || p.kind() == PacketKind.DATA));
        Capture msg1 = Capture.of(a, b, PacketKind.MSG1);
        sim.network().addTap(framesToA);
        sim.network().addTap(framesToB);
        sim.network().addTap(msg1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), 1_000));
        Traffic ab = Traffic.start(sim, a, b, 1_000);
        Traffic ba = Traffic.start(sim, b, a, 1_000);
        sim.at(PARTITION_AT_MS, () -> sim.network().partition(a));
        sim.at(HEAL_AT_MS, sim.network()::healAll);
        assertTrue(sim.runUntil(() -> !a.isLinkedTo(b) && !b.isLinkedTo(a), HEAL_AT_MS));

        // Down exactly one dead timeout after the last frame that got through, on each side.
        long aDownAt = lastArrivalBefore(framesToA, PARTITION_AT_MS) + cfg.deadTimeoutMs();
        long bDownAt = lastArrivalBefore(framesToB, PARTITION_AT_MS) + cfg.deadTimeoutMs();
        assertEquals(List.of(aDownAt), a.eventTimes(LinkEvent.Down.class));
        assertEquals(List.of(bDownAt), b.eventTimes(LinkEvent.Down.class));
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, a.events(LinkEvent.Down.class).get(0).reason());
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, b.events(LinkEvent.Down.class).get(0).reason());

        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), HEAL_AT_MS + 600_000));
        long upAt = sim.nowMs();

        // The dial schedule: an attempt at once on Down; each lasts the handshake timeout with msg1
        // resends at +1, +3, +7, +15 s (INTEROP.md 3.6); the k-th failure waits
        // min(base * 2^(k-1), max_backoff) (reference/configuration.md node.retry.*).
        List<Long> expectedMsg1 = new ArrayList<>();
        List<Long> expectedRetryIn = new ArrayList<>();
        long start = aDownAt;
        long firstAfterHeal = -1;
        for (int k = 1; firstAfterHeal < 0; k++) {
            for (long off : new long[] {0, 1_000, 3_000, 7_000, 15_000}) {
                expectedMsg1.add(start + off);
                if (start + off >= HEAL_AT_MS) {
                    firstAfterHeal = start + off;
                    break;
                }
            }
            if (firstAfterHeal < 0) {
                long backoff = Math.min(cfg.retryBaseIntervalMs() << (k - 1), cfg.retryMaxBackoffMs());
                expectedRetryIn.add(backoff);
                start += cfg.handshakeTimeoutMs() + backoff;
            }
        }
        List<Long> msg1Times = new ArrayList<>();
        for (Capture.Packet p : msg1.packets()) {
            if (p.atMs() > PARTITION_AT_MS) msg1Times.add(p.atMs());
        }
        assertEquals(expectedMsg1, msg1Times);
        List<Long> retryIn = new ArrayList<>();
        for (LinkEvent.HandshakeFailed f : a.events(LinkEvent.HandshakeFailed.class)) retryIn.add(f.nextRetryInMs());
        assertEquals(expectedRetryIn, retryIn);
        assertEquals(firstAfterHeal + 2 * LATENCY_MS, upAt);
        assertEquals(List.of(firstAfterHeal + LATENCY_MS), b.eventTimes(LinkEvent.Up.class).subList(1, 2));

        // Traffic flows again: everything sent after the reconnection arrives; what was sent
        // during the partition while the link was still up was cut by the wire, the rest refused.
        long sentBeforeUp = ab.sent();
        sim.runFor(30_000);
        ab.stop();
        ba.stop();
        sim.runFor(1_000);
        assertEquals(30, ab.sent() - sentBeforeUp);
        WireStats abStats = sim.network().direction(a, b).stats();
        WireStats baStats = sim.network().direction(b, a).stats();
        assertEquals(ab.sent() - abStats.get(WireStats.Count.CUT, PacketKind.DATA), ab.received());
        assertEquals(ba.sent() - baStats.get(WireStats.Count.CUT, PacketKind.DATA), ba.received());
        assertTrue(ab.refused() > 0 && ba.refused() > 0);
        assertEquals(0, a.spinPolls() + b.spinPolls());
        assertTrue(!wire.isCut());
    }

    @Test
    @DisplayName("INTEROP.md 3.6 'Dead timeout' suppressed during a rekey: nextDeadlineMs() stays in the future after every poll (a driver must not spin)")
    void deadTimeoutDuringRekeyDoesNotSpin() {
        // Rekey due at 35..45 s; the partition starts at 25 s, so the dead timeout (from the
        // heartbeat at ~20 s) falls while a's rekey msg1 is still being retransmitted.
        LinkConfig cfg = LinkConfig.defaults().withRekeyAfterMs(40_000);
        Simulation sim = Simulation.builder(0x11fe_0002L).nodes(2).config(cfg).edge(0, 1).dial(0, 1).build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        sim.at(25_000, () -> sim.network().partition(a));
        sim.runUntil(200_000);
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, a.events(LinkEvent.Down.class).get(0).reason());
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, b.events(LinkEvent.Down.class).get(0).reason());
        assertEquals(0, a.spinPolls(), "polls at which a's deadline stayed in the past");
        assertEquals(0, b.spinPolls(), "polls at which b's deadline stayed in the past");
    }
}
