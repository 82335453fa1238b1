package fips.ipv6.shim;

import fips.fsp.wire.DataPacketBody;
import fips.fsp.wire.FspConstants;
import fips.identity.FipsAddress;
import fips.identity.NodeAddr;

/**
 * IPv6 header compression, format 0x00, as the reference code does it
 * (INTEROP.md 9.1 and 15 D2; reference/wire-formats.md "IPv6 Shim Payload
 * Format (Port 256)" describes the residual differently and is overruled).
 *
 * <pre>
 *  0       1                               5       6       7
 * +-------+-------------------------------+-------+-------+-----------------
 * | 0x00  | IPv6 bytes 0..3 verbatim      |  NH   |  HL   | IPv6 bytes 40.. (extension headers and
 * |format | (version, traffic class, flow)|       |       | upper-layer payload, unchanged)
 * +-------+-------------------------------+-------+-------+-----------------
 * </pre>
 *
 * Dropped: payload length and both addresses (33 bytes net). On
 * decompression the version nibble is forced to 6, the payload length is the
 * remainder's length (big-endian, as in IPv6), the source is the FIPS address
 * of the SessionDatagram's source NodeAddr and the destination the local
 * node's FIPS address.
 *
 * <p>Data path: no allocation, no exceptions for bad input; results are
 * lengths or the negative codes below. Input and output may be the same array
 * and may overlap (everything an overlapping write could clobber is read first).
 */
public final class Ipv6ShimCodec {
    /** The only defined format byte: mesh-internal compressed. INTEROP.md 9.1. */
    public static final int FORMAT_COMPRESSED = 0x00;
    /** Fixed IPv6 header (RFC 8200). */
    public static final int IPV6_HEADER_BYTES = 40;
    /** format + 4 verbatim bytes + next header + hop limit. INTEROP.md 9.1. */
    public static final int COMPRESSED_HEADER_BYTES = 7;
    /** 40 - 7: what compression saves per packet. INTEROP.md 9.2. */
    public static final int COMPRESSION_SAVINGS_BYTES = IPV6_HEADER_BYTES - COMPRESSED_HEADER_BYTES;

    public static final int FORMAT_OFFSET = 0;
    /** IPv6 bytes 0..3 (version, traffic class, flow label) start here in the compressed form. */
    public static final int VERBATIM_OFFSET = 1;
    public static final int NEXT_HEADER_OFFSET = 5;
    public static final int HOP_LIMIT_OFFSET = 6;
    public static final int PAYLOAD_OFFSET = 7;

    /** Fewer than 40 bytes to compress, or fewer than 7 to decompress. */
    public static final int TOO_SHORT = -1;
    /** The version nibble of the packet to compress is not 6. */
    public static final int NOT_IPV6 = -2;
    /** The compressed form's format byte is not 0x00. */
    public static final int BAD_FORMAT = -3;
    /** The output buffer cannot hold the result. */
    public static final int OUTPUT_TOO_SMALL = -4;
    /** The remainder is too long for the 16-bit IPv6 payload length. */
    public static final int TOO_LONG = -5;

    private static final int IPV6_PAYLOAD_LENGTH_OFFSET = 4;
    private static final int IPV6_NEXT_HEADER_OFFSET = 6;
    private static final int IPV6_HOP_LIMIT_OFFSET = 7;
    private static final int IPV6_SRC_OFFSET = 8;
    private static final int IPV6_DST_OFFSET = 24;
    private static final int MAX_IPV6_PAYLOAD = 0xFFFF;

    private Ipv6ShimCodec() {}

    /** A stable counter name for a negative result, e.g. {@code ipv6_shim_bad_format}. */
    public static String name(int code) {
        return switch (code) {
            case TOO_SHORT -> "ipv6_shim_too_short";
            case NOT_IPV6 -> "ipv6_shim_not_ipv6";
            case BAD_FORMAT -> "ipv6_shim_bad_format";
            case OUTPUT_TOO_SMALL -> "ipv6_shim_output_too_small";
            case TOO_LONG -> "ipv6_shim_too_long";
            default -> code >= 0 ? "ok" : "ipv6_shim_unknown_" + (-code);
        };
    }

