package fips.noise;

/**
 * The receive-side anti-replay window of INTEROP.md 3.4 (also used by FSP,
 * 8.4): the highest counter accepted so far plus a 2048-bit bitmap of the
 * counters below it.
 *
 * <p>A counter above the highest is always acceptable; one at or below is
 * acceptable if it is less than {@link #SIZE} behind and not yet marked.
 * {@link #check} runs before decryption and {@link #mark} only after the AEAD
 * accepted the frame, so a forged frame cannot advance the window. Counters
 * are unsigned 64-bit. No allocation.
 */
public final class ReplayWindow {
    /** INTEROP.md 3.4: 2048 entries. */
    public static final int SIZE = 2048;
    private static final int WORDS = SIZE / 64;

    private final long[] bits = new long[WORDS];
    private long highest; // unsigned

    /** A fresh window: nothing seen, counter 0 acceptable once. */
    public ReplayWindow() {}

    /** True if {@code counter} may be accepted (not replayed, not too old). */
    public boolean check(long counter) {
        if (Long.compareUnsigned(counter, highest) > 0) {
            return true;
        }
        if (Long.compareUnsigned(highest - counter, SIZE) >= 0) {
            return false;
        }
        return !isSet(counter);
    }

    /** Records an authenticated counter; call only after {@link #check} and a successful decrypt. */
    public void mark(long counter) {
        if (Long.compareUnsigned(counter, highest) > 0) {
            long gap = counter - highest;
            if (Long.compareUnsigned(gap, SIZE) >= 0) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long c = highest + 1; c != counter; c++) {
                    clear(c);
                }
            }
            highest = counter;
        }
        set(counter);
    }

    /** The highest authenticated counter so far (unsigned; 0 on a fresh window). */
    public long highest() {
        return highest;
    }

    /** Forgets everything (a fresh window accepts counter 0 once). */
    public void reset() {
        java.util.Arrays.fill(bits, 0L);
        highest = 0;
    }

    private boolean isSet(long c) {
        int i = (int) (c & (SIZE - 1));
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long c) {
        int i = (int) (c & (SIZE - 1));
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long c) {
        int i = (int) (c & (SIZE - 1));
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
