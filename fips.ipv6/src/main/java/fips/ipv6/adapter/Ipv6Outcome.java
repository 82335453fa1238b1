package fips.ipv6.adapter;

/**
 * What {@link Ipv6Adapter} did with one packet: the int
 * {@link Ipv6Adapter#onTunPacket} and {@link Ipv6Adapter#onSessionData}
 * return, and the index of the counter it was counted under
 * ({@link Ipv6Adapter#count}). Plain ints so the data path does not box.
 * Outbound values follow the order of INTEROP.md 9.3.
 */
public final class Ipv6Outcome {
    private Ipv6Outcome() {}

    /** Outbound: shorter than 40 bytes or not version 6; dropped silently (9.3 step 1). */
    public static final int IGNORED = 0;
    /** Outbound: destination outside fd00::/8; Destination Unreachable (9.3 step 1). */
    public static final int NOT_FIPS_DESTINATION = 1;
    /** Outbound: addressed to this node; written back to the TUN unchanged (9.3 step 1). */
    public static final int HAIRPINNED = 2;
    /** Outbound: longer than the effective IPv6 MTU; Packet Too Big with it (9.3 step 3). */
    public static final int TOO_BIG = 3;
    /** Outbound: identity cache miss; Destination Unreachable (9.3 step 4). */
    public static final int NO_IDENTITY = 4;
    /** Outbound: longer than the session's learned path MTU − 77; Packet Too Big with that (9.3 step 5). */
    public static final int PATH_TOO_BIG = 5;
    /** Outbound: compressed and accepted by the session layer (sent or queued; 9.3 steps 5, 6). */
    public static final int SENT = 6;
    /** Outbound: the session layer refused the packet (its send returned a negative outcome). */
    public static final int SEND_DROPPED = 7;
    /** Inbound: decompressed and written to the TUN (INTEROP.md 9.4). */
    public static final int DELIVERED = 8;
    /** Inbound: not a format 0x00 payload or too short (INTEROP.md 9.1); dropped. */
    public static final int MALFORMED = 9;

    /** Number of outcomes (size of a counter array). */
    public static final int COUNT = 10;

    /** Lower-case counter name: {@code ipv6_sent}, {@code ipv6_no_identity}, ... */
    public static String name(int outcome) {
        return switch (outcome) {
            case IGNORED -> "ipv6_ignored";
            case NOT_FIPS_DESTINATION -> "ipv6_not_fips_destination";
            case HAIRPINNED -> "ipv6_hairpinned";
            case TOO_BIG -> "ipv6_too_big";
            case NO_IDENTITY -> "ipv6_no_identity";
            case PATH_TOO_BIG -> "ipv6_path_too_big";
            case SENT -> "ipv6_sent";
            case SEND_DROPPED -> "ipv6_send_dropped";
            case DELIVERED -> "ipv6_delivered";
            case MALFORMED -> "ipv6_malformed";
            default -> throw new IllegalArgumentException("outcome=" + outcome);
        };
    }
}
