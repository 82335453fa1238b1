package fips.fmp.wire;

import static fips.fmp.wire.SessionDatagram.DEST_OFFSET;
import static fips.fmp.wire.SessionDatagram.HEADER_BYTES;
import static fips.fmp.wire.SessionDatagram.PATH_MTU_OFFSET;
import static fips.fmp.wire.SessionDatagram.PAYLOAD_OFFSET;
import static fips.fmp.wire.SessionDatagram.SRC_OFFSET;
import static fips.fmp.wire.SessionDatagram.TTL_OFFSET;

import fips.fmp.internal.Le;
import fips.identity.NodeAddr;

/**
 * In-place view of a SessionDatagram for the forwarding path
 * (INTEROP.md 8.1; reference/wire-formats.md "SessionDatagram (0x00)").
 *
 * <pre>
 *   0  msg_type 0x00
 *   1  ttl u8             {@link SessionDatagram#TTL_OFFSET}
 *   2  path_mtu u16 LE    {@link SessionDatagram#PATH_MTU_OFFSET}
 *   4  src (16)           {@link SessionDatagram#SRC_OFFSET}
 *  20  dest (16)          {@link SessionDatagram#DEST_OFFSET}
 *  36  payload            {@link SessionDatagram#PAYLOAD_OFFSET}
 * </pre>
 *
 * <p>{@link #wrap} the decrypted inner plaintext at its msg_type byte
 * ({@code plaintextOff + 4}); read the destination as two longs (no
 * NodeAddr allocated), lower ttl / path_mtu in place, then re-seal the same
 * bytes for the next hop. Allocation-free apart from the {@code src()} /
 * {@code dest()} conveniences. One instance per thread; it only borrows the
 * buffer for the duration of the call (STYLE.md rule 7).
 */
public final class SessionDatagramFlyweight {
    private byte[] buf;
    private int off;
    private int len;

    /** An unwrapped view; {@link #wrap} it before use. */
    public SessionDatagramFlyweight() {}

    /**
     * Points this view at {@code buf[off, off+len)}.
     *
     * @return false (and the view is unusable) if the bytes are not a SessionDatagram of at least 36 bytes
     */
    public boolean wrap(byte[] buf, int off, int len) {
        if (off < 0 || len < HEADER_BYTES || off > buf.length - len
                || (buf[off] & 0xff) != LinkMsgType.SESSION_DATAGRAM) {
            this.buf = null;
            return false;
        }
        this.buf = buf;
        this.off = off;
        this.len = len;
        return true;
    }

    public int ttl() {
        return buf[off + TTL_OFFSET] & 0xff;
    }

    /** Rewrites ttl in place (0..255). */
    public void ttl(int ttl) {
        buf[off + TTL_OFFSET] = (byte) ttl;
    }

    public int pathMtu() {
        return Le.u16(buf, off + PATH_MTU_OFFSET);
    }

    /** Rewrites path_mtu in place (0..65535). */
    public void pathMtu(int pathMtu) {
        Le.putU16(buf, off + PATH_MTU_OFFSET, pathMtu);
    }

    /** {@code path_mtu = min(path_mtu, linkMtu)}, clamped to u16 (INTEROP.md 8.1 "Transit"). */
    public void lowerPathMtu(int linkMtu) {
        int mtu = Math.min(pathMtu(), Math.min(linkMtu, 0xFFFF));
        pathMtu(Math.max(mtu, 0));
    }

    /** First 8 bytes of src, big-endian (as {@link NodeAddr#hi()}). */
    public long srcHi() {
        return Le.u64BigEndian(buf, off + SRC_OFFSET);
    }

    public long srcLo() {
        return Le.u64BigEndian(buf, off + SRC_OFFSET + 8);
    }

    /** First 8 bytes of dest, big-endian (as {@link NodeAddr#hi()}). */
    public long destHi() {
        return Le.u64BigEndian(buf, off + DEST_OFFSET);
    }

    public long destLo() {
        return Le.u64BigEndian(buf, off + DEST_OFFSET + 8);
    }

    /** Whether dest equals {@code addr}, without allocating. */
    public boolean destEquals(NodeAddr addr) {
        return destHi() == addr.hi() && destLo() == addr.lo();
    }

    /** Allocates a NodeAddr; for the control plane. */
    public NodeAddr src() {
        return NodeAddr.read(buf, off + SRC_OFFSET);
    }

    /** Allocates a NodeAddr; for the control plane. */
    public NodeAddr dest() {
        return NodeAddr.read(buf, off + DEST_OFFSET);
    }

    /** Absolute offset of the payload in the wrapped buffer. */
    public int payloadOffset() {
        return off + PAYLOAD_OFFSET;
    }

    public int payloadLength() {
        return len - PAYLOAD_OFFSET;
    }

    /** Length of the whole datagram (msg_type through payload). */
    public int length() {
        return len;
    }

    /**
     * Writes msg_type and the 35-byte envelope at {@code buf[off]} (the payload
     * goes at {@code off + 36}), for building a datagram in place.
     */
    public static void writeHeader(byte[] buf, int off, int ttl, int pathMtu, NodeAddr src, NodeAddr dest) {
        if (off < 0 || off > buf.length - HEADER_BYTES) {
            throw new IllegalArgumentException("need " + HEADER_BYTES + " bytes at offset=" + off
                    + ", buf.length=" + buf.length);
        }
        buf[off] = (byte) LinkMsgType.SESSION_DATAGRAM;
        buf[off + TTL_OFFSET] = (byte) ttl;
        Le.putU16(buf, off + PATH_MTU_OFFSET, pathMtu);
        src.write(buf, off + SRC_OFFSET);
        dest.write(buf, off + DEST_OFFSET);
    }
}
