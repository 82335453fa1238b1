package fips.fsp.wire;

import fips.fmp.internal.WireReader;
import fips.identity.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * SessionAck, phase 2: the responder's answer to a SessionSetup.
 *
 * <pre>
 * prefix (4): 0x02 ‖ 0x00 ‖ payload_len u16 LE        (payload_len = body length)
 * body:       flags u8 (0) ‖ src_coords ‖ dest_coords ‖ hs_len u16 LE ‖ XK msg2 (57)
 * </pre>
 *
 * INTEROP.md 8.3; reference/wire-formats.md "SessionAck (phase 0x2)". The
 * reserved flags byte is sent as 0 and not read. Both coordinate sets must be
 * non-empty and {@code hs_len} must be exactly 57.
 *
 * @param srcCoords the responder's coordinates
 * @param destCoords the initiator's coordinates, copied from its Setup
 * @param handshake Noise XK msg2, 57 bytes
 */
public record SessionAck(Coordinates srcCoords, Coordinates destCoords, byte[] handshake) implements SessionHandshake {
    private static final String NAME = "SessionAck";

    public SessionAck {
        Objects.requireNonNull(srcCoords, "srcCoords");
        Objects.requireNonNull(destCoords, "destCoords");
        if (srcCoords.isEmpty() || destCoords.isEmpty()) {
            throw new IllegalArgumentException("SessionAck needs non-empty coordinates: srcCount="
                    + srcCoords.count() + " destCount=" + destCoords.count());
        }
        if (handshake.length != FspConstants.XK_MSG2_BYTES) {
            throw new IllegalArgumentException("SessionAck handshake length=" + handshake.length + ", expected "
                    + FspConstants.XK_MSG2_BYTES);
        }
        handshake = handshake.clone();
        SessionSetup.checkPayloadLen(NAME, 1 + srcCoords.encodedLength() + destCoords.encodedLength() + 2
                + handshake.length);
    }

    @Override
    public int phase() {
        return FspConstants.PHASE_SESSION_ACK;
    }

    @Override
    public byte[] handshake() {
        return handshake.clone();
    }

    @Override
    public int encodedLength() {
        return FspConstants.PREFIX_BYTES + bodyLength();
    }

    private int bodyLength() {
        return SessionSetup.coordsBodyLength(srcCoords, destCoords, handshake);
    }

    @Override
    public int encode(byte[] out, int off) {
        return SessionSetup.encodeWithCoords(FspConstants.PHASE_SESSION_ACK, 0, srcCoords, destCoords, handshake, out, off);
    }

    /**
     * Decodes a SessionAck starting at its prefix; trailing bytes are ignored (INTEROP.md 8.2).
     *
     * @throws FspDecodeException if the phase is not 2, a count is 0, hs_len is not 57 or the input is short
     */
    public static SessionAck decode(byte[] buf, int off, int len) throws FspDecodeException {
        WireReader<FspDecodeException> r = new WireReader<>(FspDecodeException::truncated, NAME, buf, off, len);
        FspPrefix.read(r, FspConstants.PHASE_SESSION_ACK);
        r.u8("flags"); // reserved
        Coordinates src = Coordinates.read(r, "src_coords", true);
        Coordinates dest = Coordinates.read(r, "dest_coords", true);
        byte[] hs = SessionSetup.readHandshake(r, FspConstants.XK_MSG2_BYTES);
        return new SessionAck(src, dest, hs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionAck s && srcCoords.equals(s.srcCoords) && destCoords.equals(s.destCoords)
                && Arrays.equals(handshake, s.handshake);
    }

    @Override
    public int hashCode() {
        return Objects.hash(srcCoords, destCoords, Arrays.hashCode(handshake));
    }

    @Override
    public String toString() {
        return "SessionAck[src=" + srcCoords.path() + ", dest=" + destCoords.path() + ", handshake="
                + Hex.encode(handshake) + "]";
    }
}
