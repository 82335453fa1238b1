package fips.ipv6.packet;

/**
 * Builds the ICMPv6 errors the adapter sends back into the TUN: Destination
 * Unreachable code 0 and Packet Too Big (RFC 4443 sections 3.1 and 3.2, as
 * INTEROP.md 9.3 says the reference sends them).
 *
 * <pre>
 * out+0   IPv6 header: 0x60000000, payload length, NH 58, hop limit 64,
 *         src (caller's choice, see below), dst = the original packet's source
 * out+40  type(1) code(1) checksum(2) | DU: 4 zero bytes / PTB: MTU (BE32)
 * out+48  quote: the original packet from its first byte, cut so the whole
 *         error is at most 1280 bytes (at most 1232 quoted bytes)
 * </pre>
 *
 * Source address (INTEROP.md 9.3): Destination Unreachable comes from the
 * node's own address, Packet Too Big from the original destination.
 *
 * <p>Never sent (INTEROP.md 9.3, RFC 4443 2.4(e)): in answer to an ICMPv6
 * error message (type below 128), to a multicast or unspecified source, or
 * for a multicast destination; see {@link #mayAnswer}. The builders return
 * {@link #SUPPRESSED} then.
 *
 * <p>No allocation; {@code out} must not overlap the original packet.
 */
public final class Icmpv6Errors {
    private Icmpv6Errors() {}

    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    /** Destination Unreachable code 0: no route to destination. RFC 4443 3.1; INTEROP.md 9.3. */
    public static final int CODE_NO_ROUTE = 0;
    /** ICMPv6 types below this are errors. RFC 4443 2.1. */
    public static final int FIRST_INFORMATIONAL_TYPE = 128;
    /** Hop limit of generated errors. INTEROP.md 9.3. */
    public static final int HOP_LIMIT = 64;
    /** Largest error we build, header included. INTEROP.md 9.3; RFC 4443 2.4(c). */
    public static final int MAX_ERROR_BYTES = Ipv6Packet.MIN_MTU;
    /** ICMPv6 header (type, code, checksum) plus the 4-byte unused/MTU field. */
    public static final int ICMP_HEADER_BYTES = 8;
    /** Bytes before the quote. */
    public static final int QUOTE_OFFSET = Ipv6Packet.HEADER_BYTES + ICMP_HEADER_BYTES;
    /** Most bytes of the original packet a single error can carry (1232). */
    public static final int MAX_QUOTE_BYTES = MAX_ERROR_BYTES - QUOTE_OFFSET;

    /** The rules forbid an error for this packet (or it is not IPv6 at all). */
    public static final int SUPPRESSED = -1;
    /** {@code out} cannot hold the error. */
    public static final int OUTPUT_TOO_SMALL = -2;

    /** Extension headers walked before giving up on finding the upper layer. */
    private static final int MAX_EXTENSION_HEADERS = 8;

    /**
     * Whether an ICMPv6 error may be sent about {@code pkt[off, off+len)}:
     * it is IPv6, its source is neither multicast nor unspecified, its
     * destination is not multicast, and it is not itself an ICMPv6 error
     * (extension headers are walked to find the upper layer; an ICMPv6
     * message whose type cannot be read counts as an error, to be safe).
     */
    public static boolean mayAnswer(byte[] pkt, int off, int len) {
        if (!Ipv6Packet.isIpv6(pkt, off, len)) {
            return false;
        }
        int src = off + Ipv6Packet.SRC_OFFSET;
        if (Ipv6Packet.isMulticast(pkt, src) || Ipv6Packet.isUnspecified(pkt, src)
                || Ipv6Packet.isMulticast(pkt, off + Ipv6Packet.DST_OFFSET)) {
            return false;
        }
        return !isIcmpv6Error(pkt, off, len);
    }

