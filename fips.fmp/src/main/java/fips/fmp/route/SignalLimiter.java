package fips.fmp.route;

/**
 * At most one error signal per destination per {@value #MIN_INTERVAL_MS} ms
 * (INTEROP.md 8.5). Only entries younger than the interval can suppress, so
 * the table needs to hold just the destinations signalled in the last
 * interval: an open-addressing table, probed over a short window, whose
 * stale entries are reused.
 *
 * <p><b>Size.</b> The table starts at {@code initialEntries}. When every
 * entry in a window is live (more destinations signalled within 100 ms than
 * the window holds), it doubles, up to {@code maxEntries}, keeping its live
 * entries (doubling again if one of them would not fit); at the maximum the oldest entry is overwritten instead, and that
 * destination may be signalled once more early: the limit loosens, it never
 * suppresses a signal it should let through. A resize is the only allocation,
 * at most {@code log2(max / initial)} of them, on the error path only.
 */
final class SignalLimiter {
    /** INTEROP.md 8.5: one signal per destination per 100 ms. */
    static final long MIN_INTERVAL_MS = 100;
    static final int PROBES = 8;

    private final int maxEntries;
    private long[] keyHi;
    private long[] keyLo;
    private long[] lastMs;
    private boolean[] used;
    private int mask;

    /** A table of fixed size {@code entries}: a power of two, at least {@value #PROBES}. */
    SignalLimiter(int entries) {
        this(entries, entries);
    }

    /**
     * @param initialEntries a power of two, at least {@value #PROBES}
     * @param maxEntries a power of two, at least {@code initialEntries}
     */
    SignalLimiter(int initialEntries, int maxEntries) {
        if (initialEntries < PROBES || Integer.bitCount(initialEntries) != 1) {
            throw new IllegalArgumentException("initialEntries=" + initialEntries + " must be a power of two >= "
                    + PROBES);
        }
        if (maxEntries < initialEntries || Integer.bitCount(maxEntries) != 1) {
            throw new IllegalArgumentException("maxEntries=" + maxEntries + " must be a power of two >= initialEntries="
                    + initialEntries);
        }
        this.maxEntries = maxEntries;
        allocate(initialEntries);
    }

    /** Entries the table holds now (it grows up to {@code maxEntries}). */
    int entries() {
        return used.length;
    }

    /** True (and the time recorded) if a signal about {@code (hi, lo)} may go out at {@code nowMs}. */
    boolean admit(long hi, long lo, long nowMs) {
        int start = (int) (lo ^ (lo >>> 32)) & mask;
        for (int k = 0; k < PROBES; k++) {
            int i = (start + k) & mask;
            if (used[i] && keyHi[i] == hi && keyLo[i] == lo) {
                // A clock that went backwards counts as "too soon", as the reference's saturating subtraction does.
                if (nowMs - lastMs[i] < MIN_INTERVAL_MS) {
                    return false;
                }
                lastMs[i] = nowMs;
                return true;
            }
        }
        int victim = victim(hi, lo, nowMs);
        while (used[victim] && nowMs - lastMs[victim] < MIN_INTERVAL_MS && used.length < maxEntries) {
            grow(nowMs);
            victim = victim(hi, lo, nowMs);
        }
        keyHi[victim] = hi;
        keyLo[victim] = lo;
        lastMs[victim] = nowMs;
        used[victim] = true;
        return true;
    }

    /** Where a new key goes in its window: the first empty slot, else the oldest entry. */
    private int victim(long hi, long lo, long nowMs) {
        int start = (int) (lo ^ (lo >>> 32)) & mask;
        int victim = start;
        long victimAge = Long.MIN_VALUE;
        for (int k = 0; k < PROBES; k++) {
            int i = (start + k) & mask;
            if (!used[i]) {
                return i;
            }
            long age = nowMs - lastMs[i];
            if (age > victimAge) {
                victim = i;
                victimAge = age;
            }
        }
        return victim;
    }

    private void allocate(int entries) {
        keyHi = new long[entries];
        keyLo = new long[entries];
        lastMs = new long[entries];
        used = new boolean[entries];
        mask = entries - 1;
    }

    /**
     * Doubles the table, moving the entries that can still suppress (younger
     * than the interval); doubles again while one of them finds its new window
     * full, so below the maximum no live entry is lost.
     */
    private void grow(long nowMs) {
        long[] oHi = keyHi;
        long[] oLo = keyLo;
        long[] oLast = lastMs;
        boolean[] oUsed = used;
        int n = oUsed.length;
        boolean placed;
        do {
            n *= 2;
            allocate(n);
            placed = true;
            for (int j = 0; j < oUsed.length && placed; j++) {
                if (oUsed[j] && nowMs - oLast[j] < MIN_INTERVAL_MS) {
                    int i = victim(oHi[j], oLo[j], nowMs);
                    if (used[i] && n < maxEntries) {
                        placed = false;
                    } else {
                        keyHi[i] = oHi[j];
                        keyLo[i] = oLo[j];
                        lastMs[i] = oLast[j];
                        used[i] = true;
                    }
                }
            }
        } while (!placed);
    }
}
