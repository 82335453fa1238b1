package fips.fsp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.tree.Coords;
import fips.fsp.session.FakeNet.Node;
import fips.fsp.session.FakeNet.Packet;
import fips.fsp.wire.Coordinates;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.SessionAck;
import fips.fsp.wire.SessionSetup;
import fips.identity.Identity;
import fips.identity.NodeAddr;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Session establishment, crossing Setups, retransmits and the held-packet queue (INTEROP.md 8.3, 8.6, 8.9). */
class SessionHandshakeTest {
    private static final int PORT = 256;

    private static byte[] payload(int i) {
        return ("packet-" + i).getBytes();
    }

    @Test
    @DisplayName("INTEROP.md 8.3, 8.6, 8.9: Setup → Ack → msg3; the initiator is established on the Ack, the responder on msg3; held packets flow")
    void establishment() throws Exception {
        FakeNet net = new FakeNet(1, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.coordCache.put(b.addr, b.coords());

        assertEquals(SendOutcome.QUEUED, a.send(b, PORT, payload(0)));
        assertEquals(SendOutcome.QUEUED, a.send(b, PORT, payload(1)));
        assertFalse(a.established(b));
        net.runFor(5);
        assertFalse(b.established(a), "nothing arrived yet");
        net.runFor(100);

        assertTrue(a.established(b));
        assertTrue(b.established(a));
        assertEquals(List.of(new SessionEvent.Established(b.addr, true)), a.events(SessionEvent.Established.class));
        assertEquals(List.of(new SessionEvent.Established(a.addr, false)), b.events(SessionEvent.Established.class));
        assertEquals(2, b.delivered.size());
        assertArrayEquals(payload(0), b.delivered.get(0).payload());
        assertArrayEquals(payload(1), b.delivered.get(1).payload());
        assertEquals(a.addr, b.delivered.get(0).src());
        assertEquals(PORT, b.delivered.get(0).dstPort());
        assertEquals(List.of(a.id.publicKey()), b.learned, "the responder learns the initiator's key from msg3");

        // The wire: Setup with own coords and the cached dest coords; Ack echoing the initiator's coords.
        Packet setupPkt = net.sent(a, b, FspConstants.PHASE_SESSION_SETUP).get(0);
        SessionSetup setup = SessionSetup.decode(setupPkt.payload(), 0, setupPkt.payload().length);
        assertEquals(new Coordinates(a.coords().toList()), setup.srcCoords());
        assertEquals(new Coordinates(b.coords().toList()), setup.destCoords());
        Packet ackPkt = net.sent(b, a, FspConstants.PHASE_SESSION_ACK).get(0);
        SessionAck ack = SessionAck.decode(ackPkt.payload(), 0, ackPkt.payload().length);
        assertEquals(new Coordinates(b.coords().toList()), ack.srcCoords());
        assertEquals(setup.srcCoords(), ack.destCoords());
        assertEquals(1, net.sent(a, b, FspConstants.PHASE_SESSION_MSG3).size());
        assertEquals(0, setupPkt.sentMs());
        assertEquals(20, net.sent(a, b, FspConstants.PHASE_SESSION_MSG3).get(0).sentMs(), "msg3 one RTT later");

        // Data back the other way on the same session, no new handshake.
        assertEquals(SendOutcome.SENT, b.send(a, 9, payload(7)));
        net.runFor(100);
        assertEquals(1, a.delivered.size());
        assertEquals(9, a.delivered.get(0).srcPort());
        assertEquals(1, net.sent(a, b, FspConstants.PHASE_SESSION_SETUP).size());
        assertEquals(2, a.counter("send.queued"));
        assertEquals(2, a.counter("queue.flushed"));
        assertEquals(1, b.counter("send.sent"));
    }

    @Test
    @DisplayName("INTEROP.md 8.3: without cached destination coordinates the Setup carries the sender's own as dest_coords")
    void setupFallsBackToOwnCoords() throws Exception {
        FakeNet net = new FakeNet(2, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.send(b, PORT, payload(0));
        Packet p = net.sent(a, b, FspConstants.PHASE_SESSION_SETUP).get(0);
        SessionSetup setup = SessionSetup.decode(p.payload(), 0, p.payload().length);
        assertEquals(setup.srcCoords(), setup.destCoords());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: crossing Setups: the smaller NodeAddr keeps initiating, the larger answers; one session results")
    void simultaneousOpen() {
        FakeNet net = new FakeNet(3, SessionConfig.defaults());
        Node[] p = net.pair();
        Node small = p[0], large = p[1];
        assertEquals(SendOutcome.QUEUED, small.send(large, PORT, payload(1)));
        assertEquals(SendOutcome.QUEUED, large.send(small, PORT, payload(2)));
        net.runFor(200);

        assertTrue(small.established(large));
        assertTrue(large.established(small));
        assertEquals(List.of(new SessionEvent.Established(large.addr, true)), small.events(SessionEvent.Established.class));
        assertEquals(List.of(new SessionEvent.Established(small.addr, false)), large.events(SessionEvent.Established.class));
        assertEquals(1, small.counter("hs.setup_crossing_dropped"));
        assertEquals(1, large.counter("hs.setup_crossing_yielded"));
        assertEquals(0, large.counter("hs.setup_crossing_dropped"));
        // Both held packets arrive: the larger node's queue survives its change of role.
        assertEquals(1, large.delivered.size());
        assertEquals(1, small.delivered.size());
        assertArrayEquals(payload(2), small.delivered.get(0).payload());
        net.runFor(40_000);
        assertEquals(1, net.sent(small, large, FspConstants.PHASE_SESSION_SETUP).size(), "no Setup resends");
        assertEquals(1, net.sent(large, small, FspConstants.PHASE_SESSION_SETUP).size());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: a lost Ack: the initiator resends the identical Setup after 1 s and the responder resends its stored Ack")
    void duplicateSetupGetsStoredAck() {
        FakeNet net = new FakeNet(4, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        int[] acks = {0};
        net.filter = p -> !(p.phase() == FspConstants.PHASE_SESSION_ACK && acks[0]++ == 0);
        a.send(b, PORT, payload(0));
        net.runFor(500);
        assertFalse(a.established(b));
        net.runFor(1000);
        assertTrue(a.established(b));
        assertTrue(b.established(a));
        List<Packet> setups = net.sent(a, b, FspConstants.PHASE_SESSION_SETUP);
        assertEquals(2, setups.size());
        assertEquals(1000, setups.get(1).sentMs());
        assertArrayEquals(setups.get(0).payload(), setups.get(1).payload(), "identical bytes");
        List<Packet> ackList = net.sent(b, a, FspConstants.PHASE_SESSION_ACK);
        assertEquals(2, ackList.size());
        assertArrayEquals(ackList.get(0).payload(), ackList.get(1).payload(), "the stored Ack");
        assertEquals(1, b.counter("hs.setup_duplicate"));
        assertEquals(1, b.delivered.size());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: unanswered Setup resent at 1, 3, 7, 15 s; the handshake is removed at 30 s and held packets reported unreachable")
    void retransmitBackoffAndGiveUp() {
        FakeNet net = new FakeNet(5, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        net.filter = p -> false;
        a.send(b, PORT, payload(0));
        a.send(b, PORT, payload(1));
        net.runUntil(29_999);
        assertEquals(1, a.core.sessionCount());
        net.runUntil(60_000);
        List<Long> times = net.sent(a, b, FspConstants.PHASE_SESSION_SETUP).stream().map(Packet::sentMs).toList();
        assertEquals(List.of(0L, 1_000L, 3_000L, 7_000L, 15_000L), times);
        assertEquals(0, a.core.sessionCount());
        assertEquals(List.of(new SessionEvent.Closed(b.addr, SessionEvent.CloseReason.HANDSHAKE_TIMEOUT)),
                a.events(SessionEvent.Closed.class));
        assertEquals(30_000L, a.eventTimes.get(a.events.indexOf(a.events(SessionEvent.Closed.class).get(0))));
        assertEquals(List.of(new SessionEvent.Unreachable(b.addr, "handshake timeout", 2)),
                a.events(SessionEvent.Unreachable.class));
        assertEquals(4, a.counter("hs.setup_resent"));
        assertEquals(1, a.counter("hs.timeout"));
        assertEquals(2, a.counter("queue.dropped_unreachable"));
        assertEquals(Long.MAX_VALUE, a.core.nextDeadlineMs());
    }

    @Test
    @DisplayName("INTEROP.md 8.8 msg3 reliability: a lost msg3 is resent, so the responder establishes and nothing the initiator flushed is stranded forever")
    void lostMsg3IsResent() {
        FakeNet net = new FakeNet(6, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        int[] m3 = {0};
        net.filter = p -> !(p.phase() == FspConstants.PHASE_SESSION_MSG3 && m3[0]++ == 0);
        a.send(b, PORT, payload(0));
        net.runFor(500);
        assertTrue(a.established(b));
        assertFalse(b.established(a));
        assertTrue(b.counter("drop.not_established") >= 1, "data flushed before msg3 arrived");
        net.runFor(2_000);
        assertTrue(b.established(a));
        assertTrue(a.counter("hs.msg3_resent") >= 1);
        assertEquals(SendOutcome.SENT, a.send(b, PORT, payload(1)));
        net.runFor(100);
        assertArrayEquals(payload(1), b.delivered.get(b.delivered.size() - 1).payload());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: msg3 whose static key is not the datagram source's is dropped; no session")
    void msg3WithWrongStaticKeyRejected() {
        FakeNet net = new FakeNet(7, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        // C knows B's key and claims A's address: its datagrams carry src = A, and what B sends to A reaches C.
        Node c = net.add(Identity.generate(new Random(99)), a.addr);
        c.identities.put(b.id.nodeAddr(), b.id.publicKey());
        net.byAddr.put(a.addr, c);
        assertEquals(SendOutcome.QUEUED, c.send(b, PORT, payload(0)));
        net.runFor(500);
        assertTrue(c.established(b), "C completed its side of XK");
        assertFalse(b.established(a));
        assertEquals(1, b.counter("hs.msg3_identity_mismatch"));
        assertTrue(b.delivered.isEmpty());
        assertTrue(b.counter("drop.not_established") >= 1, "C's flushed data is dropped");
        assertTrue(b.learned.isEmpty());
    }

    @Test
    @DisplayName("INTEROP.md 8.6, 8.9: send by public key (an npub the application has) learns the key, then opens the session")
    void sendByPublicKey() {
        FakeNet net = new FakeNet(12, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.identities.clear();
        a.coordCache.put(b.addr, b.coords());
        assertEquals(SendOutcome.NO_IDENTITY, a.send(b, PORT, payload(0)), "by NodeAddr alone the key is unknown");
        assertEquals(SendOutcome.QUEUED, a.core.send(b.id.publicKey(), PORT, PORT, payload(1), 0, payload(1).length, net.now));
        assertEquals(List.of(b.id.publicKey()), a.learned);
        net.runFor(200);
        assertTrue(a.established(b));
        assertEquals(1, b.delivered.size());
        assertArrayEquals(payload(1), b.delivered.get(0).payload());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: no key in the identity cache: NO_IDENTITY, nothing sent, nothing held")
    void noIdentity() {
        FakeNet net = new FakeNet(8, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.identities.clear();
        assertEquals(SendOutcome.NO_IDENTITY, a.send(b, PORT, payload(0)));
        assertTrue(net.log.isEmpty());
        assertEquals(0, a.core.heldPackets());
        assertEquals(1, a.counter("send.no_identity"));
        assertEquals(SendOutcome.SELF, a.core.send(a.addr.hi(), a.addr.lo(), 1, 1, new byte[1], 0, 1, net.now));
    }

    @Test
    @DisplayName("INTEROP.md 8.6: no route: one lookup, 16 packets held (oldest dropped); the lookup answer opens the session and flushes the newest 16")
    void queueLimitsAndLookup() {
        FakeNet net = new FakeNet(9, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.route = false;
        for (int i = 0; i < 20; i++) assertEquals(SendOutcome.QUEUED, a.send(b, PORT, payload(i)));
        assertEquals(List.of(b.addr), a.lookups, "one lookup for all of them");
        assertEquals(16, a.core.heldPackets());
        assertEquals(4, a.counter("queue.dropped_oldest"));
        assertTrue(net.log.isEmpty());

        a.route = true;
        a.coordCache.put(b.addr, b.coords());
        a.core.onLookupDone(b.addr, b.coords(), 1280, null, net.now);
        net.runFor(200);
        assertTrue(b.established(a));
        assertEquals(16, b.delivered.size());
        for (int i = 0; i < 16; i++) assertArrayEquals(payload(i + 4), b.delivered.get(i).payload());
        assertEquals(0, a.core.heldPackets());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: at most pending_max_destinations destinations are held; the oldest goes; a failed lookup drops its packets")
    void destinationLimitAndLookupFailure() {
        FakeNet net = new FakeNet(10, SessionConfig.defaults().withPending(16, 2));
        Node a = net.add();
        Node b = net.add();
        Node c = net.add();
        Node d = net.add();
        a.route = false;
        a.send(b, PORT, payload(0));
        a.send(c, PORT, payload(1));
        a.send(c, PORT, payload(2));
        a.send(d, PORT, payload(3));
        assertEquals(2, a.core.heldDestinations());
        assertEquals(List.of(new SessionEvent.Unreachable(b.addr, "queue full", 1)), a.events(SessionEvent.Unreachable.class));
        a.core.onLookupDone(c.addr, null, 0, "TIMEOUT", net.now);
        assertEquals(1, a.core.heldDestinations());
        assertEquals(new SessionEvent.Unreachable(c.addr, "TIMEOUT", 2), a.events(SessionEvent.Unreachable.class).get(1));
        assertEquals(1, a.counter("queue.dropped_destination"));
        assertEquals(2, a.counter("queue.dropped_unreachable"));
        assertEquals(1, a.counter("lookup.failed"));
    }

    @Test
    @DisplayName("INTEROP.md 8.6: a lookup that fails at once (no peer's filter holds the target) makes send() answer NO_ROUTE")
    void lookupFailingAtOnce() {
        FakeNet net = new FakeNet(11, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.route = false;
        SessionCore[] core = {null};
        // A mesh whose lookup answers inside the call, as MeshCore does when no peer's filter contains the target.
        FakeNet.Node wrapped = a;
        SessionMesh failing = new SessionMesh() {
            public int sendDatagram(long h, long l, byte[] buf, int off, int len, long now) { return wrapped.sendDatagram(h, l, buf, off, len, now); }
            public void lookup(NodeAddr target, long now) { core[0].onLookupDone(target, null, 0, "NO_CANDIDATES", now); }
            public fips.identity.PublicKey identity(long h, long l) { return wrapped.identity(h, l); }
            public Coords ownCoords() { return wrapped.ownCoords(); }
            public Coords cachedCoords(long h, long l, long now) { return null; }
            public boolean hasRoute(long h, long l, long now) { return false; }
            public void forgetCoords(long h, long l) {}
            public int transportMtu() { return 1280; }
        };
        core[0] = new SessionCore(a.id, SessionConfig.defaults(), failing, a, new Random(1),
                fips.noise.AeadEngine.selected(), 0);
        assertEquals(SendOutcome.NO_ROUTE, core[0].send(b.addr.hi(), b.addr.lo(), 1, 1, new byte[3], 0, 3, 0));
        assertEquals(0, core[0].heldPackets());
        assertNotNull(a.events(SessionEvent.Unreachable.class).get(0));
    }

    @Test
    @DisplayName("INTEROP.md 8.6: Setup admission per source: beyond the bucket a Setup that would open a session is dropped")
    void setupRateLimit() {
        FakeNet net = new FakeNet(12, SessionConfig.defaults().withSetupRateLimit(1, 0.01));
        Node a = net.add();
        Node b = net.add();
        net.filter = p -> p.phase() == FspConstants.PHASE_SESSION_SETUP; // the handshakes never complete
        a.send(b, PORT, payload(0));
        net.runUntil(50_000); // both handshakes expired (the responder's 30 s after the last duplicate Setup)
        assertEquals(0, b.core.sessionCount());
        a.send(b, PORT, payload(1));
        net.runFor(100);
        assertEquals(0, b.core.sessionCount(), "no token left for a second new session");
        assertEquals(1, b.counter("hs.setup_rate_limited"));
        assertEquals(1, b.counter("hs.ack_sent"));
    }
}
