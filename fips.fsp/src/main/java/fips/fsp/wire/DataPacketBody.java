package fips.fsp.wire;

import fips.fmp.internal.Le;

/**
 * The body of a DataPacket (msg_type 0x10), read and written in place:
 *
 * <pre>
 *  0                               2                               4
 * +-------------------------------+-------------------------------+---------
 * |        src_port u16 LE        |        dst_port u16 LE        | payload ...
 * +-------------------------------+-------------------------------+---------
 * </pre>
 *
 * INTEROP.md 8.4; reference/wire-formats.md "Data (0x10) — DataPacket Port
 * Multiplexing". Port {@link FspConstants#PORT_IPV6_SHIM} carries the IPv6
 * shim. Offsets passed in are where the body starts. No allocation.
 */
public final class DataPacketBody {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int PAYLOAD_OFFSET = FspConstants.DATA_PORT_HEADER_BYTES;

    private DataPacketBody() {}

    /** Caller has checked {@link #payloadLength} is not negative. */
    public static int srcPort(byte[] buf, int bodyOff) {
        return Le.u16(buf, bodyOff + SRC_PORT_OFFSET);
    }

    /** Caller has checked {@link #payloadLength} is not negative. */
    public static int dstPort(byte[] buf, int bodyOff) {
        return Le.u16(buf, bodyOff + DST_PORT_OFFSET);
    }

    /** Absolute offset of the service payload. */
    public static int payloadOffset(int bodyOff) {
        return bodyOff + PAYLOAD_OFFSET;
    }

    /**
     * @return the service payload length, or {@link FspDrop#TRUNCATED} when the
     *     body cannot hold the 4-byte port header
     */
    public static int payloadLength(int bodyLen) {
        return bodyLen < PAYLOAD_OFFSET ? FspDrop.TRUNCATED : bodyLen - PAYLOAD_OFFSET;
    }

    /** Writes the port header; returns {@link FspConstants#DATA_PORT_HEADER_BYTES}. */
    public static int writePorts(byte[] out, int bodyOff, int srcPort, int dstPort) {
        if ((srcPort & ~0xffff) != 0 || (dstPort & ~0xffff) != 0) {
            throw new IllegalArgumentException("srcPort=" + srcPort + " dstPort=" + dstPort);
        }
        Le.putU16(out, bodyOff + SRC_PORT_OFFSET, srcPort);
        Le.putU16(out, bodyOff + DST_PORT_OFFSET, dstPort);
        return FspConstants.DATA_PORT_HEADER_BYTES;
    }
}
