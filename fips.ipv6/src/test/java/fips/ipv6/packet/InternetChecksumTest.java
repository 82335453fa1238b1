package fips.ipv6.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 1071 / RFC 8200 8.1 checksum against an independent implementation and a kernel-made packet. */
class InternetChecksumTest {
    /**
     * ICMPv6 Destination Unreachable (port unreachable) the Linux kernel sent
     * for a UDP datagram to [::1]:9, captured on lo with an AF_PACKET socket.
     * ICMPv6 checksums are computed in software even on lo.
     */
    static final byte[] KERNEL_ICMP_PORT_UNREACHABLE = Hex.decode(
            "6000f11900423a4000000000000000000000000000000001000000000000000000000000000000010104b38d00000000"
            + "6008dd75001211400000000000000000000000000000000100000000000000000000000000000001e10100090012002568"
            + "656c6c6f2d66697073");

    @Test
    @DisplayName("RFC 8200 8.1: a kernel-built ICMPv6 message verifies, and recomputing gives the kernel's value")
    void kernelVector() {
        byte[] p = KERNEL_ICMP_PORT_UNREACHABLE;
        assertTrue(TestPackets.checksumValid(p), "the reference checksum agrees with the kernel");
        assertEquals(0, InternetChecksum.pseudoHeaderChecksum(p, 8, 58, p, 40, p.length - 40));
        byte[] z = p.clone();
        z[42] = 0;
        z[43] = 0;
        assertEquals(0xb38d, InternetChecksum.pseudoHeaderChecksum(z, 8, 58, z, 40, z.length - 40));
    }

    @Test
    @DisplayName("RFC 1071: pseudo-header checksum equals the independent computation for random messages, odd and even")
    void randomAgainstReference() {
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] payload = new byte[r.nextInt(1500)];
            r.nextBytes(payload);
            byte[] src = new byte[16];
            byte[] dst = new byte[16];
            r.nextBytes(src);
            r.nextBytes(dst);
            int nh = r.nextBoolean() ? 6 : 58;
            byte[] p = TestPackets.ipv6(nh, src, dst, payload);
            assertEquals(TestPackets.referenceChecksum(p),
                    InternetChecksum.pseudoHeaderChecksum(p, 8, nh, p, 40, p.length - 40), "i=" + i);
        }
    }

    @Test
    @DisplayName("RFC 1624 eqn. 3: incremental update equals full recomputation, word-aligned and odd-aligned")
    void incrementalUpdate() {
        Random r = new Random(2);
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[4 + r.nextInt(200)];
            r.nextBytes(payload);
            byte[] p = TestPackets.ipv6(6, TestPackets.addr("fd00000000000000000000000000000a"),
                    TestPackets.addr("fd00000000000000000000000000000b"), payload);
            p[40] = 0;
            p[41] = 0; // checksum field at 40 for this test
            int ck = TestPackets.referenceChecksum(p);
            p[40] = (byte) (ck >>> 8);
            p[41] = (byte) ck;
            int at = 42 + r.nextInt(payload.length - 3); // any offset after the checksum field
            int old = (p[at] & 0xff) << 8 | (p[at + 1] & 0xff);
            int neu = r.nextInt(0x10000);
            boolean odd = ((at - 40) & 1) != 0;
            int updated = odd
                    ? InternetChecksum.update(ck, InternetChecksum.swap16(old), InternetChecksum.swap16(neu))
                    : InternetChecksum.update(ck, old, neu);
            p[at] = (byte) (neu >>> 8);
            p[at + 1] = (byte) neu;
            p[40] = (byte) (updated >>> 8);
            p[41] = (byte) updated;
            assertTrue(TestPackets.checksumValid(p), "i=" + i + " at=" + at);
        }
    }

    @Test
    @DisplayName("RFC 1071: folding carries and the odd trailing byte")
    void foldAndOdd() {
        assertEquals(0x0001, InternetChecksum.fold(0x10000));
        assertEquals(0xffff, InternetChecksum.fold(0x1fffe));
        assertEquals(0xab00, InternetChecksum.fold(InternetChecksum.add(0, new byte[] {(byte) 0xab}, 0, 1)));
        assertEquals(0x3412, InternetChecksum.swap16(0x1234));
    }
}
