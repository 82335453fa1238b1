package fips.ipv6.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import fips.identity.NodeAddr;
import fips.ipv6.packet.PtbRateLimiter;
import fips.ipv6.packet.TestPackets;
import fips.ipv6.shim.Ipv6ShimCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The adapter core: each branch of INTEROP.md 9.3 in order, and 9.4 inbound, with fakes. */
class Ipv6AdapterTest {
    static final NodeAddr OWN = NodeAddr.fromHex("1111111111111111111111111111119f");
    static final NodeAddr REMOTE = NodeAddr.fromHex("22222222222222222222222222222277");
    static final NodeAddr UNKNOWN = NodeAddr.fromHex("33333333333333333333333333333355");
    static final byte[] OWN_IP = OWN.fipsAddress().toBytes();
    static final byte[] REMOTE_IP = REMOTE.fipsAddress().toBytes();
    static final byte[] UNKNOWN_IP = UNKNOWN.fipsAddress().toBytes();
    static final byte[] GLOBAL_IP = TestPackets.addr("20010db8000000000000000000000001");

    FakeSessions sessions;
    RecordingTun tun;
    Ipv6Adapter adapter;

    @BeforeEach
    void setUp() {
        sessions = new FakeSessions();
        sessions.know(REMOTE);
        tun = new RecordingTun();
        adapter = new Ipv6Adapter(OWN, sessions, tun);
    }

    static byte[] udp(byte[] src, byte[] dst, int totalLen) {
        byte[] payload = new byte[totalLen - 40];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        return TestPackets.ipv6(0x2e, 0xabcde, 17, 63, src, dst, payload);
    }

