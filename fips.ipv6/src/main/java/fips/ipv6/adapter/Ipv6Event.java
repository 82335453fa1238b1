package fips.ipv6.adapter;

/**
 * Side effects {@link Ipv6Adapter} counts besides the packet's outcome
 * ({@link Ipv6Adapter#eventCount}): the ICMPv6 errors it wrote or held back,
 * MSS clamps and CE marks.
 */
public final class Ipv6Event {
    private Ipv6Event() {}

    /** A Destination Unreachable written to the TUN. INTEROP.md 9.3. */
    public static final int ICMP_DEST_UNREACHABLE_SENT = 0;
    /** A Packet Too Big written to the TUN. INTEROP.md 9.3. */
    public static final int ICMP_PACKET_TOO_BIG_SENT = 1;
    /** An error not sent: ICMPv6 error input, multicast/unspecified source, multicast destination. 9.3. */
    public static final int ICMP_SUPPRESSED = 2;
    /** A Packet Too Big held back by the per-source 100 ms limit. INTEROP.md 9.3. */
    public static final int PTB_RATE_LIMITED = 3;
    /** An outbound SYN whose MSS was lowered. INTEROP.md 9.5. */
    public static final int MSS_CLAMPED_OUTBOUND = 4;
    /** An inbound SYN whose MSS was lowered. INTEROP.md 9.4, 9.5. */
    public static final int MSS_CLAMPED_INBOUND = 5;
    /** An inbound ECN-capable packet marked CE. INTEROP.md 9.4, 11. */
    public static final int ECN_CE_MARKED = 6;

    public static final int COUNT = 7;

    public static String name(int event) {
        return switch (event) {
            case ICMP_DEST_UNREACHABLE_SENT -> "ipv6_icmp_dest_unreachable_sent";
            case ICMP_PACKET_TOO_BIG_SENT -> "ipv6_icmp_packet_too_big_sent";
            case ICMP_SUPPRESSED -> "ipv6_icmp_suppressed";
            case PTB_RATE_LIMITED -> "ipv6_ptb_rate_limited";
            case MSS_CLAMPED_OUTBOUND -> "ipv6_mss_clamped_outbound";
            case MSS_CLAMPED_INBOUND -> "ipv6_mss_clamped_inbound";
            case ECN_CE_MARKED -> "ipv6_ecn_ce_marked";
            default -> throw new IllegalArgumentException("event=" + event);
        };
    }
}
