package fips.testkit;

import fips.fmp.tree.Coords;
import fips.fsp.wire.Coordinates;
import fips.fsp.wire.FspConstants;
import fips.fsp.wire.SessionSetup;

/**
 * A test SessionDatagram payload: a well-formed FSP SessionSetup (INTEROP.md
 * 8.3) carrying the initiator's and the destination's coordinates, the first
 * datagram a node sends to a destination it just looked up (INTEROP.md 8.9
 * step 3). Transit nodes and the destination cache both coordinate sets from
 * it (INTEROP.md 8.7), which is what lets it cross nodes that never looked
 * the destination up. Its 33 "XK msg1" bytes are not a handshake: they carry
 * a 64-bit tag (little-endian, first 8 bytes) so the receiver can tell which
 * probe arrived; nothing in the mesh layer reads them.
 */
public final class SessionProbe {
    /** Offset of the tag in the encoded payload: prefix, flags, both coordinate sets, hs_len. */
    private static final int FIXED_BYTES = FspConstants.PREFIX_BYTES + 1 + 2 * FspConstants.COORDS_COUNT_BYTES + 2;

    private SessionProbe() {}

    /** The encoded SessionSetup from a node at {@code src} to one at {@code dest}, tagged. */
    public static byte[] sessionSetup(Coords src, Coords dest, long tag) {
        byte[] hs = new byte[FspConstants.XK_MSG1_BYTES];
        for (int i = 0; i < 8; i++) hs[i] = (byte) (tag >>> (8 * i));
        SessionSetup s = new SessionSetup(new Coordinates(src.toList()), new Coordinates(dest.toList()), hs);
        byte[] out = new byte[s.encodedLength()];
        s.encode(out, 0);
        return out;
    }

    /**
     * The tag of a probe in {@code buf[off, off+len)}, or -1 if the bytes are
     * not a SessionSetup of the expected length (a tag of -1 is not used).
     */
    public static long tag(byte[] buf, int off, int len) {
        if (len < FIXED_BYTES + FspConstants.XK_MSG1_BYTES || (buf[off] & 0x0f) != FspConstants.PHASE_SESSION_SETUP) {
            return -1;
        }
        int p = off + FspConstants.PREFIX_BYTES + 1;
        for (int k = 0; k < 2; k++) {
            int count = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8;
            p += FspConstants.COORDS_COUNT_BYTES + 16 * count;
            if (p > off + len) return -1;
        }
        p += 2; // hs_len
        if (p + FspConstants.XK_MSG1_BYTES != off + len) return -1;
        long t = 0;
        for (int i = 0; i < 8; i++) t |= (buf[p + i] & 0xffL) << (8 * i);
        return t;
    }
}
