package fips.fmp.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.DisconnectReason;
import fips.fmp.wire.FmpConstants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The link core driven by hand on virtual time; each test asserts the exact packets and events. */
class LinkCoreTest {
    private final LinkConfig cfg = LinkConfig.defaults();
    private final Harness h = new Harness();
    private final Harness.Node a = h.node("a", 1, cfg);
    private final Harness.Node b = h.node("b", 2, cfg);

    private void linkUp() {
        a.core.addPeer(a.specFor(b, true), h.now);
        h.flush();
        assertNotNull(a.core.peer(b.id.nodeAddr()));
        assertNotNull(b.core.peer(a.id.nodeAddr()));
    }

    @Test
    @DisplayName("INTEROP.md 12 (TCP): on a connecting transport msg1 leaves as soon as the connection is up, not a resend interval later")
    void msg1OnConnect() {
        a.transport.state = fips.link.spi.ConnectionState.NONE;
        a.core.addPeer(a.specFor(b, true), h.now);
        assertEquals(1, a.transport.connects, "the dial asks the transport to connect");
        assertTrue(h.wire.isEmpty(), "nothing is sent before the connection exists");
        h.runUntil(h.now + 200);
        assertTrue(h.wire.isEmpty(), "still connecting: still nothing");
        long connectedAt = h.now;
        a.transport.state = fips.link.spi.ConnectionState.CONNECTED;
        h.runUntil(connectedAt + LinkCore.CONNECT_POLL_MS);
        assertNotNull(b.core.peer(a.id.nodeAddr()), "msg1 went out within one poll of the connection and b answered");
        assertEquals(1, a.events(LinkEvent.Up.class).size());
        assertTrue(cfg.handshakeResendIntervalMs() > 4 * LinkCore.CONNECT_POLL_MS, "the test distinguishes the two timings");
    }

    @Test
    @DisplayName("INTEROP.md 3.1/2.3: a dial sends a 114-byte msg1, the answer is a 69-byte msg2, both sides come up")
    void handshake() {
        a.core.addPeer(a.specFor(b, true), h.now);
        Harness.Packet m1 = h.wire.poll();
        assertEquals(FmpConstants.MSG1_PACKET_BYTES, m1.bytes().length);
        assertEquals(0x01, m1.bytes()[0]);
        h.deliver(m1);
        Harness.Packet m2 = h.wire.poll();
        assertEquals(FmpConstants.MSG2_PACKET_BYTES, m2.bytes().length);
        assertEquals(0x02, m2.bytes()[0]);
        assertEquals(1, b.events(LinkEvent.Up.class).size());
        assertFalse(b.events(LinkEvent.Up.class).get(0).initiator());
        h.deliver(m2);
        assertTrue(a.events(LinkEvent.Up.class).get(0).initiator());
        // The initiator confirms the new link at once with a heartbeat (a 37-byte frame, INTEROP.md 3.6).
        Harness.Packet hb = h.wire.poll();
        assertEquals(37, hb.bytes().length);
        assertEquals(0x00, hb.bytes()[0]);
        assertTrue(h.wire.isEmpty());
        h.deliver(hb);
        assertTrue(b.deliveredTypes.isEmpty(), "heartbeats are not delivered upward");
        assertEquals(1, b.core.peer(a.id.nodeAddr()).framesReceived());
        // msg2 echoes msg1's sender_idx as receiver_idx
        assertArrayEquals(java.util.Arrays.copyOfRange(m1.bytes(), 4, 8), java.util.Arrays.copyOfRange(m2.bytes(), 8, 12));
    }

    @Test
    @DisplayName("INTEROP.md 3.2: link messages are delivered to the layer above; Heartbeat and Disconnect are not")
    void messagesFlow() {
        linkUp();
        byte[] body = {1, 2, 3};
        int n = a.core.send(b.id.nodeAddr(), 0x10, body, 0, 3, h.now);
        assertEquals(3 + 37, n);
        h.flush();
        assertEquals(List.of(0x10), b.deliveredTypes);
        assertArrayEquals(body, b.delivered.get(0));
        assertEquals(LinkCore.NO_LINK, a.core.send(a.id.nodeAddr(), 0x10, body, 0, 3, h.now));
        assertEquals(LinkCore.TOO_BIG, a.core.send(b.id.nodeAddr(), 0x10, new byte[1280], 0, 1280, h.now));
    }

