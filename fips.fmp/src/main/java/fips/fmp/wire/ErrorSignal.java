package fips.fmp.wire;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import java.util.List;

/**
 * The plaintext routing error signals a transit node sends back to the source
 * of a SessionDatagram it could not forward. They travel as the payload of a
 * new SessionDatagram and are shaped like an FSP message (phase 0 with the U
 * flag), but they are routing-layer messages: the transit node that builds
 * them knows nothing of FSP sessions (INTEROP.md 8.5 reads them from the
 * reference's routing wire code; design/fips-mesh-operation.md "Error
 * Recovery").
 *
 * <pre>
 *   0  version&lt;&lt;4 | phase    u8      0x00 (version 0, phase 0)
 *   1  flags                  u8      U = 0x04 set              {@link #FLAG_U}
 *   2  payload_len            u16 LE  bytes after these 4
 *   4  type                   u8      0x20 / 0x21 / 0x22         {@link #TYPE_OFFSET}
 *   5  flags (reserved)       u8      0
 *   6  dest NodeAddr          16                                 {@link #DEST_OFFSET}
 *  22  reporter NodeAddr      16                                 {@link #REPORTER_OFFSET}
 *  38  extra                  CoordsRequired: none               {@link #EXTRA_OFFSET}
 *                             PathBroken: count u16 LE ‖ count × NodeAddr (count may be 0)
 *                             MtuExceeded: mtu u16 LE
 * </pre>
 *
 * <p>Sizes as the reference encodes them (INTEROP.md 8.5, 8.10, 15 D18):
 * {@value #COORDS_REQUIRED_BYTES}, {@value #PATH_BROKEN_MIN_BYTES} + 16·n and
 * {@value #MTU_EXCEEDED_BYTES} bytes; reference/wire-formats.md
 * "CoordsRequired (0x20)", "PathBroken (0x21)", "MtuExceeded (0x22)".
 *
 * <p>Control plane: decoded into records; a malformed signal raises
 * {@link DecodeException} (offsets count from the prefix). As FSP receivers do
 * (INTEROP.md 8.2), the version nibble, payload_len and the reserved flags
 * byte are not checked and bytes after the message are ignored. The
 * allocation-free writers the forwarding path uses are in
 * {@link ErrorSignalCodec}.
 */
public sealed interface ErrorSignal permits CoordsRequired, PathBroken, MtuExceeded {
    /** The prefix phase of an error signal (INTEROP.md 8.2, 8.5). */
    int PHASE = 0;
    /** The prefix flag that marks an unencrypted signal (INTEROP.md 8.4 "U", 8.5). */
    int FLAG_U = 0x04;

    /** INTEROP.md 8.5: the transit node has no coordinates for dest. */
    int TYPE_COORDS_REQUIRED = 0x20;
    /** INTEROP.md 8.5: the transit node has coordinates but no peer closer to dest. */
    int TYPE_PATH_BROKEN = 0x21;
    /** INTEROP.md 8.5: the forwarded frame would not fit the next hop's MTU. */
    int TYPE_MTU_EXCEEDED = 0x22;

    /** The 4-byte prefix. */
    int PREFIX_BYTES = 4;
    /** Offset of the signal type byte from the start of the prefix. */
    int TYPE_OFFSET = 4;
    /** Offset of the dest NodeAddr. */
    int DEST_OFFSET = 6;
    /** Offset of the reporter NodeAddr. */
    int REPORTER_OFFSET = 22;
    /** Offset of the type-specific extra fields. */
    int EXTRA_OFFSET = 38;

    /** CoordsRequired including the prefix (INTEROP.md 8.5, 8.10). */
    int COORDS_REQUIRED_BYTES = 38;
    /** PathBroken including the prefix and the count, without NodeAddrs (INTEROP.md 8.5, 15 D18). */
    int PATH_BROKEN_MIN_BYTES = 40;
    /** MtuExceeded including the prefix (INTEROP.md 8.5, 8.10). */
    int MTU_EXCEEDED_BYTES = 40;
    /** Most last-known NodeAddrs a PathBroken can carry: its payload_len is a u16. */
    int PATH_BROKEN_MAX_COORDS = (0xFFFF - (PATH_BROKEN_MIN_BYTES - PREFIX_BYTES)) / NodeAddr.BYTES;

    /** {@link #TYPE_COORDS_REQUIRED}, {@link #TYPE_PATH_BROKEN} or {@link #TYPE_MTU_EXCEEDED}. */
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

    /** The spec's name of a signal type, or {@code Unknown(0xNN)}. */
    static String name(int type) {
        return switch (type) {
            case TYPE_COORDS_REQUIRED -> "CoordsRequired";
            case TYPE_PATH_BROKEN -> "PathBroken";
            case TYPE_MTU_EXCEEDED -> "MtuExceeded";
            default -> String.format("Unknown(0x%02x)", type & 0xff);
        };
    }

    /**
     * Decodes an error signal starting at its prefix.
     *
     * @throws DecodeException if the phase is not 0, U is clear, the type is unknown or the input is short
     * @throws IndexOutOfBoundsException if {@code [off, off+len)} is not inside {@code buf} (caller bug)
     */
    static ErrorSignal decode(byte[] buf, int off, int len) throws DecodeException {
        String messageType = "ErrorSignal";
        WireReader<DecodeException> r = new WireReader<>(DecodeException::truncated, messageType, buf, off, len);
        int versionPhase = r.u8("prefix.version_phase");
        if ((versionPhase & 0x0f) != PHASE) {
            throw new DecodeException(messageType, "prefix.version_phase", "phase " + PHASE,
                    "phase " + (versionPhase & 0x0f));
        }
        int flags = r.u8("prefix.flags");
        if ((flags & FLAG_U) == 0) {
            throw new DecodeException(messageType, "prefix.flags", String.format("U (0x%02x) set", FLAG_U),
                    String.format("0x%02x", flags));
        }
        r.u16("prefix.payload_len"); // not validated (INTEROP.md 8.2)
        int type = r.u8("type");
        if (type < TYPE_COORDS_REQUIRED || type > TYPE_MTU_EXCEEDED) {
            throw new DecodeException(messageType, "type", "0x20, 0x21 or 0x22 at offset " + TYPE_OFFSET,
                    String.format("0x%02x", type));
        }
        r.u8("flags"); // reserved, not read
        NodeAddr dest = r.nodeAddr("dest");
        NodeAddr reporter = r.nodeAddr("reporter");
        return switch (type) {
            case TYPE_COORDS_REQUIRED -> new CoordsRequired(dest, reporter);
            case TYPE_PATH_BROKEN -> {
                int count = r.u16("last_known_coords.count");
                yield new PathBroken(dest, reporter,
                        count == 0 ? List.of() : r.nodeAddrs("last_known_coords", count));
            }
            case TYPE_MTU_EXCEEDED -> new MtuExceeded(dest, reporter, r.u16("mtu"));
            default -> throw new AssertionError("type=" + type); // range checked above
        };
    }
}
