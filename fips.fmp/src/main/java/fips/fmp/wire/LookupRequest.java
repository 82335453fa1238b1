package fips.fmp.wire;

import static fips.fmp.wire.WireWriter.checkCount;
import static fips.fmp.wire.WireWriter.checkU16;
import static fips.fmp.wire.WireWriter.checkU8;

import fips.fmp.internal.WireReader;
import fips.identity.NodeAddr;
import java.util.List;
import java.util.Objects;

/**
 * LookupRequest (0x30): coordinate discovery, forwarded along bloom matches
 * (INTEROP.md 7; reference/wire-formats.md "LookupRequest (0x30)").
 *
 * <pre>
 *   0  msg_type 0x30
 *   1  request_id u64 LE
 *   9  target (16)
 *  25  origin (16)
 *  41  ttl u8
 *  42  min_mtu u16 LE          sent as 0, never read (INTEROP.md 7)
 *  44  origin_coords_count u16 LE, &gt;= 1
 *  46  origin_coords: count × NodeAddr, self → root (sent, never read)
 * </pre>
 *
 * @param requestId u64 bit pattern
 */
public record LookupRequest(long requestId, NodeAddr target, NodeAddr origin, int ttl, int minMtu,
        List<NodeAddr> originCoords) implements LinkMessage {

    public static final int REQUEST_ID_OFFSET = 1;
    public static final int TARGET_OFFSET = 9;
    public static final int ORIGIN_OFFSET = 25;
    public static final int TTL_OFFSET = 41;
    public static final int MIN_MTU_OFFSET = 42;
    public static final int COORDS_COUNT_OFFSET = 44;
    public static final int COORDS_OFFSET = 46;
    /** Bytes after msg_type before the coordinate list (INTEROP.md 7). */
    public static final int MIN_BODY_BYTES = COORDS_OFFSET - 1; // 45

    public LookupRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        checkU8("ttl", ttl);
        checkU16("minMtu", minMtu);
        originCoords = List.copyOf(originCoords);
        checkCount("originCoords", originCoords.size(), 1);
    }

    /** The same request with {@code ttl − 1}, as a transit node re-encodes it (INTEROP.md 7 "Forward"). */
    public LookupRequest withTtl(int newTtl) {
        return new LookupRequest(requestId, target, origin, newTtl, minMtu, originCoords);
    }

    @Override
    public int msgType() {
        return LinkMsgType.LOOKUP_REQUEST;
    }

    public int encodedLength() {
        return COORDS_OFFSET + NodeAddr.BYTES * originCoords.size();
    }

    @Override
    public byte[] encode() {
        return new WireWriter(encodedLength())
                .u8(LinkMsgType.LOOKUP_REQUEST)
                .u64(requestId)
                .nodeAddr(target)
                .nodeAddr(origin)
                .u8(ttl)
                .u16(minMtu)
                .coords(originCoords)
                .done();
    }

    public static LookupRequest decode(byte[] buf, int off, int len) throws DecodeException {
        WireReader<DecodeException> r = LinkReaders.open(buf, off, len, LinkMsgType.LOOKUP_REQUEST);
        r.need("body", MIN_BODY_BYTES);
        long requestId = r.u64("request_id");
        NodeAddr target = r.nodeAddr("target");
        NodeAddr origin = r.nodeAddr("origin");
        int ttl = r.u8("ttl");
        int minMtu = r.u16("min_mtu");
        List<NodeAddr> coords = LinkReaders.coords(r, "origin_coords_count", "origin_coords", 1);
        return new LookupRequest(requestId, target, origin, ttl, minMtu, coords);
    }
}