    /** Compressed size of an IPv6 packet of {@code ipv6Len} bytes (at least 40). */
    public static int compressedLength(int ipv6Len) {
        return ipv6Len - COMPRESSION_SAVINGS_BYTES;
    }

    /** IPv6 packet size restored from {@code compressedLen} bytes (at least 7). */
    public static int decompressedLength(int compressedLen) {
        return compressedLen + COMPRESSION_SAVINGS_BYTES;
    }

    /**
     * Compresses the IPv6 packet {@code ipv6[off, off+len)} into {@code out}.
     *
     * @return bytes written ({@code len - 33}), or {@link #TOO_SHORT}, {@link #NOT_IPV6}, {@link #OUTPUT_TOO_SMALL}
     */
    public static int compress(byte[] ipv6, int off, int len, byte[] out, int outOff) {
        if (len < IPV6_HEADER_BYTES) {
            return TOO_SHORT;
        }
        byte b0 = ipv6[off];
        if ((b0 & 0xf0) != 0x60) {
            return NOT_IPV6;
        }
        int n = compressedLength(len);
        if (outOff < 0 || out.length - outOff < n) {
            return OUTPUT_TOO_SMALL;
        }
        byte b1 = ipv6[off + 1];
        byte b2 = ipv6[off + 2];
        byte b3 = ipv6[off + 3];
        byte nextHeader = ipv6[off + IPV6_NEXT_HEADER_OFFSET];
        byte hopLimit = ipv6[off + IPV6_HOP_LIMIT_OFFSET];
        System.arraycopy(ipv6, off + IPV6_HEADER_BYTES, out, outOff + PAYLOAD_OFFSET, len - IPV6_HEADER_BYTES);
        out[outOff + FORMAT_OFFSET] = FORMAT_COMPRESSED;
        out[outOff + VERBATIM_OFFSET] = b0;
        out[outOff + VERBATIM_OFFSET + 1] = b1;
        out[outOff + VERBATIM_OFFSET + 2] = b2;
        out[outOff + VERBATIM_OFFSET + 3] = b3;
        out[outOff + NEXT_HEADER_OFFSET] = nextHeader;
        out[outOff + HOP_LIMIT_OFFSET] = hopLimit;
        return n;
    }

    /**
     * Writes a whole DataPacket body for the shim: ports 256 → 256, then the
     * compressed packet (INTEROP.md 8.4 "Ports", 9.1).
     *
     * @return bytes written ({@code 4 + len - 33}), or a negative code as {@link #compress}
     */
    public static int compressDataPacketBody(byte[] ipv6, int off, int len, byte[] out, int outOff) {
        if (outOff < 0 || out.length - outOff < FspConstants.DATA_PORT_HEADER_BYTES) {
            return OUTPUT_TOO_SMALL;
        }
        int n = compress(ipv6, off, len, out, DataPacketBody.payloadOffset(outOff));
        if (n < 0) {
            return n;
        }
        // After compress: the ports may overlap input bytes it has already consumed.
        DataPacketBody.writePorts(out, outOff, FspConstants.PORT_IPV6_SHIM, FspConstants.PORT_IPV6_SHIM);
        return FspConstants.DATA_PORT_HEADER_BYTES + n;
    }

    /**
     * Restores the IPv6 packet from {@code in[off, off+len)}.
     *
     * @param srcNodeAddr the SessionDatagram source (the remote node); becomes the IPv6 source
     * @param localNodeAddr this node; becomes the IPv6 destination
     * @return bytes written ({@code len + 33}), or {@link #TOO_SHORT}, {@link #BAD_FORMAT},
     *     {@link #TOO_LONG}, {@link #OUTPUT_TOO_SMALL}
     */
    public static int decompress(byte[] in, int off, int len, NodeAddr srcNodeAddr, NodeAddr localNodeAddr,
            byte[] out, int outOff) {
        int n = decompressPayload(in, off, len, out, outOff);
        if (n >= 0) {
            writeFipsAddress(out, outOff + IPV6_SRC_OFFSET, srcNodeAddr);
            writeFipsAddress(out, outOff + IPV6_DST_OFFSET, localNodeAddr);
        }
        return n;
    }

