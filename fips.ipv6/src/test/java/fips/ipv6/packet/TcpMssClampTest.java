package fips.ipv6.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.identity.Hex;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TCP MSS clamping (INTEROP.md 9.5). Every changed packet's checksum is checked independently. */
class TcpMssClampTest {
    static final byte[] A = TestPackets.addr("fd11111111111111111111111111111a");
    static final byte[] B = TestPackets.addr("fd22222222222222222222222222222b");
    static final int SYN = 0x02;
    static final int ACK = 0x10;

    static byte[] mss(int v) {
        return new byte[] {2, 4, (byte) (v >>> 8), (byte) v};
    }

    static int mssAt(byte[] p, int optOff) {
        return (p[40 + 20 + optOff + 2] & 0xff) << 8 | (p[40 + 20 + optOff + 3] & 0xff);
    }

    @Test
    @DisplayName("INTEROP.md 9.5: a SYN's MSS above the ceiling is lowered to it, checksum still valid")
    void clampsSyn() {
        byte[] p = TestPackets.tcp(A, B, SYN, mss(1460), 0);
        assertTrue(TestPackets.checksumValid(p));
        assertTrue(TcpMssClamp.clamp(p, 0, p.length, 1143));
        assertEquals(1143, mssAt(p, 0));
        assertTrue(TestPackets.checksumValid(p));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: SYN-ACK is clamped too")
    void clampsSynAck() {
        byte[] p = TestPackets.tcp(A, B, SYN | ACK, mss(65476), 0);
        assertTrue(TcpMssClamp.clamp(p, 0, p.length, 1143));
        assertEquals(1143, mssAt(p, 0));
        assertTrue(TestPackets.checksumValid(p));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: non-SYN segments are untouched even with an MSS option")
    void nonSynUntouched() {
        for (int flags : new int[] {ACK, 0x18, 0x01, 0x04, 0x11}) {
            byte[] p = TestPackets.tcp(A, B, flags, mss(1460), 10);
            byte[] before = p.clone();
            assertFalse(TcpMssClamp.clamp(p, 0, p.length, 1143));
            assertArrayEquals(before, p);
        }
    }

    @Test
    @DisplayName("INTEROP.md 9.5: lower only, never raise; equal is unchanged")
    void neverRaise() {
        for (int v : new int[] {0, 536, 1142, 1143}) {
            byte[] p = TestPackets.tcp(A, B, SYN, mss(v), 0);
            byte[] before = p.clone();
            assertFalse(TcpMssClamp.clamp(p, 0, p.length, 1143), "mss=" + v);
            assertArrayEquals(before, p);
        }
        byte[] p = TestPackets.tcp(A, B, SYN, mss(1144), 0);
        assertTrue(TcpMssClamp.clamp(p, 0, p.length, 1143));
        assertEquals(1143, mssAt(p, 0));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: MSS after other options, at even and odd offsets, checksum valid")
    void otherOptionsFirst() {
        // NOP, window scale (3 bytes) then MSS at option offset 4 (even)
        byte[] even = TestPackets.tcp(A, B, SYN, Hex.decode("01030307" + "020405b4"), 0);
        assertTrue(TcpMssClamp.clamp(even, 0, even.length, 1000));
        assertEquals(1000, mssAt(even, 4));
        assertTrue(TestPackets.checksumValid(even));
        // One NOP then MSS: the value sits at an odd offset from the start of the segment
        byte[] odd = TestPackets.tcp(A, B, SYN, Hex.decode("01" + "020405b4" + "0402080a0000000100000000"), 0);
        assertTrue(TcpMssClamp.clamp(odd, 0, odd.length, 1000));
        assertEquals(1000, (odd[60 + 3] & 0xff) << 8 | (odd[60 + 4] & 0xff));
        assertTrue(TestPackets.checksumValid(odd));
        // Timestamps and SACK-permitted before MSS, with payload
        byte[] late = TestPackets.tcp(A, B, SYN, Hex.decode("080a01020304050607080402" + "020423c4"), 33);
        assertTrue(TcpMssClamp.clamp(late, 0, late.length, 1203));
        assertEquals(1203, mssAt(late, 12));
        assertTrue(TestPackets.checksumValid(late));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: random MSS values at random alignments always leave a valid checksum")
    void randomizedChecksum() {
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            int nops = r.nextInt(8);
            byte[] opts = new byte[nops + 4];
            java.util.Arrays.fill(opts, 0, nops, (byte) 1);
            int v = r.nextInt(0x10000);
            System.arraycopy(mss(v), 0, opts, nops, 4);
            byte[] p = TestPackets.tcp(A, B, SYN, opts, r.nextInt(50));
            int ceiling = r.nextInt(0x10000);
            boolean changed = TcpMssClamp.clamp(p, 0, p.length, ceiling);
            assertEquals(v > ceiling, changed);
            assertEquals(Math.min(v, ceiling), (p[60 + nops + 2] & 0xff) << 8 | (p[60 + nops + 3] & 0xff));
            assertTrue(TestPackets.checksumValid(p), "i=" + i);
        }
    }

    @Test
    @DisplayName("INTEROP.md 9.5: an MSS option whose length is not 4 is not touched")
    void onlyLength4() {
        byte[] p = TestPackets.tcp(A, B, SYN, Hex.decode("020605b40000"), 0);
        byte[] before = p.clone();
        assertFalse(TcpMssClamp.clamp(p, 0, p.length, 1000));
        assertArrayEquals(before, p);
    }

    @Test
    @DisplayName("malformed options end the walk without a change or an exception")
    void malformedOptions() {
        String[] bad = {
            "0800020405b4",   // option length 0
            "0801020405b4",   // option length 1
            "08ff",           // runs past the header
            "00020405b4",     // EOL before MSS: nothing after it is read
            "01010204",       // MSS cut short by the end of the header (padded with EOL)
        };
        for (String o : bad) {
            byte[] p = TestPackets.tcp(A, B, SYN, Hex.decode(o), 0);
            byte[] before = p.clone();
            assertFalse(TcpMssClamp.clamp(p, 0, p.length, 1000), o);
            assertArrayEquals(before, p, o);
        }
        byte[] p = TestPackets.tcp(A, B, SYN, mss(1460), 0);
        byte[] shortOff = p.clone();
        shortOff[52] = 0x40; // data offset 4 (< 5)
        assertFalse(TcpMssClamp.clamp(shortOff, 0, shortOff.length, 1000));
        byte[] longOff = p.clone();
        longOff[52] = (byte) 0xf0; // data offset 15: 60 bytes, more than the segment
        assertFalse(TcpMssClamp.clamp(longOff, 0, longOff.length, 1000));
        for (int len = 0; len < p.length; len++) {
            byte[] c = p.clone();
            TcpMssClamp.clamp(c, 0, len, 1000); // every truncation: no exception
        }
        byte[] lyingLength = p.clone();
        lyingLength[5] = 20; // payload length says 20: the options are outside it
        assertFalse(TcpMssClamp.clamp(lyingLength, 0, lyingLength.length, 1000));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: next header must be TCP directly; behind an extension header nothing changes")
    void onlyDirectTcp() {
        byte[] p = TestPackets.tcp(A, B, SYN, mss(1460), 0);
        byte[] hbh = new byte[8 + p.length - 40];
        hbh[0] = 6;
        hbh[2] = 1;
        hbh[3] = 4;
        System.arraycopy(p, 40, hbh, 8, p.length - 40);
        byte[] q = TestPackets.ipv6(0, A, B, hbh);
        byte[] before = q.clone();
        assertFalse(TcpMssClamp.clamp(q, 0, q.length, 1000));
        assertArrayEquals(before, q);
        byte[] udp = p.clone();
        udp[6] = 17;
        assertFalse(TcpMssClamp.clamp(udp, 0, udp.length, 1000));
    }

    @Test
    @DisplayName("INTEROP.md 9.5: a kernel SYN (lo capture, option layout as Linux sends it) is clamped at offset")
    void kernelSynLayout() {
        // Linux SYN to [::1]: MSS 65476, SACK-permitted, timestamps, NOP, window scale 10.
        // The checksum on lo is left partial by the kernel (offload), so it is recomputed here first.
        byte[] k = Hex.decode("600cf6ea0028064000000000000000000000000000000001000000000000000000000000000000019644ca49"
                + "d9808d8e00000000a002ffc4003000000204ffc40402080aadff50cb000000000103030a");
        byte[] buf = new byte[k.length + 10];
        System.arraycopy(k, 0, buf, 5, k.length);
        TestPackets.setChecksum(k, 56);
        System.arraycopy(k, 0, buf, 5, k.length);
        assertTrue(TcpMssClamp.clamp(buf, 5, k.length, 1143));
        byte[] after = java.util.Arrays.copyOfRange(buf, 5, 5 + k.length);
        assertEquals(1143, mssAt(after, 0));
        assertTrue(TestPackets.checksumValid(after));
        assertEquals(1083, TcpMssClamp.mssForMtu(1143));
        assertEquals(0, TcpMssClamp.mssForMtu(50));
    }
}
