package fips.testkit.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.link.LinkEvent;
import fips.testkit.Capture;
import fips.testkit.NetConditions;
import fips.testkit.PacketKind;
import fips.testkit.SimNode;
import fips.testkit.Simulation;
import fips.testkit.Traffic;
import fips.testkit.WireStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The first handshake over a wire that loses 30% of packets each way. The
 * seeds are chosen so that one run needs four resends within one attempt and
 * the other needs two failed attempts and the node.retry backoff; the exact
 * counts are what those seeds put on the wire.
 */
class HandshakeLossMeshTest {
    /** 10 ms one way, 30% loss each way. */
    private static final NetConditions LOSSY = NetConditions.latency(10).withLoss(0.30);
    /** INTEROP.md 3.6 "msg1 retransmit": send, then resends 1, 2, 4, 8 s apart (5th would be past the 30 s timeout). */
    private static final long[] RESEND_OFFSETS_MS = {0, 1_000, 3_000, 7_000, 15_000};

    private record Run(Simulation sim, SimNode a, SimNode b, Capture msg1, long upAtMs) {
        WireStats ab() {
            return sim.network().direction(a, b).stats();
        }

        WireStats ba() {
            return sim.network().direction(b, a).stats();
        }
    }

    private static Run handshake(long seed) {
        Simulation sim = Simulation.builder(seed).nodes(2).edge(0, 1, LOSSY).dial(0, 1).build();
        SimNode a = sim.node(0);
        SimNode b = sim.node(1);
        Capture msg1 = Capture.of(a, b, PacketKind.MSG1);
        sim.network().addTap(msg1);
        assertTrue(sim.runUntil(() -> a.isLinkedTo(b) && b.isLinkedTo(a), 600_000));
        return new Run(sim, a, b, msg1, sim.nowMs());
    }

    /** Groups msg1 packets by sender_idx: one group per attempt; resends are byte-identical on the 3.6 schedule. */
    private static List<List<Capture.Packet>> attempts(Capture msg1) {
        Map<Integer, List<Capture.Packet>> byIdx = new LinkedHashMap<>();
        for (Capture.Packet p : msg1.packets()) {
            byIdx.computeIfAbsent(MeshAssertions.idxAt4(p.bytes()), k -> new ArrayList<>()).add(p);
        }
        for (List<Capture.Packet> att : byIdx.values()) {
            for (int i = 0; i < att.size(); i++) {
                assertArrayEquals(att.get(0).bytes(), att.get(i).bytes(), "resend #" + i + " differs");
                assertEquals(att.get(0).atMs() + RESEND_OFFSETS_MS[i], att.get(i).atMs(), "resend #" + i);
            }
        }
        return new ArrayList<>(byIdx.values());
    }

    private static void assertTrafficFlows(Run r) {
        Traffic t = Traffic.start(r.sim, r.a, r.b, 100);
        Traffic back = Traffic.start(r.sim, r.b, r.a, 100);
        r.sim.runFor(10_000);
        t.stop();
        back.stop();
        r.sim.runFor(1_000);
        assertEquals(100, t.sent());
        assertEquals(100, back.sent());
        // Still at 30% loss: what the wire lost is all that is missing.
        assertEquals(t.sent() - r.ab().get(WireStats.Count.LOST, PacketKind.DATA), t.received());
        assertEquals(back.sent() - r.ba().get(WireStats.Count.LOST, PacketKind.DATA), back.received());
        assertTrue(r.a.events(LinkEvent.Down.class).isEmpty());
    }

    @Test
    @DisplayName("INTEROP.md 3.6 'msg1 retransmit': under 30% loss both ways the handshake completes on the 4th resend; resends are byte-identical at +1, +3, +7, +15 s")
    void resendsWithinOneAttempt() {
        Run r = handshake(50);
        assertEquals(5, r.msg1.size());
        assertEquals(4, MeshAssertions.msg1Resends(r.msg1));
        assertEquals(1, attempts(r.msg1).size());
        assertEquals(2, r.ab().get(WireStats.Count.LOST, PacketKind.MSG1));
        assertEquals(2, r.ba().get(WireStats.Count.LOST, PacketKind.MSG2));
        assertEquals(15_000 + 20, r.upAtMs); // the 4th resend, plus msg1 and msg2 latency

        List<LinkEvent.Up> aUp = r.a.events(LinkEvent.Up.class);
        List<LinkEvent.Up> bUp = r.b.events(LinkEvent.Up.class);
        assertEquals(1, aUp.size());
        assertTrue(aUp.get(0).initiator());
        assertEquals(1, bUp.size());
        assertFalse(bUp.get(0).initiator());
        assertTrue(r.a.events(LinkEvent.HandshakeFailed.class).isEmpty());
        assertTrafficFlows(r);
    }

    @Test
    @DisplayName("INTEROP.md 3.6 + reference/configuration.md node.retry.*: under 30% loss two attempts time out after 30 s, retries follow 5 s then 10 s, the third attempt succeeds")
    void retriesWithBackoff() {
        Run r = handshake(7);
        assertEquals(11, r.msg1.size());
        assertEquals(8, MeshAssertions.msg1Resends(r.msg1));
        List<List<Capture.Packet>> att = attempts(r.msg1);
        assertEquals(3, att.size());
        assertEquals(5, r.ab().get(WireStats.Count.LOST, PacketKind.MSG1));
        assertEquals(5, r.ba().get(WireStats.Count.LOST, PacketKind.MSG2));

        long timeout = r.a.config().handshakeTimeoutMs();
        long base = r.a.config().retryBaseIntervalMs();
        List<LinkEvent.HandshakeFailed> failed = r.a.events(LinkEvent.HandshakeFailed.class);
        assertEquals(2, failed.size());
        assertEquals(base, failed.get(0).nextRetryInMs());
        assertEquals(2 * base, failed.get(1).nextRetryInMs());
        assertEquals(List.of(timeout, 2 * timeout + base), r.a.eventTimes(LinkEvent.HandshakeFailed.class));
        assertEquals(0, att.get(0).get(0).atMs());
        assertEquals(timeout + base, att.get(1).get(0).atMs());
        assertEquals(2 * timeout + 3 * base, att.get(2).get(0).atMs());
        assertEquals(2 * timeout + 3 * base + 20, r.upAtMs);

        assertEquals(1, r.a.events(LinkEvent.Up.class).size());
        // b answered the first attempt (its session then died unconfirmed after the dead timeout,
        // INTEROP.md 3.6), a resend of the second, and the third, whose handshake silently replaced
        // the still unconfirmed inbound session (INTEROP.md 3.7 (3)): the same link, no second Up.
        List<String> bLog = new ArrayList<>();
        for (Simulation.TimedEvent e : r.b.events()) {
            bLog.add(e.atMs() + " " + e.event().getClass().getSimpleName()
                    + (e.event() instanceof LinkEvent.Down d ? " " + d.reason() : ""));
        }
        assertEquals(List.of("10 Up", "30010 Down DEAD_TIMEOUT", "50010 Up"), bLog);
        assertTrafficFlows(r);
    }
}
