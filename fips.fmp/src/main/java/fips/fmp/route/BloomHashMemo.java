package fips.fmp.route;

import fips.fmp.internal.Le;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bloom base hashes {@code (h1, h2)} of recently routed destinations
 * (INTEROP.md 6 "Hash positions": the first 16 bytes of SHA-256 of the
 * NodeAddr, as two little-endian u64), so a packet costs one SHA-256 only when
 * its destination is not in this small memo (two-way set-associative, the
 * least recently used way replaced). On a miss the digest runs over fixed
 * scratch arrays. The result is left in {@link #h1} / {@link #h2}. Owned by
 * the router's thread.
 *
 * <p><b>Size.</b> The memo starts at {@code initialEntries} and doubles, up
 * to {@code maxEntries}, each time it has evicted as many live entries as it
 * holds since its last resize (the working set does not fit); the entries it
 * holds move to the new table. So a node that routes for few destinations
 * keeps a small memo, and a busy transit node reaches the size its traffic
 * needs after at most {@code log2(max / initial)} resizes, the only
 * allocations; from then on a lookup allocates nothing.
 */
final class BloomHashMemo {
    private final int maxEntries;
    private long[] keyHi;
    private long[] keyLo;
    private long[] h1s;
    private long[] h2s;
    private boolean[] used;
    private byte[] mruWay; // per set: the way used last
    private int setMask;
    private int evictions; // of live entries since the last resize
    private final MessageDigest sha256;
    private final byte[] addr = new byte[16];
    private final byte[] digest = new byte[32];

    long h1;
    long h2;
    long misses;

    /** A memo of fixed size {@code entries}: a power of two, at least 2 (two ways per set). */
    BloomHashMemo(int entries) {
        this(entries, entries);
    }

    /**
     * @param initialEntries a power of two, at least 2 (two ways per set)
     * @param maxEntries a power of two, at least {@code initialEntries}
     */
    BloomHashMemo(int initialEntries, int maxEntries) {
        if (initialEntries < 2 || Integer.bitCount(initialEntries) != 1) {
            throw new IllegalArgumentException("initialEntries=" + initialEntries + " must be a power of two >= 2");
        }
        if (maxEntries < initialEntries || Integer.bitCount(maxEntries) != 1) {
            throw new IllegalArgumentException("maxEntries=" + maxEntries + " must be a power of two >= initialEntries="
                    + initialEntries);
        }
        this.maxEntries = maxEntries;
        allocate(initialEntries);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Entries the memo holds now (it grows up to {@code maxEntries}). */
    int entries() {
        return used.length;
    }

    /** Sets {@link #h1} and {@link #h2} for the NodeAddr {@code (hi, lo)}. */
    void hash(long hi, long lo) {
        int set = setOf(lo);
        int w = set << 1;
        for (int way = 0; way < 2; way++, w++) {
            if (used[w] && keyHi[w] == hi && keyLo[w] == lo) {
                h1 = h1s[w];
                h2 = h2s[w];
                mruWay[set] = (byte) way;
                return;
            }
        }
        misses++;
        putBigEndian(addr, 0, hi);
        putBigEndian(addr, 8, lo);
        sha256.update(addr, 0, 16);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 into a 32-byte buffer", e);
        }
        h1 = Le.u64(digest, 0);
        h2 = Le.u64(digest, 8);
        int way = mruWay[set] ^ 1;
        if (used[(set << 1) | way] && used.length < maxEntries && ++evictions >= used.length) {
            grow();
            set = setOf(lo);
            way = !used[set << 1] ? 0 : !used[(set << 1) | 1] ? 1 : mruWay[set] ^ 1;
        }
        put((set << 1) | way, hi, lo, h1, h2);
        mruWay[set] = (byte) way;
    }

    // NodeAddrs are SHA-256 outputs, so their low bits are already uniform.
    private int setOf(long lo) {
        return (int) (lo ^ (lo >>> 32)) & setMask;
    }

    private void put(int w, long hi, long lo, long a, long b) {
        keyHi[w] = hi;
        keyLo[w] = lo;
        h1s[w] = a;
        h2s[w] = b;
        used[w] = true;
    }

    private void allocate(int entries) {
        keyHi = new long[entries];
        keyLo = new long[entries];
        h1s = new long[entries];
        h2s = new long[entries];
        used = new boolean[entries];
        mruWay = new byte[entries / 2];
        setMask = entries / 2 - 1;
        evictions = 0;
    }

    /**
     * Doubles the table. An old set's two entries go to the two new sets its
     * index splits into, so each new set receives at most two and none is lost;
     * the most recently used way of the old set is kept as such.
     */
    private void grow() {
        long[] oHi = keyHi;
        long[] oLo = keyLo;
        long[] o1 = h1s;
        long[] o2 = h2s;
        boolean[] oUsed = used;
        byte[] oMru = mruWay;
        allocate(oUsed.length * 2);
        for (int oldSet = 0; oldSet < oMru.length; oldSet++) {
            int mru = oMru[oldSet];
            for (int k = 0; k < 2; k++) {
                int ow = (oldSet << 1) | (mru ^ 1 ^ k); // least recent first, so the recent one ends as MRU
                if (!oUsed[ow]) {
                    continue;
                }
                int set = setOf(oLo[ow]);
                int way = used[set << 1] ? 1 : 0;
                put((set << 1) | way, oHi[ow], oLo[ow], o1[ow], o2[ow]);
                mruWay[set] = (byte) way;
            }
        }
    }

    private static void putBigEndian(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
