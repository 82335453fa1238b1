package fips.fsp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.CoordsRequired;
import fips.fmp.wire.MtuExceeded;
import fips.fmp.wire.PathBroken;
import fips.fsp.session.FakeNet.Node;
import fips.fsp.session.FakeNet.Packet;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.FspDrop;
import fips.fsp.wire.FspEncryptedCodec;
import fips.fsp.wire.FspEncryptedFlyweight;
import fips.fsp.wire.FspInnerFlyweight;
import fips.identity.NodeAddr;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Established-session data path: replay, idle, coordinate warmup, error signals, path MTU (INTEROP.md 8.4-8.7, 10.4). */
class SessionDataTest {
    private static final int PORT = 256;
    /** Own coords [self, root] and dest coords [peer, root]: 2 × (2 + 32). */
    private static final int COORDS_SECTION = 68;

    private static byte[] payload(int i, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(i);
        return b.array();
    }

    private static FakeNet.Node[] established(FakeNet net) {
        Node a = net.add();
        Node b = net.add();
        a.coordCache.put(b.addr, b.coords());
        b.coordCache.put(a.addr, a.coords());
        a.send(b, PORT, payload(0, 8));
        net.runFor(100);
        assertTrue(a.established(b) && b.established(a));
        return new Node[] {a, b};
    }

    /** Encrypted (phase 0, U clear) datagrams a → b sent after {@code fromIndex} in the log. */
    private static List<Packet> encrypted(FakeNet net, Node a, Node b, int fromIndex) {
        return net.log.subList(fromIndex, net.log.size()).stream()
                .filter(p -> p.src().equals(a.addr) && p.dest().equals(b.addr) && p.phase() == 0
                        && (p.flags() & FspConstants.FLAG_U) == 0).toList();
    }

    private static boolean cp(Packet p) {
        return (p.flags() & FspConstants.FLAG_CP) != 0;
    }

    @Test
    @DisplayName("INTEROP.md 8.4, 3.4: a replayed DataPacket is dropped and counted; so is one older than the 2048 window; a tampered one fails AEAD")
    void replayRejected() {
        FakeNet net = new FakeNet(20, SessionConfig.defaults());
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        int mark = net.log.size();
        a.send(b, PORT, payload(1, 8));
        net.runFor(50);
        Packet first = encrypted(net, a, b, mark).get(0);
        int before = b.delivered.size();
        net.inject(a.addr, b, first.payload());
        assertEquals(before, b.delivered.size());
        assertEquals(1, b.counter("drop.replayed"), b.core.counters().toString());

        for (int i = 0; i < 2100; i++) a.send(b, PORT, payload(i, 8));
        net.runFor(50);
        assertEquals(before + 2100, b.delivered.size());
        net.inject(a.addr, b, first.payload()); // also far behind the window now
        assertEquals(2, b.counter("drop.replayed"));

        net.filter = pk -> false; // a frame b has not seen, so the replay check passes and the AEAD decides
        a.send(b, PORT, payload(9, 8));
        byte[] tampered = net.log.get(net.log.size() - 1).payload().clone();
        net.filter = pk -> true;
        tampered[tampered.length - 20] ^= 1;
        net.inject(a.addr, b, tampered);
        assertEquals(1, b.counter("drop.auth_failed"));
        assertEquals(before + 2100, b.delivered.size());
    }

