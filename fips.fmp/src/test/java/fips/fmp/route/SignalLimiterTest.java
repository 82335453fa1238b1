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
}
