package fips.fmp.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** INTEROP.md 8.5: one error signal per destination per 100 ms. */
class SignalLimiterTest {
    @Test
    @DisplayName("INTEROP.md 8.5: a second signal for a destination is admitted only 100 ms after the first")
    void interval() {
        SignalLimiter l = new SignalLimiter(16);
        assertEquals(100, SignalLimiter.MIN_INTERVAL_MS);
        assertTrue(l.admit(1, 2, 1000));
        assertFalse(l.admit(1, 2, 1000));
        assertFalse(l.admit(1, 2, 1099));
        assertTrue(l.admit(3, 2, 1050));
        assertTrue(l.admit(1, 2, 1100));
        assertFalse(l.admit(1, 2, 1199));
        assertFalse(l.admit(1, 2, 900)); // clock went back
        assertTrue(l.admit(1, 2, 1200));
    }

    @Test
    @DisplayName("INTEROP.md 8.5: more live destinations than the table holds loosen the limit but never suppress a first signal")
    void overflowNeverSuppressesWrongly() {
        SignalLimiter l = new SignalLimiter(64);
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(l.admit(r.nextLong(), r.nextLong(), 5000), "i=" + i);
        }
        // A small working set still gets exact limiting.
        for (int i = 0; i < 8; i++) {
            assertTrue(l.admit(i, i * 64L, 6000));
        }
        for (int i = 0; i < 8; i++) {
            assertFalse(l.admit(i, i * 64L, 6050), "i=" + i);
        }
        assertThrows(IllegalArgumentException.class, () -> new SignalLimiter(12));
        assertThrows(IllegalArgumentException.class, () -> new SignalLimiter(4));
    }

    @Test
    @DisplayName("INTEROP.md 8.5: a table that starts small grows when a window is full of live entries, so limiting stays exact")
    void growsOnDemand() {
        SignalLimiter l = new SignalLimiter(8, 1024);
        assertEquals(8, l.entries());
        // Destinations signalled 100 ms apart reuse the stale entries: no growth.
        for (int i = 0; i < 100; i++) {
            assertTrue(l.admit(i, i, 1000 + 100L * i));
        }
        assertEquals(8, l.entries());
        // 60 destinations within one interval: every one admitted once, then every one suppressed.
        Random r = new Random(6);
        long[] hi = new long[60];
        long[] lo = new long[60];
        for (int i = 0; i < hi.length; i++) {
            hi[i] = r.nextLong();
            lo[i] = r.nextLong();
            assertTrue(l.admit(hi[i], lo[i], 50_000 + i), "i=" + i);
        }
        assertTrue(l.entries() >= 64 && l.entries() <= 1024, "entries=" + l.entries());
        for (int i = 0; i < hi.length; i++) {
            assertFalse(l.admit(hi[i], lo[i], 50_090), "i=" + i);
        }
        for (int i = 0; i < hi.length; i++) {
            assertTrue(l.admit(hi[i], lo[i], 50_160), "i=" + i);
        }
        // Never beyond the maximum: 10 000 at once are all admitted once, the table stops at 1024.
        for (int i = 0; i < 10_000; i++) {
            assertTrue(l.admit(r.nextLong(), r.nextLong(), 60_000), "i=" + i);
        }
        assertEquals(1024, l.entries());
        assertThrows(IllegalArgumentException.class, () -> new SignalLimiter(16, 8));
        assertThrows(IllegalArgumentException.class, () -> new SignalLimiter(16, 48));
    }
}