    @Test
    @DisplayName("INTEROP.md 8.4: every port reaches the sink with its source port; the inner timestamp counts ms from establishment")
    void portsAndTimestamp() {
        FakeNet net = new FakeNet(21, SessionConfig.defaults());
        Node[] n = established(net); // A sent its Setup at 0 and was established by the Ack at 20
        Node a = n[0], b = n[1];
        net.runFor(1000);
        a.core.send(b.addr.hi(), b.addr.lo(), 40000, 7, new byte[] {1, 2}, 0, 2, net.now);
        net.runFor(50);
        FakeNet.Delivered d = b.delivered.get(b.delivered.size() - 1);
        assertEquals(40000, d.srcPort());
        assertEquals(7, d.dstPort());
        assertArrayEquals(new byte[] {1, 2}, d.payload());

        // Decrypt one message off the wire with the receiver's keys to read its inner header.
        net.filter = p -> false;
        long sentAt = net.now;
        a.send(b, PORT, payload(5, 8));
        Packet p = net.log.get(net.log.size() - 1);
        FspEncryptedFlyweight f = new FspEncryptedFlyweight();
        assertEquals(FspDrop.OK, f.wrap(p.payload(), 0, p.payload().length));
        byte[] plain = new byte[f.plaintextLength()];
        assertEquals(6 + 4 + 8, f.decrypt(b.core.sessionFor(a.addr).current, plain, 0));
        FspInnerFlyweight in = new FspInnerFlyweight();
        in.wrap(plain, 0, plain.length);
        assertEquals(FspConstants.MSG_DATA_PACKET, in.msgType());
        assertEquals(sentAt - 20, in.timestampMs());
        assertEquals(0, in.innerFlags());
    }

    @Test
    @DisplayName("INTEROP.md 8.6: an established session with no DataPacket for 90 s is removed on both ends (PathMtuNotifications do not count)")
    void idleTimeout() {
        FakeNet net = new FakeNet(22, SessionConfig.defaults());
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        net.runFor(5_000);
        long sentAt = net.now;
        a.send(b, PORT, payload(1, 8));
        net.runUntil(sentAt + 89_999);
        assertTrue(a.established(b) && b.established(a));
        assertTrue(b.counter("pmtu.notify_sent") >= 1, "non-data traffic flowed meanwhile");
        net.runUntil(sentAt + 90_000);
        assertFalse(a.established(b));
        assertTrue(b.established(a), "B received it 10 ms later");
        net.runUntil(sentAt + 90_010);
        assertFalse(b.established(a));
        assertEquals(List.of(new SessionEvent.Closed(b.addr, SessionEvent.CloseReason.IDLE_TIMEOUT)),
                a.events(SessionEvent.Closed.class));
        assertEquals(1, b.counter("session.idle_timeout"));
        // Traffic resumes: a fresh handshake.
        assertEquals(SendOutcome.QUEUED, a.send(b, PORT, payload(2, 8)));
        net.runFor(100);
        assertTrue(a.established(b));
    }

