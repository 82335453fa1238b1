package fips.fmp.route;

/**
 * What {@link Router#onDatagram} and {@link Router#originate} did with a
 * datagram: the int they return and the index of the counter it was counted
 * under (STYLE.md rules 2 and 9; {@link Router#transitCount},
 * {@link Router#originateCount}). Plain ints so the forwarding path returns
 * without boxing.
 */
public final class RouteOutcome {
    private RouteOutcome() {}

    /** Addressed to this node: handed to {@link LocalDelivery} (INTEROP.md 8.1, whatever its ttl). */
    public static final int DELIVERED = 0;
    /** Handed to {@link LinkOutput} for the next hop (transit: ttl lowered, path_mtu folded; INTEROP.md 8.1). */
    public static final int FORWARDED = 1;
    /**
     * Transit only: ttl would reach 0 (INTEROP.md 8.1). Every hop lowers ttl
     * and only strictly-closer peers are chosen (INTEROP.md 5.5), so in a
     * converged mesh this counter stays at 0; it is the loop detector.
     */
    public static final int TTL_EXPIRED = 2;
    /**
     * No next hop (INTEROP.md 5.5). Transit: a PathBroken (destination
     * coordinates cached) or CoordsRequired goes back to the source (INTEROP.md 8.5).
     */
    public static final int NO_ROUTE = 3;
    /**
     * The sealed frame would exceed the next hop's link MTU. Transit: an
     * MtuExceeded goes back to the source (INTEROP.md 8.5).
     */
    public static final int MTU_EXCEEDED = 4;
    /** {@link LinkOutput} answered {@link LinkOutput#NO_LINK}: the peer went down under us. */
    public static final int LINK_DOWN = 5;
    /** Transit only: shorter than the 35-byte envelope (INTEROP.md 8.1). */
    public static final int MALFORMED = 6;

    /** Number of outcomes (size of a counter array). */
    public static final int COUNT = 7;

    /** Lower-case name for counters and logs: {@code forwarded}, {@code ttl_expired}, ... */
    public static String name(int outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case FORWARDED -> "forwarded";
            case TTL_EXPIRED -> "ttl_expired";
            case NO_ROUTE -> "no_route";
            case MTU_EXCEEDED -> "mtu_exceeded";
            case LINK_DOWN -> "link_down";
            case MALFORMED -> "malformed";
            default -> throw new IllegalArgumentException("outcome=" + outcome);
        };
    }
}
