package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkU16;
import static fips.fmp.wire.WireWriter.checkU8;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * SessionDatagram (0x00): the routed envelope around an FSP payload
 * (INTEROP.md 8.1; reference/wire-formats.md "SessionDatagram (0x00)").
 *
 * <pre>
 *   0  msg_type 0x00
 *   1  ttl u8
 *   2  path_mtu u16 LE
 *   4  src (16)
 *  20  dest (16)
 *  36  payload (the rest; opaque here, FSP defines it)
 * </pre>
 *
 * <p>This record is the control-plane view (origination, tests, tools). The
 * forwarding path reads and rewrites the envelope in place with
 * {@link SessionDatagramFlyweight} instead.
 *
 * @param payload copied in and out
 */
public record SessionDatagram(int ttl, int pathMtu, NodeAddr src, NodeAddr dest, byte[] payload)
        implements LinkMessage {

    public static final int TTL_OFFSET = 1;
    public static final int PATH_MTU_OFFSET = 2;
    public static final int SRC_OFFSET = 4;
    public static final int DEST_OFFSET = 20;
    public static final int PAYLOAD_OFFSET = 36;
    /** msg_type plus the fixed envelope (reference/wire-formats.md: {@code SESSION_DATAGRAM_HEADER_SIZE}). */
    public static final int HEADER_BYTES = PAYLOAD_OFFSET;
    /** Bytes after msg_type a decoder needs (INTEROP.md 8.1). */
    public static final int MIN_BODY_BYTES = HEADER_BYTES - 1; // 35
    /** {@code node.session.default_ttl} default, what an origin writes (INTEROP.md 8.1). */
    public static final int DEFAULT_TTL = 64;

    public SessionDatagram {
        checkU8("ttl", ttl);
        checkU16("pathMtu", pathMtu);
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dest, "dest");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public int msgType() {
        return LinkMsgType.SESSION_DATAGRAM;
    }

    public int encodedLength() {
        return HEADER_BYTES + payload.length;
    }

    @Override
    public byte[] encode() {
        return new WireWriter(encodedLength())
                .u8(LinkMsgType.SESSION_DATAGRAM)
                .u8(ttl)
                .u16(pathMtu)
                .nodeAddr(src)
                .nodeAddr(dest)
                .bytes(payload)
                .done();
    }

    public static SessionDatagram decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.SESSION_DATAGRAM);
        r.need("envelope", MIN_BODY_BYTES);
        int ttl = r.u8("ttl");
        int pathMtu = r.u16("path_mtu");
        NodeAddr src = r.nodeAddr("src");
        NodeAddr dest = r.nodeAddr("dest");
        return new SessionDatagram(ttl, pathMtu, src, dest, r.rest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDatagram d
                && ttl == d.ttl
                && pathMtu == d.pathMtu
                && src.equals(d.src)
                && dest.equals(d.dest)
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ttl, pathMtu, src, dest) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SessionDatagram[ttl=" + ttl + ", pathMtu=" + pathMtu + ", src=" + src + ", dest=" + dest
                + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
