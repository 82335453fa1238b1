package fips.ipv6.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ICMPv6 Destination Unreachable and Packet Too Big (INTEROP.md 9.3, RFC 4443). */
class Icmpv6ErrorsTest {
    static final byte[] APP = TestPackets.addr("fd11111111111111111111111111111a");
    static final byte[] REMOTE = TestPackets.addr("fd22222222222222222222222222222b");
    static final byte[] OWN = TestPackets.addr("fd11111111111111111111111111111a");
    static final byte[] MCAST = TestPackets.addr("ff020000000000000000000000000001");
    static final byte[] UNSPEC = new byte[16];

    static byte[] udp(byte[] src, byte[] dst, int payloadLen) {
        byte[] payload = new byte[8 + payloadLen];
        payload[1] = 53;
        payload[3] = 53;
        payload[4] = (byte) (payload.length >>> 8);
        payload[5] = (byte) payload.length;
        for (int i = 8; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return TestPackets.ipv6(17, src, dst, payload);
    }

    @Test
    @DisplayName("RFC 4443 3.1: our Destination Unreachable matches the kernel's byte for byte after the flow label")
    void matchesKernel() {
        byte[] k = InternetChecksumTest.KERNEL_ICMP_PORT_UNREACHABLE;
        byte[] orig = Arrays.copyOfRange(k, 48, k.length);
        byte[] out = new byte[1280];
        int n = Icmpv6Errors.build(1, 4, 0, orig, 0, orig.length, k, 8, out, 0);
        assertEquals(k.length, n);
        assertArrayEquals(Arrays.copyOfRange(k, 4, k.length), Arrays.copyOfRange(out, 4, n));
        assertEquals(0x60, out[0] & 0xff);
    }

    @Test
    @DisplayName("INTEROP.md 9.3: Destination Unreachable code 0, hop limit 64, from our address to the sender, whole packet quoted")
    void destinationUnreachableLayout() {
        byte[] orig = udp(APP, REMOTE, 100);
        byte[] out = new byte[1400];
        Arrays.fill(out, (byte) 0x5a);
        int n = Icmpv6Errors.destinationUnreachable(orig, 0, orig.length, OWN, 0, out, 7);
        assertEquals(48 + orig.length, n);
        byte[] e = Arrays.copyOfRange(out, 7, 7 + n);
        assertEquals(0x60, e[0] & 0xff);
        assertEquals(0, e[1] | e[2] | e[3]);
        assertEquals(n - 40, (e[4] & 0xff) << 8 | (e[5] & 0xff));
        assertEquals(58, e[6]);
        assertEquals(64, e[7]);
        assertArrayEquals(OWN, Arrays.copyOfRange(e, 8, 24));
        assertArrayEquals(APP, Arrays.copyOfRange(e, 24, 40));
        assertEquals(1, e[40]);
        assertEquals(0, e[41]);
        assertArrayEquals(new byte[4], Arrays.copyOfRange(e, 44, 48));
        assertArrayEquals(orig, Arrays.copyOfRange(e, 48, n));
        assertTrue(TestPackets.checksumValid(e));
        assertEquals(0x5a, out[6] & 0xff, "nothing written before outOff");
        assertEquals(0x5a, out[7 + n] & 0xff, "nothing written after the error");
    }

    @Test
    @DisplayName("INTEROP.md 9.3: Packet Too Big carries the MTU and comes from the original destination")
    void packetTooBigLayout() {
        byte[] orig = udp(APP, REMOTE, 1300);
        byte[] out = new byte[1280];
        int n = Icmpv6Errors.packetTooBig(orig, 0, orig.length, 1203, out, 0);
        assertEquals(1280, n);
        assertArrayEquals(REMOTE, Arrays.copyOfRange(out, 8, 24));
        assertArrayEquals(APP, Arrays.copyOfRange(out, 24, 40));
        assertEquals(2, out[40]);
        assertEquals(0, out[41]);
        assertEquals(1203, (out[44] & 0xff) << 24 | (out[45] & 0xff) << 16 | (out[46] & 0xff) << 8 | (out[47] & 0xff));
        assertEquals(64, out[7]);
        assertTrue(TestPackets.checksumValid(Arrays.copyOf(out, n)));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 41, 1000, 1231, 1232, 1233, 1240, 1500, 9000, 65535})
    @DisplayName("INTEROP.md 9.3: as much of the original as fits in 1280 bytes in total")
    void quotingLimit(int origLen) {
        byte[] orig = udp(APP, REMOTE, Math.max(0, origLen - 48));
        orig = Arrays.copyOf(orig, origLen); // header-only lengths keep the UDP bytes out
        byte[] out = new byte[70000];
        int n = Icmpv6Errors.packetTooBig(orig, 0, origLen, 1280, out, 0);
        int quoted = Math.min(origLen, 1232);
        assertEquals(48 + quoted, n);
        assertTrue(n <= 1280);
        assertArrayEquals(Arrays.copyOf(orig, quoted), Arrays.copyOfRange(out, 48, n));
        assertEquals(n - 40, (out[4] & 0xff) << 8 | (out[5] & 0xff));
        assertTrue(TestPackets.checksumValid(Arrays.copyOf(out, n)));
        assertEquals(n, Icmpv6Errors.errorLength(origLen));
    }