    @Test
    @DisplayName("INTEROP.md 3.6: msg1 is resent byte-identical at +1 s, +2 s, +4 s, +8 s; the dial fails at the 30 s timeout and is retried after node.retry.base_interval")
    void resendScheduleAndRetry() {
        long t0 = h.now;
        a.core.addPeer(a.specFor(b, true), t0);
        byte[] first = h.wire.poll().bytes();
        List<Long> resendTimes = new ArrayList<>();
        for (long t = t0; t <= t0 + 29_999; ) {
            long next = a.core.nextDeadlineMs();
            if (next > t0 + 29_999) break;
            t = next;
            a.core.poll(t);
            while (!h.wire.isEmpty()) {
                assertArrayEquals(first, h.wire.poll().bytes());
                resendTimes.add(t - t0);
            }
        }
        assertEquals(List.of(1_000L, 3_000L, 7_000L, 15_000L), resendTimes);
        a.core.poll(t0 + 30_000);
        LinkEvent.HandshakeFailed f = a.events(LinkEvent.HandshakeFailed.class).get(0);
        assertEquals(1, f.attempt());
        assertEquals(5_000, f.nextRetryInMs());
        a.core.poll(t0 + 35_000);
        byte[] retry = h.wire.poll().bytes();
        assertFalse(java.util.Arrays.equals(first, retry), "a retry is a fresh handshake (new index and ephemeral)");
    }

    @Test
    @DisplayName("INTEROP.md 3.6 'Duplicate msg1': a resent msg1 gets the stored msg2 again, without a second link")
    void duplicateMsg1() {
        a.core.addPeer(a.specFor(b, true), h.now);
        Harness.Packet m1 = h.wire.poll();
        h.deliver(m1);
        byte[] m2 = h.wire.poll().bytes(); // lost
        h.deliver(m1);
        assertArrayEquals(m2, h.wire.poll().bytes());
        assertEquals(1, b.events(LinkEvent.Up.class).size());
        assertEquals(0, b.core.drops(Drop.RATE_LIMITED));
    }