    /** As {@link #decompress(byte[], int, int, NodeAddr, NodeAddr, byte[], int)} with the FIPS addresses given. */
    public static int decompress(byte[] in, int off, int len, FipsAddress srcAddress, FipsAddress localAddress,
            byte[] out, int outOff) {
        int n = decompressPayload(in, off, len, out, outOff);
        if (n >= 0) {
            srcAddress.write(out, outOff + IPV6_SRC_OFFSET);
            localAddress.write(out, outOff + IPV6_DST_OFFSET);
        }
        return n;
    }

    /**
     * As {@link #decompress(byte[], int, int, NodeAddr, NodeAddr, byte[], int)} with the two
     * NodeAddrs given as their halves ({@link NodeAddr#hi()}, {@link NodeAddr#lo()}), so the
     * per-packet path needs no NodeAddr object.
     */
    public static int decompress(byte[] in, int off, int len, long srcHi, long srcLo, long localHi, long localLo,
            byte[] out, int outOff) {
        int n = decompressPayload(in, off, len, out, outOff);
        if (n >= 0) {
            writeFipsAddress(out, outOff + IPV6_SRC_OFFSET, srcHi, srcLo);
            writeFipsAddress(out, outOff + IPV6_DST_OFFSET, localHi, localLo);
        }
        return n;
    }

    /** Everything but the addresses. */
    private static int decompressPayload(byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < COMPRESSED_HEADER_BYTES) {
            return TOO_SHORT;
        }
        if ((in[off + FORMAT_OFFSET] & 0xff) != FORMAT_COMPRESSED) {
            return BAD_FORMAT;
        }
        int payloadLen = len - COMPRESSED_HEADER_BYTES;
        if (payloadLen > MAX_IPV6_PAYLOAD) {
            return TOO_LONG;
        }
        int n = decompressedLength(len);
        if (outOff < 0 || out.length - outOff < n) {
            return OUTPUT_TOO_SMALL;
        }
        byte v0 = in[off + VERBATIM_OFFSET];
        byte v1 = in[off + VERBATIM_OFFSET + 1];
        byte v2 = in[off + VERBATIM_OFFSET + 2];
        byte v3 = in[off + VERBATIM_OFFSET + 3];
        byte nextHeader = in[off + NEXT_HEADER_OFFSET];
        byte hopLimit = in[off + HOP_LIMIT_OFFSET];
        System.arraycopy(in, off + PAYLOAD_OFFSET, out, outOff + IPV6_HEADER_BYTES, payloadLen);
        out[outOff] = (byte) ((v0 & 0x0f) | 0x60);
        out[outOff + 1] = v1;
        out[outOff + 2] = v2;
        out[outOff + 3] = v3;
        out[outOff + IPV6_PAYLOAD_LENGTH_OFFSET] = (byte) (payloadLen >>> 8);
        out[outOff + IPV6_PAYLOAD_LENGTH_OFFSET + 1] = (byte) payloadLen;
        out[outOff + IPV6_NEXT_HEADER_OFFSET] = nextHeader;
        out[outOff + IPV6_HOP_LIMIT_OFFSET] = hopLimit;
        return n;
    }

    /** {@code fd ‖ node_addr[0..15]} (INTEROP.md 1.1) without creating a FipsAddress. */
    private static void writeFipsAddress(byte[] out, int off, NodeAddr a) {
        writeFipsAddress(out, off, a.hi(), a.lo());
    }

    private static void writeFipsAddress(byte[] out, int off, long hi, long lo) {
        out[off] = (byte) FipsAddress.PREFIX_BYTE;
        for (int i = 0; i < 8; i++) {
            out[off + 1 + i] = (byte) (hi >>> (56 - 8 * i));
        }
        for (int i = 0; i < 7; i++) {
            out[off + 9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
    }
}
