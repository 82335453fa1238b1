package fips.fsp.wire;

import fips.fmp.internal.Le;

/**
 * The decrypted inner plaintext of an encrypted FSP message, read in place.
 *
 * <pre>
 *  0                               4               5               6
 * +-------------------------------+---------------+---------------+---------
 * |       timestamp u32 LE (ms)   |   msg_type    |  inner_flags  | body ...
 * +-------------------------------+---------------+---------------+---------
 * </pre>
 *
 * INTEROP.md 8.4; reference/wire-formats.md "FSP Encrypted Message". The
 * timestamp counts milliseconds since the sender's session was established
 * (reset at rekey cutover), truncated to 32 bits. Inner flags bit 0 is the
 * spin bit. One instance per thread; {@link #wrap} allocates nothing.
 */
public final class FspInnerFlyweight {
    public static final int TIMESTAMP_OFFSET = 0;
    public static final int MSG_TYPE_OFFSET = 4;
    public static final int INNER_FLAGS_OFFSET = 5;
    public static final int BODY_OFFSET = FspConstants.INNER_HEADER_BYTES;

    private byte[] buf;
    private int off;
    private int len;

    /** An unwrapped flyweight; one per thread, reused for every plaintext. */
    public FspInnerFlyweight() {}

    /**
     * Points this flyweight at a plaintext.
     *
     * @return {@link FspDrop#OK}, or {@link FspDrop#TRUNCATED} if shorter than the 6-byte inner header
     */
    public int wrap(byte[] buf, int off, int len) {
        if (len < FspConstants.INNER_HEADER_BYTES) {
            this.buf = null;
            return FspDrop.TRUNCATED;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        return FspDrop.OK;
    }

    /** Milliseconds, unsigned 32-bit. */
    public long timestampMs() {
        return Le.u32(buffer(), off + TIMESTAMP_OFFSET);
    }

    public int msgType() {
        return buffer()[off + MSG_TYPE_OFFSET] & 0xff;
    }

    public int innerFlags() {
        return buffer()[off + INNER_FLAGS_OFFSET] & 0xff;
    }

    public boolean spinBit() {
        return (innerFlags() & FspConstants.INNER_FLAG_SP) != 0;
    }

    /** The wrapped buffer (the body is at {@link #bodyOffset()}). */
    public byte[] buffer() {
        if (buf == null) {
            throw new IllegalStateException("FspInnerFlyweight is not wrapped around a valid plaintext");
        }
        return buf;
    }

    /** Absolute offset of the body in {@link #buffer()}. */
    public int bodyOffset() {
        return off + BODY_OFFSET;
    }

    public int bodyLength() {
        buffer();
        return len - BODY_OFFSET;
    }

    /**
     * Writes the 6-byte inner header; the low 32 bits of {@code timestampMs}
     * are sent (INTEROP.md 8.4).
     *
     * @return {@link FspConstants#INNER_HEADER_BYTES}
     */
    public static int write(byte[] out, int off, long timestampMs, int msgType, int innerFlags) {
        if ((msgType & ~0xff) != 0 || (innerFlags & ~0xff) != 0) {
            throw new IllegalArgumentException("msgType=" + msgType + " innerFlags=" + innerFlags);
        }
        Le.putU32(out, off + TIMESTAMP_OFFSET, timestampMs);
        out[off + MSG_TYPE_OFFSET] = (byte) msgType;
        out[off + INNER_FLAGS_OFFSET] = (byte) innerFlags;
        return FspConstants.INNER_HEADER_BYTES;
    }
}