    @Test
    @DisplayName("INTEROP.md 3.1/3.2/3.4: garbage, unknown indices, replays and tampering are dropped and counted, and the link survives")
    void dropsAreCounted() {
        linkUp();
        h.now += 1;
        b.core.onDatagram(b.transport, a.address, new byte[] {0x00, 0x00}, 0, 2, h.now);
        b.core.onDatagram(b.transport, a.address, new byte[] {0x13, 0, 0, 0}, 0, 4, h.now);
        b.core.onDatagram(b.transport, a.address, new byte[] {0x05, 0, 0, 0}, 0, 4, h.now);
        byte[] bogus = new byte[40];
        bogus[2] = 8; // payload_len = 40 - 32
        b.core.onDatagram(b.transport, a.address, bogus, 0, bogus.length, h.now);
        assertEquals(1, b.core.drops(Drop.TOO_SHORT));
        assertEquals(1, b.core.drops(Drop.BAD_VERSION));
        assertEquals(1, b.core.drops(Drop.BAD_PHASE));
        assertEquals(1, b.core.drops(Drop.UNKNOWN_INDEX));
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {9}, 0, 1, h.now);
        Harness.Packet frame = h.wire.poll();
        h.deliver(frame);
        h.deliver(frame);
        assertEquals(1, b.core.drops(Drop.REPLAY));
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {9}, 0, 1, h.now);
        byte[] t = h.wire.poll().bytes();
        t[t.length - 1] ^= 1;
        h.deliver(new Harness.Packet(a, b.address, t));
        assertEquals(1, b.core.drops(Drop.BAD_MAC));
        assertEquals(1, b.deliveredTypes.size());
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {7}, 0, 1, h.now);
        h.flush();
        assertEquals(2, b.deliveredTypes.size(), "link still carries traffic");
    }

    @Test
    @DisplayName("INTEROP.md 3.4: 20 consecutive decrypt failures remove the peer; a success in between resets the count")
    void decryptFailureThreshold() {
        linkUp();
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {9}, 0, 1, h.now);
        byte[] good = h.wire.poll().bytes();
        for (int i = 0; i < 19; i++) {
            byte[] t = good.clone();
            t[20] ^= 1;
            h.deliver(new Harness.Packet(a, b.address, t));
        }
        h.deliver(new Harness.Packet(a, b.address, good));
        for (int i = 0; i < 19; i++) {
            h.deliver(new Harness.Packet(a, b.address, good)); // replays count too
        }
        assertNotNull(b.core.peer(a.id.nodeAddr()));
        h.deliver(new Harness.Packet(a, b.address, good));
        assertNull(b.core.peer(a.id.nodeAddr()));
        assertEquals(LinkEvent.DownReason.DECRYPT_FAILURES, b.events(LinkEvent.Down.class).get(0).reason());
    }

    @Test
    @DisplayName("INTEROP.md 3.6: heartbeats every 10 s keep an idle link up; silence for 30 s takes it down and the dialler redials")
    void heartbeatAndDeadTimeout() {
        linkUp();
        long t0 = h.now;
        h.runUntil(t0 + 120_000);
        assertNotNull(a.core.peer(b.id.nodeAddr()), "heartbeats kept it alive");
        assertTrue(b.core.peer(a.id.nodeAddr()).framesReceived() >= 11);
        // Now b goes silent: drop everything b sends.
        long cut = h.now;
        while (h.now < cut + 31_000) {
            long next = Math.min(a.core.nextDeadlineMs(), b.core.nextDeadlineMs());
            h.now = Math.max(h.now, Math.min(next, cut + 31_000));
            a.core.poll(h.now);
            b.core.poll(h.now);
            while (!h.wire.isEmpty()) {
                Harness.Packet p = h.wire.poll();
                if (p.from() == a) h.deliver(p);
            }
        }
        LinkEvent.Down down = a.events(LinkEvent.Down.class).get(0);
        assertEquals(LinkEvent.DownReason.DEAD_TIMEOUT, down.reason());
        assertFalse(a.core.pendingDials().isEmpty(), "a redials at once");
    }

    @Test
    @DisplayName("INTEROP.md 3.8: rekey after after_secs: new indices, K toggles, traffic continues with nothing lost")
    void rekey() {
        Harness h2 = new Harness();
        LinkConfig fast = LinkConfig.defaults().withRekey(true, 40_000, 1 << 30).withLiveness(10_000, 30_000);
        Harness.Node x = h2.node("x", 11, fast);
        Harness.Node y = h2.node("y", 12, fast);
        x.core.addPeer(x.specFor(y, true), h2.now);
        h2.flush();
        int sent = 0;
        long t0 = h2.now;
        for (long t = t0; t < t0 + 300_000; t += 250) {
            h2.runUntil(t);
            byte[] m = {(byte) sent, (byte) (sent >> 8)};
            assertTrue(x.core.send(y.id.nodeAddr(), 0x10, m, 0, 2, h2.now) > 0);
            assertTrue(y.core.send(x.id.nodeAddr(), 0x10, m, 0, 2, h2.now) > 0);
            sent++;
            h2.flush();
        }
        int rekeys = x.events(LinkEvent.Rekeyed.class).size();
        assertTrue(rekeys >= 5 && rekeys <= 9, "rekeys=" + rekeys);
        assertEquals(rekeys, y.events(LinkEvent.Rekeyed.class).size());
        assertEquals(sent, y.deliveredTypes.size());
        assertEquals(sent, x.deliveredTypes.size());
        assertEquals(1, x.events(LinkEvent.Up.class).size());
        assertEquals(0, x.core.drops(Drop.BAD_MAC) + y.core.drops(Drop.BAD_MAC));
        assertEquals(rekeys & 1, x.core.peer(y.id.nodeAddr()).keyEpoch());
    }

    @Test
    @DisplayName("INTEROP.md 3.7 (2): a msg1 with a new epoch is a restart: the old link goes down and a new one comes up")
    void restartDetection() {
        linkUp();
        h.nodes.remove(a);
        Harness.Node a2 = h.node("a", 1, 99, cfg); // same identity, fresh randomness: a new epoch
        assertEquals(a.id, a2.id);
        a2.core.addPeer(a2.specFor(b, true), h.now);
        h.flush();
        assertEquals(LinkEvent.DownReason.PEER_RESTARTED, b.events(LinkEvent.Down.class).get(0).reason());
        assertEquals(2, b.events(LinkEvent.Up.class).size());
        assertNotNull(a2.core.peer(b.id.nodeAddr()));
    }

    @Test
    @DisplayName("INTEROP.md 3.7 'Cross-connection': when both dial at once, both end up on the smaller NodeAddr's handshake")
    void crossingDials() {
        a.core.addPeer(a.specFor(b, true), h.now);
        b.core.addPeer(b.specFor(a, true), h.now);
        h.flush();
        PeerLink ab = a.core.peer(b.id.nodeAddr());
        PeerLink ba = b.core.peer(a.id.nodeAddr());
        assertNotNull(ab);
        assertNotNull(ba);
        boolean aSmaller = a.id.nodeAddr().compareTo(b.id.nodeAddr()) < 0;
        assertEquals(aSmaller, ab.isInitiator());
        assertEquals(!aSmaller, ba.isInitiator());
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {1}, 0, 1, h.now);
        b.core.send(a.id.nodeAddr(), 0x10, new byte[] {2}, 0, 1, h.now);
        h.flush();
        assertEquals(1, a.deliveredTypes.size());
        assertEquals(1, b.deliveredTypes.size());
    }

    @Test
    @DisplayName("INTEROP.md 3.9: shutdown sends Disconnect(Shutdown); the peer removes the link at once")
    void shutdownDisconnect() {
        linkUp();
        a.core.shutdown(DisconnectReason.SHUTDOWN, h.now);
        h.flush();
        LinkEvent.Down d = b.events(LinkEvent.Down.class).get(0);
        assertEquals(LinkEvent.DownReason.PEER_DISCONNECTED, d.reason());
        assertEquals("SHUTDOWN", d.detail());
        assertNull(b.core.peer(a.id.nodeAddr()));
        assertTrue(a.core.links().isEmpty());
    }

    @Test
    @DisplayName("INTEROP.md 3.10: msg1 beyond the token bucket is dropped as RATE_LIMITED before any DH")
    void rateLimit() {
        Harness h3 = new Harness();
        Harness.Node r = h3.node("r", 5, LinkConfig.defaults().withHandshakeRate(3, 0.001));
        List<Harness.Node> dialers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Harness.Node d = h3.node("d" + i, 100 + i, cfg);
            d.core.addPeer(d.specFor(r, true), h3.now);
            dialers.add(d);
        }
        h3.flush();
        assertEquals(3, r.core.links().size());
        assertEquals(3, r.core.drops(Drop.RATE_LIMITED));
    }

    @Test
    @DisplayName("INTEROP.md 3.10: a transport that does not accept inbound links refuses msg1 from unknown addresses")
    void inboundRefused() {
        b.transport.inbound = false;
        a.core.addPeer(a.specFor(b, true), h.now);
        h.flush();
        assertNull(b.core.peer(a.id.nodeAddr()));
        assertEquals(1, b.core.drops(Drop.INBOUND_REFUSED));
    }

    @Test
    @DisplayName("design/fips-mesh-layer.md 'Roaming': an authenticated frame from a new address moves the peer there")
    void roaming() {
        linkUp();
        a.core.send(b.id.nodeAddr(), 0x10, new byte[] {1}, 0, 1, h.now);
        Harness.Packet p = h.wire.poll();
        b.core.onDatagram(b.transport, Harness.addr("a-new"), p.bytes(), 0, p.bytes().length, h.now);
        LinkEvent.Roamed r = b.events(LinkEvent.Roamed.class).get(0);
        assertEquals("a", r.from());
        assertEquals("a-new", r.to());
        assertEquals("a-new", b.core.peer(a.id.nodeAddr()).remoteAddress());
    }

    @Test
    @DisplayName("design/fips-mesh-layer.md 'Dual-Initiation Race' / INTEROP.md 3.7 (4): crossing rekey msg1s; the smaller NodeAddr's rekey wins on both sides")
    void dualInitiationRace() {
        Harness h2 = new Harness();
        LinkConfig c = LinkConfig.defaults().withRekey(true, 40_000, 1 << 30).withLiveness(10_000, 120_000);
        Harness.Node x = h2.node("x", 21, c);
        Harness.Node y = h2.node("y", 22, c);
        x.core.addPeer(x.specFor(y, true), h2.now);
        h2.flush();
        long t0 = h2.now;
        h2.runUntil(t0 + 30_000); // heartbeats confirm the link both ways; no rekey is due yet
        assertTrue(x.events(LinkEvent.Rekeyed.class).isEmpty());
        // Both rekey timers (40 s +- 5 s jitter) have fired by now: both send a rekey msg1 before either arrives.
        h2.now = t0 + 45_001;
        x.core.poll(h2.now);
        y.core.poll(h2.now);
        long msg1s = h2.wire.stream().filter(p -> p.bytes()[0] == 0x01).count();
        assertEquals(2, msg1s, "both sides initiated");
        h2.flush();
        h2.runUntil(h2.now + 2_000);
        Harness.Node smaller = x.id.nodeAddr().compareTo(y.id.nodeAddr()) < 0 ? x : y;
        Harness.Node larger = smaller == x ? y : x;
        assertEquals(1, smaller.core.drops(Drop.REKEY_REJECTED), "the smaller node drops the larger's msg1");
        assertEquals(0, larger.core.drops(Drop.REKEY_REJECTED), "the larger node abandons its own and answers");
        assertEquals(1, smaller.events(LinkEvent.Rekeyed.class).size());
        assertEquals(1, larger.events(LinkEvent.Rekeyed.class).size());
        assertTrue(smaller.events(LinkEvent.Rekeyed.class).get(0).initiator());
        assertFalse(larger.events(LinkEvent.Rekeyed.class).get(0).initiator());
        assertEquals(1, x.core.peer(y.id.nodeAddr()).keyEpoch());
        assertEquals(1, y.core.peer(x.id.nodeAddr()).keyEpoch());
        x.core.send(y.id.nodeAddr(), 0x10, new byte[] {5}, 0, 1, h2.now);
        y.core.send(x.id.nodeAddr(), 0x10, new byte[] {6}, 0, 1, h2.now);
        h2.flush();
        assertEquals(List.of(0x10), x.deliveredTypes);
        assertEquals(List.of(0x10), y.deliveredTypes);
    }

    @Test
    @DisplayName("INTEROP.md 3.7 'Cross-connection': what the smaller node sends on its inbound session before switching still arrives")
    void crossingDialsEarlyFramesSurvive() {
        Harness.Node small = a.id.nodeAddr().compareTo(b.id.nodeAddr()) < 0 ? a : b;
        Harness.Node large = small == a ? b : a;
        small.core.addPeer(small.specFor(large, true), h.now);
        large.core.addPeer(large.specFor(small, true), h.now);
        Harness.Packet m1FromSmall = h.wire.poll();
        Harness.Packet m1FromLarge = h.wire.poll();
        h.deliver(m1FromLarge); // small promotes large's handshake: up as responder, answers with msg2
        Harness.Packet m2ToLarge = h.wire.poll();
        assertNotNull(small.core.peer(large.id.nodeAddr()));
        // Upper layers react to the Up at once (upstream sends its TreeAnnounce here): a frame on the inbound session.
        assertTrue(small.core.send(large.id.nodeAddr(), 0x10, new byte[] {42}, 0, 1, h.now) > 0);
        Harness.Packet early = h.wire.poll();
        h.deliver(m1FromSmall); // large promotes small's handshake: up as responder, answers with msg2
        Harness.Packet m2ToSmall = h.wire.poll();
        h.deliver(m2ToLarge); // large is larger: keeps its own handshake's session only to drain
        h.deliver(early);
        assertEquals(List.of(0x10), large.deliveredTypes, "the early frame decrypted under the draining session");
        assertEquals(0, large.core.drops(Drop.UNKNOWN_INDEX));
        h.deliver(m2ToSmall); // small is smaller: switches to its own handshake, confirms with a heartbeat
        h.flush();
        assertTrue(small.core.peer(large.id.nodeAddr()).isInitiator());
        assertFalse(large.core.peer(small.id.nodeAddr()).isInitiator());
        small.core.send(large.id.nodeAddr(), 0x10, new byte[] {1}, 0, 1, h.now);
        large.core.send(small.id.nodeAddr(), 0x10, new byte[] {2}, 0, 1, h.now);
        h.flush();
        assertEquals(2, large.deliveredTypes.size());
        assertEquals(1, small.deliveredTypes.size());
        assertEquals(1, small.events(LinkEvent.Up.class).size());
        assertEquals(1, large.events(LinkEvent.Up.class).size());
    }
}
