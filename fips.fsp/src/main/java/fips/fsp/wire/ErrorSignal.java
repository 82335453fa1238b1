package fips.fsp.wire;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;

/**
 * Plaintext error signals a transit node sends back to a source (phase 0 with
 * U set, no encryption):
 *
 * <pre>
 * prefix (4): 0x00 ‖ 0x04 ‖ payload_len u16 LE        (payload_len = bytes after the prefix)
 * body:       type u8 ‖ flags u8 (0) ‖ dest NodeAddr (16) ‖ reporter NodeAddr (16) [‖ extra]
 * </pre>
 *
 * INTEROP.md 8.5; reference/wire-formats.md "CoordsRequired (0x20)",
 * "PathBroken (0x21)", "MtuExceeded (0x22)" (sizes as corrected by INTEROP.md
 * 15 D18). Control plane: decoded into records. The reserved flags byte is sent
 * as 0 and not read; the version nibble and payload_len are not checked
 * (INTEROP.md 8.2); bytes after the message are ignored.
 */
public sealed interface ErrorSignal permits CoordsRequired, PathBroken, MtuExceeded {
    /** Offset of the signal type byte from the start of the prefix. */
    int TYPE_OFFSET = 4;
    /** Offset of the dest NodeAddr. */
    int DEST_OFFSET = 6;
    /** Offset of the reporter NodeAddr. */
    int REPORTER_OFFSET = 22;
    /** Offset of the type-specific extra fields. */
    int EXTRA_OFFSET = 38;

    /** {@link FspConstants#SIGNAL_COORDS_REQUIRED}, {@code _PATH_BROKEN} or {@code _MTU_EXCEEDED}. */
    int type();

    /** The destination the reporter could not forward to. */
    NodeAddr destAddr();

    /** The transit node that generated the signal. */
    NodeAddr reporter();

    /** Bytes {@link #encode(byte[], int)} writes, prefix included. */
    int encodedLength();

    /** Writes the signal at {@code off}; returns {@link #encodedLength()}. */
    int encode(byte[] out, int off);

    default byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /**
     * Decodes an error signal starting at its prefix.
     *
     * @throws FspDecodeException if the phase is not 0, U is clear, the type is unknown or the input is short
     */
    static ErrorSignal decode(byte[] buf, int off, int len) throws FspDecodeException {
        WireReader<FspDecodeException> r =
                new WireReader<>(FspDecodeException::truncated, "ErrorSignal", buf, off, len);
        int flags = FspPrefix.read(r, FspConstants.PHASE_ESTABLISHED);
        if ((flags & FspConstants.FLAG_U) == 0) {
            throw new FspDecodeException(r.messageType(), "prefix.flags", FspPrefix.FLAGS_OFFSET, "U (0x04) set",
                    String.format("0x%02x", flags));
        }
        int typeOffset = r.position();
        int type = r.u8("type");
        if (type < FspConstants.SIGNAL_COORDS_REQUIRED || type > FspConstants.SIGNAL_MTU_EXCEEDED) {
            throw new FspDecodeException(r.messageType(), "type", typeOffset, "0x20, 0x21 or 0x22",
                    String.format("0x%02x", type));
        }
        r.u8("flags"); // reserved
        NodeAddr dest = r.nodeAddr("dest");
        NodeAddr reporter = r.nodeAddr("reporter");
        return switch (type) {
            case FspConstants.SIGNAL_COORDS_REQUIRED -> new CoordsRequired(dest, reporter);
            case FspConstants.SIGNAL_PATH_BROKEN ->
                    new PathBroken(dest, reporter, Coordinates.read(r, "last_known_coords", false));
            case FspConstants.SIGNAL_MTU_EXCEEDED -> new MtuExceeded(dest, reporter, r.u16("mtu"));
            default -> throw new AssertionError("type=" + type); // range checked above
        };
    }
}
