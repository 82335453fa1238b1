package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.noise.CipherState;

/**
 * Send half of the encrypted FSP message (phase 0, U clear). Layout:
 *
 * <pre>
 *  0       1       2               4                               12
 * +-------+-------+---------------+-------------------------------+
 * | 0x00  | flags | payload_len   |         counter u64 LE        |   header = AAD (12)
 * +-------+-------+---------------+-------------------------------+
 * | src_coords ‖ dest_coords  (only when CP; cleartext, NOT authenticated)
 * +---------------------------------------------------------------+
 * | ChaCha20-Poly1305( timestamp u32 ‖ msg_type ‖ inner_flags ‖ body ) ‖ tag (16)
 * +---------------------------------------------------------------+
 * </pre>
 *
 * {@code payload_len} = 6 + body length (coordinates and tag excluded); the
 * AEAD nonce is the header counter; the counter is the session's send nonce.
 * INTEROP.md 8.4, 8.10; reference/wire-formats.md "FSP Encrypted Message (phase
 * 0x0, U flag clear)". The receive half is {@link FspEncryptedFlyweight}.
 *
 * <p>Data path (STYLE.md rule 2): no allocation, int results. Local misuse
 * (U in {@code flags}, coordinates that disagree with CP, values out of range)
 * raises {@link IllegalArgumentException}; an output buffer that is too small
 * returns {@link FspDrop#OUTPUT_TOO_SMALL}.
 *
 * <p>Zero-copy: a caller that writes the body at
 * {@link #bodyOffset(int, int)} in {@code out} beforehand and passes that same
 * region as {@code body} gets the message sealed in place.
 */
public final class FspEncryptedCodec {
    public static final int FLAGS_OFFSET = 1;
    public static final int PAYLOAD_LEN_OFFSET = 2;
    public static final int COUNTER_OFFSET = 4;
    /** Offset of the CP section (or, without CP, of the ciphertext). */
    public static final int COORDS_OFFSET = FspConstants.HEADER_BYTES;

    private FspEncryptedCodec() {}

    /** Total encoded size: 12 + coords + 6 + body + 16. */
    public static int encodedLength(int coordsLen, int bodyLen) {
        return FspConstants.ENCRYPTED_OVERHEAD_BYTES + coordsLen + bodyLen;
    }

    /** Absolute offset where the body lands in {@code out} for a message written at {@code outOff}. */
    public static int bodyOffset(int outOff, int coordsLen) {
        return outOff + FspConstants.HEADER_BYTES + coordsLen + FspConstants.INNER_HEADER_BYTES;
    }

    /** Size of the CP section {@code src_coords ‖ dest_coords}. */
    public static int coordsSectionLength(Coordinates src, Coordinates dest) {
        return src.encodedLength() + dest.encodedLength();
    }

    /**
     * Writes the CP section {@code src_coords ‖ dest_coords} (INTEROP.md 8.4,
     * 8.7); an empty side is written as count 0 ("absent"). Coordinates change
     * rarely, so a driver encodes this once and reuses the bytes.
     *
     * @return bytes written
     */
    public static int writeCoordsSection(Coordinates src, Coordinates dest, byte[] out, int off) {
        int n = src.write(out, off);
        return n + dest.write(out, off + n);
    }

    public static byte[] encodeCoordsSection(Coordinates src, Coordinates dest) {
        byte[] b = new byte[coordsSectionLength(src, dest)];
        writeCoordsSection(src, dest, b, 0);
        return b;
    }

    /** Writes the 12-byte header; returns {@link FspConstants#HEADER_BYTES}. */
    public static int writeHeader(byte[] out, int off, int flags, int payloadLen, long counter) {
        FspPrefix.write(out, off, FspConstants.PHASE_ESTABLISHED, flags, payloadLen);
        Le.putU64(out, off + COUNTER_OFFSET, counter);
        return FspConstants.HEADER_BYTES;
    }

    /**
     * Seals one message with the next counter of {@code send}
     * ({@link CipherState#nextCounter()}).
     *
     * @param flags CP and/or K; U must be clear
     * @param coords the CP section ({@link #writeCoordsSection}); {@code coordsLen} must be 0 without CP
     * @param timestampMs session-relative milliseconds; the low 32 bits are sent
     * @param body may be null when {@code bodyLen} is 0 (CoordsWarmup)
     * @return bytes written to {@code out}, or {@link FspDrop#OUTPUT_TOO_SMALL} (no counter is used then)
     */
    public static int seal(CipherState send, int flags, byte[] coords, int coordsOff, int coordsLen,
            long timestampMs, int msgType, int innerFlags, byte[] body, int bodyOff, int bodyLen,
            byte[] out, int outOff) {
        int status = check(flags, coords, coordsOff, coordsLen, msgType, innerFlags, bodyLen, out, outOff);
        if (status != FspDrop.OK) {
            return status;
        }
        return encode(send, send.nextCounter(), flags, coords, coordsOff, coordsLen, timestampMs, msgType,
                innerFlags, body, bodyOff, bodyLen, out, outOff);
    }

