package fips.ipv6.packet;

/**
 * TCP MSS clamping on IPv6 SYNs, in place (INTEROP.md 9.5; design/fips-mtu.md
 * "TCP MSS Clamping").
 *
 * <p>Touches only packets whose IPv6 next header is TCP directly (no
 * extension headers) with SYN set, which includes SYN-ACK. Walks the TCP
 * options; each MSS option (kind 2) of length exactly 4 whose value is above
 * the ceiling is lowered to it, never raised. The TCP checksum is updated
 * incrementally (RFC 1624 eqn. 3), so a segment whose checksum was wrong
 * stays wrong. Malformed options (a length below 2 or running past the
 * header) end the walk; what was clamped before stays clamped.
 *
 * <pre>
 * TCP at ip+40: ports(4) seq(4) ack(4) data offset(4 bits)|flags(12 bits) window(2) checksum(2) urgent(2)
 * options from tcp+20 to tcp+4*dataOffset: EOL(0) | NOP(1) | kind, len, data...; MSS = 2, 4, BE16
 * </pre>
 */
public final class TcpMssClamp {
    private TcpMssClamp() {}

    public static final int TCP_HEADER_BYTES = 20;
    public static final int TCP_DATA_OFFSET_OFFSET = 12;
    public static final int TCP_FLAGS_OFFSET = 13;
    public static final int TCP_CHECKSUM_OFFSET = 16;
    public static final int FLAG_SYN = 0x02;
    public static final int OPTION_EOL = 0;
    public static final int OPTION_NOP = 1;
    public static final int OPTION_MSS = 2;
    public static final int OPTION_MSS_LENGTH = 4;

    /** IPv6 header + minimal TCP header, subtracted from the MTU to get the MSS. INTEROP.md 9.5. */
    public static final int IPV6_TCP_HEADERS_BYTES = Ipv6Packet.HEADER_BYTES + TCP_HEADER_BYTES;

    /** Whether {@code pkt} is an IPv6 TCP segment (next header 6 directly) with SYN set. */
    public static boolean isSyn(byte[] pkt, int off, int len) {
        return Ipv6Packet.isIpv6(pkt, off, len) && Ipv6Packet.nextHeader(pkt, off) == Ipv6Packet.NH_TCP
                && len >= Ipv6Packet.HEADER_BYTES + TCP_HEADER_BYTES
                && (pkt[off + Ipv6Packet.HEADER_BYTES + TCP_FLAGS_OFFSET] & FLAG_SYN) != 0;
    }

    /**
     * Lowers the MSS option of an IPv6 TCP SYN to {@code maxMss}.
     *
     * @param maxMss the ceiling (0..65535)
     * @return whether the packet changed
     */
    public static boolean clamp(byte[] pkt, int off, int len, int maxMss) {
        if (!isSyn(pkt, off, len) || maxMss < 0 || maxMss > 0xffff) {
            return false;
        }
        int tcp = off + Ipv6Packet.HEADER_BYTES;
        int segmentEnd = off + Ipv6Packet.HEADER_BYTES
                + Math.min(len - Ipv6Packet.HEADER_BYTES, Ipv6Packet.payloadLength(pkt, off));
        int headerEnd = tcp + ((pkt[tcp + TCP_DATA_OFFSET_OFFSET] & 0xf0) >>> 4) * 4;
        if (headerEnd < tcp + TCP_HEADER_BYTES || headerEnd > segmentEnd) {
            return false;
        }
        boolean changed = false;
        int p = tcp + TCP_HEADER_BYTES;
        while (p < headerEnd) {
            int kind = pkt[p] & 0xff;
            if (kind == OPTION_EOL) {
                break;
            }
            if (kind == OPTION_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= headerEnd) {
                break;
            }
            int optLen = pkt[p + 1] & 0xff;
            if (optLen < 2 || p + optLen > headerEnd) {
                break;
            }
            if (kind == OPTION_MSS && optLen == OPTION_MSS_LENGTH) {
                int v = p + 2;
                int mss = (pkt[v] & 0xff) << 8 | (pkt[v + 1] & 0xff);
                if (mss > maxMss) {
                    int ck = (pkt[tcp + TCP_CHECKSUM_OFFSET] & 0xff) << 8 | (pkt[tcp + TCP_CHECKSUM_OFFSET + 1] & 0xff);
                    // Word alignment is relative to the start of the TCP segment (the pseudo-header is 40 bytes).
                    boolean odd = ((v - tcp) & 1) != 0;
                    ck = odd
                            ? InternetChecksum.update(ck, InternetChecksum.swap16(mss), InternetChecksum.swap16(maxMss))
                            : InternetChecksum.update(ck, mss, maxMss);
                    pkt[v] = (byte) (maxMss >>> 8);
                    pkt[v + 1] = (byte) maxMss;
                    pkt[tcp + TCP_CHECKSUM_OFFSET] = (byte) (ck >>> 8);
                    pkt[tcp + TCP_CHECKSUM_OFFSET + 1] = (byte) ck;
                    changed = true;
                }
            }
            p += optLen;
        }
        return changed;
    }

    /**
     * The MSS ceiling for an IPv6 MTU: {@code mtu − 40 − 20} (INTEROP.md 9.5),
     * 0 if the MTU cannot hold the headers.
     */
    public static int mssForMtu(int ipv6Mtu) {
        return Math.max(0, ipv6Mtu - IPV6_TCP_HEADERS_BYTES);
    }
}
