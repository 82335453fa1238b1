package fips.fsp.wire;

import fips.fmp.internal.Le;
import fips.fmp.internal.WireReader;
import fips.identity.Hex;
import java.util.Arrays;
import java.util.Objects;

/**
 * SessionSetup, phase 1: opens a session and warms transit coordinate caches.
 *
 * <pre>
 * prefix (4): 0x01 ‖ 0x00 ‖ payload_len u16 LE        (payload_len = body length)
 * body:       flags u8 ‖ src_coords ‖ dest_coords ‖ hs_len u16 LE ‖ XK msg1 (33)
 * </pre>
 *
 * INTEROP.md 8.3; reference/wire-formats.md "SessionSetup (phase 0x1)". Both
 * coordinate sets must be non-empty and {@code hs_len} must be exactly 33
 * (INTEROP.md 8.3). The {@code flags} bits ({@link #FLAG_REQUEST_ACK},
 * {@link #FLAG_BIDIRECTIONAL}) are carried as given; the reference sends 0
 * and never reads them.
 *
 * @param flags session flags byte (0-255)
 * @param srcCoords the initiator's coordinates
 * @param destCoords the destination's cached coordinates, or the initiator's own when none are cached (INTEROP.md 8.3)
 * @param handshake Noise XK msg1, 33 bytes
 */
public record SessionSetup(int flags, Coordinates srcCoords, Coordinates destCoords, byte[] handshake)
        implements SessionHandshake {
    /** Setup flags bit 0. INTEROP.md 8.3. */
    public static final int FLAG_REQUEST_ACK = 0x01;
    /** Setup flags bit 1. INTEROP.md 8.3. */
    public static final int FLAG_BIDIRECTIONAL = 0x02;

    private static final String NAME = "SessionSetup";

    public SessionSetup {
        Objects.requireNonNull(srcCoords, "srcCoords");
        Objects.requireNonNull(destCoords, "destCoords");
        if ((flags & ~0xff) != 0) {
            throw new IllegalArgumentException("SessionSetup flags=" + flags + " is not a byte");
        }
        if (srcCoords.isEmpty() || destCoords.isEmpty()) {
            throw new IllegalArgumentException("SessionSetup needs non-empty coordinates: srcCount="
                    + srcCoords.count() + " destCount=" + destCoords.count());
        }
        if (handshake.length != FspConstants.XK_MSG1_BYTES) {
            throw new IllegalArgumentException("SessionSetup handshake length=" + handshake.length + ", expected "
                    + FspConstants.XK_MSG1_BYTES);
        }
        handshake = handshake.clone();
        checkPayloadLen(NAME, 1 + srcCoords.encodedLength() + destCoords.encodedLength() + 2 + handshake.length);
    }

    /** With flags 0, as the reference sends it. */
    public SessionSetup(Coordinates srcCoords, Coordinates destCoords, byte[] handshake) {
        this(0, srcCoords, destCoords, handshake);
    }

    @Override
    public int phase() {
        return FspConstants.PHASE_SESSION_SETUP;
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
        return SessionSetup.encodeWithCoords(FspConstants.PHASE_SESSION_SETUP, flags, srcCoords, destCoords, handshake, out, off);
    }

    /**
     * Decodes a SessionSetup starting at its prefix. Bytes after the handshake
     * payload are ignored (payload_len is not validated, INTEROP.md 8.2).
     *
     * @throws FspDecodeException if the phase is not 1, a count is 0, hs_len is not 33 or the input is short
     */
    public static SessionSetup decode(byte[] buf, int off, int len) throws FspDecodeException {
        WireReader<FspDecodeException> r = new WireReader<>(FspDecodeException::truncated, NAME, buf, off, len);
        FspPrefix.read(r, FspConstants.PHASE_SESSION_SETUP);
        int flags = r.u8("flags");
        Coordinates src = Coordinates.read(r, "src_coords", true);
        Coordinates dest = Coordinates.read(r, "dest_coords", true);
        byte[] hs = readHandshake(r, FspConstants.XK_MSG1_BYTES);
        return new SessionSetup(flags, src, dest, hs);
    }

    /** {@code hs_len u16 ‖ payload} with hs_len exactly {@code expected} (INTEROP.md 8.3). */
    static byte[] readHandshake(WireReader<FspDecodeException> r, int expected) throws FspDecodeException {
        int lenOffset = r.position();
        int hsLen = r.u16("hs_len");
        if (hsLen != expected) {
            throw new FspDecodeException(r.messageType(), "hs_len", lenOffset, Integer.toString(expected),
                    Integer.toString(hsLen));
        }
        return r.bytes("handshake", hsLen);
    }

    /** Body length of a Setup or Ack: flags, both coordinate lists, hs_len, the Noise message (INTEROP.md 8.3). */
    static int coordsBodyLength(Coordinates src, Coordinates dest, byte[] handshake) {
        return 1 + src.encodedLength() + dest.encodedLength() + 2 + handshake.length;
    }

    /** Writes a Setup (phase 1) or Ack (phase 2): prefix, flags, src and dest coordinates, hs_len, handshake. */
    static int encodeWithCoords(int phase, int flags, Coordinates src, Coordinates dest, byte[] handshake,
                                byte[] out, int off) {
        int p = off + FspPrefix.write(out, off, phase, 0, coordsBodyLength(src, dest, handshake));
        out[p++] = (byte) flags;
        p += src.write(out, p);
        p += dest.write(out, p);
        Le.putU16(out, p, handshake.length);
        p += 2;
        System.arraycopy(handshake, 0, out, p, handshake.length);
        return p + handshake.length - off;
    }

    static void checkPayloadLen(String name, int bodyLen) {
        if (bodyLen > FspConstants.MAX_PAYLOAD_LEN) {
            throw new IllegalArgumentException(name + " payloadLen=" + bodyLen + " exceeds "
                    + FspConstants.MAX_PAYLOAD_LEN);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionSetup s && flags == s.flags && srcCoords.equals(s.srcCoords)
                && destCoords.equals(s.destCoords) && Arrays.equals(handshake, s.handshake);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, srcCoords, destCoords, Arrays.hashCode(handshake));
    }

    @Override
    public String toString() {
        return "SessionSetup[flags=" + flags + ", src=" + srcCoords.path() + ", dest=" + destCoords.path()
                + ", handshake=" + Hex.encode(handshake) + "]";
    }
}