    static byte[] synWithMss(byte[] src, byte[] dst, int mss) {
        return TestPackets.tcp(src, dst, 0x02, new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss}, 0);
    }

    static int mssOf(byte[] ipv6) {
        return (ipv6[62] & 0xff) << 8 | (ipv6[63] & 0xff);
    }

    int onTun(byte[] p, long nowMs) {
        // At an offset inside a bigger buffer, as a driver's read buffer would be.
        byte[] buf = new byte[p.length + 20];
        System.arraycopy(p, 0, buf, 9, p.length);
        int r = adapter.onTunPacket(buf, 9, p.length, nowMs);
        System.arraycopy(buf, 9, p, 0, p.length); // in-place edits (MSS) become visible to the test
        return r;
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 1: shorter than 40 bytes or not IPv6 is ignored with no output")
    void ignored() {
        byte[] p = udp(OWN_IP, REMOTE_IP, 100);
        for (int len = 0; len < 40; len++) {
            assertEquals(Ipv6Outcome.IGNORED, adapter.onTunPacket(p, 0, len, 0));
        }
        byte[] v4 = p.clone();
        v4[0] = 0x45;
        assertEquals(Ipv6Outcome.IGNORED, adapter.onTunPacket(v4, 0, v4.length, 0));
        assertEquals(41, adapter.count(Ipv6Outcome.IGNORED));
        assertEquals(0, tun.writes);
        assertEquals(0, sessions.sendCalls);
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 1: a destination outside fd00::/8 gets Destination Unreachable code 0 from our address")
    void notFipsDestination() {
        byte[] p = udp(OWN_IP, GLOBAL_IP, 200);
        assertEquals(Ipv6Outcome.NOT_FIPS_DESTINATION, onTun(p, 0));
        byte[] e = tun.only();
        assertEquals(58, e[6]);
        assertEquals(64, e[7]);
        assertArrayEquals(OWN_IP, Arrays.copyOfRange(e, 8, 24));
        assertArrayEquals(OWN_IP, Arrays.copyOfRange(e, 24, 40)); // back to the sender
        assertEquals(1, e[40]);
        assertEquals(0, e[41]);
        assertArrayEquals(p, Arrays.copyOfRange(e, 48, e.length));
        assertTrue(TestPackets.checksumValid(e));
        assertEquals(1, adapter.eventCount(Ipv6Event.ICMP_DEST_UNREACHABLE_SENT));
        assertEquals(0, sessions.sendCalls);
    }

    @Test
    @DisplayName("INTEROP.md 9.3: no Destination Unreachable about a multicast destination or from an ICMPv6 error")
    void suppressedErrors() {
        byte[] mcast = udp(OWN_IP, TestPackets.addr("ff020000000000000000000000000001"), 80);
        assertEquals(Ipv6Outcome.NOT_FIPS_DESTINATION, onTun(mcast, 0));
        byte[] icmpErr = TestPackets.ipv6(58, OWN_IP, UNKNOWN_IP, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(Ipv6Outcome.NO_IDENTITY, onTun(icmpErr, 0));
        assertEquals(0, tun.writes);
        assertEquals(2, adapter.eventCount(Ipv6Event.ICMP_SUPPRESSED));
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 1: our own address is hairpinned to the TUN unchanged, before anything else")
    void hairpin() {
        byte[] p = synWithMss(OWN_IP, OWN_IP, 65000); // a SYN too: hairpin comes before the clamp
        byte[] big = udp(OWN_IP, OWN_IP, 1400);       // and before the MTU check
        assertEquals(Ipv6Outcome.HAIRPINNED, onTun(p.clone(), 0));
        assertEquals(Ipv6Outcome.HAIRPINNED, onTun(big, 0));
        assertArrayEquals(p, tun.packets.get(0));
        assertArrayEquals(big, tun.packets.get(1));
        assertEquals(0, sessions.sendCalls);
        assertEquals(0, adapter.eventCount(Ipv6Event.MSS_CLAMPED_OUTBOUND));
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 2 and 9.5: outbound SYN clamped to the cold-flow ceiling 1143, then sent")
    void clampColdFlow() {
        sessions.transportMtu = 1500; // global ceiling 1363; unknown path -> 1143
        byte[] p = synWithMss(OWN_IP, REMOTE_IP, 1440);
        assertEquals(Ipv6Outcome.SENT, onTun(p, 0));
        assertEquals(1143, mssOf(p));
        assertTrue(TestPackets.checksumValid(p));
        assertEquals(1, adapter.eventCount(Ipv6Event.MSS_CLAMPED_OUTBOUND));
        // What was sent is the clamped packet, compressed.
        byte[] expect = new byte[p.length];
        int n = Ipv6ShimCodec.compress(p, 0, p.length, expect, 0);
        assertArrayEquals(Arrays.copyOf(expect, n), sessions.sent.get(0).payload());
    }

    @Test
    @DisplayName("INTEROP.md 9.5: a known per-destination transport MTU sets the ceiling to min(global, mtu - 137)")
    void clampPerDestination() {
        sessions.transportMtu = 1500;
        sessions.destinationMtu.put(Hex.encode(REMOTE_IP), 1400);
        byte[] p = synWithMss(OWN_IP, REMOTE_IP, 1440);
        onTun(p, 0);
        assertEquals(1263, mssOf(p));
        sessions.destinationMtu.put(Hex.encode(REMOTE_IP), 9000); // larger than the global ceiling
        byte[] q = synWithMss(OWN_IP, REMOTE_IP, 9000);
        onTun(q, 0);
        assertEquals(1500 - 77 - 60, mssOf(q));
        assertEquals(1500 - 77 - 60, adapter.mssCeiling(REMOTE_IP, 0));
        sessions.transportMtu = 1280;
        sessions.destinationMtu.clear();
        assertEquals(1143, adapter.mssCeiling(REMOTE_IP, 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 3: longer than transport_mtu - 77 gets Packet Too Big with 1203, from the destination")
    void tooBig() {
        assertEquals(1203, adapter.effectiveIpv6Mtu());
        byte[] ok = udp(OWN_IP, REMOTE_IP, 1203);
        assertEquals(Ipv6Outcome.SENT, onTun(ok, 0));
        byte[] p = udp(OWN_IP, REMOTE_IP, 1204);
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 0));
        byte[] e = tun.only();
        assertEquals(2, e[40]);
        assertEquals(1203, (e[46] & 0xff) << 8 | (e[47] & 0xff));
        assertArrayEquals(REMOTE_IP, Arrays.copyOfRange(e, 8, 24));
        assertArrayEquals(OWN_IP, Arrays.copyOfRange(e, 24, 40));
        assertEquals(1204 + 48, e.length);
        assertTrue(TestPackets.checksumValid(e));
        assertEquals(1, sessions.sendCalls);
        // The check happens before the identity lookup: an unknown destination also gets PTB.
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(udp(OWN_IP, UNKNOWN_IP, 1300), 1000));
        assertEquals(2, adapter.eventCount(Ipv6Event.ICMP_PACKET_TOO_BIG_SENT));
    }

    @Test
    @DisplayName("INTEROP.md 9.3 steps 2-3: a too-big SYN is clamped first, so the PTB quotes the clamped SYN")
    void clampBeforeTooBig() {
        byte[] p = TestPackets.tcp(OWN_IP, REMOTE_IP, 0x02, new byte[] {2, 4, 0x05, (byte) 0xb4}, 1300);
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 0));
        byte[] e = tun.only();
        assertEquals(1143, (e[48 + 62] & 0xff) << 8 | (e[48 + 63] & 0xff));
    }

    @Test
    @DisplayName("INTEROP.md 9.3: Packet Too Big limited to one per source per 100 ms; the packet is dropped either way")
    void ptbRateLimited() {
        byte[] p = udp(OWN_IP, REMOTE_IP, 1300);
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 1000));
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 1050));
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 1099));
        assertEquals(1, tun.writes);
        assertEquals(2, adapter.eventCount(Ipv6Event.PTB_RATE_LIMITED));
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(p, 1100));
        assertEquals(2, tun.writes);
        byte[] other = udp(TestPackets.addr("fd1111111111111111111111111111aa"), REMOTE_IP, 1300);
        assertEquals(Ipv6Outcome.TOO_BIG, onTun(other, 1101));
        assertEquals(3, tun.writes);
        assertEquals(0, sessions.sendCalls);
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 4: identity cache miss gets Destination Unreachable code 0")
    void noIdentity() {
        byte[] p = udp(OWN_IP, UNKNOWN_IP, 300);
        assertEquals(Ipv6Outcome.NO_IDENTITY, onTun(p, 0));
        byte[] e = tun.only();
        assertEquals(1, e[40]);
        assertEquals(0, e[41]);
        assertArrayEquals(OWN_IP, Arrays.copyOfRange(e, 8, 24));
        assertTrue(TestPackets.checksumValid(e));
        assertEquals(0, sessions.sendCalls);
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 5: a smaller learned session path MTU gives PTB with path_mtu - 77")
    void pathTooBig() {
        sessions.transportMtu = 1500; // effective 1423
        sessions.sessionPathMtu.put(REMOTE, 1300); // 1223 for IPv6
        assertEquals(Ipv6Outcome.SENT, onTun(udp(OWN_IP, REMOTE_IP, 1223), 0));
        byte[] p = udp(OWN_IP, REMOTE_IP, 1224);
        assertEquals(Ipv6Outcome.PATH_TOO_BIG, onTun(p, 0));
        byte[] e = tun.only();
        assertEquals(2, e[40]);
        assertEquals(1223, (e[46] & 0xff) << 8 | (e[47] & 0xff));
        assertEquals(1, sessions.sendCalls);
        // A path MTU at or above the transport's changes nothing; one below the 256 floor is ignored.
        sessions.sessionPathMtu.put(REMOTE, 1600);
        assertEquals(Ipv6Outcome.SENT, onTun(udp(OWN_IP, REMOTE_IP, 1400), 0));
        sessions.sessionPathMtu.put(REMOTE, 200);
        assertEquals(Ipv6Outcome.SENT, onTun(udp(OWN_IP, REMOTE_IP, 1400), 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.3 step 5: compressed (format 0x00) and sent 256 -> 256 to the resolved NodeAddr, with headroom")
    void sent() {
        byte[] p = udp(OWN_IP, REMOTE_IP, 500);
        assertEquals(Ipv6Outcome.SENT, onTun(p, 4242));
        FakeSessions.Sent s = sessions.sent.get(0);
        assertEquals(REMOTE.hi(), s.destHi());
        assertEquals(REMOTE.lo(), s.destLo());
        assertEquals(256, s.srcPort());
        assertEquals(256, s.dstPort());
        assertEquals(4242, s.nowMs());
        assertEquals(500 - 33, s.payload().length);
        assertEquals(0, s.payload()[0]);
        assertArrayEquals(Arrays.copyOf(p, 4), Arrays.copyOfRange(s.payload(), 1, 5));
        assertEquals(17, s.payload()[5]);
        assertEquals(63, s.payload()[6]);
        assertArrayEquals(Arrays.copyOfRange(p, 40, 500), Arrays.copyOfRange(s.payload(), 7, s.payload().length));
        assertEquals(Ipv6Adapter.TX_HEADROOM, s.off());
        assertTrue(s.bufLength() >= s.off() + s.payload().length + Ipv6Adapter.TX_TAILROOM);
        assertEquals(0, tun.writes);
        assertEquals(1, adapter.count(Ipv6Outcome.SENT));
    }

    @Test
    @DisplayName("the session layer's refusal is counted as send_dropped")
    void sendDropped() {
        sessions.sendResult = -3;
        assertEquals(Ipv6Outcome.SEND_DROPPED, onTun(udp(OWN_IP, REMOTE_IP, 100), 0));
        assertEquals(1, adapter.count(Ipv6Outcome.SEND_DROPPED));
    }

    @Test
    @DisplayName("INTEROP.md 9.2: no transport (or a nonsense MTU below 256) counts as 1280")
    void transportMtuFloor() {
        sessions.transportMtu = 0;
        assertEquals(1203, adapter.effectiveIpv6Mtu());
        sessions.transportMtu = 255;
        assertEquals(1203, adapter.effectiveIpv6Mtu());
        sessions.transportMtu = 1472;
        assertEquals(1395, adapter.effectiveIpv6Mtu());
    }

    @Test
    @DisplayName("INTEROP.md 9.1, 9.4: inbound rebuilt with src = fd||src[0..15], dst = our address, written to the TUN")
    void inbound() {
        byte[] orig = udp(REMOTE_IP, OWN_IP, 700);
        byte[] c = new byte[orig.length];
        int n = Ipv6ShimCodec.compress(orig, 0, orig.length, c, 0);
        byte[] framed = new byte[n + 11];
        System.arraycopy(c, 0, framed, 5, n);
        assertEquals(Ipv6Outcome.DELIVERED, adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), framed, 5, n, 0));
        assertArrayEquals(orig, tun.only());
    }

    @Test
    @DisplayName("INTEROP.md 9.1: inbound with a bad format byte or under 7 bytes is a counted drop")
    void inboundMalformed() {
        byte[] c = new byte[40];
        for (int len = 0; len < 7; len++) {
            assertEquals(Ipv6Outcome.MALFORMED, adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), c, 0, len, 0));
        }
        c[0] = 1;
        assertEquals(Ipv6Outcome.MALFORMED, adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), c, 0, 40, 0));
        assertEquals(Ipv6Outcome.MALFORMED, adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), c, 30, 20, 0));
        assertEquals(9, adapter.count(Ipv6Outcome.MALFORMED));
        assertEquals(0, tun.writes);
    }

    @Test
    @DisplayName("INTEROP.md 9.4, 9.5: an inbound SYN-ACK is clamped on the way to the TUN, checksum valid")
    void inboundClamp() {
        byte[] synAck = TestPackets.tcp(REMOTE_IP, OWN_IP, 0x12, new byte[] {2, 4, (byte) 0xff, (byte) 0xc4}, 0);
        byte[] c = new byte[synAck.length];
        int n = Ipv6ShimCodec.compress(synAck, 0, synAck.length, c, 0);
        adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), c, 0, n, 0);
        byte[] w = tun.only();
        assertEquals(1143, mssOf(w));
        assertTrue(TestPackets.checksumValid(w));
        assertEquals(1, adapter.eventCount(Ipv6Event.MSS_CLAMPED_INBOUND));
    }

    @Test
    @DisplayName("INTEROP.md 9.4, 11: CE from the last hop marks ECT(0)/ECT(1) packets CE; Not-ECT is untouched")
    void inboundEcn() {
        int[] ecnIn = {0, 1, 2, 3};
        int[] ecnOut = {0, 3, 3, 3};
        for (int i = 0; i < 4; i++) {
            byte[] orig = TestPackets.ipv6(0xa0 | ecnIn[i], 0x12345, 17, 60, REMOTE_IP, OWN_IP, new byte[20]);
            byte[] c = new byte[orig.length];
            int n = Ipv6ShimCodec.compress(orig, 0, orig.length, c, 0);
            adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), true, c, 0, n, 0);
            adapter.onSessionData(REMOTE.hi(), REMOTE.lo(), false, c, 0, n, 0);
        }
        for (int i = 0; i < 4; i++) {
            byte[] marked = tun.packets.get(2 * i);
            byte[] plain = tun.packets.get(2 * i + 1);
            assertEquals(ecnOut[i], (marked[1] >>> 4) & 3, "ecn=" + ecnIn[i]);
            assertEquals(0xa0 >>> 2, ((marked[0] & 0xf) << 4 | (marked[1] & 0xf0) >>> 4) >>> 2, "DSCP kept");
            assertEquals(0x12345, (marked[1] & 0xf) << 16 | (marked[2] & 0xff) << 8 | (marked[3] & 0xff));
            assertEquals(ecnIn[i], (plain[1] >>> 4) & 3);
        }
        assertEquals(2, adapter.eventCount(Ipv6Event.ECN_CE_MARKED));
    }

    @Test
    @DisplayName("every outcome and event has a distinct counter name")
    void counterNames() {
        Map<String, Long> names = new HashMap<>();
        adapter.onTunPacket(new byte[1], 0, 1, 0);
        adapter.forEachCounter(names::put);
        assertEquals(Ipv6Outcome.COUNT + Ipv6Event.COUNT, names.size());
        assertEquals(1L, names.get("ipv6_ignored"));
    }

    @Test
    @DisplayName("STYLE.md 2: the outbound send path and the inbound path allocate nothing once warm")
    void noAllocation() throws Exception {
        sessions.record = false;
        tun.record = false;
        Ipv6Adapter a = new Ipv6Adapter(OWN, sessions, tun, new PtbRateLimiter());
        byte[] out = synWithMss(OWN_IP, REMOTE_IP, 1460);
        byte[] big = udp(OWN_IP, REMOTE_IP, 1300);
        byte[] in = new byte[out.length];
        int n = Ipv6ShimCodec.compress(out, 0, out.length, in, 0);
        Runnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                out[63] = (byte) 0xb4;
                a.onTunPacket(out, 0, out.length, i);
                a.onTunPacket(big, 0, big.length, i * 200L);
                a.onSessionData(1, 2, true, in, 0, n, i);
            }
        };
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        long base = Allocation.measure(() -> { });
        long used = Allocation.measure(work);
        assertTrue(used - base < 2048, "allocated " + (used - base) + " bytes over 60 000 packets");
        assertEquals(6 * 20_000, a.count(Ipv6Outcome.SENT));
        assertEquals(6 * 20_000, a.eventCount(Ipv6Event.ICMP_PACKET_TOO_BIG_SENT));
    }
}
