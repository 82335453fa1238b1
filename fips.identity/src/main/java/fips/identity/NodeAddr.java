package fips.identity;

import fips.identity.internal.Curve;

/**
 * The 16-byte routing address of a node: the first 16 bytes of
 * SHA-256 of its 32-byte x-only public key (INTEROP.md 1.1).
 *
 * <p>Held as two big-endian longs so that hashing, equality and the
 * protocol's ordering (lexicographic over the bytes = unsigned big-endian)
 * are cheap. "Smaller NodeAddr" in the spec is {@link #compareTo}.
 */
public record NodeAddr(long hi, long lo) implements Comparable<NodeAddr> {
    public static final int BYTES = 16;

    public static NodeAddr ofXOnly(byte[] xOnly32) {
        if (xOnly32.length != 32) {
            throw new IllegalArgumentException("x-only key must be 32 bytes, got " + xOnly32.length);
        }
        return read(Curve.sha256(xOnly32), 0);
    }

    /** Reads 16 bytes at {@code offset}. */
    public static NodeAddr read(byte[] buf, int offset) {
        return new NodeAddr(getLongBE(buf, offset), getLongBE(buf, offset + 8));
    }

    /**
     * The high half (first 8 bytes, big-endian) of the 16 bytes at
     * {@code offset}: with {@link #loAt} a NodeAddr (or an IPv6 address of the
     * same layout) read off a packet without building an object.
     */
    public static long hiAt(byte[] buf, int offset) {
        return getLongBE(buf, offset);
    }

    /** The low half (bytes 8..15, big-endian) of the 16 bytes at {@code offset}; see {@link #hiAt}. */
    public static long loAt(byte[] buf, int offset) {
        return getLongBE(buf, offset + 8);
    }

    public static NodeAddr fromBytes(byte[] b16) {
        if (b16.length != BYTES) {
            throw new IllegalArgumentException("node_addr must be 16 bytes, got " + b16.length);
        }
        return read(b16, 0);
    }

    public static NodeAddr fromHex(String hex) {
        return fromBytes(Hex.decode(hex, BYTES, "node_addr"));
    }

    public void write(byte[] buf, int offset) {
        putLongBE(buf, offset, hi);
        putLongBE(buf, offset + 8, lo);
    }

    public byte[] toBytes() {
        byte[] b = new byte[BYTES];
        write(b, 0);
        return b;
    }

    /** {@code fd || node_addr[0..15]}. */
    public FipsAddress fipsAddress() {
        return new FipsAddress((0xfdL << 56) | (hi >>> 8), (hi << 56) | (lo >>> 8));
    }

    /** True if this address's first 15 bytes match the FIPS address (the identity-cache key). */
    public boolean matchesPrefix(FipsAddress a) {
        return fipsAddress().equals(a);
    }

    @Override
    public int compareTo(NodeAddr o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    public String toHex() {
        return Hex.encode(toBytes());
    }

    @Override
    public String toString() {
        return toHex();
    }

    static long getLongBE(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }

    static void putLongBE(byte[] b, int o, long v) {
        for (int i = 7; i >= 0; i--) {
            b[o + i] = (byte) v;
            v >>>= 8;
        }
    }
}
