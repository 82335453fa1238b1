package fips.fmp.bloom;

import fips.fmp.internal.Le;
import fips.identity.NodeAddr;
import java.util.Arrays;

/**
 * The v1 FIPS bloom filter: 8192 bits (1024 bytes, size class 1) probed by
 * {@code k} hash positions per NodeAddr, k = 5 for filters this node builds
 * (INTEROP.md 6; reference/wire-formats.md "FilterAnnounce (0x20)").
 *
 * <p>Wire bit order: bit {@code i} is byte {@code i / 8}, mask
 * {@code 1 << (i % 8)}; byte 0 is the first filter byte on the wire
 * (INTEROP.md 6 "Bit order"). Held here as 128 longs, each the little-endian
 * packing of 8 wire bytes, which puts bit {@code i} at word {@code i / 64},
 * bit {@code i % 64}.
 *
 * <p>A filter received from a peer keeps that peer's {@code hash_count}
 * (membership tests against it use the peer's k, INTEROP.md 6). Mutable,
 * like {@link java.util.BitSet}; owned by one thread. {@link #contains(BloomKey)}
 * allocates nothing.
 */
public final class BloomFilter {
    /** INTEROP.md 6 "Size": v1 size class. */
    public static final int SIZE_CLASS = 1;
    /** {@code 512 << size_class}. */
    public static final int BYTES = 512 << SIZE_CLASS;
    public static final int BITS = BYTES * 8;
    /** INTEROP.md 6 "Size": senders always use k = 5. */
    public static final int DEFAULT_HASH_COUNT = 5;
    /**
     * Default of the local knob {@code node.bloom.max_inbound_fpr}
     * (INTEROP.md 6 "Anti-poison"): inbound filters whose estimated FPR is
     * above it are rejected.
     */
    public static final double DEFAULT_MAX_INBOUND_FPR = 0.20;

    private static final int WORDS = BITS / 64;

    private final long[] words = new long[WORDS];
    private final int hashCount;

    /** An empty filter with k = 5. */
    public BloomFilter() {
        this(DEFAULT_HASH_COUNT);
    }

    /**
     * An empty filter with {@code hashCount} probes per element.
     *
     * @throws IllegalArgumentException unless 1 ≤ hashCount ≤ 255 (a u8 on the wire, must be &gt; 0)
     */
    public BloomFilter(int hashCount) {
        if (hashCount < 1 || hashCount > 0xff) {
            throw new IllegalArgumentException("hashCount=" + hashCount + " outside 1..255");
        }
        this.hashCount = hashCount;
    }

    /**
     * Reads the 1024 filter bytes at {@code src[off]}.
     *
     * @throws IllegalArgumentException if fewer than 1024 bytes are available or hashCount is out of range
     */
    public static BloomFilter fromBytes(byte[] src, int off, int hashCount) {
        if (off < 0 || off > src.length - BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " filter bytes at offset=" + off
                    + ", src.length=" + src.length);
        }
        BloomFilter f = new BloomFilter(hashCount);
        for (int w = 0; w < WORDS; w++) {
            f.words[w] = Le.u64(src, off + 8 * w);
        }
        return f;
    }

    /** A k = 5 filter from exactly 1024 bytes. */
    public static BloomFilter fromBytes(byte[] bytes1024) {
        if (bytes1024.length != BYTES) {
            throw new IllegalArgumentException("filter bytes length=" + bytes1024.length + ", expected " + BYTES);
        }
        return fromBytes(bytes1024, 0, DEFAULT_HASH_COUNT);
    }

    /** The bit indices {@code addr} sets in a v1 filter with {@code hashCount} probes. */
    public static int[] bitIndices(NodeAddr addr, int hashCount) {
        BloomKey key = BloomKey.of(addr);
        int[] out = new int[hashCount];
        for (int i = 0; i < hashCount; i++) {
            out[i] = key.bitIndex(i, BITS);
        }
        return out;
    }

    public int hashCount() {
        return hashCount;
    }

    public void insert(NodeAddr addr) {
        insert(BloomKey.of(addr));
    }

    public void insert(BloomKey key) {
        for (int i = 0; i < hashCount; i++) {
            int b = key.bitIndex(i, BITS);
            words[b >>> 6] |= 1L << b;
        }
    }

    /** Possibly contains {@code addr} (false positives at rate about {@link #estimatedFpr()}). */
    public boolean contains(NodeAddr addr) {
        return contains(BloomKey.of(addr));
    }

    /** Allocation-free membership test. */
    public boolean contains(BloomKey key) {
        for (int i = 0; i < hashCount; i++) {
            int b = key.bitIndex(i, BITS);
            if ((words[b >>> 6] & (1L << b)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether bit {@code index} (0..8191) is set. */
    public boolean bit(int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    /** Number of set bits. */
    public int countOnes() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    public boolean isEmpty() {
        for (long w : words) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Set bits / 8192. */
    public double fillRatio() {
        return countOnes() / (double) BITS;
    }

    /** {@code fillRatio^k}: the false-positive estimate the anti-poison check uses (INTEROP.md 6). */
    public double estimatedFpr() {
        return Math.pow(fillRatio(), hashCount);
    }

    /** The inbound validation step of INTEROP.md 6 "Anti-poison": true if the filter must be rejected. */
    public boolean exceedsFpr(double maxFpr) {
        return estimatedFpr() > maxFpr;
    }

    /**
     * Estimated number of distinct elements, {@code −(m/k)·ln(1 − X/m)} with X
     * set bits (INTEROP.md 6 "Mesh size estimate"); {@link Double#NaN} if every
     * bit is set.
     */
    public double estimatedElements() {
        int x = countOnes();
        if (x >= BITS) {
            return Double.NaN;
        }
        return -((double) BITS / hashCount) * Math.log1p(-(double) x / BITS);
    }

    /** ORs {@code other}'s bits into this filter (k of this filter is kept). */
    public void merge(BloomFilter other) {
        for (int w = 0; w < WORDS; w++) {
            words[w] |= other.words[w];
        }
    }

    public void clear() {
        Arrays.fill(words, 0L);
    }

    public BloomFilter copy() {
        BloomFilter f = new BloomFilter(hashCount);
        System.arraycopy(words, 0, f.words, 0, WORDS);
        return f;
    }

    /** Writes the 1024 wire bytes at {@code out[off]}. */
    public void writeTo(byte[] out, int off) {
        if (off < 0 || off > out.length - BYTES) {
            throw new IllegalArgumentException("need " + BYTES + " bytes at offset=" + off + ", out.length="
                    + out.length);
        }
        for (int w = 0; w < WORDS; w++) {
            Le.putU64(out, off + 8 * w, words[w]);
        }
    }

    /** The 1024 wire bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        writeTo(out, 0);
        return out;
    }

    /** Equal bits and equal hash count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BloomFilter f && hashCount == f.hashCount && Arrays.equals(words, f.words);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(words) + hashCount;
    }

    @Override
    public String toString() {
        return "BloomFilter[k=" + hashCount + ", ones=" + countOnes() + "/" + BITS + "]";
    }
}
