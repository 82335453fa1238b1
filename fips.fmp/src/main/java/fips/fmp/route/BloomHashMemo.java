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
 * scratch arrays: no allocation either way. The result is left in
 * {@link #h1} / {@link #h2}. Owned by the router's thread.
 */
final class BloomHashMemo {
    private final long[] keyHi;
    private final long[] keyLo;
    private final long[] h1s;
    private final long[] h2s;
    private final boolean[] used;
    private final byte[] mruWay; // per set: the way used last
    private final int setMask;
    private final MessageDigest sha256;
    private final byte[] addr = new byte[16];
    private final byte[] digest = new byte[32];

    long h1;
    long h2;
    long misses;

    /** @param entries a power of two, at least 2 (two ways per set) */
    BloomHashMemo(int entries) {
        if (entries < 2 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries=" + entries + " must be a power of two >= 2");
        }
        keyHi = new long[entries];
        keyLo = new long[entries];
        h1s = new long[entries];
        h2s = new long[entries];
        used = new boolean[entries];
        mruWay = new byte[entries / 2];
        setMask = entries / 2 - 1;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Sets {@link #h1} and {@link #h2} for the NodeAddr {@code (hi, lo)}. */
    void hash(long hi, long lo) {
        // NodeAddrs are SHA-256 outputs, so their low bits are already uniform.
        int set = (int) (lo ^ (lo >>> 32)) & setMask;
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
        int way = mruWay[set] ^ 1;
        w = (set << 1) | way;
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
        keyHi[w] = hi;
        keyLo[w] = lo;
        h1s[w] = h1;
        h2s[w] = h2;
        used[w] = true;
        mruWay[set] = (byte) way;
    }

    private static void putBigEndian(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