    @Test
    @DisplayName("INTEROP.md 8.7: the first 5 DataPackets carry CP coordinates when 106 + 4 + coords + payload fits the transport MTU, then none")
    void warmupInPacket() {
        FakeNet net = new FakeNet(23, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.coordCache.put(b.addr, b.coords());
        int size = 1280 - 106 - 4 - COORDS_SECTION; // exactly at the limit
        for (int i = 0; i < 8; i++) a.send(b, PORT, payload(i, size));
        net.runFor(200);
        List<Packet> enc = encrypted(net, a, b, 0);
        assertEquals(8, enc.size());
        for (int i = 0; i < 8; i++) assertEquals(i < 5, cp(enc.get(i)), "packet " + i);
        assertEquals(FspEncryptedCodec.encodedLength(COORDS_SECTION, 4 + size), enc.get(0).payload().length);
        assertEquals(8, b.delivered.size());
        assertEquals(5, a.counter("warmup.cp_in_packet"));
        assertEquals(0, a.counter("warmup.standalone"));
    }

    @Test
    @DisplayName("INTEROP.md 8.7: one byte over the limit: a standalone CoordsWarmup (CP, 12 + coords + 22 bytes) precedes each of the first 5 DataPackets, sent without CP")
    void warmupStandalone() {
        FakeNet net = new FakeNet(24, SessionConfig.defaults());
        Node a = net.add();
        Node b = net.add();
        a.coordCache.put(b.addr, b.coords());
        int size = 1280 - 106 - 4 - COORDS_SECTION + 1;
        for (int i = 0; i < 7; i++) a.send(b, PORT, payload(i, size));
        net.runFor(200);
        List<Packet> enc = encrypted(net, a, b, 0);
        assertEquals(12, enc.size());
        for (int i = 0; i < 5; i++) {
            Packet w = enc.get(2 * i), d = enc.get(2 * i + 1);
            assertTrue(cp(w));
            assertEquals(12 + COORDS_SECTION + 22, w.payload().length);
            assertFalse(cp(d));
            assertEquals(FspEncryptedCodec.encodedLength(0, 4 + size), d.payload().length);
        }
        assertFalse(cp(enc.get(10)) || cp(enc.get(11)));
        assertEquals(5, b.counter("rx.coords_warmup"));
        assertEquals(7, b.delivered.size());
        assertEquals(5, a.counter("warmup.standalone"));
    }

    @Test
    @DisplayName("INTEROP.md 8.5, 8.7, 15 D15: CoordsRequired / PathBroken: a standalone CoordsWarmup (≤ 1 per 2 s), a lookup, warmup reset; PathBroken drops the cached coords")
    void errorSignalReactions() {
        FakeNet net = new FakeNet(25, SessionConfig.defaults());
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        for (int i = 0; i < 6; i++) a.send(b, PORT, payload(i, 8)); // warmup used up
        net.runFor(100);
        NodeAddr reporter = NodeAddr.fromHex("77777777777777777777777777777777");

        int mark = net.log.size();
        net.inject(reporter, a, new CoordsRequired(b.addr, reporter).encode());
        List<Packet> after = encrypted(net, a, b, mark);
        assertEquals(1, after.size());
        assertTrue(cp(after.get(0)));
        assertEquals(12 + COORDS_SECTION + 22, after.get(0).payload().length, "a CoordsWarmup");
        assertEquals(List.of(b.addr), a.lookups);
        assertEquals(1, a.counter("signal.coords_required"));
        a.send(b, PORT, payload(99, 8));
        assertTrue(cp(encrypted(net, a, b, mark).get(1)), "warmup counter reset");

        net.runFor(500);
        mark = net.log.size();
        net.inject(reporter, a, new CoordsRequired(b.addr, reporter).encode());
        assertTrue(encrypted(net, a, b, mark).isEmpty(), "rate-limited");
        assertEquals(1, a.counter("warmup.response_rate_limited"));
        assertEquals(2, a.lookups.size());

        net.runFor(2_000);
        mark = net.log.size();
        net.inject(reporter, a, new PathBroken(b.addr, reporter, List.of(b.addr, FakeNet.ROOT)).encode());
        assertEquals(1, encrypted(net, a, b, mark).size());
        assertEquals(List.of(b.addr), a.forgotten);
        assertEquals(1, a.counter("signal.path_broken"));
        assertEquals(2, a.counter("warmup.response_sent"));

        // About a node this one holds no session with: ignored.
        NodeAddr stranger = NodeAddr.fromHex("12121212121212121212121212121212");
        net.inject(reporter, a, new CoordsRequired(stranger, reporter).encode());
        assertEquals(1, a.counter("signal.no_session"));
        assertEquals(3, a.lookups.size());
        // A lookup answer for the established session resets the warmup counter again (INTEROP.md 8.7).
        for (int i = 0; i < 6; i++) a.send(b, PORT, payload(i, 8));
        mark = net.log.size();
        a.core.onLookupDone(b.addr, b.coords(), 1280, null, net.now);
        a.send(b, PORT, payload(7, 8));
        assertTrue(cp(encrypted(net, a, b, mark).get(0)));
    }

    @Test
    @DisplayName("INTEROP.md 8.5, 9.2: MtuExceeded lowers the session path MTU (values under 256 ignored; never raises)")
    void mtuExceeded() {
        FakeNet net = new FakeNet(26, SessionConfig.defaults());
        net.pathMtu = 0; // no PathMtuNotification traffic in this test
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        NodeAddr reporter = NodeAddr.fromHex("77777777777777777777777777777777");
        assertEquals(0, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        net.inject(reporter, a, new MtuExceeded(b.addr, reporter, 1000).encode());
        assertEquals(1000, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        assertEquals(List.of(new SessionEvent.PathMtuChanged(b.addr, 1000)), a.events(SessionEvent.PathMtuChanged.class));
        net.inject(reporter, a, new MtuExceeded(b.addr, reporter, 200).encode());
        assertEquals(1000, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        assertEquals(1, a.counter("signal.mtu_below_floor"));
        net.inject(reporter, a, new MtuExceeded(b.addr, reporter, 1100).encode());
        assertEquals(1000, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        net.inject(reporter, a, new MtuExceeded(b.addr, reporter, 256).encode());
        assertEquals(256, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        assertEquals(4, a.counter("signal.mtu_exceeded"));
    }

    @Test
    @DisplayName("design/fips-mtu.md, INTEROP.md 10.4: the destination echoes the datagram path MTU (0x13); the source lowers at once and raises after 3 equal reports over 20 s")
    void pathMtuNotification() {
        FakeNet net = new FakeNet(27, SessionConfig.defaults());
        net.pathMtu = 1100;
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        net.runFor(100);
        assertEquals(1100, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));
        assertEquals(1, b.counter("pmtu.notify_sent"));

        net.pathMtu = 900;
        a.send(b, PORT, payload(1, 8));
        net.runFor(100);
        assertEquals(900, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()), "a decrease is echoed and applied at once");

        net.pathMtu = 200; // below the floor: not reported
        a.send(b, PORT, payload(2, 8));
        net.runFor(100);
        assertEquals(900, a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()));

        net.pathMtu = 1200;
        long from = net.now;
        long raisedAt = -1;
        for (int i = 0; i < 60 && raisedAt < 0; i++) {
            a.send(b, PORT, payload(3, 8));
            net.runFor(1_000);
            if (a.core.sessionPathMtu(b.addr.hi(), b.addr.lo()) == 1200) raisedAt = net.now;
        }
        assertTrue(raisedAt > 0, "raised eventually");
        assertTrue(raisedAt - from >= 20_000, "not before three reports spanning two intervals: " + (raisedAt - from));
        assertEquals(1, a.counter("pmtu.raised"));
        assertEquals(3, a.events(SessionEvent.PathMtuChanged.class).size());
    }

    @Test
    @DisplayName("INTEROP.md 8.4, 8.6: SenderReport / ReceiverReport are counted and ignored and do not keep a session alive; unknown types and short bodies are counted")
    void reportsCountedAndIgnored() {
        FakeNet net = new FakeNet(28, SessionConfig.defaults());
        net.pathMtu = 0;
        Node[] n = established(net);
        Node a = n[0], b = n[1];
        long lastData = net.now - 70; // B got msg3 and the held packet at 30 ms
        Session s = a.core.sessionFor(b.addr);
        byte[] out = new byte[200];
        int[][] cases = {{FspConstants.MSG_SENDER_REPORT, 46}, {FspConstants.MSG_RECEIVER_REPORT, 66},
                {0x7e, 3}, {FspConstants.MSG_PATH_MTU_NOTIFICATION, 1}, {FspConstants.MSG_DATA_PACKET, 3}};
        for (int t = 0; t < 60; t++) {
            for (int[] c : cases) {
                int len = FspEncryptedCodec.seal(s.current.send(), 0, 0, c[0], 0, new byte[c[1]], 0, c[1], out, 0);
                net.inject(a.addr, b, java.util.Arrays.copyOf(out, len));
            }
            net.runFor(1_000);
        }
        assertEquals(60, b.counter("rx.sender_report"));
        assertEquals(60, b.counter("rx.receiver_report"));
        assertEquals(60, b.counter("rx.unknown_msg_type"));
        assertEquals(60, b.counter("drop.pmn_truncated"));
        assertEquals(60, b.counter("drop.data_truncated"));
        assertEquals(1, b.delivered.size());
        net.runUntil(lastData + 89_999);
        assertTrue(b.established(a));
        net.runUntil(lastData + 90_000);
        assertFalse(b.established(a), "only DataPackets count as activity");
    }
}