    private static boolean isIcmpv6Error(byte[] pkt, int off, int len) {
        int nh = Ipv6Packet.nextHeader(pkt, off);
        int pos = Ipv6Packet.HEADER_BYTES;
        for (int i = 0; i <= MAX_EXTENSION_HEADERS; i++) {
            switch (nh) {
                case Ipv6Packet.NH_ICMPV6 -> {
                    return pos >= len || (pkt[off + pos] & 0xff) < FIRST_INFORMATIONAL_TYPE;
                }
                case Ipv6Packet.NH_HOP_BY_HOP, Ipv6Packet.NH_ROUTING, Ipv6Packet.NH_DEST_OPTIONS -> {
                    if (pos + 2 > len) {
                        return false;
                    }
                    nh = pkt[off + pos] & 0xff;
                    pos += ((pkt[off + pos + 1] & 0xff) + 1) * 8;
                }
                case Ipv6Packet.NH_AH -> {
                    if (pos + 2 > len) {
                        return false;
                    }
                    nh = pkt[off + pos] & 0xff;
                    pos += ((pkt[off + pos + 1] & 0xff) + 2) * 4;
                }
                case Ipv6Packet.NH_FRAGMENT -> {
                    if (pos + 8 > len) {
                        return false;
                    }
                    int fragOffset = ((pkt[off + pos + 2] & 0xff) << 8 | (pkt[off + pos + 3] & 0xf8)) >>> 3;
                    if (fragOffset != 0) {
                        return false; // a later fragment: the upper-layer header is not in it
                    }
                    nh = pkt[off + pos] & 0xff;
                    pos += 8;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Destination Unreachable code 0 about {@code orig[off, off+len)}, sent
     * from the address at {@code srcAddr[srcAddrOff]} (the node's own).
     *
     * @return the error's length, or {@link #SUPPRESSED} / {@link #OUTPUT_TOO_SMALL}
     */
    public static int destinationUnreachable(byte[] orig, int off, int len, byte[] srcAddr, int srcAddrOff,
            byte[] out, int outOff) {
        return build(TYPE_DESTINATION_UNREACHABLE, CODE_NO_ROUTE, 0, orig, off, len, srcAddr, srcAddrOff, out,
                outOff);
    }

    /**
     * Packet Too Big about {@code orig[off, off+len)} carrying {@code mtu},
     * sent from the original packet's destination address.
     *
     * @return the error's length, or {@link #SUPPRESSED} / {@link #OUTPUT_TOO_SMALL}
     */
    public static int packetTooBig(byte[] orig, int off, int len, int mtu, byte[] out, int outOff) {
        return build(TYPE_PACKET_TOO_BIG, 0, mtu, orig, off, len, orig, off + Ipv6Packet.DST_OFFSET, out, outOff);
    }

    /** Bytes {@link #build} writes for an original packet of {@code len} bytes. */
    public static int errorLength(int len) {
        return QUOTE_OFFSET + Math.min(len, MAX_QUOTE_BYTES);
    }

    /**
     * Any ICMPv6 error: IPv6 header, {@code type}, {@code code}, the 32-bit
     * field {@code param} (unused = 0, MTU for Packet Too Big), the quote.
     */
    public static int build(int type, int code, int param, byte[] orig, int off, int len, byte[] srcAddr,
            int srcAddrOff, byte[] out, int outOff) {
        if (!mayAnswer(orig, off, len)) {
            return SUPPRESSED;
        }
        int total = errorLength(len);
        if (outOff < 0 || out.length - outOff < total) {
            return OUTPUT_TOO_SMALL;
        }
        int quote = total - QUOTE_OFFSET;
        int icmpLen = total - Ipv6Packet.HEADER_BYTES;
        // The addresses first: srcAddr may be inside orig, never inside out.
        System.arraycopy(srcAddr, srcAddrOff, out, outOff + Ipv6Packet.SRC_OFFSET, Ipv6Packet.ADDRESS_BYTES);
        System.arraycopy(orig, off + Ipv6Packet.SRC_OFFSET, out, outOff + Ipv6Packet.DST_OFFSET,
                Ipv6Packet.ADDRESS_BYTES);
        System.arraycopy(orig, off, out, outOff + QUOTE_OFFSET, quote);
        out[outOff] = 0x60;
        out[outOff + 1] = 0;
        out[outOff + 2] = 0;
        out[outOff + 3] = 0;
        out[outOff + Ipv6Packet.PAYLOAD_LENGTH_OFFSET] = (byte) (icmpLen >>> 8);
        out[outOff + Ipv6Packet.PAYLOAD_LENGTH_OFFSET + 1] = (byte) icmpLen;
        out[outOff + Ipv6Packet.NEXT_HEADER_OFFSET] = (byte) Ipv6Packet.NH_ICMPV6;
        out[outOff + Ipv6Packet.HOP_LIMIT_OFFSET] = (byte) HOP_LIMIT;
        int icmp = outOff + Ipv6Packet.HEADER_BYTES;
        out[icmp] = (byte) type;
        out[icmp + 1] = (byte) code;
        out[icmp + 2] = 0;
        out[icmp + 3] = 0;
        out[icmp + 4] = (byte) (param >>> 24);
        out[icmp + 5] = (byte) (param >>> 16);
        out[icmp + 6] = (byte) (param >>> 8);
        out[icmp + 7] = (byte) param;
        int ck = InternetChecksum.pseudoHeaderChecksum(out, outOff + Ipv6Packet.SRC_OFFSET, Ipv6Packet.NH_ICMPV6,
                out, icmp, icmpLen);
        out[icmp + 2] = (byte) (ck >>> 8);
        out[icmp + 3] = (byte) ck;
        return total;
    }
}
