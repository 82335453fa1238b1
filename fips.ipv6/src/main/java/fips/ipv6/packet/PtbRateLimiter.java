package fips.ipv6.packet;

import fips.identity.NodeAddr;

/**
 * At most one ICMPv6 Packet Too Big per source address per interval
 * (100 ms; INTEROP.md 9.3, design/fips-ipv6-adapter.md "ICMP Rate
 * Limiting"). Sans-IO: the caller passes {@code nowMs}.
 *
 * <p>Memory is fixed at construction: a set-associative table of
 * {@code capacity} slots (4 ways per set) keyed by the 16-byte address. A
 * slot whose last PTB is at least one interval old holds nothing worth
 * keeping and is reused first; only when more than a set's worth of
 * distinct sources hash together inside one interval is a live slot evicted
 * (counted by {@link #evictions()}), which at worst lets that source have
 * one PTB early. The TUN's sources are local applications, so in practice a
 * handful of addresses. No allocation after construction. Owned by one
 * thread.
 */
public final class PtbRateLimiter {
    /** INTEROP.md 9.3: one PTB per source per 100 ms. */
    public static final long DEFAULT_INTERVAL_MS = 100;
    /** Local tuning: slots in the table. */
    public static final int DEFAULT_CAPACITY = 256;
    private static final int WAYS = 4;

    private final long intervalMs;
    private final int setMask;
    private final long[] hi;
    private final long[] lo;
    private final long[] lastMs;
    private final boolean[] used;
    private long evictions;
    private long limited;

    public PtbRateLimiter() {
        this(DEFAULT_CAPACITY, DEFAULT_INTERVAL_MS);
    }

    /**
     * @param capacity slots, a power of two of at least 4
     * @param intervalMs minimum spacing of PTBs to one source, at least 1
     */
    public PtbRateLimiter(int capacity, long intervalMs) {
        if (capacity < WAYS || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be a power of two >= " + WAYS);
        }
        if (intervalMs < 1) {
            throw new IllegalArgumentException("intervalMs=" + intervalMs + " must be >= 1");
        }
        this.intervalMs = intervalMs;
        this.setMask = capacity / WAYS - 1;
        this.hi = new long[capacity];
        this.lo = new long[capacity];
        this.lastMs = new long[capacity];
        this.used = new boolean[capacity];
    }

    /**
     * Whether a PTB to the source address at {@code buf[addrOff, addrOff+16)}
     * may be sent now; if so, records it. A clock that went backwards
     * allows the PTB (and restarts the interval).
     */
    public boolean tryAcquire(byte[] buf, int addrOff, long nowMs) {
        long h = NodeAddr.hiAt(buf, addrOff);
        long l = NodeAddr.loAt(buf, addrOff);
        int base = set(h, l) * WAYS;
        int victim = -1;
        long victimAge = -1;
        for (int i = base; i < base + WAYS; i++) {
            if (!used[i]) {
                if (victim < 0 || victimAge != Long.MAX_VALUE) {
                    victim = i;
                    victimAge = Long.MAX_VALUE;
                }
                continue;
            }
            long age = nowMs - lastMs[i];
            if (hi[i] == h && lo[i] == l) {
                if (age >= 0 && age < intervalMs) {
                    limited++;
                    return false;
                }
                lastMs[i] = nowMs;
                return true;
            }
            long a = age < 0 ? Long.MAX_VALUE - 1 : age; // a slot from the future is as good as expired
            if (a > victimAge) {
                victim = i;
                victimAge = a;
            }
        }
        if (used[victim] && victimAge < intervalMs) {
            evictions++;
        }
        used[victim] = true;
        hi[victim] = h;
        lo[victim] = l;
        lastMs[victim] = nowMs;
        return true;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public int capacity() {
        return used.length;
    }

    /** PTBs refused so far. */
    public long limited() {
        return limited;
    }

    /** Live slots taken over by a new source (the table was too small for the burst). */
    public long evictions() {
        return evictions;
    }

    private int set(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 29;
        return (int) x & setMask;
    }
}
