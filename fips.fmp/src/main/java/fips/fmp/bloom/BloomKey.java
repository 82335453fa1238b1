package fips.fmp.bloom;

import fips.fmp.internal.Le;
import fips.identity.NodeAddr;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two base hashes of a NodeAddr for bloom filters (INTEROP.md 6 "Hash
 * positions"): {@code H = SHA-256(node_addr)}, {@code h1} = LE u64 of
 * {@code H[0..8]}, {@code h2} = LE u64 of {@code H[8..16]}; probe {@code i}
 * is bit {@code (h1 + i·h2 mod 2^64) mod m}.
 *
 * <p>Computing a key costs a SHA-256; a routing path that tests the same
 * destination against many filters computes it once and reuses it
 * ({@link BloomFilter#contains(BloomKey)} allocates nothing).
 *
 * @param h1 u64 bit pattern
 * @param h2 u64 bit pattern
 */
public record BloomKey(long h1, long h2) {

    public static BloomKey of(NodeAddr addr) {
        byte[] a = addr.toBytes();
        byte[] h = sha256().digest(a);
        return new BloomKey(Le.u64(h, 0), Le.u64(h, 8));
    }

    /** Bit index of probe {@code i} in a filter of {@code numBits} bits (a power of two). */
    public int bitIndex(int i, int numBits) {
        // (h1 + i·h2) wraps mod 2^64 in Java long arithmetic; mod a power of two is a mask.
        return (int) ((h1 + i * h2) & (numBits - 1));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