    /**
     * As {@link #seal}, with an explicit counter. The caller guarantees the
     * counter is never used twice with the same key (for tests, conformance
     * vectors and drivers that reserve counters themselves).
     */
    public static int sealWithCounter(CipherState send, long counter, int flags, byte[] coords, int coordsOff,
            int coordsLen, long timestampMs, int msgType, int innerFlags, byte[] body, int bodyOff, int bodyLen,
            byte[] out, int outOff) {
        int status = check(flags, coords, coordsOff, coordsLen, msgType, innerFlags, bodyLen, out, outOff);
        if (status != FspDrop.OK) {
            return status;
        }
        return encode(send, counter, flags, coords, coordsOff, coordsLen, timestampMs, msgType, innerFlags,
                body, bodyOff, bodyLen, out, outOff);
    }

    /** {@link #seal} without CP coordinates. */
    public static int seal(CipherState send, int flags, long timestampMs, int msgType, int innerFlags,
            byte[] body, int bodyOff, int bodyLen, byte[] out, int outOff) {
        return seal(send, flags, null, 0, 0, timestampMs, msgType, innerFlags, body, bodyOff, bodyLen, out, outOff);
    }

    private static int check(int flags, byte[] coords, int coordsOff, int coordsLen, int msgType, int innerFlags,
            int bodyLen, byte[] out, int outOff) {
        if ((flags & ~0xff) != 0 || (flags & FspConstants.FLAG_U) != 0) {
            throw new IllegalArgumentException("flags=" + flags + ": must be a byte with U (0x04) clear");
        }
        if ((msgType & ~0xff) != 0 || (innerFlags & ~0xff) != 0) {
            throw new IllegalArgumentException("msgType=" + msgType + " innerFlags=" + innerFlags);
        }
        if (bodyLen < 0 || FspConstants.INNER_HEADER_BYTES + bodyLen > FspConstants.MAX_PAYLOAD_LEN) {
            throw new IllegalArgumentException("bodyLen=" + bodyLen + ": payload_len must fit a u16");
        }
        if ((flags & FspConstants.FLAG_CP) != 0) {
            int src = Coordinates.encodedLengthAt(coords, coordsOff, coordsLen);
            int dest = src < 0 ? -1 : Coordinates.encodedLengthAt(coords, coordsOff + src, coordsLen - src);
            if (dest < 0 || src + dest != coordsLen) {
                throw new IllegalArgumentException("coordsLen=" + coordsLen
                        + ": CP needs exactly src_coords ‖ dest_coords");
            }
        } else if (coordsLen != 0) {
            throw new IllegalArgumentException("coordsLen=" + coordsLen + " without CP in flags=" + flags);
        }
        if (outOff < 0 || out.length - outOff < encodedLength(coordsLen, bodyLen)) {
            return FspDrop.OUTPUT_TOO_SMALL;
        }
        return FspDrop.OK;
    }

    private static int encode(CipherState send, long counter, int flags, byte[] coords, int coordsOff, int coordsLen,
            long timestampMs, int msgType, int innerFlags, byte[] body, int bodyOff, int bodyLen,
            byte[] out, int outOff) {
        int plaintextLen = FspConstants.INNER_HEADER_BYTES + bodyLen;
        int ctOff = outOff + FspConstants.HEADER_BYTES + coordsLen;
        // The body first: it may sit anywhere in out, including where the header goes.
        if (bodyLen > 0) {
            System.arraycopy(body, bodyOff, out, ctOff + FspConstants.INNER_HEADER_BYTES, bodyLen);
        }
        if (coordsLen > 0) {
            System.arraycopy(coords, coordsOff, out, outOff + COORDS_OFFSET, coordsLen);
        }
        FspInnerFlyweight.write(out, ctOff, timestampMs, msgType, innerFlags);
        writeHeader(out, outOff, flags, plaintextLen, counter);
        int sealed = send.seal(counter, out, outOff, FspConstants.HEADER_BYTES, out, ctOff, plaintextLen, out, ctOff);
        return FspConstants.HEADER_BYTES + coordsLen + sealed;
    }
}
