package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.fmp.internal.WireReader;
import fips.identity.Hex;
import java.util.Arrays;

/**
 * SessionMsg3, phase 3: the initiator's static key and epoch, completing XK.
 *
 * <pre>
 * prefix (4): 0x03 ‖ 0x00 ‖ payload_len u16 LE        (payload_len = 76)
 * body:       flags u8 (0) ‖ hs_len u16 LE ‖ XK msg3 (73)
 * </pre>
 *
 * INTEROP.md 8.3; reference/wire-formats.md "SessionMsg3 (phase 0x3)". No
 * coordinates. The reserved flags byte is sent as 0 and not read;
 * {@code hs_len} must be exactly 73.
 *
 * @param handshake Noise XK msg3, 73 bytes
 */
public record SessionMsg3(byte[] handshake) implements SessionHandshake {
    private static final String NAME = "SessionMsg3";
    /** Encoded size including the prefix: 4 + 1 + 2 + 73. */
    public static final int ENCODED_BYTES = FspConstants.PREFIX_BYTES + 3 + FspConstants.XK_MSG3_BYTES;

    public SessionMsg3 {
        if (handshake.length != FspConstants.XK_MSG3_BYTES) {
            throw new IllegalArgumentException("SessionMsg3 handshake length=" + handshake.length + ", expected "
                    + FspConstants.XK_MSG3_BYTES);
        }
        handshake = handshake.clone();
    }

    @Override
    public int phase() {
        return FspConstants.PHASE_SESSION_MSG3;
    }

    @Override
    public byte[] handshake() {
        return handshake.clone();
    }

    @Override
    public int encodedLength() {
        return ENCODED_BYTES;
    }

    @Override
    public int encode(byte[] out, int off) {
        int p = off + FspPrefix.write(out, off, FspConstants.PHASE_SESSION_MSG3, 0, 3 + handshake.length);
        out[p++] = 0; // reserved flags
        Le.putU16(out, p, handshake.length);
        p += 2;
        System.arraycopy(handshake, 0, out, p, handshake.length);
        return p + handshake.length - off;
    }

    /**
     * Decodes a SessionMsg3 starting at its prefix; trailing bytes are ignored (INTEROP.md 8.2).
     *
     * @throws FspDecodeException if the phase is not 3, hs_len is not 73 or the input is short
     */
    public static SessionMsg3 decode(byte[] buf, int off, int len) throws FspDecodeException {
        WireReader<FspDecodeException> r = new WireReader<>(FspDecodeException::truncated, NAME, buf, off, len);
        FspPrefix.read(r, FspConstants.PHASE_SESSION_MSG3);
        r.u8("flags"); // reserved
        return new SessionMsg3(SessionSetup.readHandshake(r, FspConstants.XK_MSG3_BYTES));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionMsg3 s && Arrays.equals(handshake, s.handshake);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(handshake);
    }

    @Override
    public String toString() {
        return "SessionMsg3[handshake=" + Hex.encode(handshake) + "]";
    }
}
