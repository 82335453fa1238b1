package fips.fsp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fsp.session.FakeNet.Node;
import fips.fsp.wire.FspConstants;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Session rekey (INTEROP.md 8.8): cutover, K bit, promotion, msg3 reliability, dual initiation, drain. */
class SessionRekeyTest {
    private static final int PORT = 256;

    private static byte[] seq(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static int seqOf(byte[] b) {
        return ByteBuffer.wrap(b).getInt();
    }

    /** Sends a numbered packet each way every {@code periodMs} for {@code durationMs}; returns how many each side sent. */
    private static int traffic(FakeNet net, Node a, Node b, long periodMs, long durationMs, int first) {
        int i = first;
        long end = net.now + durationMs;
        while (net.now < end) {
            assertEquals(SendOutcome.SENT, a.send(b, PORT, seq(i)), "a→b " + i);
            assertEquals(SendOutcome.SENT, b.send(a, PORT, seq(i)), "b→a " + i);
            i++;
            net.runFor(periodMs);
        }
        return i;
    }

    private static void assertInOrder(List<FakeNet.Delivered> got, int from, int to) {
        assertEquals(to - from, got.size());
        for (int i = 0; i < got.size(); i++) assertEquals(from + i, seqOf(got.get(i).payload()), "index " + i);
    }

    private static FakeNet.Node[] established(FakeNet net) {
        Node[] p = net.pair();
        p[0].send(p[1], PORT, seq(-1));
        net.runFor(500);
        assertTrue(p[0].established(p[1]) && p[1].established(p[0]));
        p[1].delivered.clear();
        return p;
    }

    @Test
    @DisplayName("INTEROP.md 8.8: rekey every 3 s under continuous traffic both ways for 60 s: nothing lost, order kept, K toggles, responder promotes on a frame")
    void rekeyUnderTraffic() {
        FakeNet net = new FakeNet(30, SessionConfig.defaults().withRekey(true, 3_000, 0));
        Node[] p = established(net);
        Node a = p[0], b = p[1];
        Set<Boolean> kSeen = new HashSet<>();
        int sent = 0;
        for (int round = 0; round < 60; round++) {
            sent = traffic(net, a, b, 20, 1_000, sent);
            kSeen.add(a.core.sessions(net.now).get(0).currentKBit());
        }
        net.runFor(100);
        assertInOrder(b.delivered, 0, sent);
        assertInOrder(a.delivered, 0, sent);
        long cutovers = a.counter("rekey.cutover") + b.counter("rekey.cutover");
        long promotions = a.counter("rekey.promoted") + b.counter("rekey.promoted");
        // A cycle: due 3 s after the last cutover, cut over 2 s after msg3; the responder is dampened 30 s.
        assertTrue(cutovers >= 10, "cutovers=" + cutovers);
        assertEquals(cutovers, promotions, "each initiator cutover is followed by the responder's promotion");
        assertEquals(kSeen, Set.of(true, false));
        for (Node n : p) {
            assertEquals(0, n.counter("drop.auth_failed"), n + " " + n.core.counters());
            assertEquals(0, n.counter("drop.replayed"));
            assertEquals(0, n.counter("hs.msg3_unconfirmed"));
            assertEquals(0, n.counter("rekey.abandoned"));
        }
        assertEquals(a.events(SessionEvent.Rekeyed.class).size(), a.core.sessions(net.now).get(0).rekeys());
        assertEquals(a.core.sessions(net.now).get(0).currentKBit(), b.core.sessions(net.now).get(0).currentKBit());
    }

    @Test
    @DisplayName("INTEROP.md 8.8: the first rekey msg3 is lost: the initiator's resend reaches the responder before the 2 s cutover; nothing lost")
    void lostRekeyMsg3() {
        FakeNet net = new FakeNet(31, SessionConfig.defaults().withRekey(true, 3_000, 0));
        Node[] p = established(net);
        Node a = p[0], b = p[1];
        int[] m3 = {0};
        net.filter = pk -> !(pk.phase() == FspConstants.PHASE_SESSION_MSG3 && m3[0]++ == 0);
        int sent = traffic(net, a, b, 20, 10_000, 0);
        net.runFor(100);
        assertInOrder(b.delivered, 0, sent);
        assertInOrder(a.delivered, 0, sent);
        assertTrue(a.counter("hs.msg3_resent") + b.counter("hs.msg3_resent") >= 1);
        assertTrue(a.counter("rekey.cutover") + b.counter("rekey.cutover") >= 2);
        assertEquals(0, a.counter("drop.auth_failed") + b.counter("drop.auth_failed"));
    }

    @Test
    @DisplayName("INTEROP.md 8.8 dual initiation: both start a rekey at once; the smaller NodeAddr's wins, the larger answers; traffic unharmed")
    void dualInitiation() {
        // Triggered by message count, both ends cross the threshold within one latency: the Setups cross.
        FakeNet net = new FakeNet(32, SessionConfig.defaults().withRekeyAfterMessages(150));
        net.latencyMs = 50;
        Node[] p = established(net);
        Node small = p[0], large = p[1];
        int sent = traffic(net, small, large, 20, 7_000, 0); // the rekey at ~3 s, its cutover 2 s after msg3
        net.runFor(200);
        assertEquals(1, small.counter("rekey.initiated"), small.core.counters() + "\n" + large.core.counters());
        assertEquals(1, large.counter("rekey.initiated"));
        assertEquals(1, small.counter("rekey.setup_lost_tie"));
        assertEquals(1, large.counter("rekey.yielded"));
        assertEquals(1, small.counter("rekey.cutover"));
        assertEquals(1, large.counter("rekey.promoted"));
        assertEquals(0, large.counter("rekey.cutover"));
        assertInOrder(large.delivered, 0, sent);
        assertInOrder(small.delivered, 0, sent);
    }

    @Test
    @DisplayName("INTEROP.md 8.8: previous keys drain for 10 s after cutover, extended while frames still decrypt under them")
    void drainExtendedByUse() {
        FakeNet net = new FakeNet(33, SessionConfig.defaults().withRekeyAfterMessages(100));
        Node[] p = established(net);
        Node a = p[0], b = p[1];
        int next = traffic(net, a, b, 20, 1_500, 0);
        // One b→a frame under the keys of now, held back on the wire.
        b.send(a, PORT, seq(1000));
        FakeNet.Packet late = net.log.get(net.log.size() - 1);
        assertTrue(net.inFlight.remove(late));
        traffic(net, a, b, 20, 4_000, next); // the rekey runs and cuts over meanwhile
        assertEquals(1, a.counter("rekey.cutover"), a.core.counters() + "\n" + b.core.counters());
        assertEquals(1, b.counter("rekey.promoted"));
        net.runFor(8_000); // quiet: the previous keys are within 10 s of the cutover
        assertTrue(a.core.sessions(net.now).get(0).isDraining());
        long viaPrevious = a.counter("rx.previous_keys");
        net.inject(b.addr, a, late.payload());
        assertEquals(1000, seqOf(a.delivered.get(a.delivered.size() - 1).payload()));
        assertEquals(viaPrevious + 1, a.counter("rx.previous_keys"));
        net.runFor(9_000);
        assertTrue(a.core.sessions(net.now).get(0).isDraining(), "extended by that frame past the first 10 s");
        net.runFor(1_500);
        assertTrue(!a.core.sessions(net.now).get(0).isDraining(), "10 s after the last use it is gone");
        int got = a.delivered.size();
        long dropped = a.counter("drop.auth_failed") + a.counter("drop.replayed");
        net.inject(b.addr, a, late.payload());
        assertEquals(got, a.delivered.size(), "nothing decrypts it any more");
        assertEquals(dropped + 1, a.counter("drop.auth_failed") + a.counter("drop.replayed"));
    }

    @Test
    @DisplayName("INTEROP.md 8.8: node.rekey.enabled false: no rekey is started, but the peer's rekey is answered")
    void rekeyDisabledStillAnswers() {
        SessionConfig on = SessionConfig.defaults().withRekey(true, 3_000, 0);
        FakeNet net = new FakeNet(34, on);
        Node a = net.add();
        Node b = net.add();
        b.core = new SessionCore(b.id, on.withRekey(false, 3_000, 0), b, b, new java.util.Random(5),
                fips.noise.AeadEngine.selected(), net.now);
        // b initiates the session so that a cannot be the rekey initiator by role accident.
        b.send(a, PORT, seq(-1));
        net.runFor(100);
        assertTrue(a.established(b) && b.established(a));
        a.delivered.clear();
        int sent = traffic(net, a, b, 50, 20_000, 0);
        net.runFor(100);
        assertEquals(0, b.counter("rekey.initiated"));
        assertTrue(a.counter("rekey.initiated") >= 3);
        assertTrue(b.counter("rekey.responded") >= 3);
        assertInOrder(b.delivered, 0, sent);
    }

    @Test
    @DisplayName("INTEROP.md 8.8: a rekey msg3 whose static key is not the established peer's is refused; the session goes on")
    void rekeyMsg3FromAnotherKeyRefused() {
        FakeNet net = new FakeNet(35, SessionConfig.defaults());
        Node[] p = established(net);
        Node a = p[0], b = p[1];
        // C knows B's key and claims A's address; what B sends to A reaches C for a while.
        Node c = net.add(fips.identity.Identity.generate(new java.util.Random(77)), a.addr);
        c.identities.put(b.id.nodeAddr(), b.id.publicKey());
        net.byAddr.put(a.addr, c);
        c.send(b, PORT, seq(0));
        net.runFor(200);
        assertEquals(1, b.counter("rekey.responded"), "to B it is a rekey Setup on its session with A");
        assertEquals(1, b.counter("rekey.key_mismatch"));
        assertEquals(0, b.counter("rekey.pending"));
        net.byAddr.put(a.addr, a);
        b.delivered.clear();
        int sent = traffic(net, a, b, 20, 1_000, 0);
        net.runFor(100);
        assertInOrder(b.delivered, 0, sent);
        assertTrue(b.established(a));
    }
}
