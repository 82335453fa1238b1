package fips.ipv6.packet;

/**
 * Field offsets of the fixed IPv6 header (RFC 8200 section 3) and small
 * allocation-free readers over a packet in a caller's buffer.
 *
 * <pre>
 *  0       1       2       3       4       5       6       7
 * +---+---------------+-----------+---------------+-------+-------+
 * |ver| traffic class | flow label|payload length | next  |  hop  |
 * | 6 |               |  (20 bit) |   (BE16)      | header| limit |
 * +---+---------------+-----------+---------------+-------+-------+
 * | 8..23  source address (16)  | 24..39 destination address (16) |
 * +-----------------------------+---------------------------------+
 * </pre>
 *
 * Methods taking {@code off} read {@code buf[off + field]}; they do not check
 * bounds beyond what their contract states, so callers check
 * {@link #isIpv6(byte[], int, int)} first.
 */
public final class Ipv6Packet {
    private Ipv6Packet() {}

    public static final int HEADER_BYTES = 40;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SRC_OFFSET = 8;
    public static final int DST_OFFSET = 24;
    public static final int ADDRESS_BYTES = 16;

    /** IPv6 minimum link MTU (RFC 8200 section 5); also the ICMPv6 error size limit (RFC 4443 2.4(c)). */
    public static final int MIN_MTU = 1280;

    /** Next-header values used here (IANA protocol numbers). */
    public static final int NH_HOP_BY_HOP = 0;
    public static final int NH_TCP = 6;
    public static final int NH_ROUTING = 43;
    public static final int NH_FRAGMENT = 44;
    public static final int NH_AH = 51;
    public static final int NH_ICMPV6 = 58;
    public static final int NH_NONE = 59;
    public static final int NH_DEST_OPTIONS = 60;

    /** At least the fixed header and version nibble 6. */
    public static boolean isIpv6(byte[] buf, int off, int len) {
        return len >= HEADER_BYTES && (buf[off] & 0xf0) == 0x60;
    }

    public static int nextHeader(byte[] buf, int off) {
        return buf[off + NEXT_HEADER_OFFSET] & 0xff;
    }

    public static int payloadLength(byte[] buf, int off) {
        return (buf[off + PAYLOAD_LENGTH_OFFSET] & 0xff) << 8 | (buf[off + PAYLOAD_LENGTH_OFFSET + 1] & 0xff);
    }

    /** Multicast: first byte 0xff (RFC 4291 2.7). {@code addrOff} is the address's own offset. */
    public static boolean isMulticast(byte[] buf, int addrOff) {
        return (buf[addrOff] & 0xff) == 0xff;
    }

    /** The unspecified address {@code ::} (RFC 4291 2.5.2). */
    public static boolean isUnspecified(byte[] buf, int addrOff) {
        for (int i = 0; i < ADDRESS_BYTES; i++) {
            if (buf[addrOff + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the 16 bytes at {@code a[aOff]} equal those at {@code b[bOff]}. */
    public static boolean addressEquals(byte[] a, int aOff, byte[] b, int bOff) {
        for (int i = 0; i < ADDRESS_BYTES; i++) {
            if (a[aOff + i] != b[bOff + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ECN field (traffic class bits 1..0): 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE (RFC 3168 section 5).
     * The traffic class straddles header bytes 0 and 1, its low nibble is the high nibble of byte 1.
     */
    public static int ecn(byte[] buf, int off) {
        return (buf[off + 1] >>> 4) & 0x3;
    }

    /**
     * Sets ECN to CE if the packet is ECN-capable (ECT(0) or ECT(1)); a Not-ECT
     * packet is left alone (INTEROP.md 11). IPv6 has no header checksum to fix.
     *
     * @return whether the byte changed
     */
    public static boolean markCongestionExperienced(byte[] buf, int off) {
        int e = ecn(buf, off);
        if (e == 1 || e == 2) {
            buf[off + 1] = (byte) (buf[off + 1] | 0x30);
            return true;
        }
        return false;
    }
}
