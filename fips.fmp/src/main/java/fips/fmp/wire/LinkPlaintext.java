package fips.fmp.wire;

import fips.fmp.internal.Le;

/**
 * Accessors for the decrypted inner plaintext of an established frame
 * (INTEROP.md 3.2; reference/wire-formats.md "Encrypted inner header").
 *
 * <pre>
 *   0  timestamp u32 LE   ms since the sender's link session started, truncated to u32
 *   4  msg_type  u8       {@link LinkMsgType}
 *   5  body               message-specific
 * </pre>
 *
 * <p>Static and allocation-free; {@code off} is where the plaintext starts
 * (the {@code outOff} given to {@link EstablishedFrame#open}). A link message
 * decoder takes the bytes from {@link #MSG_TYPE_OFFSET}: e.g.
 * {@code LinkMessage.decode(pt, off + 4, len - 4)}.
 */
public final class LinkPlaintext {
    private LinkPlaintext() {}

    public static final int TIMESTAMP_OFFSET = 0;
    public static final int MSG_TYPE_OFFSET = 4;
    public static final int BODY_OFFSET = FmpConstants.INNER_HEADER_BYTES;

    /** The inner timestamp as an unsigned value, 0..2^32-1. */
    public static long timestampMs(byte[] buf, int off) {
        return Le.u32(buf, off + TIMESTAMP_OFFSET);
    }

    public static int msgType(byte[] buf, int off) {
        return buf[off + MSG_TYPE_OFFSET] & 0xff;
    }

    /** Offset of the body for a plaintext starting at {@code off}. */
    public static int bodyOffset(int off) {
        return off + BODY_OFFSET;
    }

    /** Body length for a plaintext of {@code plaintextLen} bytes. */
    public static int bodyLength(int plaintextLen) {
        return plaintextLen - BODY_OFFSET;
    }

    /** Writes the 5-byte inner header; {@code timestampMs} is truncated to its low 32 bits. */
    public static void writeHeader(byte[] buf, int off, long timestampMs, int msgType) {
        Le.putU32(buf, off + TIMESTAMP_OFFSET, timestampMs);
        buf[off + MSG_TYPE_OFFSET] = (byte) msgType;
    }
}
