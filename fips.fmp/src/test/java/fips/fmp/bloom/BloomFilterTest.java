package fips.fmp.bloom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fips.fmp.wire.FilterAnnounce;
import fips.fmp.wire.FilterAnnounceCheck;
import fips.identity.NodeAddr;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Filter operations beyond the vectors (INTEROP.md 6). */
class BloomFilterTest {
    private static NodeAddr addr(int i) {
        return new NodeAddr(0x1000L + i, 0x2000L * i);
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Outgoing filter\": merge is a bitwise OR and keeps this filter's k")
    void mergeIsOr() {
        BloomFilter a = new BloomFilter();
        BloomFilter b = new BloomFilter(7);
        a.insert(addr(1));
        b.insert(addr(2));
        byte[] ab = a.toBytes();
        byte[] bb = b.toBytes();
        BloomFilter m = a.copy();
        m.merge(b);
        byte[] mb = m.toBytes();
        for (int i = 0; i < BloomFilter.BYTES; i++) {
            assertEquals((byte) (ab[i] | bb[i]), mb[i], "byte " + i);
        }
        assertEquals(5, m.hashCount());
        assertTrue(m.contains(addr(1)));
        // a is untouched by merging into its copy.
        assertEquals(5, a.countOnes());
        assertFalse(Arrays.equals(ab, mb));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"hash_count on receive\": membership uses the filter's own k")
    void peerHashCount() {
        BloomFilter k7 = new BloomFilter(7);
        k7.insert(addr(3));
        assertEquals(7, k7.countOnes());
        BloomFilter asK5 = BloomFilter.fromBytes(k7.toBytes(), 0, 5);
        assertTrue(asK5.contains(addr(3)));
        assertNotEquals(k7, asK5, "equality includes k");
        assertEquals(k7, BloomFilter.fromBytes(k7.toBytes(), 0, 7));
        assertThrows(IllegalArgumentException.class, () -> new BloomFilter(0));
        assertThrows(IllegalArgumentException.class, () -> new BloomFilter(256));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Anti-poison\": fill^k above max_inbound_fpr (0.20) is rejected")
    void antiPoison() {
        BloomFilter f = new BloomFilter();
        int i = 0;
        while (f.estimatedFpr() <= 0.20) {
            assertEquals(FilterAnnounceCheck.OK, new FilterAnnounce(1, f).checkInbound());
            f.insert(addr(i++));
        }
        assertTrue(f.exceedsFpr(0.20));
        assertEquals(FilterAnnounceCheck.FPR_TOO_HIGH, new FilterAnnounce(1, f).checkInbound());
        assertEquals(FilterAnnounceCheck.OK, new FilterAnnounce(1, f).checkInbound(1.0));
        // 0.2^(1/5) ≈ 0.7248 of the bits must be set before the cap trips.
        assertTrue(f.fillRatio() > Math.pow(0.20, 1 / 5.0));
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Mesh size estimate\": −(m/k)·ln(1 − X/m)")
    void meshSizeEstimate() {
        BloomFilter f = new BloomFilter();
        assertEquals(0.0, f.estimatedElements(), 0.0);
        for (int i = 0; i < 200; i++) {
            f.insert(addr(i));
        }
        int x = f.countOnes();
        assertEquals(-(8192.0 / 5) * Math.log(1 - x / 8192.0), f.estimatedElements(), 1e-9);
        assertEquals(200, f.estimatedElements(), 10);
        byte[] full = new byte[BloomFilter.BYTES];
        Arrays.fill(full, (byte) 0xff);
        assertTrue(Double.isNaN(BloomFilter.fromBytes(full).estimatedElements()));
        assertEquals(1.0, BloomFilter.fromBytes(full).estimatedFpr(), 0.0);
    }

    @Test
    @DisplayName("INTEROP.md 6 \"Bit order\": bit i is byte i/8, mask 1<<(i%8)")
    void bitOrder() {
        byte[] b = new byte[BloomFilter.BYTES];
        b[0] = 0x01;    // bit 0
        b[1] = (byte) 0x80; // bit 15
        b[1023] = (byte) 0x80; // bit 8191
        BloomFilter f = BloomFilter.fromBytes(b);
        assertTrue(f.bit(0));
        assertTrue(f.bit(15));
        assertTrue(f.bit(8191));
        assertFalse(f.bit(8));
        assertEquals(3, f.countOnes());
        assertTrue(Arrays.equals(b, f.toBytes()));
        f.clear();
        assertTrue(f.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> BloomFilter.fromBytes(new byte[1023]));
    }
}
