package fips.fmp.internal;

/**
 * Little-endian reads and writes on byte arrays. Reads are masked to the
 * unsigned range where the result type is wider than the field. No bounds
 * checks beyond the JVM's own: callers check lengths first.
 */
public final class Le {
    private Le() {}

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    /** The 32 bits as a Java int (two's complement; use {@link #u32} for the unsigned value). */
    public static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    /** The 64 bits as a Java long (an unsigned u64 keeps its bit pattern). */
    public static long u64(byte[] b, int off) {
        return (i32(b, off) & 0xFFFF_FFFFL) | ((long) i32(b, off + 4)) << 32;
    }

    public static void putU8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void putU32(byte[] b, int off, long v) {
        putI32(b, off, (int) v);
    }

    public static void putI32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putU64(byte[] b, int off, long v) {
        putI32(b, off, (int) v);
        putI32(b, off + 4, (int) (v >>> 32));
    }

    /** Big-endian 64-bit read (NodeAddr halves are big-endian, INTEROP.md "Conventions"). */
    public static long u64BigEndian(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
