package fips.fmp.wire;

import static fips.fmp.wire.FmpConstants.FRAME_OVERHEAD_BYTES;
import static fips.fmp.wire.FmpConstants.MIN_FRAME_BYTES;
import static fips.fmp.wire.FmpConstants.MSG1_PACKET_BYTES;
import static fips.fmp.wire.FmpConstants.MSG1_PAYLOAD_LEN;
import static fips.fmp.wire.FmpConstants.MSG2_PACKET_BYTES;
import static fips.fmp.wire.FmpConstants.MSG2_PAYLOAD_LEN;
import static fips.fmp.wire.FmpConstants.PHASE_ESTABLISHED;
import static fips.fmp.wire.FmpConstants.PHASE_MSG1;
import static fips.fmp.wire.FmpConstants.PHASE_MSG2;
import static fips.fmp.wire.FmpConstants.PREFIX_BYTES;
import static fips.fmp.wire.FmpConstants.VERSION;

import fips.fmp.internal.CommonPrefix;

/**
 * The 4-byte common prefix every FMP datagram starts with, and the first check
 * a receiver runs on a datagram (INTEROP.md 3.1). The byte layout, which FSP
 * shares, is read and written by {@code fips.fmp.internal.CommonPrefix}.
 *
 * <pre>
 *   0  version&lt;&lt;4 | phase   u8      {@link FmpConstants#VERSION_PHASE_OFFSET}
 *   1  flags                 u8      {@link FmpConstants#FLAGS_OFFSET}
 *   2  payload_len           u16 LE  {@link FmpConstants#PAYLOAD_LEN_OFFSET}
 * </pre>
 *
 * <p>Forwarding-plane code: static, allocation-free, never throws on
 * received bytes.
 */
public final class FmpPrefix {
    private FmpPrefix() {}

    /**
     * Classifies a received datagram {@code buf[off, off+len)} by its prefix.
     * Checks, in order: at least 4 bytes, version 0, phase 0/1/2, then per phase
     * (INTEROP.md 3.1): phase 0 needs at least 32 bytes and
     * {@code payload_len == len - 32}; phase 1 needs {@code payload_len == 110},
     * exactly 114 bytes and flags 0; phase 2 needs {@code payload_len == 65},
     * exactly 69 bytes and flags 0. Established-frame flags are not checked
     * (reserved bits are ignored on receive, INTEROP.md 3.3).
     */
    public static PrefixVerdict classify(byte[] buf, int off, int len) {
        if (len < PREFIX_BYTES) {
            return PrefixVerdict.TOO_SHORT;
        }
        if (CommonPrefix.version(buf, off) != VERSION) {
            return PrefixVerdict.BAD_VERSION;
        }
        int payloadLen = CommonPrefix.payloadLen(buf, off);
        int flags = CommonPrefix.flags(buf, off);
        switch (CommonPrefix.phase(buf, off)) {
            case PHASE_ESTABLISHED:
                if (len < MIN_FRAME_BYTES) {
                    return PrefixVerdict.TOO_SHORT;
                }
                return payloadLen == len - FRAME_OVERHEAD_BYTES
                        ? PrefixVerdict.ESTABLISHED
                        : PrefixVerdict.BAD_PAYLOAD_LEN;
            case PHASE_MSG1:
                return handshake(payloadLen, MSG1_PAYLOAD_LEN, len, MSG1_PACKET_BYTES, flags, PrefixVerdict.MSG1);
            case PHASE_MSG2:
                return handshake(payloadLen, MSG2_PAYLOAD_LEN, len, MSG2_PACKET_BYTES, flags, PrefixVerdict.MSG2);
            default:
                return PrefixVerdict.BAD_PHASE;
        }
    }

    private static PrefixVerdict handshake(int payloadLen, int wantPayloadLen, int len, int wantLen, int flags,
            PrefixVerdict ok) {
        if (payloadLen != wantPayloadLen) {
            return PrefixVerdict.BAD_PAYLOAD_LEN;
        }
        if (len != wantLen) {
            return PrefixVerdict.BAD_HANDSHAKE_LENGTH;
        }
        return flags == 0 ? ok : PrefixVerdict.BAD_HANDSHAKE_FLAGS;
    }

    /** The version nibble (needs 1 byte). */
    public static int version(byte[] buf, int off) {
        return CommonPrefix.version(buf, off);
    }

    /** The phase nibble (needs 1 byte). */
    public static int phase(byte[] buf, int off) {
        return CommonPrefix.phase(buf, off);
    }

    /** The flags byte, 0..255 (needs 2 bytes). */
    public static int flags(byte[] buf, int off) {
        return CommonPrefix.flags(buf, off);
    }

    /** payload_len, 0..65535 (needs 4 bytes). */
    public static int payloadLen(byte[] buf, int off) {
        return CommonPrefix.payloadLen(buf, off);
    }

    /**
     * Writes a version-0 prefix.
     *
     * @throws IllegalArgumentException if a field is out of range
     */
    public static void write(byte[] buf, int off, int phase, int flags, int payloadLen) {
        if (!CommonPrefix.fits(phase, flags, payloadLen)) {
            throw new IllegalArgumentException("prefix field out of range: phase=" + phase + " flags=" + flags
                    + " payloadLen=" + payloadLen);
        }
        CommonPrefix.put(buf, off, VERSION, phase, flags, payloadLen);
    }
}