    @Test
    @DisplayName("INTEROP.md 9.3: no error for ICMPv6 errors (types 0-127), also behind extension headers")
    void notForIcmpErrors() {
        byte[] out = new byte[1280];
        for (int type = 0; type < 256; type++) {
            byte[] icmp = new byte[8];
            icmp[0] = (byte) type;
            byte[] p = TestPackets.ipv6(58, APP, REMOTE, icmp);
            int n = Icmpv6Errors.destinationUnreachable(p, 0, p.length, OWN, 0, out, 0);
            if (type < 128) {
                assertEquals(Icmpv6Errors.SUPPRESSED, n, "type=" + type);
            } else {
                assertEquals(48 + p.length, n, "type=" + type);
            }
        }
        // Hop-by-hop options (8 bytes) then an ICMPv6 Packet Too Big.
        byte[] hbh = {58, 0, 1, 4, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 5, 0};
        byte[] p = TestPackets.ipv6(0, APP, REMOTE, hbh);
        assertFalse(Icmpv6Errors.mayAnswer(p, 0, p.length));
        hbh[8] = (byte) 128; // echo request behind it: informational, answered
        p = TestPackets.ipv6(0, APP, REMOTE, hbh);
        assertTrue(Icmpv6Errors.mayAnswer(p, 0, p.length));
        // Next header ICMPv6 but no ICMPv6 byte present: treated as an error, not answered.
        p = TestPackets.ipv6(58, APP, REMOTE, new byte[0]);
        assertFalse(Icmpv6Errors.mayAnswer(p, 0, p.length));
    }

    @Test
    @DisplayName("INTEROP.md 9.3: no error to multicast or unspecified sources, or about multicast destinations")
    void notForMulticastOrUnspecified() {
        byte[] out = new byte[1280];
        byte[][] bad = {udp(MCAST, REMOTE, 10), udp(UNSPEC, REMOTE, 10), udp(APP, MCAST, 10)};
        for (byte[] p : bad) {
            assertEquals(Icmpv6Errors.SUPPRESSED, Icmpv6Errors.destinationUnreachable(p, 0, p.length, OWN, 0, out, 0));
            assertEquals(Icmpv6Errors.SUPPRESSED, Icmpv6Errors.packetTooBig(p, 0, p.length, 1203, out, 0));
        }
        byte[] ok = udp(APP, REMOTE, 10);
        assertTrue(Icmpv6Errors.mayAnswer(ok, 0, ok.length));
    }

    @Test
    @DisplayName("not IPv6, too short, or no room: no error, no write")
    void badInputAndOutput() {
        byte[] out = new byte[1280];
        byte[] p = udp(APP, REMOTE, 10);
        for (int len = 0; len < 40; len++) {
            assertEquals(Icmpv6Errors.SUPPRESSED, Icmpv6Errors.destinationUnreachable(p, 0, len, OWN, 0, out, 0));
        }
        byte[] v4 = p.clone();
        v4[0] = 0x45;
        assertEquals(Icmpv6Errors.SUPPRESSED, Icmpv6Errors.destinationUnreachable(v4, 0, v4.length, OWN, 0, out, 0));
        byte[] small = new byte[48 + p.length - 1];
        assertEquals(Icmpv6Errors.OUTPUT_TOO_SMALL,
                Icmpv6Errors.destinationUnreachable(p, 0, p.length, OWN, 0, small, 0));
        assertArrayEquals(new byte[small.length], small);
    }
}
