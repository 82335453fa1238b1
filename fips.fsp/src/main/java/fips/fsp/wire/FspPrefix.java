package fips.fsp.wire;

import fips.fmp.internal.CommonPrefix;
import fips.fmp.internal.WireReader;

/**
 * The 4-byte common prefix every FSP message starts with, read in place.
 *
 * <pre>
 *  0               1               2               3
 * +-------+-------+---------------+-------------------------------+
 * |version| phase |     flags     |        payload_len u16 LE     |
 * +-------+-------+---------------+-------------------------------+
 * </pre>
 *
 * INTEROP.md 8.2; reference/wire-formats.md "FSP Common Prefix (4 bytes)".
 * The layout is FMP's, read and written by {@code fips.fmp.internal.CommonPrefix}.
 * A receiver dispatches on the phase (and, in phase 0, on U) with
 * {@link #classify}; {@code payload_len} is never checked on receive
 * (INTEROP.md 8.2).
 */
public final class FspPrefix {
    public static final int VERSION_PHASE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int PAYLOAD_LEN_OFFSET = 2;

    /** {@link #classify}: encrypted message, decode with {@link FspEncryptedFlyweight}. */
    public static final int KIND_ENCRYPTED = 0;
    /** {@link #classify}: plaintext error signal, decode with {@code fips.fmp.wire.ErrorSignal.decode}. */
    public static final int KIND_ERROR_SIGNAL = 1;
    /** {@link #classify}: SessionSetup. */
    public static final int KIND_SESSION_SETUP = 2;
    /** {@link #classify}: SessionAck. */
    public static final int KIND_SESSION_ACK = 3;
    /** {@link #classify}: SessionMsg3. */
    public static final int KIND_SESSION_MSG3 = 4;

    private FspPrefix() {}

    public static int version(byte[] buf, int off) {
        return CommonPrefix.version(buf, off);
    }

    public static int phase(byte[] buf, int off) {
        return CommonPrefix.phase(buf, off);
    }

    public static int flags(byte[] buf, int off) {
        return CommonPrefix.flags(buf, off);
    }

    public static int payloadLen(byte[] buf, int off) {
        return CommonPrefix.payloadLen(buf, off);
    }

    /** Writes {@code version 0 | phase}, flags and payload_len; returns {@link FspConstants#PREFIX_BYTES}. */
    public static int write(byte[] buf, int off, int phase, int flags, int payloadLen) {
        if (!CommonPrefix.fits(phase, flags, payloadLen)) {
            throw new IllegalArgumentException("phase=" + phase + " flags=" + flags + " payloadLen=" + payloadLen);
        }
        CommonPrefix.put(buf, off, FspConstants.VERSION, phase, flags, payloadLen);
        return FspConstants.PREFIX_BYTES;
    }

    /**
     * Which decoder a SessionDatagram payload goes to, by phase and (phase 0)
     * the U flag, as the reference dispatches (INTEROP.md 8.2). The version
     * nibble is left to the encrypted-message check.
     *
     * @return a {@code KIND_*} constant, {@link FspDrop#TRUNCATED} if fewer than
     *     4 bytes, or {@link FspDrop#BAD_PHASE} for phases above 3
     */
    public static int classify(byte[] buf, int off, int len) {
        if (len < FspConstants.PREFIX_BYTES) {
            return FspDrop.TRUNCATED;
        }
        return switch (phase(buf, off)) {
            case FspConstants.PHASE_ESTABLISHED ->
                    (flags(buf, off) & FspConstants.FLAG_U) != 0 ? KIND_ERROR_SIGNAL : KIND_ENCRYPTED;
            case FspConstants.PHASE_SESSION_SETUP -> KIND_SESSION_SETUP;
            case FspConstants.PHASE_SESSION_ACK -> KIND_SESSION_ACK;
            case FspConstants.PHASE_SESSION_MSG3 -> KIND_SESSION_MSG3;
            default -> FspDrop.BAD_PHASE;
        };
    }

    /** Reads and checks the prefix of a control-plane message; returns the flags byte. */
    static int read(WireReader<FspDecodeException> r, int expectedPhase) throws FspDecodeException {
        int b0 = r.u8("prefix.version_phase");
        if ((b0 & 0x0f) != expectedPhase) {
            throw new FspDecodeException(r.messageType(), "prefix.version_phase", 0, "phase " + expectedPhase,
                    "phase " + (b0 & 0x0f));
        }
        int flags = r.u8("prefix.flags");
        r.u16("prefix.payload_len"); // not validated, INTEROP.md 8.2
        return flags;
    }
}
