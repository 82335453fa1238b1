package fips.fmp.internal;

/**
 * The 4-byte common prefix that opens every FMP datagram and every FSP
 * message. The two layers define the same layout (reference/wire-formats.md
 * "Common Prefix (4 bytes)" and "FSP Common Prefix (4 bytes)"; INTEROP.md 3.1,
 * 8.2); their phase tables and receive checks differ and stay in
 * {@code fips.fmp.wire.FmpPrefix} and {@code fips.fsp.wire.FspPrefix}.
 *
 * <pre>
 *   0  version&lt;&lt;4 | phase   u8      {@link #VERSION_PHASE_OFFSET}
 *   1  flags                 u8      {@link #FLAGS_OFFSET}
 *   2  payload_len           u16 LE  {@link #PAYLOAD_LEN_OFFSET}
 * </pre>
 *
 * <p>Static, allocation-free; no bounds checks beyond the JVM's own.
 */
public final class CommonPrefix {
    public static final int VERSION_PHASE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int PAYLOAD_LEN_OFFSET = 2;
    public static final int BYTES = 4;

    private CommonPrefix() {}

    /** The version nibble (needs 1 byte). */
    public static int version(byte[] buf, int off) {
        return (buf[off + VERSION_PHASE_OFFSET] & 0xff) >>> 4;
    }

    /** The phase nibble (needs 1 byte). */
    public static int phase(byte[] buf, int off) {
        return buf[off + VERSION_PHASE_OFFSET] & 0x0f;
    }

    /** The flags byte, 0..255 (needs 2 bytes). */
    public static int flags(byte[] buf, int off) {
        return buf[off + FLAGS_OFFSET] & 0xff;
    }

    /** payload_len, 0..65535 (needs 4 bytes). */
    public static int payloadLen(byte[] buf, int off) {
        return Le.u16(buf, off + PAYLOAD_LEN_OFFSET);
    }

    /** Whether phase (4 bits), flags (8 bits) and payload_len (16 bits) fit their fields. */
    public static boolean fits(int phase, int flags, int payloadLen) {
        return (phase & ~0x0f) == 0 && (flags & ~0xff) == 0 && (payloadLen & ~0xffff) == 0;
    }

    /** Writes the four bytes; the caller has checked the fields with {@link #fits}. */
    public static void put(byte[] buf, int off, int version, int phase, int flags, int payloadLen) {
        buf[off + VERSION_PHASE_OFFSET] = (byte) (version << 4 | phase);
        buf[off + FLAGS_OFFSET] = (byte) flags;
        Le.putU16(buf, off + PAYLOAD_LEN_OFFSET, payloadLen);
    }
}
