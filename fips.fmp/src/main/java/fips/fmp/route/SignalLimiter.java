package fips.fmp.route;

/**
 * At most one error signal per destination per {@value #MIN_INTERVAL_MS} ms
 * (INTEROP.md 8.5). Only entries younger than the interval can suppress, so
 * the table needs to hold just the destinations signalled in the last
 * interval: a fixed open-addressing table, probed over a short window, whose
 * stale entries are reused. If every entry in a window is live (more distinct
 * destinations than the table holds within 100 ms), the oldest is overwritten
 * and that destination may be signalled once more early: the limit loosens,
 * it never suppresses a signal it should let through. No allocation.
 */
final class SignalLimiter {
    /** INTEROP.md 8.5: one signal per destination per 100 ms. */
    static final long MIN_INTERVAL_MS = 100;
    private static final int PROBES = 8;

    private final long[] keyHi;
    private final long[] keyLo;
    private final long[] lastMs;
    private final boolean[] used;
    private final int mask;

    /** @param entries a power of two, at least {@value #PROBES} */
    SignalLimiter(int entries) {
        if (entries < PROBES || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries=" + entries + " must be a power of two >= " + PROBES);
        }
        keyHi = new long[entries];
        keyLo = new long[entries];
        lastMs = new long[entries];
        used = new boolean[entries];
        mask = entries - 1;
    }

    /** True (and the time recorded) if a signal about {@code (hi, lo)} may go out at {@code nowMs}. */
    boolean admit(long hi, long lo, long nowMs) {
        int start = (int) (lo ^ (lo >>> 32)) & mask;
        int victim = start;
        long victimAge = Long.MIN_VALUE;
        for (int k = 0; k < PROBES; k++) {
            int i = (start + k) & mask;
            if (!used[i]) {
                if (victimAge != Long.MAX_VALUE) {
                    victim = i;
                    victimAge = Long.MAX_VALUE; // an empty slot beats any reusable one
                }
                continue;
            }
            long age = nowMs - lastMs[i];
            if (keyHi[i] == hi && keyLo[i] == lo) {
                // A clock that went backwards counts as "too soon", as the reference's saturating subtraction does.
                if (age < MIN_INTERVAL_MS) {
                    return false;
                }
                lastMs[i] = nowMs;
                return true;
            }
            if (age > victimAge) {
                victim = i;
                victimAge = age;
            }
        }
        keyHi[victim] = hi;
        keyLo[victim] = lo;
        lastMs[victim] = nowMs;
        used[victim] = true;
        return true;
    }
}
