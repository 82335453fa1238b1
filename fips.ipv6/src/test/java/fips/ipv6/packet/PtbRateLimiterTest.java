package fips.ipv6.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One Packet Too Big per source per 100 ms, virtual time (INTEROP.md 9.3). */
class PtbRateLimiterTest {
    static byte[] source(int i) {
        byte[] b = TestPackets.addr("fd000000000000000000000000000000");
        b[12] = (byte) (i >>> 24);
        b[13] = (byte) (i >>> 16);
        b[14] = (byte) (i >>> 8);
        b[15] = (byte) i;
        return b;
    }

    @Test
    @DisplayName("INTEROP.md 9.3: a second PTB to the same source inside 100 ms is refused, at 100 ms allowed")
    void onePer100Ms() {
        PtbRateLimiter l = new PtbRateLimiter();
        byte[] a = source(1);
        long t = 1_000_000;
        assertTrue(l.tryAcquire(a, 0, t));
        assertFalse(l.tryAcquire(a, 0, t));
        assertFalse(l.tryAcquire(a, 0, t + 99));
        assertTrue(l.tryAcquire(a, 0, t + 100));
        assertFalse(l.tryAcquire(a, 0, t + 150));
        assertTrue(l.tryAcquire(a, 0, t + 200));
        assertEquals(3, l.limited());
    }

    @Test
    @DisplayName("INTEROP.md 9.3: the limit is per source address; the address is read at the given offset")
    void perSource() {
        PtbRateLimiter l = new PtbRateLimiter();
        byte[] buf = new byte[64];
        System.arraycopy(source(1), 0, buf, 8, 16);
        System.arraycopy(source(2), 0, buf, 30, 16);
        assertTrue(l.tryAcquire(buf, 8, 0));
        assertTrue(l.tryAcquire(buf, 30, 0));
        assertFalse(l.tryAcquire(buf, 8, 50));
        assertFalse(l.tryAcquire(buf, 30, 50));
        byte[] differsInLastByte = source(1);
        differsInLastByte[15] ^= 1;
        assertTrue(l.tryAcquire(differsInLastByte, 0, 50));
    }

    @Test
    @DisplayName("bounded memory: many sources fit in the fixed table; only a burst beyond a set's ways evicts")
    void boundedMemory() {
        PtbRateLimiter l = new PtbRateLimiter(64, 100);
        assertEquals(64, l.capacity());
        // 10 000 distinct sources, 1 ms apart: each is allowed (expired slots are reused, nothing grows).
        for (int i = 0; i < 10_000; i++) {
            assertTrue(l.tryAcquire(source(i), 0, i * 1000L), "i=" + i);
        }
        assertEquals(0, l.evictions());
        // 1 000 distinct sources inside one interval: the table overflows, evictions are counted, no error.
        for (int i = 0; i < 1000; i++) {
            l.tryAcquire(source(100_000 + i), 0, 20_000_000L);
        }
        assertTrue(l.evictions() > 0);
        // A few sources are still tracked exactly.
        PtbRateLimiter small = new PtbRateLimiter(4, 100);
        for (int i = 0; i < 4; i++) {
            assertTrue(small.tryAcquire(source(i), 0, 0));
        }
        for (int i = 0; i < 4; i++) {
            assertFalse(small.tryAcquire(source(i), 0, 10), "i=" + i);
        }
    }

    @Test
    @DisplayName("a clock that goes backwards allows the PTB rather than blocking until it catches up")
    void clockBackwards() {
        PtbRateLimiter l = new PtbRateLimiter();
        byte[] a = source(7);
        assertTrue(l.tryAcquire(a, 0, 10_000));
        assertTrue(l.tryAcquire(a, 0, 5_000));
        assertFalse(l.tryAcquire(a, 0, 5_050));
    }

    @Test
    @DisplayName("bad construction parameters name the value")
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> new PtbRateLimiter(100, 100));
        assertThrows(IllegalArgumentException.class, () -> new PtbRateLimiter(2, 100));
        assertThrows(IllegalArgumentException.class, () -> new PtbRateLimiter(64, 0));
    }
}
